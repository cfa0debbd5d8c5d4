"""The direction a verb moves a metric in: the words of the anatomy and of the classifier.

Its own module (no spaCy) so that a run whose analyses all come from the cache can classify
statements without importing the parser.
"""

from __future__ import annotations

from okrlint.model import Direction

DIRECTION_LEMMAS: dict[str, Direction] = {
    **dict.fromkeys(
        [
            "increase",
            "grow",
            "raise",
            "boost",
            "improve",
            "lift",
            "expand",
            "double",
            "triple",
            "quadruple",
            "accelerate",
            "maximize",
            "maximise",
            "gain",
            "scale",
            "widen",
            "broaden",
            "strengthen",
            "enhance",
            "extend",
            "multiply",
            "deepen",
            "speed",
        ],
        "increase",
    ),
    **dict.fromkeys(
        [
            "reduce",
            "decrease",
            "cut",
            "lower",
            "drop",
            "shrink",
            "halve",
            "minimize",
            "minimise",
            "eliminate",
            "shorten",
            "decline",
            "slash",
            "trim",
            "contain",
            "lessen",
            "mitigate",
        ],
        "decrease",
    ),
    **dict.fromkeys(["maintain", "keep", "sustain", "hold", "stay", "remain", "preserve", "stick"], "maintain"),
    **dict.fromkeys(
        [
            "reach",
            "achieve",
            "hit",
            "attain",
            "exceed",
            "get",
            "secure",
            "surpass",
            "deliver",
            "land",
            "win",
            "earn",
            "generate",
            "acquire",
            "sign",
            "close",
            "obtain",
            "beat",
        ],
        "reach",
    ),
}
