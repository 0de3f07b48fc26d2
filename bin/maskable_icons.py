"""Draw the maskable app icons (static/icons/maskable-192.png, maskable-512.png).

The same moon as static/icons/icon.svg, on a full-bleed square (a launcher cuts its own shape
out of it) and drawn inside the central circle of 80 % of the width that every mask keeps
(https://w3c.github.io/manifest/#icon-masks). Plain Python (zlib + struct), so that no imaging
library is needed for two files: run `python bin/maskable_icons.py` after changing the icon.
"""

import struct
import zlib
from pathlib import Path

BACKGROUND = (0x1B, 0x1F, 0x3B)
MOON = (0xF4, 0xD0, 0x6F)
SAMPLES = 4  # per axis: 16 samples a pixel smooth the edges
SCALE = 0.8  # the moon of icon.svg (radius 30 of 100) shrunk to sit well inside the safe zone
ICONS = Path(__file__).resolve().parents[1] / "static" / "icons"


def _in_moon(x: float, y: float) -> bool:
    """icon.svg's crescent, in its 100 × 100 box, shrunk by SCALE around the centre."""
    x, y = 50 + (x - 50) / SCALE, 50 + (y - 50) / SCALE
    in_disc = (x - 50) ** 2 + (y - 50) ** 2 <= 30**2
    in_bite = (x - 62) ** 2 + (y - 40) ** 2 <= 25.5**2
    return in_disc and not in_bite


def _pixels(size: int) -> bytes:
    rows = []
    step = 100 / size / SAMPLES
    for row in range(size):
        line = bytearray([0])  # PNG filter type 0 for this row
        for column in range(size):
            hits = sum(
                _in_moon((column * SAMPLES + i + 0.5) * step, (row * SAMPLES + j + 0.5) * step)
                for i in range(SAMPLES)
                for j in range(SAMPLES)
            )
            share = hits / SAMPLES**2
            line += bytes(round(b + (m - b) * share) for b, m in zip(BACKGROUND, MOON, strict=True))
        rows.append(bytes(line))
    return b"".join(rows)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(size: int) -> bytes:
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(_pixels(size), 9))
        + _chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    for size in (192, 512):
        (ICONS / f"maskable-{size}.png").write_bytes(png(size))
