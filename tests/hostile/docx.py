"""Hostile DOCX packages, written with ``zipfile`` (a minimal package python-docx opens)."""

from __future__ import annotations

import zipfile
from pathlib import Path

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = "<w:p><w:r><w:t>本年收入1234.56万元，比上年增加12.30万元。</w:t></w:r></w:p>"


def document_xml(body: str, prolog: str = "") -> str:
    """``word/document.xml`` with ``body`` (``prolog``: between the declaration and the root)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )


def write_docx(path: Path, document: str | bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A package of ``document`` (its body XML), deflated."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return path


def zip_bomb(tmp: Path, megabytes: int = 300) -> Path:
    """A body of ``megabytes`` MB of blank paragraphs (a few hundred KB zipped)."""
    path = tmp / "zip-bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(document_xml("")[: -len("</w:body></w:document>")].encode())
            block = b"<w:p/>" * (1 << 17)
            for _ in range(megabytes * 4 // 3):
                member.write(block)
            member.write(b"</w:body></w:document>")
    return path


def many_paragraphs(tmp: Path, megabytes: int = 60) -> Path:
    """A body of ``megabytes`` MB of real paragraphs: over the XML-part limit."""
    count = megabytes * 1024 * 1024 // len(PARAGRAPH.encode())
    return write_docx(tmp / "many-paragraphs.docx", document_xml(PARAGRAPH * count))


def large_report(tmp: Path, paragraphs: int = 40_000) -> Path:
    """A large DOCX still within the limits (for the benchmark)."""
    return write_docx(tmp / "large.docx", document_xml(PARAGRAPH * paragraphs))


def billion_laughs(tmp: Path) -> Path:
    """The body refers to an entity that expands to 10^9 ``lol``s."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{k} "{f"&lol{k - 1};" * 10}">' for k in range(1, 10)
    ]
    prolog = f"<!DOCTYPE w:document [{''.join(entities)}]>"
    body = "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>" + PARAGRAPH
    return write_docx(tmp / "billion-laughs.docx", document_xml(body, prolog))


def huge_grid_span(tmp: Path) -> Path:
    """A table whose cells each span 10^9 grid columns, before and after a report line."""
    cell = (
        '<w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr>'
        "<w:p><w:r><w:t>9.9</w:t></w:r></w:p></w:tc>"
    )
    row = f'<w:tr><w:trPr><w:gridBefore w:val="1000000000"/></w:trPr>{cell * 50}</w:tr>'
    body = PARAGRAPH + f"<w:tbl>{row * 200}</w:tbl>" + PARAGRAPH
    return write_docx(tmp / "huge-gridspan.docx", document_xml(body))


def deep_nesting(tmp: Path, depth: int = 5_000) -> Path:
    """Elements nested ``depth`` deep inside a paragraph (lxml stops at 256 without huge_tree)."""
    inner = "<w:sdt>" * depth + "</w:sdt>" * depth
    body = f"<w:p><w:r><w:t>本年收入1234.56万元。</w:t></w:r>{inner}</w:p>"
    return write_docx(tmp / "deep-nesting.docx", document_xml(body))
