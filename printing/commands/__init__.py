"""Command-line commands that need documents or printers (loaded lazily by kiosk.cli)."""
