"""The output of ``fa-tui check``, written as each file's result comes (a batch streams).

A result is written and dropped; only the counts the end needs are kept (per file: its counts
per severity, for the summary table; per code: for ``--statistics``). The JSON and SARIF
documents are byte for byte what ``dump_documents`` and ``dump_sarif`` give for the same
results: JSON entries are written as they come between the document's head and tail; SARIF
lists the artifacts before the results, so the results are spooled to a temporary file and
copied after them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from fa_tui.commands.batch import FileResult
from fa_tui.model import Finding, Severity

if TYPE_CHECKING:
    from fa_tui.render.styled import TextSink
    from fa_tui.rules.registry import Rule


class Tally:
    """What the end of the output needs: counts per file and per code, and the worst level."""

    def __init__(self) -> None:
        self.files: list[tuple[str, dict[Severity, int]]] = []
        self.per_code: dict[str, int] = {}
        self.severity: dict[str, Severity] = {}
        self.worst = 0  # the highest ``Severity.rank`` found

    def add(self, result: FileResult) -> None:
        from fa_tui.render.text_report import count_code, counts

        self.files.append((str(result.path), counts(result.findings)))
        for f in result.findings:
            count_code(self.per_code, self.severity, f)
            self.worst = max(self.worst, f.severity.rank)


class Output:
    """One format's writer: ``add`` each checked file's result, then ``finish``."""

    def __init__(self, out: IO[str], rules: list[Rule], tally: Tally) -> None:
        self.out = out
        self.rules = rules
        self.tally = tally

    def add(self, result: FileResult) -> None:
        """Write (or spool) one checked file."""

    def finish(self) -> None:
        """Write the end of the document."""


class TextOutput(Output):
    """Finding blocks per file as they come; the summary table and total at the end."""

    def __init__(self, out: IO[str], rules: list[Rule], tally: Tally, sink: TextSink) -> None:
        super().__init__(out, rules, tally)
        self.sink = sink

    def add(self, result: FileResult) -> None:
        from fa_tui.render.text_report import print_file

        print_file(self.sink, str(result.path), result.blocks, result.findings, result.notice)
        _flush(self.out)

    def finish(self) -> None:
        from fa_tui.render.text_report import print_count_totals

        if len(self.tally.files) > 1:  # nothing checked: the reasons are already on stderr
            print_count_totals(self.sink, self.tally.files)


class JsonOutput(Output):
    """The entries the workers encoded, between the document's head and tail."""

    def __init__(self, out: IO[str], rules: list[Rule], tally: Tally) -> None:
        super().__init__(out, rules, tally)
        from fa_tui.render.json_report import dump_documents

        self.empty = dump_documents([])
        tail = '"reports": []\n}\n'
        self.head = self.empty[: -len(tail)] + '"reports": [' if self.empty.endswith(tail) else None
        self.written = 0
        self.kept: list[str] = []  # only if the layout is not the expected one

    def add(self, result: FileResult) -> None:
        if result.fragment is None:
            return
        if self.head is None:
            self.kept.append(result.fragment)
            return
        self.out.write((self.head + "\n    " if not self.written else ",\n    ") + result.fragment)
        self.written += 1
        _flush(self.out)

    def finish(self) -> None:
        if self.head is None:  # ``dump_documents`` changed its layout: encode the entries again
            import json

            from fa_tui.render.json_report import dump_documents

            self.out.write(dump_documents([json.loads(f) for f in self.kept]))
        elif self.written:
            self.out.write("\n  ]\n}\n")
        else:
            self.out.write(self.empty)


class SarifOutput(Output):
    """Artifacts kept (a path and an encoding each), results spooled, both written at the end."""

    _KEY = '"results": []'

    def __init__(self, out: IO[str], rules: list[Rule], tally: Tally) -> None:
        super().__init__(out, rules, tally)
        from fa_tui.render.sarif_report import rule_index

        self.index = rule_index(rules)
        self.artifacts: list[tuple[Path, str | None, list[Finding]]] = []
        import tempfile  # only SARIF spools (tempfile costs 2 ms of every check's start)

        self.spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.results = 0

    def add(self, result: FileResult) -> None:
        from fa_tui.render.json_report import indented_json
        from fa_tui.render.sarif_report import file_results

        self.artifacts.append((result.path, result.encoding, []))
        for document in file_results(result.path, result.findings, self.index):
            text = indented_json(document).replace("\n", "\n        ")  # at depth 4
            self.spool.write((",\n        " if self.results else "\n        ") + text)
            self.results += 1

    def finish(self) -> None:
        from fa_tui.render.sarif_report import dump_sarif

        empty = dump_sarif(self.artifacts, self.rules)
        at = empty.rfind(self._KEY)
        if not self.results or at < 0 or empty[at:] != self._KEY + "\n    }\n  ]\n}\n":
            if self.results:  # the layout is not the expected one: encode again
                empty = self._encoded_again()
            self.out.write(empty)
            return
        self.out.write(empty[:at] + '"results": [')
        self.spool.seek(0)
        while chunk := self.spool.read(1 << 16):
            self.out.write(chunk)
        self.out.write("\n      ]\n    }\n  ]\n}\n")

    def _encoded_again(self) -> str:
        import json

        from fa_tui.render.json_report import indented_json

        self.spool.seek(0)
        document: dict[str, Any] = json.loads(_empty_sarif(self.artifacts, self.rules))
        document["runs"][0]["results"] = json.loads("[" + self.spool.read() + "]")
        return indented_json(document) + "\n"

    def close(self) -> None:
        self.spool.close()


def _empty_sarif(artifacts: list[tuple[Path, str | None, list[Finding]]], rules: list[Rule]) -> str:
    from fa_tui.render.sarif_report import dump_sarif

    return dump_sarif(artifacts, rules)


def _flush(out: IO[str]) -> None:
    """Hand what is written to the reader now (a pipe, ``tail -f`` of ``--output``)."""
    with contextlib.suppress(AttributeError, ValueError):
        out.flush()


def statistics(sink: TextSink, tally: Tally, rules: list[Rule]) -> None:
    """``--statistics``: the findings per code, from the tally."""
    from fa_tui.render.text_report import code_statistics

    if tally.per_code:
        titles = {r.code: r.title for r in rules}
        sink.line(code_statistics(tally.per_code, tally.severity, titles))
