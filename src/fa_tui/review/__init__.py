"""A reviewer's marks on a report's findings, kept in a review file (``review/file.py``).

``marks`` says what a mark is, ``file`` reads and writes the file (atomically, versioned),
``places`` says where it lives by default, ``session`` brings a review up to date with a run of
the checks (new and resolved findings of a revised report).
"""
