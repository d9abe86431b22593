"""What the bundle holds and leaves out: the lists that packaging/patient-answers.spec applies.

Kept apart from the spec (which only PyInstaller can run) so tests/packaging can check them.
No PyInstaller or Qt imports here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatch
from pathlib import Path

APP_NAME = "patient-answers"  # the console script, the executable, the bundle folder
APP_ID = "io.github.patientanswers.PatientAnswers"  # .desktop, metainfo, icons, macOS bundle id
APP_TITLE = "Patient Answers"

# Files under resources/ that the running app never reads (.ico/.icns go into the executables).
RESOURCE_SKIP = ("__pycache__", "*.pyc", ".DS_Store", "*.ico", "*.icns")
# A Whoosh write lock left by the build is no part of an index.
INDEX_SKIP = ("*LOCK*",)

# Qt modules of PySide6-Essentials the reader does not use, and Python's own dead weight.
# (tests/packaging fails if desktop/ imports one of these.)
EXCLUDES = [
    "PySide6.QtQml",
    "PySide6.QtQmlFeatures",
    "PySide6.QtQuick",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickTest",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtUiTools",
    "PySide6.QtTest",
    "PySide6.QtSql",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtDBus",
    "PySide6.QtLabsStyleKit",
    "PySide6.scripts",
    # PySide6-Addons: only QtTextToSpeech is used (Read aloud); see ADDONS_DROPPED below.
    *(
        f"PySide6.{m}"
        for m in (
            "Qt3DAnimation",
            "Qt3DCore",
            "Qt3DExtras",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DRender",
            "QtBluetooth",
            "QtCanvasPainter",
            "QtCharts",
            "QtDataVisualization",
            "QtGraphs",
            "QtGraphsWidgets",
            "QtHttpServer",
            "QtLocation",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtNetworkAuth",
            "QtNfc",
            "QtPdf",
            "QtPdfWidgets",
            "QtPositioning",
            "QtQuick3D",
            "QtRemoteObjects",
            "QtScxml",
            "QtSensors",
            "QtSerialBus",
            "QtSerialPort",
            "QtSpatialAudio",
            "QtStateMachine",
            "QtWebChannel",
            "QtWebEngineCore",
            "QtWebEngineQuick",
            "QtWebEngineWidgets",
            "QtWebSockets",
            "QtWebView",
        )
    ),
    "tkinter",
    "_tkinter",
    "readline",
    "unittest",
    "pydoc",
    "pydoc_data",
    "lib2to3",
    "idlelib",
    "test",
    "pip",
    "setuptools",
    "pkg_resources",
    "distutils",
    "_distutils_hack",
    "wheel",
    "pytest",
    "_pytest",
    "pytestqt",
    "IPython",
    "numpy",
]

# Qt libraries only QML/Quick, OpenGL widgets, Pdf, SQL... need: every platform's file names.
UNUSED_QT_LIBS = (
    "Qml",
    "Quick",
    "Pdf",
    "VirtualKeyboard",
    "Designer",
    "OpenGLWidgets",
    "Sql",
    "Test",
    "LabsStyleKit",
)

# PySide6-Addons is installed for QtTextToSpeech alone: the bundle keeps PySide6/QtTextToSpeech,
# libQt6TextToSpeech, the plugins/texttospeech engines and libQt6Multimedia (which
# libQt6TextToSpeech links against: audio output for the engines that synthesize themselves).
# Every other Addons library (WebEngine, 3D, FFmpeg, Charts...), plugin and Python module stays
# out. tests/packaging checks this against the installed Addons' own file list.
ADDONS_DROPPED_LIBS = (
    "3D",
    "Bluetooth",
    "CanvasPainter",
    "Charts",
    "DataVisualization",
    "FFmpegStub",
    "Graphs",
    "HttpServer",
    "Location",
    "MultimediaQuick",
    "MultimediaWidgets",
    "NetworkAuth",
    "Nfc",
    "Positioning",
    "RemoteObjects",
    "Scxml",
    "Sensors",
    "SerialBus",
    "SerialPort",
    "ShaderTools",
    "SpatialAudio",
    "StateMachine",
    "WebChannel",
    "WebEngine",
    "WebSockets",
    "WebView",
)
ADDONS_DROPPED_PLUGINS = (
    "assetimporters",
    "canbus",
    "geometryloaders",
    "geoservices",
    "multimedia",  # FFmpeg/GStreamer media players: speech needs none of them
    "position",
    "renderers",
    "renderplugins",
    "sceneparsers",
    "scxmldatamodel",
    "sensors",
    "webview",
)

# Collected binaries to leave out, matched against their path inside the bundle
# (Linux: PySide6/Qt/lib/libQt6X.so.6, PySide6/Qt/plugins/...; Windows: PySide6/Qt6X.dll,
# PySide6/plugins/...; macOS: PySide6/Qt/lib/QtX.framework/...).
DROP_BINARIES = [
    *(f"*/Qt/lib/libQt6{m}*" for m in UNUSED_QT_LIBS),
    *(f"*/PySide6/Qt6{m}*" for m in UNUSED_QT_LIBS),
    *(f"*/Qt/lib/Qt{m}*.framework/*" for m in UNUSED_QT_LIBS),
    # platform plugins for embedded/VNC targets (desktops use xcb, wayland, windows or cocoa;
    # the smoke checks use offscreen)
    "*/plugins/platforms/libqeglfs*",
    "*/plugins/platforms/libqlinuxfb*",
    "*/plugins/platforms/*qminimal*",
    "*/plugins/platforms/libqvnc*",
    "*/plugins/platforms/libqvkkhrdisplay*",
    "*/plugins/platforms/qdirect2d*",
    "*/plugins/egldeviceintegrations/*",
    "*/plugins/generic/*",
    "*/plugins/platformthemes/libqgtk3*",  # would drag in GTK; xdg-desktop-portal theme stays
    *(f"*/plugins/imageformats/*q{f}.*" for f in ("pdf", "tiff", "webp", "icns", "tga", "wbmp")),
    "*/plugins/sqldrivers/*",
    "*/plugins/qmltooling/*",
    "*/plugins/designer/*",
    "*/plugins/networkinformation/libqglib*",  # GLib/GIO backend; NetworkManager's stays
    # Wayland: keep xdg-shell and the client-side decorations; drop compositor-side buffer
    # integrations and shells for embedded/IVI/Qt compositors.
    "*/plugins/wayland-graphics-integration-client/*-server*",
    "*/plugins/wayland-shell-integration/libfullscreen-shell*",
    "*/plugins/wayland-shell-integration/libivi-shell*",
    "*/plugins/wayland-shell-integration/libqt-shell*",
    "*/plugins/wayland-shell-integration/libwl-shell*",
    # CUPS (and the TLS/Kerberos/Avahi libraries only it pulls in, ~9 MB): Qt's print plugin uses
    # the system's libcups, as every desktop with printers has; without it, printing falls back
    # to PDF. A bundled CUPS client from the build machine would not match the system's daemon
    # configuration any better.
    "*/libcups.so*",
    # PySide6-Addons beyond text-to-speech (see ADDONS_DROPPED_LIBS)
    *(f"*/Qt/lib/libQt6{m}*" for m in ADDONS_DROPPED_LIBS),
    *(f"*/PySide6/Qt6{m}*" for m in ADDONS_DROPPED_LIBS),
    *(f"*/Qt/lib/Qt{m}*.framework/*" for m in ADDONS_DROPPED_LIBS),
    *(f"*/plugins/{d}/*" for d in ADDONS_DROPPED_PLUGINS),
    *(f"*/Qt/lib/lib{f}*" for f in ("avcodec", "avformat", "avutil", "swresample", "swscale")),
    *(f"*/PySide6/{f}*" for f in ("avcodec", "avformat", "avutil", "swresample", "swscale")),
    # the Python bindings of Addons modules other than QtTextToSpeech
    *(
        f"*/PySide6/{m.split('.')[1]}.*"
        for m in EXCLUDES[EXCLUDES.index("PySide6.Qt3DAnimation") :]
        if m.startswith("PySide6.Qt")
    ),
    # speech-dispatcher's client library belongs to the system's speech-dispatcher (the speechd
    # engine loads it from there; a copy from the build machine could not talk to its daemon)
    "*/libspeechd.so*",
    # PulseAudio's client (libQt6Multimedia loads it; with it went libsndfile and its codecs,
    # ~3.7 MB) is the system's: speech-dispatcher's audio plugins depend on it, so every
    # computer with a voice has it, and it should match the system's sound server. Without it
    # Read aloud says which library is missing.
    "*/libpulse.so*",
    "*/libpulsecommon*",
]
# Collected data files to leave out.
DROP_DATAS = [
    # the reader is English-only, so Qt's own strings (dialog buttons...) stay English too
    "*/PySide6/Qt/translations/*",
    "*/PySide6/translations/*",
    "*/PySide6/Qt/qml/*",
    "*/PySide6/qml/*",
    "*/Qt/metatypes/*",
    "*/PySide6/metatypes/*",
    "*/PySide6/include/*",
    "*/PySide6/typesystems/*",
    "*.pyi",
]


def tree(src: Path, dest: str, skip: Sequence[str] = RESOURCE_SKIP) -> list[tuple[str, str]]:
    """(file, destination folder) pairs, PyInstaller's datas format, for every file under src."""
    pairs = []
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(fnmatch(part, pat) for part in rel.parts for pat in skip):
            continue
        if path.is_file():
            pairs.append((str(path), Path(dest, *rel.parts[:-1]).as_posix()))
    return pairs


def resource_datas(root: Path, prebuilt: Path) -> list[tuple[str, str]]:
    """The checkout's resources/ tree plus the prebuilt content.db and index, as datas.

    Lands as <bundle>/_internal/resources (sys._MEIPASS/resources: desktop.core.resources), with
    the prebuilt folder as resources/prebuilt (desktop.core.build.ensure_content seeds from it).
    """
    if not (prebuilt / "content.db").is_file() or not (prebuilt / "index").is_dir():
        raise FileNotFoundError(
            f"no prebuilt content in {prebuilt}: run 'patient-answers build resources/content "
            f"--data-dir {prebuilt}' first (packaging/build_linux.sh does)"
        )
    datas = [
        pair
        for pair in tree(root / "resources", "resources")
        if Path(pair[1]).parts[1:2] != ("prebuilt",)
    ]  # only the one built here ships
    datas.append((str(prebuilt / "content.db"), "resources/prebuilt"))
    datas += tree(prebuilt / "index", "resources/prebuilt/index", skip=INDEX_SKIP)
    return datas


def dropped(dest: str, patterns: Iterable[str]) -> bool:
    """Does a file with this path inside the bundle match one of the patterns?"""
    dest = dest.replace("\\", "/")
    return any(fnmatch(dest, pat) or fnmatch("/" + dest, pat) for pat in patterns)
