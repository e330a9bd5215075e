"""Stage 4, facts: the narrative's sentences and the figures, shares and years they state.

``sentences`` splits the text into sentences, ``labels`` says which table figure a phrase names,
``figures`` and ``years`` read amounts and years; ``readers`` holds one reader per kind of
statement (amounts, shares, changes, completions, counts, lists), ``state`` what they share
(the report so far, the paragraph, the sentence, one figure's clause); ``facts`` drives the
stage (``parse_facts``).
"""

from fa_tui.parse.narrative.facts import parse_facts

__all__ = ["parse_facts"]
