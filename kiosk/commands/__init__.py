"""Command-line commands of the core, one module each."""
