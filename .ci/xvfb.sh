#!/usr/bin/env bash
# A real X display for the window-manager tests (tests/gui/test_fit_xvfb.py: the main window maximised by openbox
# on a 1366x768 Xvfb screen): Xvfb, openbox and the two xcb libraries Qt's xcb plugin needs beyond the base image
# (without them Qt's error misleadingly names libxcb-cursor0).
#
#   bash .ci/xvfb.sh      # apt-get only if something is missing; called by .ci/run and `make test`
set -euo pipefail
need=()
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v openbox >/dev/null 2>&1 || need+=(openbox)
for lib in libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0; do
  dpkg -s "$lib" >/dev/null 2>&1 || need+=("$lib")
done
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
  echo "xvfb.sh: please install ${need[*]} (apt-get install -y ${need[*]})" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = "0" ] || SUDO=sudo
echo "xvfb.sh: installing ${need[*]} (apt-get)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
command -v Xvfb >/dev/null 2>&1 || { echo "xvfb.sh: Xvfb still missing after install" >&2; exit 1; }
