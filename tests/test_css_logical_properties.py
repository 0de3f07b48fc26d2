"""The style sheets lay out by the text's direction (margin-inline-start, not margin-left), so a
right-to-left language would mirror the pages without a second set of rules."""

import re
from pathlib import Path

import pytest
from django.conf import settings

SHEETS = sorted((Path(settings.BASE_DIR) / "static" / "css").glob("*.css"))
PHYSICAL = re.compile(
    r"(?<![-\w])("
    r"(margin|padding|border)-(left|right)(-\w+)?"
    r"|left|right"
    r"|border-(top|bottom)-(left|right)-radius"
    r")\s*:"
    r"|text-align\s*:\s*(left|right)"
    r"|float\s*:\s*(left|right)"
)


def physical_properties(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    return [match.group(0) for match in PHYSICAL.finditer(css)]


@pytest.mark.parametrize("sheet", SHEETS, ids=[sheet.name for sheet in SHEETS])
def test_no_left_or_right_in_the_style_sheets(sheet):
    assert physical_properties(sheet.read_text()) == []


def test_the_check_finds_physical_properties():
    css = ".a { margin-left: 1rem; text-align: right; left: 0 } .b { margin-inline-start: 0 }"
    assert physical_properties(css) == ["margin-left:", "text-align: right", "left:"]
