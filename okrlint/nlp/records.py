"""Anatomy models to and from compact cache records, built without re-validation.

A warm run rebuilds every statement's anatomy from the cache. Validating each model costs
more than the rules that read it, so models made here, from values of the right types, are
assembled without it (okrlint.model.construct). A record is `[fields, tokens]`: the
anatomy's fields that differ from their defaults, with each quantity as the tuple of its
values in field order (the baseline and the target as the index of the quantity they are,
which they always are in an analysis), and the values of all the tokens, one Token after
another, in one flat tuple. Tuples rather than dicts and lists: a cold run makes a record
of every statement, and fewer, flatter objects are quicker to make, to marshal and to
load. Kept apart from anatomy.py so that a fully cached run does not import the analysis
(and compile its regular expressions).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

from okrlint.model import Anatomy, Quantity, Token, construct

_QUANTITY_FIELDS = tuple(Quantity.model_fields)  # declaration order
_quantity_values = itemgetter(*_QUANTITY_FIELDS)  # a Quantity's __dict__ -> its values, in field order
_TOKEN_WIDTH = len(Token._fields)
_ANATOMY_SCALARS = ("head", "lemma", "imperative", "form", "object", "direction", "deadline")
_ANATOMY_DEFAULTS = {name: Anatomy.model_fields[name].get_default() for name in _ANATOMY_SCALARS}
# All fields in declaration order (pydantic serialises __dict__ in its order); the list
# fields are filled in per instance.
ANATOMY_TEMPLATE = {name: _ANATOMY_DEFAULTS.get(name) for name in Anatomy.model_fields}
_STRINGS: dict[str, str] = {}  # one copy of each POS, tag and dependency label


def make_token(row: Sequence[Any]) -> Token:
    text, lower, lemma, pos, tag, dep, head, idx, verb = row
    intern = _STRINGS.setdefault
    return Token(
        text,
        text if lower == text else lower,  # one string for the two when they are equal
        lower if lemma == lower else lemma,
        intern(pos, pos),
        intern(tag, tag),
        intern(dep, dep),
        head,
        idx,
        verb,
    )


def _quantity(values: Sequence[Any]) -> Quantity:
    if len(values) != len(_QUANTITY_FIELDS):
        raise ValueError(f"a quantity record has {len(values)} values, not {len(_QUANTITY_FIELDS)}")
    return construct(Quantity, dict(zip(_QUANTITY_FIELDS, values, strict=True)))


def _quantity_ref(q: Quantity, quantities: list[Quantity]) -> int | tuple[Any, ...]:
    """The index of q among the quantities, or (not one of them) its values."""
    for i, other in enumerate(quantities):
        if other is q:
            return i
    return _quantity_values(q.__dict__)


def _quantity_of(ref: Any, quantities: list[Quantity]) -> Quantity:
    if isinstance(ref, int):
        if not 0 <= ref < len(quantities):
            raise ValueError(f"no quantity {ref} in the record")
        return quantities[ref]
    return _quantity(ref)


def to_record(anatomy: Anatomy) -> list[Any]:
    """The anatomy as compact marshal-ready data: [fields that differ from the defaults, token values]."""
    values = anatomy.__dict__
    fields: dict[str, Any] = {k: values[k] for k in _ANATOMY_SCALARS if values[k] != _ANATOMY_DEFAULTS[k]}
    quantities = values["quantities"]
    if quantities:
        fields["quantities"] = [_quantity_values(q.__dict__) for q in quantities]
    for key in ("baseline", "target"):
        if values[key] is not None:
            fields[key] = _quantity_ref(values[key], quantities)
    return [fields, tuple(chain.from_iterable(anatomy.tokens))]


def from_record(record: Sequence[Any]) -> Anatomy:
    """Rebuild an Anatomy from `to_record` data; ValueError/TypeError/KeyError if it is damaged."""
    fields, flat = record
    if not fields.keys() <= ANATOMY_TEMPLATE.keys():
        raise ValueError(f"unknown anatomy fields {sorted(fields.keys() - ANATOMY_TEMPLATE.keys())}")
    if len(flat) % _TOKEN_WIDTH:
        raise ValueError(f"token values not a multiple of {_TOKEN_WIDTH}")
    values = dict(ANATOMY_TEMPLATE)
    values.update(fields)
    quantities = [_quantity(q) for q in fields.get("quantities", ())]
    values["quantities"] = quantities
    values["baseline"] = _quantity_of(fields["baseline"], quantities) if "baseline" in fields else None
    values["target"] = _quantity_of(fields["target"], quantities) if "target" in fields else None
    values["tokens"] = [make_token(flat[i : i + _TOKEN_WIDTH]) for i in range(0, len(flat), _TOKEN_WIDTH)]
    return construct(Anatomy, values)
