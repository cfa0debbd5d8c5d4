"""The Jinja environment for report templates (okrlint/templates/*.j2) and its filters.

HTML and XML templates are autoescaped; the text template strips control characters so a
statement cannot drive the terminal; the GitHub and Markdown filters escape what those
formats treat as syntax.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# C0 and C1 controls (ESC, CSI, BEL...) and Unicode bidirectional controls
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
COLOURS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#<>!~])")


def safe_terminal(text: Any) -> str:
    """Drop control characters (ESC, CSI, BEL...) so text from a goal document cannot drive the terminal."""
    return _CONTROL.sub("", str(text))


def markdown_text(text: Any) -> str:
    """Statement text inside Markdown: no HTML, no formatting, no table breaks."""
    clean = safe_terminal(text).replace("&", "&amp;")
    return _MD_SPECIAL.sub(r"\\\1", clean).replace("\n", " ")


def github_data(text: Any) -> str:
    """Escape a workflow command's message (GitHub's own escaping of % CR LF)."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: Any) -> str:
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def xml_safe(text: Any) -> str:
    """Characters XML 1.0 cannot hold at all (escaping does not help) are dropped."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", str(text))


# Compiled templates are never cached on disk: a bytecode cache in the project's folder
# would be code that okrlint loads and runs, and a repository could commit a crafted one.
# Compiling text.j2 costs about 20 ms a run.


@lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("okrlint", "templates"),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2", "xml.j2", "html", "xml"), default_for_string=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        term=safe_terminal, md=markdown_text, gh_data=github_data, gh_prop=github_property, xml_safe=xml_safe
    )
    return env


def render_template(template: str, **context: Any) -> str:
    colour = bool(context.get("colour"))

    def paint(text: Any, style: str) -> str:
        text = safe_terminal(text)
        code = COLOURS.get(style)
        return f"\x1b[{code}m{text}\x1b[0m" if colour and code else text

    return str(environment().get_template(template).render(paint=paint, **context))
