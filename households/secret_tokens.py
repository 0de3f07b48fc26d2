"""Secrets handed to a person once and kept only as a digest: calendar feed URLs and API tokens.

Each secret carries 256 random bits, so a single SHA-256 is enough to keep it (no slow password
hash: nothing can be guessed), and a lookup by digest is one indexed equality. Whoever reads the
database learns no usable secret.
"""

from __future__ import annotations

import hashlib
import secrets

SECRET_BYTES = 32


def new_secret(prefix: str) -> str:
    """A fresh secret; ``prefix`` says what it is (``ns_`` for an API token) when it leaks."""
    return f"{prefix}{secrets.token_urlsafe(SECRET_BYTES)}"


def digest(secret: str) -> str:
    """What the database keeps of ``secret``: its SHA-256, hex."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()
