"""Stage 4, facts: the narrative's sentences and the figures, shares and years they state.

``sentences`` splits the text into sentences, ``labels`` says which table figure a phrase names,
``figures`` and ``years`` read amounts and years; ``facts`` drives the stage (``parse_facts``).
"""

from fa_tui.parse.narrative.facts import parse_facts

__all__ = ["parse_facts"]
