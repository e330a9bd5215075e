"""The inspector: a keyboard-driven Textual app over one report (imports the core, not back)."""
