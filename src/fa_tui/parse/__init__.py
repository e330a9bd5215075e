"""Parsers: text → outline, numbers, tables, facts. Pure functions over ``SourceText``."""
