"""The panes of the inspector, one widget per module."""
