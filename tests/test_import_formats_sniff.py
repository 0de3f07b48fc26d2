"""The outside formats recognise their own files only, and no text makes a parser crash.

Whatever is uploaded, `parse` either says "not this format" (NotThisFormat) or returns nights
that keep the diary's rules, with every unusable line rejected by number."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exchange import nights_csv
from exchange.importing import baby_buddy, plees, sleep_as_android
from exchange.importing.incoming import NotThisFormat, Parsed
from tests.import_files import fixture

FORMATS = {
    "sleep_as_android.csv": sleep_as_android.FORMAT,
    "plees.csv": plees.FORMAT,
    "baby_buddy.csv": baby_buddy.FORMAT,
}
ZONE = ZoneInfo("Europe/Berlin")

OTHER_FILES = {
    "nightstand.csv": ",".join(nights_csv.COLUMNS) + "\nAda,Europe/Berlin,2024-03-02,,,\n",
    "nightstand.json": '{"format": "nightstand", "profiles": []}\n',
    "empty": "",
    "feedings.csv": "id,child_id,child_first_name,child_last_name,start,end,type,method,amount\n",
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_recognises_its_own_file_and_no_other_recognises_it(name) -> None:
    text = fixture(name)
    assert {fmt.key for fmt in FORMATS.values() if fmt.sniff(text)} == {FORMATS[name].key}


@pytest.mark.parametrize("name", sorted(OTHER_FILES))
def test_no_format_claims_nightstands_own_files_or_other_exports(name) -> None:
    assert not [fmt.key for fmt in FORMATS.values() if fmt.sniff(OTHER_FILES[name])]


def test_keys_labels_and_zones() -> None:
    assert [(fmt.key, fmt.needs_zone) for fmt in FORMATS.values()] == [
        ("sleep-as-android", False),
        ("plees-tracker", True),
        ("baby-buddy", True),
    ]
    assert all(fmt.label for fmt in FORMATS.values())


def test_sniffing_looks_only_at_the_start_of_a_huge_file() -> None:
    text = fixture("plees.csv") + "9," * 5_000_000
    assert plees.FORMAT.sniff(text)


# --- Nothing crashes ---------------------------------------------------------------------------


def check(parsed: Parsed) -> None:
    """What every parse result promises the planner, however odd the file."""
    keys = {source.key for source in parsed.sources}
    for night in parsed.nights:
        assert night.source in keys
        assert night.line >= 1
        times = [night.into_bed, night.lights_out, night.final_wake, night.out_of_bed]
        given_times = [moment for moment in times if moment is not None]
        assert given_times == sorted(given_times)
        if night.lights_out and night.final_wake:
            assert night.lights_out < night.final_wake
            assert night.final_wake - night.into_bed <= timedelta(hours=24)
            assert 0 <= night.waso_minutes <= 24 * 60
            assert night.awakenings >= 0
        assert night.quality in (None, 1, 2, 3, 4, 5)
        assert night.nap_minutes is None or night.nap_minutes >= 0
    for rejection in parsed.rejected:
        assert rejection.line >= 1
        assert rejection.reason


instants = st.datetimes(
    min_value=datetime(1965, 1, 1), max_value=datetime(2110, 1, 1), timezones=st.just(UTC)
)
garbage = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "\x00", '"', "#", "nan", "inf", "1e999", "0", "-1", "\ufeff"]),
)
epoch = st.one_of(instants.map(lambda moment: str(int(moment.timestamp() * 1000))), garbage)
zone_names = st.one_of(
    st.sampled_from(["Europe/Prague", "America/New_York", "GMT+01:00", "UTC", "Mars/Base"]),
    garbage,
)
saa_local = st.one_of(
    st.datetimes(min_value=datetime(1969, 1, 1), max_value=datetime(2101, 1, 1)).map(
        lambda wall: f"{wall.day}. {wall.month}. {wall.year} {wall.hour}:{wall.minute:02d}"
    ),
    garbage,
)
wall_text = st.one_of(
    st.datetimes(min_value=datetime(1969, 1, 1), max_value=datetime(2101, 1, 1)).map(str),
    garbage,
)
ratings = st.one_of(st.sampled_from(["0", "0.0", "2.5", "3.75", "5", "5.0", "6"]), garbage)
flags = st.one_of(st.sampled_from(["0", "1", "True", "no"]), garbage)


def quoted_line(cells: list[str]) -> str:
    return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)


# Coherent records, a few days around the spring and autumn changes, so that many land in the
# same nights (split nights, overlaps, naps) and some cross the changes.
near_dst = st.one_of(
    st.datetimes(min_value=datetime(2024, 3, 29), max_value=datetime(2024, 4, 1)),
    st.datetimes(min_value=datetime(2024, 10, 25), max_value=datetime(2024, 10, 28)),
)
lengths = st.integers(min_value=-30, max_value=26 * 60).map(
    lambda minutes: timedelta(minutes=minutes)
)
saa_zones = st.sampled_from(["Europe/Prague", "Europe/Berlin", "America/New_York"])
comments = st.sampled_from(["", "#alcohol", "#noise late #dream", "plain words", "#snore_2x x"])


@st.composite
def saa_rows(draw) -> list[str]:
    zone_name = draw(saa_zones)
    start = draw(near_dst).replace(tzinfo=ZoneInfo(zone_name))
    length = draw(lengths)
    end = (start.astimezone(UTC) + length).astimezone(ZoneInfo(zone_name))
    to = f"{end.day}. {end.month}. {end.year} {end.hour}:{end.minute:02d}"
    hours = draw(st.one_of(st.just(str(length.total_seconds() / 3600)), garbage))
    ident = str(int(start.timestamp() * 1000))
    return [ident, zone_name, "", to, to, hours, draw(ratings), draw(comments)]


@st.composite
def plees_rows(draw) -> list[str]:
    start = draw(near_dst).replace(tzinfo=ZONE)
    stop = start.astimezone(UTC) + draw(lengths)
    ms = [str(int(moment.timestamp() * 1000)) for moment in (start, stop)]
    return ["1", *ms, draw(ratings), draw(comments), draw(st.sampled_from(["0", "2", ""]))]


@st.composite
def baby_buddy_rows(draw) -> list[str]:
    start = draw(near_dst)
    end = start + draw(lengths)
    child = draw(st.sampled_from(["1", "2"]))
    return ["9", child, "Ada", "", str(start), str(end), draw(flags), draw(comments)]


ROWS = {
    "sleep_as_android.csv": st.one_of(
        saa_rows(),
        st.tuples(epoch, zone_names, saa_local, saa_local, saa_local, ratings, ratings, garbage),
    ),
    "plees.csv": st.one_of(
        plees_rows(), st.tuples(garbage, epoch, epoch, ratings, garbage, garbage)
    ),
    "baby_buddy.csv": st.one_of(
        baby_buddy_rows(),
        st.tuples(
            garbage, st.sampled_from(["1", "2", ""]), garbage, garbage, wall_text, wall_text, flags
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
@example(text="\x00")
@example(text="Id,Tz,From,To\n\x00,\x00")
@example(text="sid,start,stop\n1,99999999999999999999999999999,1\n")
@example(text="id,child_id,start,end,nap\n1,1,9999-12-31 23:59,9999-12-31 23:59:59,1\n")
def test_any_text_is_parsed_or_refused_never_a_crash(name, text) -> None:
    try:
        parsed = FORMATS[name].parse(text, ZONE)
    except NotThisFormat:
        return
    check(parsed)


@pytest.mark.parametrize("name", sorted(FORMATS))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_its_own_header_over_odd_rows_never_crashes(name, data) -> None:
    header = fixture(name).splitlines()[0]
    rows = data.draw(st.lists(ROWS[name].map(list), max_size=8))
    text = header + "\n" + "\n".join(quoted_line(row) for row in rows)
    if name == "sleep_as_android.csv":  # each record repeats its header
        text = "\n".join(header + "\n" + quoted_line(row) for row in rows) or header
    check(FORMATS[name].parse(text, ZONE))
