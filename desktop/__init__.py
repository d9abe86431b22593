"""Patient Answers: an offline desktop reader for patient health answers."""

__version__ = "0.1.0"
