"""YAML and JSON goal documents: okrlint's own schema and the exports of other OKR tools.

Both formats become one tree of plain values whose strings remember their line, and one
walker finds the objectives in it: under `objectives:` in okrlint's schema (DESIGN.md), or,
for other tools' exports, any mapping at any depth with an objective-like text key
(`Objective`, `title`, `name`) next to a key-result list (`KeyResults`, `krs`, `results`).
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from typing import Any

import yaml

from okrlint.model import Document, Statement, StatementKind
from okrlint.readers.annotations import parse_line
from okrlint.readers.base import DocumentBuilder, ReadError

_SAFE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                                 "timestamp", "merge", "binary", "omap", "pairs", "set")}
MAX_NODES = 200_000  # a YAML alias bomb expands far past this; real documents never do


class LocStr(str):
    """A string value that remembers where it was written."""

    line: int = 1
    column: int = 1


def _norm(key: Any) -> str:
    return re.sub(r"[^a-z0-9]", "", str(key).lower())


_TEXT_KEYS = ("objective", "title", "name", "goal", "statement", "text", "summary", "description")
_KR_TEXT_KEYS = ("text", "kr", "keyresult", "title", "name", "statement", "description", "result", "summary", "metric")
_KR_LIST = ("keyresults", "krs", "results", "keyresult", "measures")
_INIT_LIST = ("initiatives", "inits", "actions", "projects", "tasks", "initiative")
_OBJ_LIST = ("objectives", "okrs", "goals")
_FIELD_ALIASES = {
    "baseline": ("baseline", "start", "startvalue", "startingvalue", "from", "initial", "initialvalue"),
    "current": ("current", "currentvalue", "actual", "value"),
    "target": ("target", "targetvalue", "goalvalue", "to"),
    "unit": ("unit", "units"),
    "owner": ("owner", "owners", "assignee", "dri", "lead", "responsible"),
    "due": ("due", "duedate", "deadline", "by", "enddate"),
}
_NATIVE_OBJECTIVE_KEYS = {
    "objective",
    "keyresults",
    "initiatives",
    "owner",
    "id",
    "notes",
    "description",
    "cycle",
    "team",
    "due",
    "status",
    "progress",
    "score",
    "priority",
    "tags",
    "children",
    "objectives",
    "parent",
    "weight",
    "confidence",
    "comment",
    "comments",
    "text",
    "title",
}
_NATIVE_KR_KEYS = {
    "text",
    "baseline",
    "target",
    "unit",
    "current",
    "owner",
    "due",
    "id",
    "notes",
    "description",
    "status",
    "progress",
    "score",
    "priority",
    "tags",
    "weight",
    "confidence",
    "comment",
    "comments",
    "initiatives",
    "kr",
    "title",
}


def _line_index(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


# -- YAML -------------------------------------------------------------------------------------
_C_LOADER: Any = getattr(yaml, "CSafeLoader", None)  # libyaml's parser, when PyYAML was built with it


def _compose(text: str) -> Any:
    """yaml.compose with libyaml's parser (about ten times faster than PyYAML's, same nodes and
    marks); on any error the pure-Python parser runs again, so messages stay its own."""
    if _C_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_C_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _from_yaml(text: str) -> Any:
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise ReadError(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise ReadError(f"invalid YAML: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise ReadError("YAML nested too deeply") from None
    if root is None:
        return None
    constructor = yaml.SafeLoader("")
    budget = [MAX_NODES]

    def convert(node: yaml.Node, depth: int = 0) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise ReadError("YAML expands to too many values (an alias bomb?)", node.start_mark.line + 1)
        if depth > 200:
            raise ReadError("YAML nested too deeply", node.start_mark.line + 1)
        if node.tag not in _SAFE_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise ReadError(f"YAML tag {tag} is not allowed", node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = convert(key_node, depth + 1)
                out[str(key)] = convert(value_node, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [convert(child, depth + 1) for child in node.value]
        try:
            value = constructor.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ReadError(f"invalid YAML value: {reason}", node.start_mark.line + 1) from None
        if isinstance(value, str):
            loc = LocStr(value)
            loc.line, loc.column = node.start_mark.line + 1, node.start_mark.column + 1
            if getattr(node, "style", None) in ('"', "'"):
                loc.column += 1
            return loc
        if value is not None and not isinstance(value, int | float | bool):
            loc = LocStr(str(value))  # dates and timestamps: keep them as written
            loc.line, loc.column = node.start_mark.line + 1, node.start_mark.column + 1
            return loc
        return value

    return convert(root)


# -- JSON -------------------------------------------------------------------------------------
def _from_json(text: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise ReadError("JSON nested too deeply") from None
    starts = _line_index(text)
    cursor = [0]

    def locate(value: str) -> LocStr:
        loc = LocStr(value)
        for needle in (json.dumps(value, ensure_ascii=False), json.dumps(value)):
            pos = text.find(needle, cursor[0])
            if pos >= 0:
                cursor[0] = pos + len(needle)
                line = bisect.bisect_right(starts, pos)
                loc.line, loc.column = line, pos - starts[line - 1] + 2
                break
        return loc

    def convert(value: Any, depth: int = 0) -> Any:
        if depth > 200:
            raise ReadError("JSON nested too deeply")
        if isinstance(value, dict):
            return {str(k): convert(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v, depth + 1) for v in value]
        if isinstance(value, str):
            return locate(value)
        return value

    return convert(data)


# -- the walker -------------------------------------------------------------------------------
def _get(mapping: dict[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    by_norm = {_norm(k): k for k in mapping}
    for name in names:
        if name in by_norm:
            key = by_norm[name]
            return key, mapping[key]
    return None, None


def _line(value: Any, fallback: int = 1) -> int:
    return getattr(value, "line", fallback)


class _Walker:
    def __init__(self, builder: DocumentBuilder, strict: bool) -> None:
        self.b = builder
        self.strict = strict  # okrlint's own schema: unknown keys and wrong types are errors
        self.mappings: list[str] = []

    def text_of(self, value: Any, what: str, where: str, line: int) -> LocStr:
        if isinstance(value, dict):
            keys = _TEXT_KEYS if what == "objective" else _KR_TEXT_KEYS + _TEXT_KEYS
            _, inner = _get(value, keys)
            if inner is not None:
                return self.text_of(inner, what, where, line)
        if not isinstance(value, str):
            kind = "a list" if isinstance(value, list) else type(value).__name__
            if value is None or kind == "dict":
                raise ReadError(f"{where}: {what} has no text", line)
            raise ReadError(f"{where}: {what} should be text, not {kind} ({value!r:.40})", line)
        if not value.strip():
            raise ReadError(f"{where}: {what} is empty", _line(value, line))
        return value if isinstance(value, LocStr) else LocStr(value)

    def check_keys(self, mapping: dict[str, Any], allowed: set[str], where: str, line: int) -> None:
        if not self.strict:
            return
        for key in mapping:
            if _norm(key) not in allowed:
                hint = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                tip = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise ReadError(f"{where}: unknown key {key!r}{tip}", line)

    def statement(self, value: Any, kind: StatementKind, where: str, line: int) -> Statement:
        fields: dict[str, Any] = {}
        if isinstance(value, dict):
            allowed = _NATIVE_KR_KEYS
            if kind == "objective":  # its key results, initiatives and children are read by objective()
                allowed = allowed | _NATIVE_OBJECTIVE_KEYS | set(_KR_LIST) | set(_INIT_LIST) | {"subobjectives"}
            self.check_keys(value, allowed, where, line)
            flat = dict(value)
            _, nested = _get(value, ("metric", "measure", "measurement"))
            if isinstance(nested, dict):
                flat.update(nested)
            for field, names in _FIELD_ALIASES.items():
                _, got = _get(flat, names)
                if got is not None and not isinstance(got, dict | list):
                    fields[field] = got if isinstance(got, int | float) and field != "due" else str(got)
        text = self.text_of(value, kind.replace("_", " "), where, line)
        parsed = parse_line(text)
        if isinstance(value, dict):
            parsed.owner = str(fields.pop("owner", "") or "") or parsed.owner
        else:
            fields.pop("owner", None)
        for name in ("baseline", "current", "target"):
            if isinstance(fields.get(name), bool):
                raise ReadError(f"{where}: {name} should be a number or text", line)
        return self.b.statement(parsed, kind, text.line, text.column, raw=str(text), **fields)

    def objective(self, value: Any, where: str, parent: int | None = None) -> None:
        line = _line(value)
        if isinstance(value, dict):
            _, text = _get(value, _TEXT_KEYS)
            line = _line(text, line)
            stmt = self.statement(value, "objective", where, line)
            index = self.b.objective(stmt, parent)
            self.self_check_objective_keys(value, where, line)
            for list_names, kind in ((_KR_LIST, "key_result"), (_INIT_LIST, "initiative")):
                lkey, items = _get(value, list_names)
                if items is None:
                    continue
                if not isinstance(items, list):
                    items = [items]
                for i, item in enumerate(items):
                    if isinstance(item, dict) and kind == "key_result":
                        _, inits = _get(item, _INIT_LIST)
                        for j, init in enumerate(inits if isinstance(inits, list) else []):
                            self.b.attach(
                                self.statement(
                                    init, "initiative", f"{where}.{lkey}[{i}].initiatives[{j}]", _line(init, line)
                                ),
                                index,
                            )
                    self.b.attach(self.statement(item, kind, f"{where}.{lkey}[{i}]", _line(item, line)), index)  # type: ignore[arg-type]
            for child_key in ("children", "objectives", "subobjectives"):
                _, children = _get(value, (child_key,))
                if isinstance(children, list):
                    for i, child in enumerate(children):
                        self.objective(child, f"{where}.{child_key}[{i}]", index)
        else:
            stmt = self.statement(value, "objective", where, line)
            self.b.objective(stmt, parent)

    def self_check_objective_keys(self, value: dict[str, Any], where: str, line: int) -> None:
        allowed = _NATIVE_OBJECTIVE_KEYS | set(_KR_LIST) | set(_INIT_LIST) | {"subobjectives"}
        self.check_keys(value, allowed, where, line)

    def native(self, data: Any) -> bool:
        """okrlint's schema: `objectives:` at the top (or a bare list of objectives)."""
        items = None
        if isinstance(data, dict):
            key, items = _get(data, ("objectives",))
            if key is None:
                return False
            self.check_keys(
                data,
                {
                    "objectives",
                    "cycle",
                    "team",
                    "owner",
                    "title",
                    "name",
                    "period",
                    "description",
                    "version",
                    "okrlint",
                },
                "document",
                1,
            )
            _, cycle = _get(data, ("cycle", "period"))
            if cycle is not None:
                self.b.set_cycle(str(cycle))
        elif (
            isinstance(data, list)
            and data
            and all(isinstance(x, str) or (isinstance(x, dict) and _get(x, ("objective",))[0]) for x in data)
        ):
            items = data
        else:
            return False
        if items is None:
            return True
        if not isinstance(items, list):
            raise ReadError("document: objectives should be a list", _line(items))
        for i, item in enumerate(items):
            self.objective(item, f"objectives[{i}]")
        return True

    def foreign(self, data: Any, path: str = "", parent: int | None = None) -> None:
        """Other tools' exports: any mapping with objective text and a key-result list."""
        if isinstance(data, list):
            for item in data:
                self.foreign(item, f"{path}[]", parent)
            return
        if not isinstance(data, dict):
            return
        text_key, text = _get(data, _TEXT_KEYS)
        kr_key, _ = _get(data, _KR_LIST)
        if (
            text_key is not None
            and isinstance(text, str | dict)
            and (kr_key is not None or _norm(text_key) == "objective")
        ):
            mapping = f"{path or '(top)'}: {text_key} -> objective" + (f", {kr_key} -> key results" if kr_key else "")
            if mapping not in self.mappings:
                self.mappings.append(mapping)
            before = len(self.b.doc.okrs)
            self.objective(data, path or "(top)", parent)
            index = before if len(self.b.doc.okrs) > before else parent
            for key, value in data.items():
                if _norm(key) not in _KR_LIST + _INIT_LIST + ("children", "objectives"):
                    self.foreign(value, f"{path}.{key}", index)
            return
        for key, value in data.items():
            self.foreign(value, f"{path}.{key}" if path else str(key), parent)


def read(text: str, path: str = "<text>", fmt: str = "yaml") -> Document:
    data = _from_json(text) if fmt == "json" else _from_yaml(text)
    builder = DocumentBuilder(path, fmt, text)
    if data is None:
        return builder.finish()
    strict = isinstance(data, dict) and _get(data, ("objectives",))[0] is not None
    walker = _Walker(builder, strict=strict)
    if not walker.native(data):
        walker.strict = False
        walker.foreign(data)
        if walker.mappings:
            builder.note("schema-mapping", "read another tool's schema: " + "; ".join(walker.mappings))
    return builder.finish()
