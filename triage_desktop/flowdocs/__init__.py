"""Flow documents: diagrams (Graphviz), the flow book, change notes between versions. Imports core only."""
