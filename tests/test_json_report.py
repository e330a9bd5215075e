"""``check --format json`` is written by msgspec: the same text ``json.dumps`` wrote."""

from __future__ import annotations

import json
from typing import Any

from conftest import SAMPLES, load_sample

from fa_tui.render.json_report import dump_documents, indented_json, report_document
from fa_tui.rules.engine import check_report
from fa_tui.safe_text import json_safe


def python_json(document: Any) -> str:
    """The text the standard library writes (what ``check --format json`` printed before)."""
    return json_safe(json.dumps(document, ensure_ascii=False, indent=2))


def test_every_sample_document_is_the_standard_librarys_text() -> None:
    documents = [report_document(load_sample(n), check_report(load_sample(n))) for n in SAMPLES]
    for document in documents:
        assert indented_json(document) == python_json(document)
    assert dump_documents(documents) == python_json(json.loads(dump_documents(documents))) + "\n"


def test_hostile_text_empty_containers_and_every_character_encode_alike() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    document = {"text": every, "empty": [], "nothing": {}, "none": None, "n": [0, -3, True]}
    assert indented_json(document) == python_json(document)


def test_an_undecodable_file_name_still_encodes() -> None:
    """A lone surrogate (``os.fsdecode`` of a non-UTF-8 name) is refused by msgspec and by
    every UTF-8 writer: the byte is written as the text ``\\xff``, valid UTF-8 JSON."""
    document = {"path": "/tmp/a\udcff.txt", "name": "\udcc1\udcf8是"}
    text = indented_json(document)
    text.encode("utf-8")  # no lone surrogate left
    assert json.loads(text) == {"path": "/tmp/a\\xff.txt", "name": "\\xc1\\xf8是"}
