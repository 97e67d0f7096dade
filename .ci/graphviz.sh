#!/usr/bin/env bash
# Graphviz (`dot`) for the flow diagrams, and poppler-utils (`pdfinfo`, `pdftoppm`) for the render tests.
#
#   bash .ci/graphviz.sh      # installs the Debian packages with apt-get only if `dot` or `pdfinfo` is missing
#
# Called by `make diagrams` / `make test` / `make docs` and by .ci/run. The installed app needs neither: the
# diagrams it shows are rendered at build time (see docs/flow-format.md, "Diagrams").
set -euo pipefail
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
  echo "graphviz.sh: please install ${need[*]} (apt-get install -y ${need[*]})" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = "0" ] || SUDO=sudo
echo "graphviz.sh: installing ${need[*]} (apt-get)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
command -v dot >/dev/null 2>&1 || { echo "graphviz.sh: dot still missing after install" >&2; exit 1; }
