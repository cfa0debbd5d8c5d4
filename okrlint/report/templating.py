"""The Jinja environment for report templates (okrlint/templates/*.j2)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")

COLOURS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32"}


def safe_terminal(text: Any) -> str:
    """Drop control characters so that text from a goal document cannot drive the terminal."""
    return _CONTROL.sub("", str(text))


@lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("okrlint", "templates"),
        autoescape=jinja2.select_autoescape(["html", "html.j2", "xml", "xml.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["term"] = safe_terminal
    return env


def render(template: str, **context: Any) -> str:
    colour = bool(context.get("colour"))

    def paint(text: Any, style: str) -> str:
        text = safe_terminal(text)
        code = COLOURS.get(style)
        return f"\x1b[{code}m{text}\x1b[0m" if colour and code else text

    return str(environment().get_template(template).render(paint=paint, **context))
