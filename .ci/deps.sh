#!/usr/bin/env bash
# Installs the Debian packages Option Space needs, only those that are missing.
# Usage: .ci/deps.sh [build|test|bench]
#   build: the C toolchain and X11/GL headers for Fyne's cgo build.
#   test:  build + Xvfb for the real-window smoke test, poppler-utils for the
#          report tests (pdftotext/pdftoppm), ImageMagick for screenshots,
#          xdotool to drive the real window (clicks, keys) and
#          openpyxl, the independent reader/writer of the workbook tests.
#   bench: test + quantlib-python (QuantLib 1.29) for the side-by-side run
#          of valuation/testdata/sidebyside.sh (not needed by make test).
set -eu
want="gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev wayland-protocols"
if [ "${1:-build}" = test ] || [ "${1:-build}" = bench ]; then
  want="$want xvfb xauth xdotool poppler-utils imagemagick python3-openpyxl"
fi
if [ "${1:-build}" = bench ]; then
  want="$want quantlib-python"
fi
# The PDF report's fallback fonts (Arabic, Hebrew, CJK), for make run and the tests.
want="$want fonts-dejavu-core fonts-droid-fallback"
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "deps: missing packages:$missing (install them with your package manager)" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps: installing$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
