"""Journal templates follow the strict CSP: no inline scripts, handlers or style attributes."""

import re
from pathlib import Path

import pytest

TEMPLATES = sorted((Path(__file__).parent.parent / "templates" / "journal").glob("*.html"))


@pytest.mark.parametrize("template", TEMPLATES, ids=[t.name for t in TEMPLATES])
def test_no_inline_script_handler_or_style(template):
    text = template.read_text()
    assert "<script" not in text
    assert not re.search(r"\son[a-z]+\s*=", text)
    assert not re.search(r"\sstyle\s*=", text)
