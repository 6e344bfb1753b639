"""PySide6 screens: self-service wizard, staff console and shared widgets."""
