"""YAML and JSON goal documents: okrlint's own schema and the exports of other OKR tools.

Both formats become one tree of plain values whose strings remember their line, and one
walker finds the objectives in it: under `objectives:` in okrlint's schema (DESIGN.md), or,
for other tools' exports, any mapping at any depth with an objective-like text key
(`Objective`, `title`, `name`) next to a key-result list (`KeyResults`, `krs`, `results`).
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from typing import Any

import yaml

from okrlint.model import Document, Statement, StatementKind
from okrlint.readers.annotations import parse_line
from okrlint.readers.base import DocumentBuilder, ReadError, printable

_SAFE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq",
                                                 "timestamp", "merge", "binary", "omap", "pairs", "set")}
# A document without aliases has at most as many values, and as many characters of text, as it
# has characters; aliases may add these many more. A YAML alias bomb expands far past them.
MAX_NODES = 200_000
MAX_EXTRA_CHARS = 1_000_000
MAX_DEPTH = 200
# Python converts integers of more digits than this to and from text only on request
# (sys.int_max_str_digits); such a number in a goal document is kept as the text it is.
MAX_INT_DIGITS = 4000
_SURROGATE = re.compile("[\ud800-\udfff]")


class LocStr(str):
    """A string value that remembers where it was written."""

    line: int = 1
    column: int = 1


class LocDict(dict[str, Any]):
    """A mapping that remembers where it starts and the line of each key."""

    line: int = 1

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class LocList(list[Any]):
    """A list that remembers where it starts and the line of each item."""

    line: int = 1

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def _loc_str(value: str, line: int, column: int) -> LocStr:
    bad = _SURROGATE.search(value)
    if bad:
        raise ReadError(f"text with an unpaired surrogate escape {bad.group(0)!a} is not valid Unicode", line)
    loc = LocStr(value)
    loc.line, loc.column = line, column
    return loc


class _Budget:
    """How much a document may expand to: its own size plus a fixed allowance for aliases."""

    def __init__(self, text: str) -> None:
        self.nodes = len(text) + MAX_NODES
        self.chars = len(text) + MAX_EXTRA_CHARS

    def spend(self, line: int, chars: int = 0) -> None:
        self.nodes -= 1
        self.chars -= chars
        if self.nodes < 0 or self.chars < 0:
            raise ReadError("YAML expands to too many values (an alias bomb?)", line)


def _norm(key: Any) -> str:
    return _norm_text(str(key))


@lru_cache(maxsize=4096)
def _norm_text(key: str) -> str:
    """'Key Results' -> 'keyresults' (a document repeats the same few keys many times)."""
    return _NOT_ALNUM.sub("", key.lower())


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


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
    """The offset where each line starts."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


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


def _yaml_too_deep(text: str) -> int | None:
    """The line where YAML nesting passes MAX_DEPTH, found with the (iterative) event parser."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1 if event.start_mark is not None else None
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


def load_yaml(text: str) -> Any:
    """YAML text to plain values (LocStr, LocDict, LocList, numbers, None), trusting nothing:
    only the core schema's tags, an alias budget, MAX_DEPTH. Raises ReadError."""
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        raise ReadError(f"invalid YAML: {exc.problem or exc.context}", line) from None
    except yaml.YAMLError as exc:
        raise ReadError(f"invalid YAML: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise ReadError(f"YAML nested more than {MAX_DEPTH} levels deep", _yaml_too_deep(text)) from None
    if root is None:
        return None
    constructor = yaml.SafeLoader("")
    budget = _Budget(text)

    def convert(node: yaml.Node, depth: int = 0) -> Any:
        line = node.start_mark.line + 1
        budget.spend(line)
        if depth > MAX_DEPTH:
            raise ReadError(f"YAML nested more than {MAX_DEPTH} levels deep", line)
        if node.tag not in _SAFE_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise ReadError(f"YAML tag {tag} is not allowed", line)
        if isinstance(node, yaml.MappingNode):
            out = LocDict(line)
            for key_node, value_node in node.value:
                key = convert(key_node, depth + 1)
                name = str(key) if isinstance(key, str | int | float | bool) or key is None else repr(key)[:200]
                out[name] = convert(value_node, depth + 1)
                out.key_lines[name] = key_node.start_mark.line + 1
            return out
        if isinstance(node, yaml.SequenceNode):
            items = LocList(line)
            for child in node.value:
                items.append(convert(child, depth + 1))
                items.item_lines.append(child.start_mark.line + 1)
            return items
        column = node.start_mark.column + 1
        if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_INT_DIGITS:
            budget.spend(line, len(node.value))
            return _loc_str(node.value, line, column)
        try:
            value = constructor.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ReadError(f"invalid YAML value: {reason}", line) from None
        if isinstance(value, str):
            budget.spend(line, len(value))
            return _loc_str(value, line, column + 1 if getattr(node, "style", None) in ('"', "'") else column)
        if value is not None and not isinstance(value, int | float | bool):
            text_value = str(value)  # dates, timestamps and binary: keep them as written
            budget.spend(line, len(text_value))
            return _loc_str(text_value, line, column)
        return value

    return convert(root)


# -- JSON -------------------------------------------------------------------------------------
# The tokens of a JSON text that carry values: a key (a string before its colon), a string, an
# opening or closing bracket, a literal (number, true, false, null). Commas, colons and
# whitespace between them are skipped.
_JSON_TOKEN = re.compile(
    r'(?P<key>"[^"\\]*(?:\\.[^"\\]*)*")\s*:|"[^"\\]*(?:\\.[^"\\]*)*"|(?P<open>[{\[])|(?P<close>[}\]])|[^\s{}\[\],:"]+'
)
_JSON_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}


def _json_string(token: str, line: int) -> str:
    if "\\" not in token:
        return token[1:-1]
    value: str = json.loads(token)
    bad = _SURROGATE.search(value)
    if bad:
        raise ReadError(f"text with an unpaired surrogate escape {bad.group(0)!a} is not valid Unicode", line)
    return value


def _json_values(text: str) -> Any:
    """A JSON text (already checked by json.loads) to LocStr, LocDict and LocList values that
    know their lines, in one linear pass over its tokens; refused past MAX_DEPTH with the line."""
    stack: list[Any] = []  # the open LocDicts and LocLists
    keys: list[str] = []  # for each, the key of the value being read
    root: Any = None
    line, last, line_start = 1, 0, 0
    for m in _JSON_TOKEN.finditer(text):
        pos = m.start()
        newlines = text.count("\n", last, pos)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", last, pos) + 1
        last = pos
        kind = m.lastgroup
        if kind == "key":
            keys[-1] = _json_string(m.group("key"), line)
            stack[-1].key_lines[keys[-1]] = line
            continue
        if kind == "close":
            stack.pop()
            keys.pop()
            continue
        value: Any
        if kind == "open":
            if len(stack) >= MAX_DEPTH:
                raise ReadError(f"JSON nested more than {MAX_DEPTH} levels deep", line)
            value = LocDict(line) if m.group("open") == "{" else LocList(line)
        else:
            token = m.group(0)
            if token[0] == '"':
                value = LocStr(_json_string(token, line))
                value.line, value.column = line, pos - line_start + 2
            elif token in _JSON_WORDS:
                value = _JSON_WORDS[token]
            elif len(token) > MAX_INT_DIGITS:
                value = LocStr(token)
                value.line, value.column = line, pos - line_start + 1
            else:  # a number (json.loads has checked it): also NaN, Infinity, 1e400
                value = int(token) if token.lstrip("-").isdigit() else float(token)
        if not stack:
            root = value
        elif isinstance(stack[-1], LocList):
            stack[-1].append(value)
            stack[-1].item_lines.append(line)
        else:
            stack[-1][keys[-1]] = value
        if kind == "open":
            stack.append(value)
            keys.append("")
    return root


def _json_int(token: str) -> int | str:
    return token if len(token) > MAX_INT_DIGITS else int(token)


def load_json(text: str) -> Any:
    """JSON text to plain values (LocStr, LocDict, LocList, numbers, None) that know their
    lines; nesting past MAX_DEPTH is refused with the line where it happens. Raises ReadError."""
    try:
        json.loads(text, parse_int=_json_int)  # its error messages, with their lines, are the ones users see
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        _json_values(text)  # raises with the line where the nesting passes MAX_DEPTH
        raise ReadError(f"JSON nested more than {MAX_DEPTH} levels deep") from None
    return _json_values(text)


# -- the walker -------------------------------------------------------------------------------
def _keys_by_norm(mapping: dict[str, Any]) -> dict[str, str]:
    return {_norm(k): k for k in mapping}


def _get(
    mapping: dict[str, Any], names: tuple[str, ...], by_norm: dict[str, str] | None = None
) -> tuple[str | None, Any]:
    """The first of `names` (normalised) that is a key of the mapping, and its value.
    `by_norm`: _keys_by_norm(mapping), when the caller asks for several names."""
    if by_norm is None:
        by_norm = _keys_by_norm(mapping)
    for name in names:
        if name in by_norm:
            key = by_norm[name]
            return key, mapping[key]
    return None, None


def _line(value: Any, fallback: int = 1) -> int:
    return getattr(value, "line", fallback)


def _key_line(mapping: Any, key: str | None, fallback: int) -> int:
    """The line a key of a mapping was written on."""
    lines = getattr(mapping, "key_lines", None)
    return lines.get(key, fallback) if lines is not None and key is not None else fallback


def _item_line(items: Any, index: int, fallback: int) -> int:
    lines = getattr(items, "item_lines", None)
    return lines[index] if lines is not None and index < len(lines) else fallback


def _words(value: Any) -> int:
    return len(value.split()) if isinstance(value, str) else 0


def _described(mapping: dict[str, Any], key: str | None, text: Any) -> Any:
    """A key result's statement: its `description` when its title is only a short name for
    it ("Dev Communities Experiments" over "Pilot 2-3 in-market experiments for ...")."""
    if key is None or _norm(key) not in ("title", "name"):
        return text
    _, described = _get(mapping, ("description",))
    if _words(described) >= 6 and _words(described) >= 2 * _words(text) and _words(text) <= 6:
        return described
    return text


def _longest_text(mapping: dict[str, Any], least: int = 2) -> str | None:
    """In a mapping whose keys okrlint does not know (another language, a tool's own names),
    the value that reads as the statement: the string of most words (`least` at least), the
    first of equals."""
    best: str | None = None
    for value in mapping.values():
        if isinstance(value, str) and _words(value) >= least and (best is None or _words(value) > _words(best)):
            best = value
    return best


# How a normalised key is written in okrlint's schema, for did-you-mean hints.
_SPELLED = {"keyresults": "key_results", "keyresult": "key_result"}


def _placeholder(text: str) -> bool:
    """'New objective', 'Key result', '[Measurable outcome]': what a tool or template puts in
    a new entry, not a statement."""
    from okrlint.readers.roles import only_placeholder

    return only_placeholder(text)


class _Walker:
    def __init__(self, builder: DocumentBuilder, strict: bool) -> None:
        self.b = builder
        self.strict = strict  # okrlint's own schema: unknown keys and wrong types are errors
        self.mappings: list[str] = []

    def text_of(self, value: Any, what: str, where: str, line: int) -> LocStr:
        if isinstance(value, dict):
            keys = _TEXT_KEYS if what == "objective" else _KR_TEXT_KEYS + _TEXT_KEYS
            key, inner = _get(value, keys)
            if inner is not None and what != "objective":
                inner = _described(value, key, inner)
            if inner is None and not self.strict:
                inner = _longest_text(value) or _longest_text(value, 1)
            if inner is not None:
                return self.text_of(inner, what, where, line)
        if not isinstance(value, str):
            kind = "a list" if isinstance(value, list) else "a boolean" if isinstance(value, bool) else "a number"
            if value is None or isinstance(value, dict):
                raise ReadError(f"{where}: {what} has no text", line)
            raise ReadError(f"{where}: {what} should be text, not {kind} ({value!r:.40})", line)
        if not value.strip():
            raise ReadError(f"{where}: {what} is empty", _line(value, line))
        if _placeholder(value):
            raise ReadError(f"{where}: {what} is a placeholder ({value.strip()!r:.40})", _line(value, line))
        return value if isinstance(value, LocStr) else LocStr(value)

    def check_keys(self, mapping: dict[str, Any], allowed: set[str], where: str, line: int) -> None:
        """In okrlint's schema, an unknown key of an objective or a statement is reported (its
        value was not read); beside the objectives, only a key that looks like a misspelt
        known one is, as other keys there are the author's own."""
        if not self.strict:
            return
        for key in mapping:
            if _norm(key) not in allowed:
                hint = difflib.get_close_matches(_norm(key), sorted(allowed), n=1, cutoff=0.75)
                if hint or where != "document":
                    tip = f" (did you mean {_SPELLED.get(hint[0], hint[0])!r}?)" if hint else ""
                    self.skipped(f"{where}: unknown key {key!r}{tip}; its value was not read", mapping, key, line)

    def skipped(self, message: str, mapping: Any, key: str | None, line: int) -> None:
        message, line = printable(message), _key_line(mapping, key, line)
        if not any(n.message == message and n.line == line for n in self.b.doc.notes):
            self.b.note("skipped-part", message, line)

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
            keys = _keys_by_norm(flat)
            for field, names in _FIELD_ALIASES.items():
                _, got = _get(flat, names, keys)
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
                fields.pop(name)
                if self.strict:
                    self.skipped(f"{where}: {name} should be a number or text; not read", value, None, line)
        return self.b.statement(parsed, kind, text.line, text.column, raw=str(text), **fields)

    def try_statement(self, value: Any, kind: StatementKind, where: str, line: int) -> Statement | None:
        """The statement, or None (with a note in okrlint's schema) when it has no usable text."""
        try:
            return self.statement(value, kind, where, line)
        except ReadError as exc:
            if self.strict:
                self.b.note("skipped-part", f"{exc}; skipped", exc.line or line)
            return None

    def objective(self, value: Any, where: str, parent: int | None = None) -> None:
        line = _line(value)
        if not isinstance(value, dict):
            stmt = self.try_statement(value, "objective", where, line)
            if stmt is not None:
                self.b.objective(stmt, parent)
            return
        text_key, text = _get(value, _TEXT_KEYS)
        line = _line(text, _key_line(value, text_key, line))
        stmt = self.try_statement(value, "objective", where, line)
        # an objective without text keeps its key results (an OKR with no objective)
        index = self.b.objective(stmt, parent) if stmt is not None else self.b.okr_without_objective(parent)
        self.self_check_objective_keys(value, where, line)
        for list_names, kind in ((_KR_LIST, "key_result"), (_INIT_LIST, "initiative")):
            lkey, items = _get(value, list_names)
            if items is None:
                continue
            list_line = _key_line(value, lkey, line)
            if not isinstance(items, list):
                items = [items]
            for i, item in enumerate(items):
                item_line = _line(item, _item_line(items, i, list_line))
                if isinstance(item, dict) and kind == "key_result":
                    _, inits = _get(item, _INIT_LIST)
                    for j, init in enumerate(inits if isinstance(inits, list) else []):
                        init_where = f"{where}.{lkey}[{i}].initiatives[{j}]"
                        init_line = _line(init, _item_line(inits, j, item_line))
                        found = self.try_statement(init, "initiative", init_where, init_line)
                        if found is not None:
                            self.b.attach(found, index)
                found = self.try_statement(item, kind, f"{where}.{lkey}[{i}]", item_line)  # type: ignore[arg-type]
                if found is not None:
                    self.b.attach(found, index)
        for child_key in ("children", "objectives", "subobjectives"):
            _, children = _get(value, (child_key,))
            if isinstance(children, list):
                for i, child in enumerate(children):
                    self.objective(child, f"{where}.{child_key}[{i}]", index)

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
        if isinstance(items, dict) and _get(items, _TEXT_KEYS)[0] is not None:
            self.skipped("document: objectives should be a list; read as one objective", data, key, _line(items))
            self.objective(items, "objectives")
            return True
        if isinstance(items, dict):  # objectives keyed by an id: {O1: {...}, O2: {...}}
            for name, item in items.items():
                self.objective(item, f"objectives.{name}")
            return True
        if not isinstance(items, list):
            self.skipped("document: objectives should be a list; not read", data, key, _line(items))
            return True
        for i, item in enumerate(items):
            self.objective(item, f"objectives[{i}]")
        for other, value in data.items() if isinstance(data, dict) else ():
            if _norm(other) != "objectives":  # OKRs beside the native ones, in another shape
                self.strict = False
                self.foreign(value, str(other))
                self.strict = True
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


_OKR_KEY = re.compile(r"(?i)okr|(?<![a-z])krs?(?![a-z])|objective|key.?results?|goals?")


class _Structure:
    """The shape of OKRs in a file whose keys okrlint does not know: a list of mappings, each
    with a text and a list of texts (objectives and their key results), in a file whose keys
    or name speak of OKRs. Texts are chosen as in _longest_text."""

    def __init__(self, walker: _Walker) -> None:
        self.w = walker

    @staticmethod
    def statement_list(value: Any) -> bool:
        return isinstance(value, list) and bool(value) and all(
            (isinstance(v, str) and v.strip()) or (isinstance(v, dict) and _longest_text(v, 1) is not None)
            for v in value
        )

    def objective_like(self, value: Any) -> bool:
        return isinstance(value, dict) and _longest_text(value) is not None and any(
            self.statement_list(v) for v in value.values()
        )

    def read(self, data: Any, where: str = "") -> None:
        if isinstance(data, list):
            if data and sum(1 for v in data if self.objective_like(v)) * 2 > len(data):
                for i, value in enumerate(data):
                    if self.objective_like(value):
                        self.objective(value, f"{where}[{i}]")
                return
            for i, value in enumerate(data):
                self.read(value, f"{where}[{i}]")
        elif isinstance(data, dict):
            for key, value in data.items():
                self.read(value, f"{where}.{key}" if where else str(key))

    def objective(self, value: dict[str, Any], where: str) -> None:
        stmt = self.w.try_statement(value, "objective", where, _line(value))
        if stmt is None:
            return
        index = self.w.b.objective(stmt)
        for key, items in value.items():
            if not self.statement_list(items):
                continue
            kind: StatementKind = "initiative" if _norm(key) in _INIT_LIST else "key_result"
            for i, item in enumerate(items):
                found = self.w.try_statement(item, kind, f"{where}.{key}[{i}]", _line(item, _item_line(items, i, 1)))
                if found is not None:
                    self.w.b.attach(found, index)


def _speaks_of_okrs(data: Any, path: str, depth: int = 0) -> bool:
    if depth == 0 and _OKR_KEY.search(path.rsplit("/", 1)[-1]):
        return True
    if depth > 6:
        return False
    if isinstance(data, dict):
        return any(_OKR_KEY.search(str(k)) or _speaks_of_okrs(v, path, depth + 1) for k, v in data.items())
    if isinstance(data, list):
        return any(_speaks_of_okrs(v, path, depth + 1) for v in data[:50])
    return False


def read(text: str, path: str = "<text>", fmt: str = "yaml") -> Document:
    data = load_json(text) if fmt == "json" else load_yaml(text)
    builder = DocumentBuilder(path, fmt, text)
    if data is None:
        return builder.finish()
    strict = isinstance(data, dict) and _get(data, ("objectives",))[0] is not None
    walker = _Walker(builder, strict=strict)
    if not walker.native(data):
        walker.strict = False
        walker.foreign(data)
        if walker.mappings and any(okr.statements() for okr in builder.doc.okrs):
            builder.note("schema-mapping", "read another tool's schema: " + "; ".join(walker.mappings))
        elif not builder.doc.okrs and _speaks_of_okrs(data, path):
            _Structure(walker).read(data)
            if builder.doc.okrs:
                builder.note("schema-mapping", "read by its shape: objectives with lists of key results")
        if not builder.doc.okrs:
            _embedded_texts(data, builder, text.splitlines(), fmt)
    return builder.finish()


def _strings(data: Any) -> list[LocStr]:
    """Every string value of the parsed tree, in document order (the tree is bounded by
    MAX_NODES and MAX_DEPTH when it is loaded)."""
    found: list[LocStr] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, LocStr):
            found.append(value)
        elif isinstance(value, dict):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return found


def _embedded_texts(data: Any, builder: DocumentBuilder, lines: list[str], fmt: str) -> None:
    """A string value that holds a whole OKR set as text ("O1: ...\nKR1: ...\nKR2: ..."), as
    tools store a pasted plan or a note: read with the plain-text reader, at the value's lines
    (a YAML block scalar's rows at their own lines, a one-line JSON or YAML string at its line)."""
    from okrlint.readers import plaintext
    from okrlint.readers.annotations import parse_line

    for value in _strings(data):
        rows = value.splitlines()
        if len(rows) < 2 or sum(1 for row in rows[:400] if parse_line(row).kind) < 2:
            continue
        source = lines[value.line - 1][value.column - 1 :] if 0 < value.line <= len(lines) else ""
        block = fmt != "json" and source.lstrip()[:1] in ("|", ">")
        found = plaintext.read(str(value), builder.doc.path)
        base = len(builder.doc.okrs)
        for okr in found.okrs:
            for stmt in okr.statements():
                if block:  # the rows are the value's lines, less the block's indentation
                    stmt.line = value.line + stmt.line
                    row = lines[stmt.line - 1] if stmt.line <= len(lines) else ""
                    stmt.column += len(row) - len(row.lstrip())
                else:
                    stmt.line, stmt.column = value.line, value.column
            okr.parent = okr.parent + base if okr.parent is not None else None
            okr.cycle = okr.cycle or builder.cycle
            builder.doc.okrs.append(okr)
