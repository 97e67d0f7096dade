#!/usr/bin/env bash
# The accessibility-tree test (tests/gui/test_atspi_tree.py, `make a11y`): a real X display (Xvfb + openbox),
# the AT-SPI bus (at-spi2-core, dbus-run-session from dbus-x11), the system python3's pyatspi to walk the tree,
# xdotool for real X key presses, and the two xcb libraries Qt's xcb platform needs on this image.
#
#   bash .ci/a11y.sh      # apt-get only for what is missing
#
# Called by `make a11y` / `make test` and by .ci/run.
set -euo pipefail
need=()
for pkg in at-spi2-core python3-pyatspi dbus-x11 xvfb openbox xdotool libxcb-icccm4 libxcb-keysyms1; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
  echo "a11y.sh: please install ${need[*]} (apt-get install -y ${need[*]})" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = "0" ] || SUDO=sudo
echo "a11y.sh: installing ${need[*]} (apt-get)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
/usr/bin/python3 -c "import pyatspi" || { echo "a11y.sh: pyatspi still missing after install" >&2; exit 1; }
