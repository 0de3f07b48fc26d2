"""History: nights newest first with their key numbers, more on demand, only what you may see."""

from datetime import date

from django.urls import reverse

from .conftest import add_dependant
from .fixtures.journal import make_night

HISTORY = reverse("journal:history")


def test_nights_are_listed_newest_first_with_their_numbers(client_for, alice):
    make_night(alice.profile, date(2026, 11, 1), quality=2)
    make_night(alice.profile, date(2026, 11, 2), sol_minutes=None)
    page = client_for(alice).get(HISTORY).content.decode()
    assert page.index("Mon 2 Nov") < page.index("Sun 1 Nov")
    assert "6 h 45 min" in page and "83.5 %" in page and "Poor" in page
    assert "<dt>Asleep</dt><dd>—</dd>" in page  # the night without SOL


def test_an_empty_history_says_so(client_for, alice):
    assert "No nights logged for Alice yet." in client_for(alice).get(HISTORY).content.decode()


def test_the_profile_picker_shows_only_visible_profiles(client_for, alice, bob, child):
    page = client_for(alice).get(HISTORY).content.decode()
    assert f"?profile={child.pk}" in page
    assert f"?profile={bob.profile.pk}" not in page  # Bob doesn't share
    bob.profile.shared_with_household = True
    bob.profile.save()
    assert f"?profile={bob.profile.pk}" in client_for(alice).get(HISTORY).content.decode()


def test_a_childs_history(client_for, alice, bob, child):
    make_night(child, date(2026, 11, 2), "19:30", "19:45", "06:45", "06:50")
    page = client_for(bob).get(HISTORY, {"profile": child.pk}).content.decode()
    assert "History · Robin" in page and "19:45" in page


def test_an_unshared_adults_history_is_404(client_for, alice, bob):
    make_night(bob.profile, date(2026, 11, 2))
    assert client_for(alice).get(HISTORY, {"profile": bob.profile.pk}).status_code == 404


def test_another_households_profile_in_the_query_is_404(client_for, alice, mallory):
    stranger = add_dependant(mallory, "Stranger")
    make_night(stranger, date(2026, 11, 2))
    client = client_for(alice)
    assert client.get(HISTORY, {"profile": stranger.pk}).status_code == 404
    assert client.get(HISTORY, {"profile": mallory.profile.pk}).status_code == 404
    assert client.get(HISTORY, {"profile": "nonsense"}).status_code == 404


def test_more_nights_load_as_a_fragment_with_htmx(client_for, alice, three_years):
    client = client_for(alice)
    page = client.get(HISTORY).content.decode()
    assert page.count('class="night-row"') == 30
    assert "before=2026-10-21" in page  # the 30th newest night (the last is 19 Nov)
    response = client.get(
        HISTORY,
        {"profile": alice.profile.pk, "before": "2026-10-21"},
        headers={"HX-Request": "true"},
    )
    fragment = response.content.decode()
    assert "<html" not in fragment
    assert fragment.count('class="night-row"') == 30
    assert "Tue 20 Oct" in fragment and "Wed 21 Oct" not in fragment
    assert "before=2026-09-21" in fragment


def test_more_nights_work_without_javascript(client_for, alice, three_years):
    page = client_for(alice).get(HISTORY, {"before": "2023-11-05"}).content.decode()
    assert "<html" in page and "Back to the newest nights" in page
    assert page.count('class="night-row"') == 4
    assert "Older nights" not in page


def test_three_years_of_history_cost_a_fixed_number_of_queries(
    client_for, alice, three_years, django_assert_max_num_queries
):
    client = client_for(alice)
    with django_assert_max_num_queries(9):  # the first page adds the weekly line's nights
        assert client.get(HISTORY).status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get(HISTORY, {"before": "2025-01-01"}, headers={"HX-Request": "true"})
    assert response.content.decode().count('class="night-row"') == 30
