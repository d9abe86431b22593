#!/usr/bin/env bash
# Build the Linux bundle from a checkout:  dist/patient-answers-<version>-linux-<arch>.tar.gz
#
#   bash packaging/build_linux.sh [--clean]
#
# Steps (each timed): a venv of its own in build/linux/venv with the app and PyInstaller; a
# prebuilt content.db + search index made from resources/content (shipped INSIDE the bundle as
# resources/prebuilt, never committed); PyInstaller --onedir with packaging/patient-answers.spec;
# the desktop files (.desktop, AppStream metainfo, hicolor icons, install.sh) beside the program;
# smoke checks of the staged bundle in a clean environment (--version, info --json on a new data
# folder, search, show, gui --smoke offscreen, Read aloud with Qt's mock voice); then the tarball
# and its sha256.
#
# Environment:
#   PYTHON=python3.12      the interpreter for the build venv (>= 3.11, built with a shared
#                          libpython, as distribution and pyenv --enable-shared builds are)
#   PYINSTALLER_SPEC=...   pip requirement for PyInstaller (default below)
#   SKIP_GUI_SMOKE=1       skip `gui --smoke` (only while the window does not exist yet)
#   ALLOW_MISSING_LIBS=1   build even if Qt's xcb plugin misses system libraries here (the bundle
#                          then needs them on the user's machine)
#   SOURCE_DATE_EPOCH      timestamp for the files in the tarball (default: last commit)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
PYINSTALLER_SPEC="${PYINSTALLER_SPEC:-pyinstaller>=6.10,<7}"
APP=patient-answers
APP_ID=io.github.patientanswers.PatientAnswers
WORK="$ROOT/build/linux"
VENV="$WORK/venv"

if [[ "${1:-}" == "--clean" ]]; then
    rm -rf "$WORK"
elif [[ -n "${1:-}" ]]; then
    echo "usage: $0 [--clean]" >&2
    exit 2
fi

T0=$SECONDS
STEP_T=$SECONDS
declare -a TIMINGS=()
step() {  # step NAME: close the previous step's timer and announce the next one
    local now=$SECONDS
    if [[ -n "${STEP_NAME:-}" ]]; then TIMINGS+=("$(printf '%-28s %4ss' "$STEP_NAME" $((now - STEP_T)))"); fi
    STEP_NAME="$1"
    STEP_T=$now
    [[ -n "$1" ]] && echo "==> $1"
    return 0
}
fail() { echo "build_linux.sh: $*" >&2; exit 1; }

# --- 1. venv --------------------------------------------------------------------------------------
step "venv + pip install"
"$PYTHON" - <<'EOF' || fail "need Python >= 3.11 with a shared libpython (set PYTHON=...)"
import sys, sysconfig
assert sys.version_info >= (3, 11), sys.version
assert sysconfig.get_config_var("Py_ENABLE_SHARED"), "Python built without --enable-shared"
EOF
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
# The app from this checkout, editable: the prebuilt index, the version and the code PyInstaller
# freezes then all come from the same source (a plain install of an unchanged version number is
# not refreshed by pip, and a stale copy would build an index the bundle calls old). The bundle
# itself holds copies of everything; it never reads the checkout.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e . "$PYINSTALLER_SPEC"
VERSION="$("$VENV/bin/python" -c 'import desktop; print(desktop.__version__)')"
ARCH="$(uname -m)"
NAME="$APP-$VERSION-linux-$ARCH"
echo "    $NAME with $("$VENV/bin/python" -m PyInstaller --version | sed 's/^/PyInstaller /')," \
     "PySide6 $("$VENV/bin/python" -c 'import PySide6; print(PySide6.__version__)')"

# Qt's platform plugins load these system libraries; PyInstaller copies them into the bundle only
# if they are installed here. Missing ones would make the bundle fail to open a window on a
# desktop that lacks them too.
QT_DIR="$("$VENV/bin/python" -c 'import PySide6, os; print(os.path.join(os.path.dirname(PySide6.__file__), "Qt"))')"
missing="$( (ldd "$QT_DIR/plugins/platforms/libqxcb.so"; ldd "$QT_DIR/plugins/platforms/libqoffscreen.so") \
            | awk '/not found/ && $1 !~ /^lib(GL|EGL|OpenGL)/ {print $1}' | sort -u | tr '\n' ' ')"
if [[ -n "$missing" ]]; then
    echo "    missing system libraries: $missing" >&2
    echo "    Debian/Ubuntu: apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" \
         "libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1" \
         "libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libegl1" >&2
    [[ "${ALLOW_MISSING_LIBS:-}" == 1 ]] || fail "install them (or ALLOW_MISSING_LIBS=1)"
fi

# --- 2. prebuilt content ------------------------------------------------------------------------------
step "prebuilt content + index"
PREBUILT="$WORK/prebuilt"
rm -rf "$PREBUILT"   # a build into an existing folder would raise the content version
"$VENV/bin/patient-answers" build "$ROOT/resources/content" --data-dir "$PREBUILT"
PREBUILT_INFO="$("$VENV/bin/patient-answers" info --json --data-dir "$PREBUILT")"
echo "    $PREBUILT_INFO"

# --- 3. PyInstaller -----------------------------------------------------------------------------------
step "pyinstaller"
rm -rf "$WORK/dist"
mkdir -p "$WORK"
rc=0
PATIENT_ANSWERS_PREBUILT="$PREBUILT" "$VENV/bin/python" -m PyInstaller --noconfirm \
    --log-level WARN --distpath "$WORK/dist" --workpath "$WORK/work" \
    "$ROOT/packaging/patient-answers.spec" > "$WORK/pyinstaller.log" 2>&1 || rc=$?
# (platformdirs' Windows code names Windows DLLs: not an issue on Linux)
grep -v -E "Library [a-z0-9]+ required via ctypes not found" "$WORK/pyinstaller.log" | sed 's/^/    /' || true
[[ $rc == 0 && -x "$WORK/dist/$APP/$APP" ]] || fail "PyInstaller failed (exit $rc): see $WORK/pyinstaller.log"

# --- 4. stage: the program + desktop integration ---------------------------------------------------
step "stage"
STAGE="$WORK/stage/$NAME"
rm -rf "$WORK/stage"
mkdir -p "$STAGE"
cp -a "$WORK/dist/$APP/." "$STAGE/"
SHARE="$STAGE/share"
install -D -m 644 "packaging/linux/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
install -D -m 644 "packaging/linux/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
for size in 16 24 32 48 64 128 256; do
    install -D -m 644 "resources/icons/app/patient-answers-$size.png" \
        "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
install -D -m 644 resources/icons/app/patient-answers.svg "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
install -m 755 packaging/linux/install.sh "$STAGE/install.sh"
"$VENV/bin/python" packaging/licences.py "$STAGE/LICENSES"
# The oldest glibc the bundle runs on is the newest symbol version any of its binaries uses
# (so build on the oldest distribution you support).
GLIBC="$(find "$STAGE" -type f \( -name "*.so*" -o -name "$APP" \) -print0 | xargs -0 objdump -T 2>/dev/null \
         | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n -u | tail -n 1)"
echo "    needs glibc >= ${GLIBC:-?}"
sed "s/@GLIBC@/${GLIBC:-2.34}/" packaging/linux/README.txt > "$STAGE/README.txt"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$SHARE/applications/$APP_ID.desktop"
else
    echo "    (desktop-file-validate not installed: apt-get install desktop-file-utils)"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --pedantic "$SHARE/metainfo/$APP_ID.metainfo.xml" | sed 's/^/    /'
else
    echo "    (appstreamcli not installed: apt-get install appstream)"
fi

# --- 5. smoke checks: the staged bundle, a clean environment, no source tree ------------------------
step "smoke checks"
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
run_bundle() {
    (cd "$SMOKE" && env -i HOME="$SMOKE/home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
        XDG_RUNTIME_DIR="$SMOKE/run" QT_QPA_PLATFORM=offscreen \
        PATIENT_ANSWERS_SPEECH_ENGINE="${PATIENT_ANSWERS_SPEECH_ENGINE:-}" "$STAGE/$APP" "$@")
}
mkdir -p "$SMOKE/home" "$SMOKE/run" && chmod 700 "$SMOKE/run"
got="$(run_bundle --version)"
[[ "$got" == "$APP $VERSION" ]] || fail "--version printed '$got', not '$APP $VERSION'"
echo "    --version: $got"
info="$(run_bundle info --json --data-dir "$SMOKE/data")"
echo "    info --json: $info"
"$VENV/bin/python" - "$info" "$PREBUILT_INFO" "$PREBUILT" "$SMOKE/data" <<'EOF' || fail "info --json check failed"
import json, sys
from pathlib import Path
got, built = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for key in ("answers", "topics", "synonyms", "content_version"):
    assert got[key] == built[key], (key, got[key], built[key])
assert got["answers"] > 0 and got["index_status"] == "ok", got
assert got["data_dir"] == sys.argv[4], got
# Seeded from the shipped prebuilt index (copied), not rebuilt at first start.
assert (Path(sys.argv[4]) / "index/CURRENT").read_text() == (Path(sys.argv[3]) / "index/CURRENT").read_text()
EOF
search="$(run_bundle search "heart attack" --limit 3 --json --data-dir "$SMOKE/data")"
"$VENV/bin/python" -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["total"] > 0, r; print("    search: total", r["total"], "first", r["results"][0]["id"])' "$search" \
    || fail "search found nothing"
first_id="$("$VENV/bin/python" -c 'import json,sys; print(json.loads(sys.argv[1])["results"][0]["id"])' "$search")"
run_bundle show "$first_id" --format html --data-dir "$SMOKE/data" | grep -q "<h" || fail "show printed no HTML"
echo "    show $first_id --format html: ok"
if [[ "${SKIP_GUI_SMOKE:-}" == 1 ]]; then
    echo "    gui --smoke: SKIPPED (SKIP_GUI_SMOKE=1)"
else
    # Read aloud with Qt's mock voice: the bundled QtTextToSpeech and its plugins load
    smoke="$(PATIENT_ANSWERS_SPEECH_ENGINE=mock run_bundle gui --smoke --data-dir "$SMOKE/data" | tail -n 1)" \
        || fail "gui --smoke failed"
    "$VENV/bin/python" -c 'import json,sys; r=json.loads(sys.argv[1]); assert {"startup_ms","first_answer_ms","rss_mb"} <= r.keys(), r; assert isinstance(r.get("read_aloud"), int) and r["read_aloud"] > 0, r' "$smoke" \
        || fail "gui --smoke printed no timings: $smoke"
    echo "    gui --smoke: $smoke"
fi

# --- 6. tarball -----------------------------------------------------------------------------------------
step "tarball"
mkdir -p dist
TARBALL="dist/$NAME.tar.gz"
EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
tar -C "$WORK/stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$EPOCH" \
    -cf - "$NAME" | gzip -6 -n > "$TARBALL"
(cd dist && sha256sum "$NAME.tar.gz" > "$NAME.tar.gz.sha256")

step ""
folder_bytes="$(du -sb "$STAGE" | cut -f1)"
tar_bytes="$(stat -c %s "$TARBALL")"
echo
echo "Built $TARBALL"
awk -v f="$folder_bytes" -v t="$tar_bytes" \
    'BEGIN { printf "  %-28s %8.1f MB\n  %-28s %8.1f MB\n", "bundle folder", f / 1e6, "tar.gz", t / 1e6 }'
printf '  %s\n' "${TIMINGS[@]}"
printf '  %-28s %4ss\n' "total" $((SECONDS - T0))
