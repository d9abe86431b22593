#!/usr/bin/env bash
# Build the macOS app: dist/patient-answers-<version>-macos-<arch>.dmg holding "Patient Answers.app"
#
#   bash packaging/macos/build_macos.sh [--clean]
#
# The same steps as packaging/build_linux.sh, with the same spec (its BUNDLE makes the .app):
# a venv in build/macos/venv, the app (editable) + PyInstaller, a prebuilt content.db + index
# from resources/content, PyInstaller, smoke checks of the .app's program, optional signing and
# notarisation, then a compressed disk image. NOT RUN in this project's CI (Linux only): keep it
# in step with build_linux.sh by hand. The .app is built for the architecture of the Python used
# (arm64 on Apple silicon); build on each architecture you ship.
#
# Environment:
#   PYTHON=python3.12          Python >= 3.11 (python.org universal2 or Homebrew)
#   CODESIGN_IDENTITY="Developer ID Application: Name (TEAMID)"   sign (else: ad-hoc only)
#   NOTARY_PROFILE=profile     notarise with a `xcrun notarytool store-credentials` profile
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
PYINSTALLER_SPEC="${PYINSTALLER_SPEC:-pyinstaller>=6.10,<7}"
WORK="$ROOT/build/macos"
VENV="$WORK/venv"
APP_TITLE="Patient Answers"
[[ "${1:-}" == "--clean" ]] && rm -rf "$WORK"
fail() { echo "build_macos.sh: $*" >&2; exit 1; }

echo "==> venv + pip install"
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e . "$PYINSTALLER_SPEC"
VERSION="$("$VENV/bin/python" -c 'import desktop; print(desktop.__version__)')"
NAME="patient-answers-$VERSION-macos-$(uname -m)"

echo "==> prebuilt content + index"
PREBUILT="$WORK/prebuilt"
rm -rf "$PREBUILT"
"$VENV/bin/patient-answers" build resources/content --data-dir "$PREBUILT"

echo "==> pyinstaller"
rm -rf "$WORK/dist"
PATIENT_ANSWERS_PREBUILT="$PREBUILT" "$VENV/bin/python" -m PyInstaller --noconfirm \
    --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/work" packaging/patient-answers.spec
APP="$WORK/dist/$APP_TITLE.app"
PROGRAM="$APP/Contents/MacOS/patient-answers"
[[ -x "$PROGRAM" ]] || fail "PyInstaller did not produce $PROGRAM"

# Licences of everything inside (as in the Linux tarball); signed along with the bundle.
"$VENV/bin/python" packaging/licences.py "$APP/Contents/Resources/LICENSES"

echo "==> smoke checks"
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
got="$("$PROGRAM" --version)"
[[ "$got" == "patient-answers $VERSION" ]] || fail "--version printed '$got'"
QT_QPA_PLATFORM=offscreen "$PROGRAM" info --json --data-dir "$SMOKE/data" | grep -q '"index_status": "ok"' \
    || fail "info --json: the prebuilt index was not seeded"
"$PROGRAM" search "heart attack" --json --data-dir "$SMOKE/data" | grep -q '"total": [1-9]' \
    || fail "search found nothing"
QT_QPA_PLATFORM=offscreen "$PROGRAM" gui --smoke --data-dir "$SMOKE/data" | tail -n 1 | grep -q startup_ms \
    || fail "gui --smoke failed"

echo "==> sign"
ENTITLEMENTS="$ROOT/packaging/macos/entitlements.plist"
if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    # Hook: sign every Mach-O inside first, then the bundle, with the hardened runtime that
    # notarisation requires (deep signing is deprecated).
    find "$APP/Contents" -type f \( -name "*.dylib" -o -name "*.so" -o -perm -u+x \) -print0 |
        xargs -0 -n 20 codesign --force --timestamp --options runtime \
            --entitlements "$ENTITLEMENTS" --sign "$CODESIGN_IDENTITY"
    codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
        --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
else
    echo "    CODESIGN_IDENTITY not set: ad-hoc signature only (Gatekeeper will warn on other Macs)"
    codesign --force --deep --sign - "$APP"
fi

echo "==> disk image"
mkdir -p dist
DMG="dist/$NAME.dmg"
rm -f "$DMG"
STAGE="$WORK/dmg"
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "$APP_TITLE" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
fi
if [[ -n "${NOTARY_PROFILE:-}" ]]; then
    # Hook: notarise and staple, so the app opens without warnings on other Macs.
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
    xcrun stapler validate "$DMG"
fi
shasum -a 256 "$DMG" | tee "$DMG.sha256"
du -sh "$APP" "$DMG"
