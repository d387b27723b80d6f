"""Stories: articles about the same real-world event, in any language, chained into storylines.

``features`` boils an article down to what clustering compares; ``index`` retrieves candidates
and weighs keys by specificity; ``signals`` scores a pair; ``clusterer`` keeps stories up to date
as articles stream in, independent of their order; ``storylines``, ``timeline`` and ``labels``
build the records the store, the export and the CLI show.
"""
