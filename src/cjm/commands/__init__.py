"""One module per command: each exposes a function that does the work and returns an
exit code. They sit between the Typer app and the core, and own all terminal output."""
