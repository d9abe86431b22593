#!/bin/sh
# Install (or remove) this Patient Answers bundle and its menu entry.
#
#   ./install.sh                 for you: ~/.local/opt/patient-answers, ~/.local/bin
#   sudo ./install.sh --system   for everyone: /opt/patient-answers, /usr/local/bin
#   ./install.sh --uninstall     (add --system for a system-wide install)
#
# Your answers, bookmarks and settings live elsewhere (patient-answers info shows where) and are
# left alone by both install and uninstall.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
APP=patient-answers
APP_ID=io.github.patientanswers.PatientAnswers
SYSTEM=0
UNINSTALL=0
for arg in "$@"; do
    case "$arg" in
        --system) SYSTEM=1 ;;
        --uninstall) UNINSTALL=1 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done
if [ "$SYSTEM" = 1 ]; then
    PREFIX=/opt/patient-answers
    BIN=/usr/local/bin
    SHARE=/usr/local/share
else
    SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
    PREFIX="$HOME/.local/opt/patient-answers"  # not in ~/.local/share/patient-answers: your data
    BIN="$HOME/.local/bin"
fi
SIZES="16 24 32 48 64 128 256"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

remove() {
    rm -rf "$PREFIX"
    if [ -L "$BIN/$APP" ]; then rm -f "$BIN/$APP"; fi
    rm -f "$SHARE/applications/$APP_ID.desktop" "$SHARE/metainfo/$APP_ID.metainfo.xml" \
          "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in $SIZES; do rm -f "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
}

if [ "$UNINSTALL" = 1 ]; then
    remove
    refresh
    echo "Removed Patient Answers from $PREFIX"
    exit 0
fi

remove  # an upgrade replaces the whole program folder
mkdir -p "$PREFIX" "$BIN" "$SHARE/applications" "$SHARE/metainfo"
cp -a "$HERE/$APP" "$HERE/_internal" "$PREFIX/"
ln -s "$PREFIX/$APP" "$BIN/$APP"
sed -e "s|^Exec=$APP|Exec=\"$PREFIX/$APP\"|" -e "s|^TryExec=$APP|TryExec=$PREFIX/$APP|" \
    "$HERE/share/applications/$APP_ID.desktop" > "$SHARE/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
for size in $SIZES; do
    mkdir -p "$SHARE/icons/hicolor/${size}x${size}/apps"
    cp "$HERE/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png" "$SHARE/icons/hicolor/${size}x${size}/apps/"
done
mkdir -p "$SHARE/icons/hicolor/scalable/apps"
cp "$HERE/share/icons/hicolor/scalable/apps/$APP_ID.svg" "$SHARE/icons/hicolor/scalable/apps/"
refresh
echo "Installed Patient Answers in $PREFIX"
echo "Start it from your applications menu, or run: $BIN/$APP"
