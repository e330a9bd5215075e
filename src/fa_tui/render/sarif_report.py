"""``fa-tui check --format sarif``: SARIF 2.1.0 for code-scanning tools.

Columns count Unicode code points (``columnKind: unicodeCodePoints``), as our spans do; the
rules that ran are listed in ``tool.driver.rules`` (``id`` the code, ``name`` the kebab-case name,
the Chinese title and explanation as short and full descriptions) and each result points at its
rule by index. ``partialFingerprints`` carries the finding's stable id
(``{"faTuiFindingId/v1": "FA301-3f9a2c1b"}``), so that a code-scanning tool follows a finding
across runs and revisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fa_tui import __version__, pattern_cache
from fa_tui.model import Finding, Report, Severity, Span
from fa_tui.pipeline.finding_ids import VERSION
from fa_tui.render.json_report import indented_json
from fa_tui.rules.registry import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# The stable finding id (``pipeline.finding_ids``), versioned with its recipe.
FINGERPRINT = f"faTuiFindingId/{VERSION}"
_SURROGATES = pattern_cache.compile(r"[\udc80-\udcff]")  # the undecodable bytes of a file name
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: Path) -> str:
    """The path as a URI reference; a name that is not UTF-8 (GBK) with its bytes %-escaped."""
    text = path.as_posix()
    if not _SURROGATES.search(text):
        return text
    import os
    from urllib.parse import quote

    return quote(os.fsencode(text), safe="/")


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _location(path: Path, span: Span | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if span is not None:
        physical["region"] = _region(span)
    return {"physicalLocation": physical}


def _rule_doc(rule: Rule) -> dict[str, Any]:
    """A ``reportingDescriptor``: the code, its kebab-case name and its Chinese texts."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.explanation or rule.title},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"category": rule.category.value},
    }


def _result(path: Path, finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [_location(path, finding.span)],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    if finding.id:
        result["partialFingerprints"] = {FINGERPRINT: finding.id}
    if finding.related:
        result["relatedLocations"] = [
            {"id": k, **_location(path, r.span), "message": {"text": r.note}}
            for k, r in enumerate(finding.related)
        ]
    properties = {
        key: getattr(finding, key)
        for key in ("expected", "actual", "difference", "computation")
        if getattr(finding, key) is not None
    }
    properties["category"] = finding.category.value
    result["properties"] = properties
    return result


Checked = tuple[Path, str | None, Sequence[Finding]]  # path, encoding, findings


def rule_index(rules: Sequence[Rule]) -> dict[str, int]:
    """Each rule's place in ``tool.driver.rules`` (a result's ``ruleIndex``)."""
    return {rule.code: k for k, rule in enumerate(rules)}


def file_results(
    path: Path, findings: Sequence[Finding], index: dict[str, int]
) -> list[dict[str, Any]]:
    """The ``results`` of one checked file."""
    return [_result(path, f, index) for f in findings]


def sarif_document(checked: Sequence[Checked], rules: Sequence[Rule]) -> dict[str, Any]:
    """The SARIF log as a dict: one run, all reports' results."""
    index = rule_index(rules)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "fa-tui",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule_doc(r) for r in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "artifacts": [_artifact(path, encoding) for path, encoding, _ in checked],
                "results": [
                    _result(path, f, index) for path, _, findings in checked for f in findings
                ],
            }
        ],
    }


def _artifact(path: Path, encoding: str | None) -> dict[str, Any]:
    artifact: dict[str, Any] = {"location": {"uri": _uri(path)}}
    if encoding and encoding not in ("pdf", "docx"):  # a text encoding, not a document format
        artifact["encoding"] = encoding
    return artifact


def dump_sarif(checked: Sequence[Checked], rules: Sequence[Rule]) -> str:
    """The SARIF log as JSON text, from (path, encoding, findings) of each checked file."""
    return indented_json(sarif_document(checked, rules)) + "\n"


def render_sarif(results: Sequence[tuple[Report, Sequence[Finding]]], rules: Sequence[Rule]) -> str:
    """The SARIF log as JSON text, for parsed reports and their findings."""
    return dump_sarif([(r.path, r.encoding, f) for r, f in results], rules)
