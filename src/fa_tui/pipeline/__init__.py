"""The one pipeline every front end runs (``check``, ``outline``, ``tables``, the inspector).

See ``stages`` for the stages and their results, ``placement`` for how findings are placed in
parts and tables, ``gc_pause`` for the collector pause.
"""

from fa_tui.pipeline.stages import (
    Checked,
    Checker,
    Described,
    Outlined,
    Stage,
    StageResult,
    Tabled,
    analyse,
    build_report,
    load_report,
    looks_like_report,
    preload,
    rule_titles,
    run_rules,
    stages,
    transient,
)

__all__ = [
    "Checked",
    "Checker",
    "Described",
    "Outlined",
    "Stage",
    "StageResult",
    "Tabled",
    "analyse",
    "build_report",
    "load_report",
    "looks_like_report",
    "preload",
    "rule_titles",
    "run_rules",
    "stages",
    "transient",
]
