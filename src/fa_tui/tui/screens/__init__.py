"""Screens of the inspector: the main screen, the help and the one-line prompt."""
