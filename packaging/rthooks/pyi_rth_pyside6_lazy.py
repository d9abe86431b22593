"""Runtime hook replacing PyInstaller's pyi_rth_pyside6: the same environment, without importing Qt.

PyInstaller's own hook imports PySide6.QtCore at start-up (to register a qt.conf), which costs
every command, even `--version` or `search`, ~50 ms and the loading of Qt and ICU. The PySide6
wheels register that qt.conf themselves when QtCore is first imported (libpyside6's internal
qt.conf), so only the environment variables are needed here. `gui --smoke` in build_linux.sh is
the check that Qt still finds its plugins.
"""


def _pyi_rthook() -> None:
    import os
    import sys

    base = sys._MEIPASS  # type: ignore[attr-defined]
    qt_dir = (
        os.path.join(base, "PySide6")
        if sys.platform.startswith("win")
        else os.path.join(base, "PySide6", "Qt")
    )
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_dir, "plugins")
    os.environ.pop("QML2_IMPORT_PATH", None)  # no QML in this app; ignore one set outside
    if sys.platform.startswith("win"):
        # QtNetwork's OpenSSL backend finds the DLLs PyInstaller put beside the program.
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")
    elif sys.platform == "darwin" and not os.path.basename(os.path.dirname(base)) == "Contents":
        old = os.environ.get("DYLD_LIBRARY_PATH", "")
        os.environ["DYLD_LIBRARY_PATH"] = base + os.pathsep + old


_pyi_rthook()
del _pyi_rthook
