"""The batch's worker-side JSON encoding and the parsers' collector pause."""

from __future__ import annotations

import gc
import json

import pytest
from conftest import SAMPLES, load_sample, sample_path

from fa_tui.commands import batch
from fa_tui.commands.batch import documents_text, entry_text
from fa_tui.commands.check import _json_text
from fa_tui.pipeline.gc_pause import gc_paused
from fa_tui.render.json_report import dump_documents, report_document
from fa_tui.rules.engine import check_report


def test_entries_encoded_by_workers_join_to_the_parents_document() -> None:
    documents = [report_document(load_sample(n), check_report(load_sample(n))) for n in SAMPLES]
    documents[0]["department"] = "恶意\x1b[31m\u202e\x85"  # escaped the same way in both paths
    expected = dump_documents(documents)
    assert documents_text([entry_text(d) for d in documents]) == expected
    assert documents_text([]) == dump_documents([])
    assert json.loads(expected)["reports"][0]["department"] == documents[0]["department"]


def test_gc_pause_restores_the_collector_and_keeps_it_off_when_it_was_off() -> None:
    assert gc.isenabled()
    for promote in (True, False):
        with gc_paused(promote=promote):
            assert not gc.isenabled()
        assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert not gc.get_freeze_count()  # promotion never leaves objects frozen


def test_the_fallback_encoding_gives_the_same_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should ``dump_documents`` change its layout, the entries are decoded and encoded again."""
    tasks = [batch.Task(sample_path(n), True, "json") for n in SAMPLES]
    results = [r for r in batch.check_files(tasks, jobs=1) if r.checked]
    joined = _json_text(results)
    monkeypatch.setattr(batch, "documents_text", lambda fragments: None)
    assert _json_text(results) == joined
    assert len(json.loads(joined)["reports"]) == len(SAMPLES)
