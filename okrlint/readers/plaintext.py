"""Plain text: the same two stages as Markdown (docs/readers.md), on lines and indentation.

okrlint.readers.outline.text_outline makes each line a block: a bulleted or numbered line
is an item nested under the line above it with less indentation, an unindented line that
ends in ':' or is in capitals heads the lines after it. okrlint.readers.roles then reads
"Objective:", "KR:" and "Initiative:" lines, the lists under them, and the document's own
unlabelled pattern, as it does for Markdown.
"""

from __future__ import annotations

from okrlint.model import Document
from okrlint.readers.base import DocumentBuilder
from okrlint.readers.outline import text_outline
from okrlint.readers.roles import assign_roles


def read(text: str, path: str = "<text>") -> Document:
    builder = DocumentBuilder(path, "text", text)
    assign_roles(text_outline(text), builder, text.splitlines())
    return builder.finish()
