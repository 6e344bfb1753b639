"""A module only tests/ui/test_startup.py imports: proves CoreStart's preload imports it."""

LOADED = True
