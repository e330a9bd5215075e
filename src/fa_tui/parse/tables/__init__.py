"""Stage 3, tables: the standard tables (declared in ``fa_tui.schema``) and other tables.

``blocks`` finds each table's lines by title (``titles``), ``layout`` splits them into cells,
``grid`` and ``columns`` read codes, names and which column holds which figure (``codes``: a
code printed over 类/款/项 columns, which are never figures), and one builder
per layout (``sides``, ``coded``, ``economic``, ``generic``) turns them into rows; ``build``
drives the stage (``parse_tables``).
"""

from fa_tui.parse.tables.build import build_table, parse_tables

__all__ = ["build_table", "parse_tables"]
