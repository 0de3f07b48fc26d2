"""What the fuzz tests need: hostile values, and where the site reads input.

Nothing here is listed by hand per view. The inputs of a view are found two ways:
- **its forms**: every page of the URL walk is fetched and every ``<form>`` on it parsed
  (``action`` or ``hx-post``, else the page itself); the names of its ``<input>``, ``<select>``,
  ``<textarea>`` and named buttons are the fields of the view the form posts to, with the values
  a browser would send as the starting point;
- **its code**: the view function (and the module-level helpers it calls) is read with ``ast``
  for ``request.GET.get("…")``, ``request.POST.get("…")`` and ``"…" in request.POST``, which
  finds the query parameters (``month=``, ``before=``, ``profile=``…) and the parameters a view
  reads besides its form (``next=``, ``profile=``, ``action=``…).

Every request runs inside a savepoint that is rolled back, so one input cannot change what the
next one meets (a deleted night, a logged-out session), and a failure names the input.
"""

from __future__ import annotations

import ast
import inspect
import os
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from django.db import transaction
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

# --- Settings -------------------------------------------------------------------------------

settings.register_profile(
    "fuzz",
    # FUZZ_EXAMPLES=500 make test searches longer than CI does.
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 25)),
    deadline=None,
    # Every request is a page render: shrinking a failure would cost more than the search, and
    # the failing input is printed with the error anyway.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FUZZ = settings(settings.get_profile("fuzz"))

# A page may echo what was posted (escaped, so up to ~6x), but hostile input must not make it
# grow by itself: a posted formset count of 1,000,000 must not render a thousand rows.
MAX_PAGE_BYTES = 400_000
ECHO_FACTOR = 8

# --- Hostile values -------------------------------------------------------------------------

LONG_TEXT = "x" * 20_000
EDGE_VALUES: list[str] = [
    # empty and blank
    "",
    " ",
    "\t\n",
    # numbers: huge, negative, not integers, outside 32 and 64 bits
    "0",
    "-1",
    "-999999",
    "1000000",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "99999999999999999999999999999",
    "1e309",
    "1.5",
    "-0.0001",
    "NaN",
    "Infinity",
    "0x10",
    "1_000",
    "١٢",  # Arabic-Indic digits: int() accepts them
    # dates: the ends of Python's range, past them, impossible ones, wrong formats
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "0000-00-00",
    "2026-02-30",
    "-2026-01-01",
    "31/12/2026",
    "9999-12",
    "0001-01",
    "0-0",
    "10000-01",
    "2026-13",
    "2026--1",
    # times
    "24:00",
    "23:59:60",
    "25:61",
    "-01:00",
    "12:3x",
    "00:00",
    "23:59",
    "12:00:00.9999999",
    # text that breaks things: NUL, header injection, markup, very long, odd unicode
    "\x00",
    "abc\x00def",
    "Alice\r\nBcc: evil@example.com",
    "alice@example.com",  # an account's email: sign-up clashes, a reset email is sent
    "<script>alert(1)</script>",
    "'; DROP TABLE journal_night; --",
    "%s%(x)s{0}",
    "../../etc/passwd",
    "//evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "\u202e\ufeff\u200b",
    "😴" * 200,
    LONG_TEXT,
]

# The deterministic sweep tries each of these in every field: one of each kind of trouble,
# so that it stays quick (hypothesis draws from all of EDGE_VALUES, and beyond).
SWEEP_VALUES: list[str] = [
    "",
    " ",
    "0",
    "-1",
    "1000000",
    "2147483648",
    "9223372036854775808",
    "99999999999999999999999999999",
    "1e309",
    "1.5",
    "NaN",
    "١٢",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "9999-12",
    "0001-01",
    "10000-01",
    "2026-13",
    "24:00",
    "25:61",
    "23:59",
    "\x00",
    "abc\x00def",
    "Alice\r\nBcc: evil@example.com",
    "alice@example.com",
    "<script>alert(1)</script>",
    "//evil.example/",
    "https:evil.example",
    "😴" * 200,
    LONG_TEXT,
]
assert set(SWEEP_VALUES) <= set(EDGE_VALUES)

# A path segment that the `int` converter accepts.
INT_EDGE_VALUES = ["0", "00001", "2147483648", "9223372036854775808", "9" * 40]


def _hostile_scalars() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(EDGE_VALUES),
        st.text(max_size=40),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.floats().map(repr),
        st.dates().map(lambda d: d.isoformat()),
        st.times().map(lambda t: t.isoformat()),
        st.tuples(st.integers(-20, 20_000), st.integers(-20, 20)).map(lambda p: f"{p[0]}-{p[1]}"),
        st.builds(lambda c, n: c * n, st.characters(codec="utf-8"), st.integers(500, 30_000)),
    )


def hostile_values() -> st.SearchStrategy[str | list[str]]:
    """One value for a field: a hostile string, or the field repeated with several."""
    scalar = _hostile_scalars()
    return st.one_of(scalar, scalar, scalar, st.lists(scalar, min_size=2, max_size=4))


# --- Forms in pages -------------------------------------------------------------------------

TEXT_LIKE = {"text", "email", "password", "search", "url", "tel", "number", "date", "time"}
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


@dataclass
class Form:
    targets: list[str]
    method: str
    # name -> the values a browser submits (a checkbox or multiple select may give several)
    values: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    names: set[str] = field(default_factory=set)


class FormParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool] | None = None
        self._select_options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {key: (value or "") for key, value in attrs}
        if tag == "form":
            targets = [a[key] for key in ("action", "hx-post", "hx-get") if a.get(key)]
            self._form = Form(targets=targets or [self.page], method=a.get("method", "get"))
            self.forms.append(self._form)
            return
        if tag == "option" and self._select:
            self._select_options.append((a.get("value", ""), "selected" in a))
            return
        form, name = self._form, a.get("name")
        if form is None or not name or name in SKIPPED_FIELDS:
            return
        form.names.add(name)
        kind = a.get("type", "text").lower()
        if tag == "input":
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    form.values[name].append(a.get("value", "on"))
            elif kind not in {"submit", "button", "image", "reset", "file"}:
                form.values[name].append(a.get("value", ""))
        elif tag == "select":
            self._select = (name, "multiple" in a)
            self._select_options = []
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select and self._form is not None:
            name, multiple = self._select
            chosen = [value for value, selected in self._select_options if selected]
            if not chosen and not multiple and self._select_options:
                chosen = [self._select_options[0][0]]
            self._form.values[name].extend(chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.values[self._textarea].append("".join(self._text).removeprefix("\n"))
            self._textarea = None


def route_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def forms_in(page_path: str, html: str) -> list[tuple[str, Form]]:
    """The forms of a page that post to a view of this site, with that view's route name."""
    parser = FormParser(page_path)
    parser.feed(html)
    found = []
    for form in parser.forms:
        if form.method.lower() != "post":
            continue
        for target in dict.fromkeys(form.targets):
            name = route_name(target)
            if name is not None:
                found.append((name, form))
    return found


def merged_fields(forms: list[Form]) -> tuple[dict[str, list[str]], set[str]]:
    """What a browser would post (the first form's values for a name) and every field name."""
    values: dict[str, list[str]] = {}
    names: set[str] = set()
    for form in forms:
        names |= form.names
        for name, submitted in form.values.items():
            values.setdefault(name, list(submitted))
    return values, names


# --- Parameters the code reads --------------------------------------------------------------


@dataclass
class CodeParams:
    get: set[str] = field(default_factory=set)
    post: set[str] = field(default_factory=set)


# Django's own class-based views (sign-in, passwords) are not read; they take `next`.
CLASS_VIEW_PARAMS = {"next"}


def _string(node: ast.expr, namespace: dict) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # f"{INTAKE_PREFIX}-TOTAL_FORMS"
        try:
            return eval(compile(ast.Expression(node), "<view>", "eval"), namespace)  # noqa: S307
        except Exception:
            return None
    return None


def _request_attr(node: ast.expr) -> str | None:
    """'GET' for `request.GET`, 'POST' for `request.POST`."""
    if (
        isinstance(node, ast.Attribute)
        and node.attr in {"GET", "POST"}
        and isinstance(node.value, ast.Name)
        and node.value.id == "request"
    ):
        return node.attr
    return None


def code_params(callback) -> CodeParams:
    """The query and body parameters a view function reads, directly or through helpers of
    its own module."""
    if hasattr(callback, "view_class"):
        return CodeParams(get=set(CLASS_VIEW_PARAMS), post=set(CLASS_VIEW_PARAMS))
    params = CodeParams()
    function = inspect.unwrap(callback)
    seen: set = set()

    def visit(func):
        if func in seen:
            return
        seen.add(func)
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
        except (OSError, TypeError):
            return
        namespace = func.__globals__
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"get", "getlist"}
                and node.args
            ):
                where = _request_attr(node.func.value)
                name = _string(node.args[0], namespace)
                if where and name:
                    (params.get if where == "GET" else params.post).add(name)
            if isinstance(node, ast.Compare) and len(node.ops) == 1:
                where = _request_attr(node.comparators[0])
                name = _string(node.left, namespace)
                if isinstance(node.ops[0], ast.In) and where and name:
                    (params.get if where == "GET" else params.post).add(name)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                helper = namespace.get(node.func.id)
                if inspect.isfunction(helper) and helper.__module__ == func.__module__:
                    visit(helper)

    visit(function)
    return params


# --- Routes ---------------------------------------------------------------------------------

SKIPPED_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Route:
    name: str
    converters: tuple[tuple[str, str], ...]  # (kwarg, converter class name)
    callback: object

    @property
    def kwargs(self) -> tuple[str, ...]:
        return tuple(kwarg for kwarg, _ in self.converters)


def _walk(entries, prefix=""):
    for entry in entries:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = tuple(
                sorted(
                    (kwarg, type(conv).__name__) for kwarg, conv in entry.pattern.converters.items()
                )
            )
            yield Route(f"{prefix}{entry.name}", converters, entry.callback)


ROUTES: list[Route] = sorted(
    {route.name: route for route in _walk(get_resolver().url_patterns)}.values(),
    key=lambda route: route.name,
)
ROUTES_BY_NAME = {route.name: route for route in ROUTES}


def quote_segment(value: str) -> str:
    return quote(value, safe="")


# --- Sending and judging --------------------------------------------------------------------


def body_size(data) -> int:
    if not data:
        return 0
    return sum(
        len(str(key)) + sum(len(str(v)) for v in (value if isinstance(value, list) else [value]))
        for key, value in data.items()
    )


def describe(value, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} chars)"


def send(client, method: str, url: str, data=None, *, prepare=None, headers=None):
    """One request in a savepoint that is rolled back; a server error names the input.

    `prepare(client)` runs first inside the savepoint (e.g. signs in again)."""
    where = f"{method} {url} data={describe(data, 400)}"
    with transaction.atomic():
        try:
            if prepare is not None:
                prepare(client)
            if method == "GET":
                response = client.get(url, data, headers=headers)
            else:
                response = client.post(url, data or {}, headers=headers)
            # A streamed page (the import's progress) does its work as it is read: read it here,
            # inside the savepoint, so that its writes are rolled back too.
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
        except Exception as error:
            error.add_note(f"fuzz input: {where}")
            raise
        finally:
            transaction.set_rollback(True)
    assert response.status_code < 500, f"{response.status_code} for {where}"
    size = len(content)
    limit = MAX_PAGE_BYTES + ECHO_FACTOR * (body_size(data) + len(url))
    assert size <= limit, f"{size} bytes of response (limit {limit}) for {where}"
    return response


@dataclass
class Failures:
    """Distinct failures of a sweep: one example input per (exception, place)."""

    found: dict[str, str] = field(default_factory=dict)

    def attempt(self, *args, **kwargs):
        try:
            return send(*args, **kwargs)
        except Exception as error:
            key = _failure_key(error)
            if key not in self.found:
                notes = " | ".join(getattr(error, "__notes__", []))
                self.found[key] = f"{key}: {describe(str(error), 200)} <- {notes or error}"
            return None

    def check(self):
        assert not self.found, "server errors:\n" + "\n".join(self.found.values())


def _failure_key(error: BaseException) -> str:
    if isinstance(error, AssertionError):
        message = str(error)
        where = message.split(" for ", 1)[-1].split(" data=")[0]
        if "bytes of response" in message:
            return f"Response too large for {where}"
        return f"Status {message.split(' ')[0]} for {where}"
    tb = error.__traceback__
    place = "?"
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "/site-packages/" not in filename and "/tests/" not in filename:
            place = f"{filename.rsplit('/', 2)[-2]}/{filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
        tb = tb.tb_next
    return f"{type(error).__name__} at {place}"
