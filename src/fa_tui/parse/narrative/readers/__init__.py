"""One reader per kind of statement in a sentence of the narrative.

Each reads a ``Clause`` (one figure and the words before it) in its ``SentenceState`` and returns
the fact it states, or ``None`` when the clause is not its kind:

- ``amounts``      ``基本支出525.83万元``, budgets and outturns
- ``shares``       ``占55.16%`` and the groups of shares of one sentence
- ``changes``      ``同比增加44.93万元``, ``增长1.60%``, ``与上年持平``
- ``completions``  ``完成年初预算的106.02%``
- ``counts``       ``7个项目``, ``平均每辆0.31万元``
- ``lists``        ``其中：…`` lists and the totals they make
"""
