"""Static files as production serves them: hashed names cached for ever, brotli or gzip to
whoever accepts it; HTML left uncompressed for the TLS proxy (BREACH: README, Deploying)."""

import gzip
import json
import re

import brotli
import pytest

from tests import servers

YEAR_OR_MORE = 315360000  # whitenoise's "forever" for files whose name carries their hash


@pytest.fixture(scope="module")
def server(collected_static, tmp_path_factory):
    # Static files need no database: an empty SQLite file is enough to start.
    data_dir = tmp_path_factory.mktemp("data")
    env = servers.production_env(database_url="", static_root=collected_static)
    server = servers.start_gunicorn({**env, "DATA_DIR": str(data_dir)}, data_dir)
    yield server
    server.stop()


def hashed_name(static_root, name: str) -> str:
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return manifest["paths"][name]


@pytest.mark.parametrize("name", ["css/app.css", "vendor/htmx-2.0.11.min.js"])
def test_collectstatic_writes_a_brotli_and_a_gzip_copy_of_each_hashed_file(collected_static, name):
    hashed = collected_static / hashed_name(collected_static, name)
    assert re.search(r"\.[0-9a-f]{12}\.", hashed.name)
    original = hashed.read_bytes()
    assert brotli.decompress(hashed.with_name(hashed.name + ".br").read_bytes()) == original
    assert gzip.decompress(hashed.with_name(hashed.name + ".gz").read_bytes()) == original
    assert len(hashed.with_name(hashed.name + ".br").read_bytes()) < len(original) / 2
    # Pages only ever name the hashed file; an unhashed copy would be dead weight.
    assert not (collected_static / name).exists()


def stylesheet_url(server) -> str:
    page = servers.Browser().get(f"{server.url}/accounts/login/").text
    match = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
    assert match, "the page does not link the hashed stylesheet"
    return server.url + match.group(1)


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br, zstd", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("identity", None, lambda body: body),
    ],
)
def test_the_stylesheet_is_served_compressed_and_cached_forever(
    server, collected_static, accept, encoding, decode
):
    url = stylesheet_url(server)
    reply = servers.Browser().get(url, headers={"Accept-Encoding": accept})
    assert reply.status == 200
    assert reply.headers.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in reply.headers.get("Vary", "")
    cache = reply.headers["Cache-Control"]
    assert f"max-age={YEAR_OR_MORE}" in cache and "immutable" in cache
    original = (collected_static / hashed_name(collected_static, "css/app.css")).read_bytes()
    assert decode(reply.body) == original


def test_html_is_not_compressed_by_the_app(server):
    reply = servers.Browser().get(
        f"{server.url}/accounts/login/", headers={"Accept-Encoding": "gzip, br"}
    )
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/html")
    assert "Content-Encoding" not in reply.headers
