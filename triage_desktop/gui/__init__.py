"""triage_desktop.gui"""
