"""fa-tui: a terminal inspector for departmental final-accounts disclosures (部门决算公开)."""

__version__ = "0.1.0"
