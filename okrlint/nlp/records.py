"""Anatomy models to and from compact cache records, built without re-validation.

A warm run rebuilds every statement's anatomy from the cache. Validating each model costs
more than the rules that read it, so models made here, from values of the right types, are
assembled without it (okrlint.model.construct). A record is
`[fields, rows]`: the anatomy's fields that differ from their defaults (quantities as dicts
of their own non-default fields) and one row per token, the Token's values in order. Kept
apart from anatomy.py so that a fully cached run does not import the analysis (and compile
its regular expressions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from okrlint.model import Anatomy, Quantity, Token, construct, field_defaults

_QUANTITY_DEFAULTS = field_defaults(Quantity)
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


def _quantity(fields: dict[str, Any]) -> Quantity:
    values = dict(_QUANTITY_DEFAULTS)
    values.update(fields)
    if len(values) != len(_QUANTITY_DEFAULTS):
        raise ValueError(f"unknown quantity fields {sorted(set(values) - _QUANTITY_DEFAULTS.keys())}")
    return construct(Quantity, values)


def _quantity_record(q: Quantity) -> dict[str, Any]:
    return {k: v for k, v in q.__dict__.items() if v != _QUANTITY_DEFAULTS[k]}


def to_record(anatomy: Anatomy) -> list[Any]:
    """The anatomy as compact JSON-ready data: [fields that differ from the defaults, token rows]."""
    values = anatomy.__dict__
    fields: dict[str, Any] = {k: values[k] for k in _ANATOMY_SCALARS if values[k] != _ANATOMY_DEFAULTS[k]}
    if anatomy.quantities:
        fields["quantities"] = [_quantity_record(q) for q in anatomy.quantities]
    for key in ("baseline", "target"):
        if values[key] is not None:
            fields[key] = _quantity_record(values[key])
    rows = [list(t) for t in anatomy.tokens]
    return [fields, rows]


def from_record(record: Sequence[Any]) -> Anatomy:
    """Rebuild an Anatomy from `to_record` data; ValueError/TypeError/KeyError if it is damaged."""
    fields, rows = record
    if not fields.keys() <= ANATOMY_TEMPLATE.keys():
        raise ValueError(f"unknown anatomy fields {sorted(fields.keys() - ANATOMY_TEMPLATE.keys())}")
    values = dict(ANATOMY_TEMPLATE)
    values.update(fields)
    values["quantities"] = [_quantity(q) for q in fields.get("quantities", ())]
    values["baseline"] = _quantity(fields["baseline"]) if "baseline" in fields else None
    values["target"] = _quantity(fields["target"]) if "target" in fields else None
    values["tokens"] = [make_token(row) for row in rows]
    return construct(Anatomy, values)
