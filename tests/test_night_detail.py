"""A night's page: its metrics and answers, to whoever may see that profile."""

from datetime import date

from django.urls import reverse

from .fixtures.journal import make_night


def url(night):
    return reverse("journal:night", args=[night.pk])


def test_the_night_shows_every_metric_and_answer(client_for, alice, alice_night):
    page = client_for(alice).get(url(alice_night)).content.decode()
    assert "Alice · night of Mon 2 Nov" in page
    for text in ("8 h 5 min", "6 h 45 min", "83.5 %", "20 min", "25 min"):
        assert text in page
    assert "<dt>Fell asleep</dt><dd>23:20</dd>" in page
    assert "<dt>Mid-sleep</dt><dd>02:55</dd>" in page
    assert "22:45" in page and "06:50" in page
    assert "Slept fine" in page
    assert reverse("journal:edit", args=[alice_night.pk]) in page


def test_unknown_answers_show_a_dash(client_for, alice):
    night = make_night(alice.profile, date(2026, 11, 5), into_bed=None, sol_minutes=None)
    page = client_for(alice).get(url(night)).content.decode()
    assert "<dt>In bed (TIB)</dt><dd>—</dd>" in page
    assert "<dt>Efficiency (SE)</dt><dd>—</dd>" in page


def test_an_unshared_adults_night_is_404_for_the_other_adult(client_for, alice, bob, alice_night):
    assert client_for(bob).get(url(alice_night)).status_code == 404


def test_a_shared_night_is_visible_but_not_editable(client_for, alice, bob, alice_night):
    alice.profile.shared_with_household = True
    alice.profile.save()
    response = client_for(bob).get(url(alice_night))
    assert response.status_code == 200
    assert "6 h 45 min" in response.content.decode()
    assert reverse("journal:edit", args=[alice_night.pk]) not in response.content.decode()


def test_a_childs_night_is_visible_and_editable_by_any_adult(client_for, alice, bob, child):
    night = make_night(child, date(2026, 11, 2))
    page = client_for(bob).get(url(night)).content.decode()
    assert "Robin · night of" in page
    assert reverse("journal:edit", args=[night.pk]) in page


def test_another_household_gets_404(client_for, mallory, alice_night):
    assert client_for(mallory).get(url(alice_night)).status_code == 404
