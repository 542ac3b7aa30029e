#!/usr/bin/env bash
# Builds the one-folder app with PyInstaller from packaging/kiosk.spec, then checks the built program on
# the bundled deck: validate, render (no display needed) and a short windowed run.
#   packaging/build.sh              builds into dist/kiosk/ (work files in build/pyinstaller/)
#   KIOSK_DIST_DIR=DIR KIOSK_BUILD_DIR=DIR packaging/build.sh   elsewhere
# Needs PyInstaller in the Python that runs it (pip install pyinstaller). Exits non-zero when the build
# or a check fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dist="${KIOSK_DIST_DIR:-$root/dist}"
work="${KIOSK_BUILD_DIR:-$root/build/pyinstaller}"
python="${PYTHON:-python3}"

started=$SECONDS
"$python" -m PyInstaller --noconfirm --clean --log-level WARN --workpath "$work" --distpath "$dist" \
    "$root/packaging/kiosk.spec"
echo "built $dist/kiosk in $((SECONDS - started)) s"

program="$dist/kiosk/kiosk"
[ -x "$program.exe" ] && program="$program.exe"
checks="$(mktemp -d)"
trap 'rm -rf "$checks"' EXIT
# The checks need no display and touch no user files.
export QT_QPA_PLATFORM=offscreen KIOSK_LOG_DIR="$checks/logs" KIOSK_DATA_DIR="$checks/data"

"$program" validate
"$program" render --out "$checks/slides" --size 1280x720
pictures=("$checks"/slides/*.png)
echo "render wrote ${#pictures[@]} pictures"
"$program" run --windowed --exit-after 2
echo "the built program validates, renders and plays the bundled deck"
