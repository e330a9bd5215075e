"""Stable finding ids (``FA301-3f9a2c1b``): a reviewer's marks survive re-runs and revisions.

An id is the rule code and 8 hex digits of a BLAKE2b hash of the finding's *base key*:

    v1 | code | anchor | figures of its span | expected | actual | difference

``anchors.anchor`` says what the finding is about (a standard table's row and column, a
normalised narrative sentence, …) and ``anchors.figures`` normalises the figures it involves.
No line, column or page goes in, so the id is the same on every run (``--jobs N`` included), for
a TXT, PDF or DOCX of the same document, and after edits elsewhere (lines inserted above, a
paragraph added in another part, a typo fixed in another sentence). It changes when a figure it
involves changes, or its own sentence or row does.

Ids are unique within a report. Findings that share a base key are told apart by the ordinal of
that key in position order (the first keeps the plain hash, the second hashes ``… | #2``): this
is the one case where an insertion can shift ids, when a finding with the same base key appears
before the others.
"""

from __future__ import annotations

from collections.abc import Sequence

try:  # hashlib loads OpenSSL first (2 ms of every check's start); blake2b is built in
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the built-in module
    from hashlib import blake2b

from msgspec.structs import replace

from fa_tui.model import Finding, Report
from fa_tui.pipeline.anchors import Sentences, anchor, figures

VERSION = "v1"  # of the recipe; SARIF names it in ``partialFingerprints``


def base_key(finding: Finding, report: Report, sentences: Sentences | None) -> str:
    """What a finding's id is the hash of (before the ordinal)."""
    span = finding.span
    quoted = report.source.slice(span) if span is not None else None
    parts = (
        VERSION,
        finding.code,
        anchor(finding, report, sentences),
        figures(quoted),
        figures(finding.expected),
        figures(finding.actual),
        figures(finding.difference),
    )
    return " | ".join(parts)


def digest(key: str) -> str:
    """8 hex digits of the BLAKE2b hash of ``key``."""
    return blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).hexdigest()


def assign_ids(findings: Sequence[Finding], report: Report) -> list[Finding]:
    """``findings`` (in their order) with ``id`` filled in, unique within the report."""
    lines = {f.span.line for f in findings if f.span is not None and f.table is None}
    sentences = Sentences(report, lines) if lines else None
    keys = [base_key(f, report, sentences) for f in findings]
    order = sorted(range(len(findings)), key=lambda i: findings[i].sort_key())
    seen: dict[str, int] = {}
    used: set[str] = set()
    ids: dict[int, str] = {}
    for i in order:
        key = keys[i]
        seen[key] = seen.get(key, 0) + 1
        salted = key if seen[key] == 1 else f"{key} | #{seen[key]}"
        finding_id = f"{findings[i].code}-{digest(salted)}"
        while finding_id in used:  # a hash collision: extremely rare, still deterministic
            salted += " | #"
            finding_id = f"{findings[i].code}-{digest(salted)}"
        used.add(finding_id)
        ids[i] = finding_id
    return [replace(f, id=ids[i]) for i, f in enumerate(findings)]
