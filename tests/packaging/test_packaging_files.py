"""Packaging recipes that can be checked without building a bundle (packaging/build_linux.sh
builds and smoke-tests the real one; it takes about a minute, so it is not run here)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop import __version__

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
ICONS = REPO / "resources" / "icons" / "app"
SVG_NS = "{http://www.w3.org/2000/svg}"


def _load(name: str):
    """A module of packaging/ by path (packaging/ is no package: `packaging` is a PyPI name)."""
    spec = importlib.util.spec_from_file_location(f"_pa_{name}", PACKAGING / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle_data = _load("bundle_data")
icons = _load("icons")
APP_ID = bundle_data.APP_ID
APP_NAME = bundle_data.APP_NAME
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


# --- .desktop and AppStream metainfo -------------------------------------------------------------


def test_console_script_is_the_bundle_program() -> None:
    assert APP_NAME in _pyproject()["project"]["scripts"]


def test_desktop_entry_names_the_app_id_icon_and_program() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == bundle_data.APP_TITLE
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == APP_NAME
    assert entry["TryExec"] == APP_NAME
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")


def test_metainfo_matches_the_desktop_entry_and_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == _desktop_entry()["Name"]
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert [b.text for b in root.findall("provides/binary")] == [APP_NAME]
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == _pyproject()["project"]["license"]["text"]
    releases = root.findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == __version__, "newest <release> must be the app version"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date") or "")
    categories = [c.text for c in root.findall("categories/category")]
    assert categories == [c for c in _desktop_entry()["Categories"].split(";") if c]


@pytest.mark.skipif(
    not shutil.which("desktop-file-validate"),
    reason="desktop-file-validate not installed (desktop-file-utils)",
)
def test_desktop_file_validate() -> None:
    out = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert out.returncode == 0 and "error" not in out.stdout, out.stdout + out.stderr


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstreamcli not installed")
def test_appstreamcli_validate() -> None:
    out = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert not re.search(r"^[EW]:", out.stdout, re.M), out.stdout


# --- icons ---------------------------------------------------------------------------------------


def test_svg_is_square_with_a_viewbox() -> None:
    root = ET.parse(icons.SVG).getroot()
    assert root.tag == f"{SVG_NS}svg"
    x, y, w, h = (float(v) for v in root.get("viewBox", "").replace(",", " ").split())
    assert (x, y) == (0, 0) and w == h > 0
    assert root.findall(f".//{SVG_NS}path") or root.findall(f".//{SVG_NS}rect")


@pytest.mark.parametrize("size", icons.SIZES)
def test_png_icons_exist_at_each_size(size: int) -> None:
    path = ICONS / icons.png_name(size)
    assert path.is_file(), f"missing {path}: run python packaging/icons.py"
    assert icons.png_size(path.read_bytes()) == (size, size)


def test_png_sizes_are_the_usual_hicolor_ones() -> None:
    assert set(icons.SIZES) >= {16, 24, 32, 48, 64, 128, 256}


def test_ico_holds_png_images_at_the_windows_sizes() -> None:
    data = (ICONS / "patient-answers.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(icons.ICO_SIZES))
    sizes = []
    for i in range(count):
        entry = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        w, length, offset = entry[0], entry[6], entry[7]
        png = data[offset : offset + length]
        assert icons.png_size(png)[0] == (w or 256)
        sizes.append(w or 256)
    assert sorted(sizes) == sorted(icons.ICO_SIZES)


def test_icns_is_well_formed() -> None:
    data = (ICONS / "patient-answers.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    offset, kinds = 8, {}
    while offset < len(data):
        kind = data[offset : offset + 4].decode()
        length = struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        kinds[kind] = icons.png_size(data[offset + 8 : offset + length])[0]
        offset += length
    assert offset == len(data)
    assert kinds == dict(icons.ICNS_TYPES)


def test_ico_and_icns_writers_round_trip(tmp_path: Path) -> None:
    png = (ICONS / icons.png_name(16)).read_bytes()
    ico = icons.ico_bytes({16: png, 256: png})
    assert struct.unpack_from("<HHH", ico) == (0, 1, 2)
    assert ico.endswith(png + png)


# --- the spec and what the bundle holds ----------------------------------------------------------


def test_spec_is_python_and_uses_the_shared_lists() -> None:
    source = (PACKAGING / "patient-answers.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    called = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE", "resource_datas"} <= called
    for name in ("EXCLUDES", "DROP_BINARIES", "DROP_DATAS", "resource_datas", "APP_ID"):
        assert name in source
    assert "launcher.py" in source and "pyi_rth_pyside6_lazy.py" in source
    assert (PACKAGING / "launcher.py").is_file()
    assert (PACKAGING / "rthooks" / "pyi_rth_pyside6_lazy.py").is_file()


def test_spec_ships_every_resource_and_the_prebuilt_content(tmp_path: Path) -> None:
    prebuilt = tmp_path / "prebuilt"
    (prebuilt / "index" / "v-1-abc").mkdir(parents=True)
    (prebuilt / "content.db").write_bytes(b"db")
    (prebuilt / "index" / "CURRENT").write_text("v-1-abc")
    (prebuilt / "index" / "v-1-abc" / "stamp.json").write_text("{}")
    (prebuilt / "index" / "v-1-abc" / "MAIN_WRITELOCK").write_text("")
    datas = bundle_data.resource_datas(REPO, prebuilt)
    shipped = {Path(dest, Path(src).name).as_posix() for src, dest in datas}
    # what the app reads at run time (desktop.core.resources and the window)
    for wanted in (
        "resources/synonyms.tsv",
        "resources/icons/app/patient-answers.svg",
        "resources/prebuilt/content.db",
        "resources/prebuilt/index/CURRENT",
        "resources/prebuilt/index/v-1-abc/stamp.json",
    ):
        assert wanted in shipped, wanted
    assert "resources/prebuilt/index/v-1-abc/MAIN_WRITELOCK" not in shipped
    sources = {Path(src).resolve() for src, _ in datas}
    for path in (REPO / "resources").rglob("*"):
        if path.is_file() and path.suffix not in (".ico", ".icns", ".pyc"):
            assert path.resolve() in sources, f"{path} would not be in the bundle"
    for folder in ("content", "styles"):
        assert any(p.startswith(f"resources/{folder}/") for p in shipped), folder


def test_spec_refuses_to_build_without_prebuilt_content(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no prebuilt content"):
        bundle_data.resource_datas(REPO, tmp_path / "nothing")


def test_no_prebuilt_database_is_committed() -> None:
    assert not (REPO / "resources" / "prebuilt").exists()
    assert not list((REPO / "resources").rglob("*.db"))


def _qt_modules_imported_by_the_app() -> set[str]:
    found = set()
    for path in (REPO / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found.update(n for n in names if n.startswith("PySide6."))
    return found


def test_excluded_qt_modules_are_not_used_by_the_app() -> None:
    used = _qt_modules_imported_by_the_app()
    excluded = bundle_data.EXCLUDES
    clash = {m for m in used if any(m == ex or m.startswith(ex + ".") for ex in excluded)}
    assert clash == set(), f"the spec excludes Qt modules the app imports: {sorted(clash)}"


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt6Widgets.dll",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",
        # Read aloud (PySide6-Addons): the module, its library and engines, and Multimedia,
        # which libQt6TextToSpeech links against
        "PySide6/QtTextToSpeech.abi3.so",
        "PySide6/Qt/lib/libQt6TextToSpeech.so.6",
        "PySide6/Qt/lib/libQt6Multimedia.so.6",
        "PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so",
        "PySide6/Qt/plugins/texttospeech/libqtexttospeech_mock.so",
        "PySide6/Qt6TextToSpeech.dll",
        "PySide6/plugins/texttospeech/qtexttospeech_sapi.dll",
    ],
)
def test_drop_patterns_keep_what_the_window_needs(dest: str) -> None:
    assert not bundle_data.dropped(dest, bundle_data.DROP_BINARIES)
    assert not bundle_data.dropped(dest, bundle_data.DROP_DATAS)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt6Qml.dll",
        "PySide6/Qt6QuickWidgets.dll",
        "PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml",
        "PySide6/plugins/imageformats/qtiff.dll",
        "libcups.so.2",
        "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
        "PySide6/Qt/lib/libavcodec.so.61",
        "PySide6/Qt/lib/libQt6MultimediaWidgets.so.6",
        "PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so",
        "PySide6/QtMultimedia.abi3.so",
        "PySide6/Qt6WebEngineCore.dll",
        "libspeechd.so.2",
        "libpulse.so.0",
        "libpulsecommon-16.1.so",
    ],
)
def test_drop_patterns_leave_out_unused_qt(dest: str) -> None:
    assert bundle_data.dropped(dest, bundle_data.DROP_BINARIES)


@pytest.mark.parametrize(
    "dest", ["PySide6/Qt/translations/qtbase_de.qm", "PySide6/translations/qtbase_de.qm"]
)
def test_drop_patterns_leave_out_qt_translations(dest: str) -> None:
    assert bundle_data.dropped(dest, bundle_data.DROP_DATAS)


def test_only_text_to_speech_is_kept_of_pyside6_addons() -> None:
    """Every binary the installed PySide6-Addons holds is dropped, except Read aloud's."""
    from importlib.metadata import PackageNotFoundError, files

    try:
        addons = [str(f) for f in files("PySide6_Addons") or []]
    except PackageNotFoundError:
        pytest.skip("PySide6-Addons is not installed")
    binaries = [f for f in addons if re.search(r"\.(so|dll|dylib)(\.[0-9]+)*$", f)]
    assert len(binaries) > 50
    speech = re.compile(r"TextToSpeech|/texttospeech/|libQt6Multimedia\.so|Qt6Multimedia\.dll")
    drop = bundle_data.DROP_BINARIES + bundle_data.DROP_DATAS
    kept = [f for f in binaries if not bundle_data.dropped(f, drop)]
    assert kept and all(speech.search(f) for f in kept), kept
    assert any("libqtexttospeech_speechd" in f for f in kept)


def test_licences_lists_every_runtime_distribution(tmp_path: Path) -> None:
    licences = _load("licences")
    licences.write(tmp_path)
    text = (tmp_path / "THIRD-PARTY.txt").read_text(encoding="utf-8")
    names = {line.split()[0].lower() for line in text.splitlines()[4:] if line.strip()}
    for dist in (
        "patient-answers",
        "pyside6_essentials",
        "shiboken6",
        "whoosh-reloaded",
        "cryptography",
        "nh3",
        "markdown",
        "sqlite-utils",
        "platformdirs",
        "python",
    ):
        assert dist in names, dist
    assert "pip" not in names and "pytest" not in names
    assert "LGPL" in text


def test_python_helpers_compile() -> None:
    for path in [
        PACKAGING / "launcher.py",
        PACKAGING / "rthooks" / "pyi_rth_pyside6_lazy.py",
        PACKAGING / "icons.py",
        PACKAGING / "bundle_data.py",
        PACKAGING / "licences.py",
        REPO / "bench" / "bundle.py",
    ]:
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


# --- scripts and the other platforms' recipes ----------------------------------------------------


@pytest.mark.skipif(not shutil.which("bash"), reason="no bash")
def test_build_script_is_valid_bash() -> None:
    out = subprocess.run(
        ["bash", "-n", str(PACKAGING / "build_linux.sh")], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr


def test_build_script_names_the_tarball_and_smoke_checks() -> None:
    text = (PACKAGING / "build_linux.sh").read_text(encoding="utf-8")
    assert 'NAME="$APP-$VERSION-linux-$ARCH"' in text and "dist/$NAME.tar.gz" in text
    for check in (
        "--version",
        "gui --smoke",
        "info --json",
        "QT_QPA_PLATFORM=offscreen",
        "packaging/patient-answers.spec",
        "pyinstaller>=6",
    ):
        assert check in text, check


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("sh"), reason="POSIX shell")
def test_install_script_installs_and_removes_a_bundle(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / APP_NAME).write_text("#!/bin/sh\necho hello\n")
    (bundle / APP_NAME).chmod(0o755)
    shutil.copy(PACKAGING / "linux" / "install.sh", bundle / "install.sh")
    share = bundle / "share"
    (share / "applications").mkdir(parents=True)
    (share / "metainfo").mkdir()
    shutil.copy(DESKTOP, share / "applications")
    shutil.copy(METAINFO, share / "metainfo")
    for size in icons.SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(ICONS / icons.png_name(size), folder / f"{APP_ID}.png")
    (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(icons.SVG, share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg")
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(home / "data")}

    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True, capture_output=True)
    installed = home / "data" / "applications" / f"{APP_ID}.desktop"
    prefix = home / ".local" / "opt" / "patient-answers"
    assert f'Exec="{prefix}/{APP_NAME}"' in installed.read_text()
    assert (
        subprocess.run(
            [str(home / ".local" / "bin" / APP_NAME)], capture_output=True, text=True
        ).stdout
        == "hello\n"
    )
    assert (home / "data" / "icons" / "hicolor" / "16x16" / "apps" / f"{APP_ID}.png").is_file()
    assert (home / "data" / "metainfo" / METAINFO.name).is_file()

    subprocess.run(
        ["sh", str(bundle / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True
    )
    assert not installed.exists() and not prefix.exists()
    assert not (home / ".local" / "bin" / APP_NAME).exists()


def test_inno_setup_script_matches_the_spec() -> None:
    iss = (PACKAGING / "windows" / "patient-answers.iss").read_text(encoding="utf-8")
    assert f"{APP_NAME}-gui.exe" in iss and f"{APP_NAME}.exe" in iss
    assert "dist\\{#AppName}" in iss or f"dist\\{APP_NAME}" in iss
    assert "patient-answers.ico" in iss
    assert bundle_data.APP_TITLE in iss
    assert re.search(r"AppId=\{\{[0-9A-F-]{36}\}", iss), "AppId must be a fixed GUID"
    ps1 = (PACKAGING / "windows" / "build_windows.ps1").read_text(encoding="utf-8")
    assert "patient-answers.spec" in ps1 and "gui --smoke" in ps1 and "ISCC" in ps1


def test_macos_recipe_matches_the_spec() -> None:
    sh = (PACKAGING / "macos" / "build_macos.sh").read_text(encoding="utf-8")
    assert "patient-answers.spec" in sh and "gui --smoke" in sh
    assert f"{bundle_data.APP_TITLE}.app" in sh
    for hook in ("codesign", "notarytool", "stapler"):
        assert hook in sh, hook
    import plistlib

    entitlements = plistlib.loads((PACKAGING / "macos" / "entitlements.plist").read_bytes())
    assert isinstance(entitlements, dict)
    subprocess.run(["bash", "-n", str(PACKAGING / "macos" / "build_macos.sh")], check=True)


def test_pip_install_ships_every_resource_where_the_app_looks() -> None:
    """A non-editable `pip install` puts resources/ under <prefix>/share/patient-answers."""
    from desktop.core.resources import INSTALLED

    data_files = _pyproject()["tool"]["setuptools"]["data-files"]
    installed = set()
    for dest, patterns in data_files.items():
        for pattern in patterns:
            for src in REPO.glob(pattern):
                # each file keeps its place under resources/
                assert Path(dest) == INSTALLED / src.parent.relative_to(REPO / "resources")
                installed.add(src.resolve())
    for path in (REPO / "resources").rglob("*"):
        if path.is_file() and "prebuilt" not in path.parts and path.suffix != ".pyc":
            assert path.resolve() in installed, f"{path} would be missing after pip install"
