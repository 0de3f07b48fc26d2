"""The Django admin for the journal: metrics in the list, filters and search."""

import csv
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from exchange import nights_csv
from households.models import User
from journal.models import Night

from .conftest import make_account
from .fixtures.journal import make_night

CHANGELIST = "admin:journal_night_changelist"


@pytest.fixture
def staff_client(client, db):
    admin = User.objects.create_superuser("root@example.com", "a-long-password-1", name="Root")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_nights_list_shows_computed_metrics(staff_client, alice):
    make_night(alice.profile, date(2026, 11, 2), notes="Thunderstorm")
    page = staff_client.get(reverse("admin:journal_night_changelist")).content.decode()
    assert "8 h 5 min" in page and "6 h 45 min" in page and "83.5 %" in page
    assert "Alice&#x27;s household" in page
    found = staff_client.get(reverse("admin:journal_night_changelist"), {"q": "thunder"})
    assert "83.5 %" in found.content.decode()
    missed = staff_client.get(reverse("admin:journal_night_changelist"), {"q": "sunshine"})
    assert "83.5 %" not in missed.content.decode()


def test_night_change_page_and_catalogues(staff_client, alice):
    night = make_night(alice.profile, date(2026, 11, 2))
    assert (
        staff_client.get(reverse("admin:journal_night_change", args=[night.pk])).status_code == 200
    )
    page = staff_client.get(reverse("admin:journal_disturbance_changelist")).content.decode()
    assert "Restless legs" in page
    page = staff_client.get(reverse("admin:journal_intakeitem_changelist")).content.decode()
    assert "Melatonin" in page


def test_the_night_list_sorts_by_the_metrics(client, alice):
    """The admin's TIB, TST and SE columns sort in the database, in the metrics' own order."""
    from datetime import date

    from django.urls import reverse

    from households.models import User
    from journal.models import Night
    from tests.fixtures.journal import make_night

    make_night(alice.profile, date(2026, 11, 1), final_wake="07:30", out_of_bed="07:40")
    make_night(alice.profile, date(2026, 11, 2))  # worked example 1: SE 83.5 %
    make_night(alice.profile, date(2026, 11, 3), lights_out="22:50", final_wake="05:00")
    make_night(alice.profile, date(2026, 11, 4), sol_minutes=None)  # no TST: sorts last
    nights = list(Night.objects.with_sortable_metrics())
    for night in nights:
        exact = night.metrics
        for name, value in (
            ("sort_tib", exact.time_in_bed),
            ("sort_tst", exact.total_sleep_time),
            ("sort_se", exact.sleep_efficiency),
        ):
            if value is None:
                assert getattr(night, name) is None
            else:
                assert abs(getattr(night, name) - value) < 0.01
    admin_user = User.objects.create_superuser("root@example.com", "a-long-password-1", name="R")
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("admin:journal_night_changelist")
    columns = client.get(url).content.decode()
    assert 'class="sortable column-efficiency' in columns
    by_se = sorted(
        (n for n in nights if n.metrics.sleep_efficiency is not None),
        key=lambda n: n.metrics.sleep_efficiency,
    )
    page = client.get(url, {"o": "12"}).content.decode()  # the 12th column: SE, ascending
    positions = [page.index(reverse("admin:journal_night_change", args=[n.pk])) for n in by_se]
    assert positions == sorted(positions)


@pytest.fixture
def two_households(alice, bob):
    """Alice and Bob of the Smith household (Alice in New York), Mallory of the Jones household."""
    alice.household.name = "Smith household"
    alice.household.save()
    alice.profile.time_zone = "America/New_York"
    alice.profile.save()
    mallory = make_account("mallory@example.com", "Mallory")
    mallory.household.name = "Jones household"
    mallory.household.save()
    return {
        "alice": make_night(alice.profile, date(2026, 11, 2), notes="Thunderstorm"),
        "bob": make_night(bob.profile, date(2026, 11, 2), notes="Quiet"),
        "mallory": make_night(mallory.profile, date(2026, 11, 2), notes="Quiet"),
    }


def _listed(response) -> set[str]:
    """Whose nights the changelist shows, by their change links."""
    page = response.content.decode()
    return {
        night.profile.name
        for night in Night.objects.select_related("profile")
        if reverse("admin:journal_night_change", args=[night.pk]) in page
    }


def test_the_night_list_searches_profiles_households_and_notes(staff_client, two_households):
    url = reverse(CHANGELIST)
    assert _listed(staff_client.get(url)) == {"Alice", "Bob", "Mallory"}
    assert _listed(staff_client.get(url, {"q": "mallory"})) == {"Mallory"}
    assert _listed(staff_client.get(url, {"q": "smith"})) == {"Alice", "Bob"}
    assert _listed(staff_client.get(url, {"q": "jones household"})) == {"Mallory"}
    assert _listed(staff_client.get(url, {"q": "thunder"})) == {"Alice"}


def test_the_night_list_costs_the_same_few_queries_for_years_of_nights(
    staff_client, three_years, django_assert_max_num_queries
):
    url = reverse(CHANGELIST)
    with django_assert_max_num_queries(11):
        page = staff_client.get(url).content.decode()
    assert "1115 nights" in page
    with django_assert_max_num_queries(11):
        found = staff_client.get(url, {"q": "alice", "o": "-12"})
    assert found.status_code == 200 and "Alice&#x27;s household" in found.content.decode()


def test_times_are_the_profiles_clock_with_its_zone(staff_client, two_households):
    page = staff_client.get(reverse(CHANGELIST), {"q": "smith"}).content.decode()
    assert "22:45 EST" in page and "23:00 EST" in page and "06:30 EST" in page
    assert "06:50 EST" in page  # Alice, in New York
    assert "22:45 GMT" in page  # Bob, in London
    assert "03:45" not in page  # Alice's bedtime in UTC


def test_the_change_form_shows_local_times_beside_the_server_zone_inputs(
    staff_client, two_households
):
    night = two_households["alice"]
    page = staff_client.get(reverse("admin:journal_night_change", args=[night.pk])).content
    page = page.decode()
    assert "2026-11-02 22:45 EST (America/New_York)" in page
    assert "2026-11-03 06:50 EST (America/New_York)" in page
    assert "In the server's zone, UTC." in page
    assert 'value="03:45:00"' in page  # the input: the same instant in UTC
    assert ">None<" not in page


def test_saving_the_change_form_unchanged_keeps_the_times(staff_client, two_households):
    night = two_households["alice"]
    before = Night.objects.get(pk=night.pk)
    url = reverse("admin:journal_night_change", args=[night.pk])
    data = {
        "profile": night.profile_id,
        "date": "2026-11-02",
        "sol_minutes": "20",
        "awakenings": "2",
        "waso_minutes": "25",
        "notes": "Thunderstorm",
        "intakes-TOTAL_FORMS": "0",
        "intakes-INITIAL_FORMS": "0",
        "intakes-MIN_NUM_FORMS": "0",
        "intakes-MAX_NUM_FORMS": "1000",
    }
    for field in ("into_bed", "lights_out", "final_wake", "out_of_bed"):
        moment = getattr(before, field).astimezone(UTC)
        data[f"{field}_0"] = f"{moment:%Y-%m-%d}"
        data[f"{field}_1"] = f"{moment:%H:%M:%S}"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    after = Night.objects.get(pk=night.pk)
    assert after.into_bed == before.into_bed == datetime(2026, 11, 3, 3, 45, tzinfo=UTC)
    assert after.out_of_bed == before.out_of_bed


def test_the_night_list_sorts_by_sol_and_waso(staff_client, alice):
    late = make_night(alice.profile, date(2026, 11, 1), sol_minutes=45, waso_minutes=5)
    soon = make_night(alice.profile, date(2026, 11, 2), sol_minutes=5, waso_minutes=50)
    url = reverse(CHANGELIST)
    first, second = (reverse("admin:journal_night_change", args=[n.pk]) for n in (soon, late))
    by_sol = staff_client.get(url, {"o": "8"}).content.decode()
    assert 'class="sortable column-sleep_latency sorted ascending"' in by_sol
    assert "45 min" in by_sol and by_sol.index(first) < by_sol.index(second)
    by_waso = staff_client.get(url, {"o": "9"}).content.decode()
    assert "50 min" in by_waso and by_waso.index(second) < by_waso.index(first)


def test_the_profile_filter_names_the_household(staff_client, two_households):
    url = reverse(CHANGELIST)
    page = staff_client.get(url).content.decode()
    assert "Alice (Smith household)" in page
    assert "Mallory (Jones household)" in page
    mallory = two_households["mallory"].profile
    assert _listed(staff_client.get(url, {"profile__id": mallory.pk})) == {"Mallory"}
    assert _listed(staff_client.get(url, {"profile__id": "nonsense"})) == set()


def test_the_intake_filter_names_the_household(staff_client, two_households):
    page = staff_client.get(reverse("admin:journal_intake_changelist")).content.decode()
    assert "Bob (Smith household)" in page and "Mallory (Jones household)" in page


def _download(client, nights=None) -> list[list[str]]:
    """The action's CSV for `nights`, or for every night on the list ("select all")."""
    if nights is None:
        data = {"action": "download_csv", "select_across": "1", "_selected_action": ["0"]}
    else:
        data = {"action": "download_csv", "_selected_action": [night.pk for night in nights]}
    response = client.post(reverse(CHANGELIST), data)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="nights.csv"'
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(text.splitlines()))


def test_nights_download_as_csv_in_each_profiles_zone(staff_client, two_households):
    from journal.models import Disturbance

    alice_night, bob_night = two_households["alice"], two_households["bob"]
    alice_night.notes = '=HYPERLINK("http://evil.example")'
    alice_night.save()
    alice_night.disturbances.add(*Disturbance.objects.filter(name__in=["Noise", "Pain"]))
    header, *rows = _download(staff_client, [alice_night, bob_night])
    assert header[:5] == ["household", "profile", "time_zone", "date", "into_bed"]
    assert len(rows) == 2
    alice_row, bob_row = (dict(zip(header, row, strict=True)) for row in rows)
    assert alice_row["profile"] == "Alice" and alice_row["household"] == "Smith household"
    assert alice_row["time_zone"] == "America/New_York"
    assert alice_row["into_bed"] == "2026-11-02T22:45:00-05:00"
    assert alice_row["out_of_bed"] == "2026-11-03T06:50:00-05:00"
    assert bob_row["into_bed"] == "2026-11-02T22:45:00+00:00"
    # The same columns as a person's own export, with the household in front.
    assert header[1:] == list(nights_csv.COLUMNS)
    assert alice_row["time_in_bed"] == "485"
    assert alice_row["total_sleep_time"] == "405"
    assert alice_row["sleep_efficiency"] == "83.5"
    assert alice_row["sol_minutes"] == "20" and alice_row["waso_minutes"] == "25"
    assert alice_row["disturbances"] == "Noise; Pain"
    assert alice_row["notes"] == '\'=HYPERLINK("http://evil.example")'
    assert bob_row["notes"] == "Quiet"


def test_downloading_years_of_nights_streams_them_in_chunks(
    staff_client, three_years, django_assert_max_num_queries
):
    """The action's ten queries and one cursor, then per 500 nights one query for their
    disturbances and one for their intake."""
    chunks = -(-len(three_years) // 500)
    with django_assert_max_num_queries(11 + 2 * chunks):
        rows = _download(staff_client)
    assert len(rows) == 1 + len(three_years)
    assert rows[1][3] == "2023-11-01" and rows[-1][3] == three_years[-1].date.isoformat()


def test_the_intake_list_filters_by_profile(staff_client, two_households):
    from journal.models import Intake, IntakeItem

    caffeine = IntakeItem.objects.get(name="Caffeine", household=None)
    for night in two_households.values():
        Intake.objects.create(night=night, item=caffeine, unit=f"cup of {night.profile.name}")
    mallory = two_households["mallory"].profile
    url = reverse("admin:journal_intake_changelist")
    page = staff_client.get(url, {"night__profile__id": mallory.pk}).content.decode()
    assert "cup of Mallory" in page and "cup of Bob" not in page


def test_the_add_form_opens_with_no_profile_to_read_a_zone_from(staff_client, db):
    page = staff_client.get(reverse("admin:journal_night_add")).content.decode()
    assert "In the server's zone, UTC." in page
    assert "Profile&#x27;s local time:" in page
    assert '<div class="readonly">-</div>' in page and ">None<" not in page
