"""Implementations of the CLI commands (imported lazily by ``fa_tui.cli``)."""
