"""Hostile documents, written at test time: each generator writes one file and returns its path.

Nothing binary is committed: the PDFs are written by hand (``pdf.py``), the DOCX packages with
``zipfile`` (``docx.py``).
"""
