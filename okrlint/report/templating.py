"""The Jinja environments for report templates (okrlint/templates/*.j2) and their filters.

Every value a template outputs passes one gate (Jinja's `finalize`), by the kind of output:
in the reports people read (text, Markdown, GitHub annotations) control and invisible
characters are written as escapes (okrlint.escape.visible), whatever the template does; the
HTML report escapes HTML and marks them; the JUnit XML keeps the text as written. The GitHub
and Markdown filters escape what those formats treat as syntax.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from okrlint.escape import INVISIBLE, visible

COLOURS = {"error": "31", "warning": "33", "info": "36", "bold": "1", "dim": "2", "green": "32"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#<>!~])")


def markdown_text(text: Any) -> str:
    """Statement text inside Markdown: no HTML, no formatting, no table breaks."""
    clean = visible(text).replace("&", "&amp;")
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


def _shown(value: Any) -> Any:
    """What a template of a human format outputs: okrlint's own markup (the colours of
    `paint`) as it is, any other text with its invisible characters escaped."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return visible(value)
    return value


def _marked(value: Any) -> Any:
    """What the HTML report outputs: HTML-escaped text with each invisible character shown as
    its escape in a <mark> that names it."""
    from markupsafe import Markup, escape

    if isinstance(value, str) and not hasattr(value, "__html__") and INVISIBLE.search(value):
        marked = INVISIBLE.sub(
            lambda m: f'<mark class="invisible" title="U+{ord(m.group(0)):04X}">{visible(m.group(0))}</mark>',
            str(escape(value)),
        )
        return Markup(marked)
    return value


def _kind(template: str) -> str:
    if template.endswith(".html.j2"):
        return "html"
    return "xml" if template.endswith(".xml.j2") else "human"


@lru_cache(maxsize=3)
def environment(kind: str = "human") -> Any:
    """The environment for one kind of output: "human", "html" or "xml" (see the module doc)."""
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
        finalize={"human": _shown, "html": _marked}.get(kind),
    )
    env.filters.update(
        term=visible, md=markdown_text, gh_data=github_data, gh_prop=github_property, xml_safe=xml_safe
    )
    return env


def render_template(template: str, **context: Any) -> str:
    from markupsafe import Markup

    colour = bool(context.get("colour"))

    def paint(text: Any, style: str) -> str:
        text = visible(text)
        code = COLOURS.get(style)
        return Markup(f"\x1b[{code}m{text}\x1b[0m") if colour and code else text

    return str(environment(_kind(template)).get_template(template).render(paint=paint, **context))
