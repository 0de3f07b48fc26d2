"""An uploaded file's bytes as text, or a message saying why it is not a file we can read.

Pure: no ORM here; the messages go through gettext.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

MAX_BYTES = 20 * 2**20  # ten years of nights in any of the formats is a few MB
MAX_LABEL = f"{MAX_BYTES // 2**20} MB"
# Control characters a text file does not hold (tab, line feed and carriage return are fine).
# In a file read as Windows-1252 or Latin-1 they mean it was not text in the first place.
BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")


class UnreadableFile(ValueError):
    """The message is shown on the form's file field as it is."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark) first, as every app exports; then UTF-16 when
    it says so (spreadsheets' "Unicode text"); then Windows-1252, what older spreadsheets save
    on Windows. Binary files (an .xlsx, a photo) are refused with a clear message."""
    if not data:
        raise UnreadableFile(_("The file is empty."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _try(data, "utf-16")
    elif b"\x00" in data:
        raise UnreadableFile(
            _(
                "This is not a text file (it contains NUL bytes): export it from the other app "
                "as CSV or JSON, or save the spreadsheet as “CSV UTF-8”."
            )
        )
    else:
        text = _try(data, "utf-8-sig") or _try(data, "cp1252")
    if text is None or BINARY.search(text):
        raise UnreadableFile(
            _(
                "This file is not text Nightstand can read (not UTF-8, UTF-16 or Windows-1252): "
                "export it from the other app as CSV or JSON, or save it as “CSV UTF-8”."
            )
        )
    return text.removeprefix("\ufeff")


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None
