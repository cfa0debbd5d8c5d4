"""Anatomy models to and from compact cache records, built without re-validation.

A warm run rebuilds every statement's anatomy from the cache. Validating each model costs
more than the rules that read it, so models made here, from values of the right types, are
assembled the way `BaseModel.model_construct` does minus its per-field Python loop. All
instances of a class share one `fields_set` (every field is always given). A record is
`[fields, rows]`: the anatomy's fields that differ from their defaults (quantities as dicts
of their own non-default fields) and one row per token, the Token's values in order. Kept
apart from anatomy.py so that a fully cached run does not import the analysis (and compile
its regular expressions).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from okrlint.model import Anatomy, Quantity, Token

_new = object.__new__
_set = object.__setattr__
_QUANTITY_DEFAULTS = {name: f.get_default(call_default_factory=True) for name, f in Quantity.model_fields.items()}
_QUANTITY_SET = set(_QUANTITY_DEFAULTS)
ANATOMY_SET = set(Anatomy.model_fields)
_ANATOMY_SCALARS = ("head", "lemma", "imperative", "form", "object", "direction", "deadline")
_ANATOMY_DEFAULTS = {name: Anatomy.model_fields[name].get_default() for name in _ANATOMY_SCALARS}
# All fields in declaration order (pydantic serialises __dict__ in its order); the list
# fields are filled in per instance.
ANATOMY_TEMPLATE = {name: _ANATOMY_DEFAULTS.get(name) for name in Anatomy.model_fields}
_STRINGS: dict[str, str] = {}  # one copy of each POS, tag and dependency label


def construct(cls: type[Any], values: dict[str, Any], fields_set: set[str]) -> Any:
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


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
        raise ValueError(f"unknown quantity fields {sorted(set(values) - _QUANTITY_SET)}")
    quantity: Quantity = construct(Quantity, values, _QUANTITY_SET)
    return quantity


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
    if not fields.keys() <= ANATOMY_SET:
        raise ValueError(f"unknown anatomy fields {sorted(set(fields) - ANATOMY_SET)}")
    values = dict(ANATOMY_TEMPLATE)
    values.update(fields)
    values["quantities"] = [_quantity(q) for q in fields.get("quantities", ())]
    values["baseline"] = _quantity(fields["baseline"]) if "baseline" in fields else None
    values["target"] = _quantity(fields["target"]) if "target" in fields else None
    values["tokens"] = [make_token(row) for row in rows]
    anatomy: Anatomy = construct(Anatomy, values, ANATOMY_SET)
    return anatomy
