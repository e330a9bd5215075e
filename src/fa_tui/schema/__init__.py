"""The standard tables as data: one declaration per table, and the template sets that use them.

Every layer reads tables from here (titles, short names, columns, layouts, identities): the
parsers (``fa_tui.parse.tables``), the rules and the views. A new table, a title variant or a
regional set is one declaration: see ARCHITECTURE.md.
"""

import fa_tui.schema.regions  # noqa: F401  (registers the regional sets)
from fa_tui.schema.national import PERSONNEL, PUBLIC
from fa_tui.schema.spec import Codes, ColumnSum, Layout, SideClasses, Sides, TableSpec
from fa_tui.schema.templates import (
    DEFAULT,
    DETECTED,
    NATIONAL,
    TEMPLATES,
    TemplateSet,
    register,
    template_named,
    template_of,
)

__all__ = [
    "DEFAULT",
    "DETECTED",
    "NATIONAL",
    "PERSONNEL",
    "PUBLIC",
    "TEMPLATES",
    "Codes",
    "ColumnSum",
    "Layout",
    "SideClasses",
    "Sides",
    "TableSpec",
    "TemplateSet",
    "register",
    "template_named",
    "template_of",
]
