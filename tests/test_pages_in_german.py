"""The main pages, rendered for a German reader, show no English: every visible string is marked
for translation and translated.

The check strips the tags and looks for common English words, whole words only (the brand
"Nightstand" is allowed). Data the household typed (names, routine and step titles) is written
in German here, so only the interface can bring English in.
"""

import html
import re
from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from households.models import Profile, User

from .conftest import add_member, make_account
from .fixtures.journal import make_night
from .fixtures.routines import make_routine

ENGLISH = re.compile(
    r"\b(the|and|your|you|with|from|this|that|night|nights|save|delete|edit|cancel|log|"
    r"tonight|history|household|insights|sleep|minutes|hours|members|people|"
    r"sign out|add|change|steps?|done|week|today|yesterday|average|quality|bedtime)\b",
    re.IGNORECASE,
)
# "Routine" is German as well as English, so it is not on the list.
ALLOWED = {"Nightstand"}


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: no tags, scripts or styles; entities decoded."""
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.DOTALL | re.IGNORECASE)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.DOTALL)
    page = re.sub(r"<[^>]+>", " ", page)
    text = html.unescape(page)
    for word in ALLOWED:
        text = text.replace(word, " ")
    return " ".join(text.split())


def english_in(text: str) -> list[str]:
    """Each English word found, with a little of the text around it."""
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in ENGLISH.finditer(text)]


@pytest.fixture
def anna(db, freeze):
    freeze(datetime(2026, 11, 20, 18, 0, tzinfo=UTC))
    with translation.override("de"):
        user = make_account("anna@example.com", "Anna", time_zone="Europe/Berlin")
    user.language = "de"
    user.save(update_fields=["language"])
    add_member(user, "ben@example.com", "Ben", role=User.Role.ADMIN)
    kind = Profile.objects.create(household=user.household, name="Lena", time_zone="Europe/Berlin")
    make_routine(
        [user.profile, kind],
        name="Abendruhe",
        steps=(("Bildschirme aus", 45), ("Lesen", 30)),
        active_weekdays=list(range(7)),
    )
    for day in range(10, 20):
        make_night(user.profile, date(2026, 11, day), quality=4)
    return user


PAGES = [
    pytest.param("/", id="tonight"),
    pytest.param("/journal/log/", id="log"),
    pytest.param("/journal/history/", id="history"),
    pytest.param("night", id="night"),
    pytest.param("/journal/history/calendar/", id="calendar"),
    pytest.param("/routines/", id="routines"),
    pytest.param("/insights/", id="insights"),
    pytest.param("/household/", id="household"),
    # The account page: one's own profile with its settings; its calendar card is the reminders'.
    pytest.param("account", id="account"),
    pytest.param("/household/profiles/new/", id="add-a-child"),
    # What leaving changes for the routines is said by the routines app.
    pytest.param("/household/leave/", id="leave"),
    # What a deletion removes is counted by the journal and the routines (their own words).
    pytest.param("/household/account/delete/", id="account-delete"),
    pytest.param("/accounts/password/change/", id="password-change"),
]


@pytest.mark.parametrize("path", PAGES)
def test_the_page_has_no_english_for_a_german_reader(client_for, anna, path):
    if path == "night":
        path = f"/journal/nights/{anna.profile.nights.order_by('date').last().pk}/"
    elif path == "account":
        path = f"/household/profiles/{anna.profile.pk}/edit/"
    response = client_for(anna).get(path)
    assert response.status_code == 200
    assert '<html lang="de"' in response.text
    text = visible_text(response.text)
    assert english_in(text) == [], text


SIGNED_OUT = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/nowhere/"]


@pytest.mark.parametrize("path", SIGNED_OUT)
def test_signed_out_pages_follow_the_browsers_german(client, db, path):
    response = client.get(path, headers={"accept-language": "de-DE,de;q=0.9,en;q=0.5"})
    assert response.status_code in (200, 404)
    assert '<html lang="de"' in response.text
    assert english_in(visible_text(response.text)) == []


def test_the_check_finds_english(client_for, anna):
    """The word list catches the interface when it is not translated."""
    anna.language = "en"
    anna.save(update_fields=["language"])
    text = visible_text(client_for(anna).get("/household/").text)
    assert english_in(text)
