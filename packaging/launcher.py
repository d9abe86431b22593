"""The frozen program's entry point: the same `main()` as the `patient-answers` console script."""

import sys

if any(arg.startswith("--multiprocessing") for arg in sys.argv[1:3]):
    # A child process started by multiprocessing (spawn/forkserver) in the frozen app: only then
    # pay for importing multiprocessing, so a normal start stays as fast as from a venv.
    import multiprocessing

    multiprocessing.freeze_support()

from desktop.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
