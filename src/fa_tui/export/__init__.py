"""The 审核意见: a report's findings and the reviewer's marks as xlsx, docx or Markdown.

``rows`` turns a checked report and its review into the rows every format prints; ``xlsx``,
``docx`` and ``markdown`` write them.
"""
