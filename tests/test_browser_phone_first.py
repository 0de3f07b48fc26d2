"""Phone first, for real (issue 10), in Chromium at 390×844 and 1280×800, light and dark: the
morning asks about last night first, a checklist row ticks and unticks with one tap, a typical
night is logged in a counted number of interactions, and every main page passes axe."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from journal.models import Night
from routines.models import ChecklistItem

from .fixtures.browser import has_horizontal_scroll, log_in
from .fixtures.journal import make_night
from .fixtures.routines import make_routine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
EVERY_VIEW = [(size, scheme) for size in VIEWS for scheme in ("light", "dark")]
IDS = [f"{size}-{scheme}" for size, scheme in EVERY_VIEW]

# Friday 16 January 2026 in London: 09:00 is the morning after the night of the 15th.
MORNING = datetime(2026, 1, 16, 9, 0, tzinfo=UTC)
EVENING = datetime(2026, 1, 15, 18, 0, tzinfo=UTC)

# Home → "Log last night", the four clock times, the two ratings, Save.
TYPICAL_NIGHT_INTERACTIONS = 1 + 4 + 2 + 1


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def _open(size: str, scheme: str):
        context = browser.new_context(
            **VIEWS[size], color_scheme=scheme, base_url=live_server.url, locale="en-GB"
        )
        contexts.append(context)
        page = context.new_page()
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def bath(child):
    return make_routine(
        [child],
        name="Robin's bedtime",
        bedtime=time(19, 30),
        steps=[("Bath", 45), ("Story", 15)],
        active_weekdays=list(range(7)),
    )


def serious_axe_violations(page) -> list:
    result = Axe().run(page)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(("size", "scheme"), EVERY_VIEW, ids=IDS)
def test_the_morning_leads_with_the_log_card(open_page, freeze, alice, bath, size, scheme):
    freeze(MORNING)
    page = open_page(size, scheme)
    log_in(page, email="alice@example.com")
    page.goto("/")
    cards = page.locator("article.card")
    expect(cards.first).to_contain_text("How did you sleep?")
    robin = page.locator("section.person", has_text="Robin")
    expect(robin.locator("article.card").first).to_contain_text("How did Robin sleep?")
    expect(robin.get_by_role("link", name="Log last night")).to_be_visible()
    # Last night's checklist is history: folded away, nothing due, nothing to tick.
    assert page.get_by_text("Due now").count() == 0
    assert page.locator("button.row-tap").count() == 0
    assert not has_horizontal_scroll(page)
    assert serious_axe_violations(page) == []
    assert page.problems == []


@pytest.mark.parametrize(("size", "scheme"), EVERY_VIEW, ids=IDS)
def test_tapping_the_row_ticks_and_tapping_again_undoes(
    open_page, freeze, alice, bath, size, scheme
):
    freeze(EVENING)
    page = open_page(size, scheme)
    log_in(page, email="alice@example.com")
    page.goto("/")
    page.evaluate("window.stillTheSamePage = true")
    row = page.locator(
        "#row-{}-{}".format(bath.followers.get().pk, bath.steps.get(title="Bath").pk)
    )
    tap = row.locator("button.row-tap")
    box = tap.bounding_box()
    assert box["height"] >= 44 and box["width"] >= row.bounding_box()["width"] * 0.6
    tap.click(position={"x": box["width"] - 20, "y": box["height"] / 2})  # anywhere on the row
    expect(page.locator(".progress-text").first).to_have_text("1 of 2 done")
    assert ChecklistItem.objects.get(step__title="Bath").status == "done"
    expect(row.locator("button.row-tap")).to_have_attribute("aria-label", "Undo: Bath")
    row.locator("button.row-tap").click()
    expect(page.locator(".progress-text").first).to_have_text("0 of 2 done")
    assert ChecklistItem.objects.get(step__title="Bath").status == "pending"
    progress = page.locator("progress").first
    assert progress.evaluate("e => e.getAttribute('aria-labelledby')")
    assert page.evaluate("window.stillTheSamePage") is True
    assert serious_axe_violations(page) == []
    assert page.problems == []


@pytest.mark.parametrize(("size", "scheme"), [("phone", "light"), ("desktop", "dark")])
def test_a_typical_night_is_logged_in_eight_interactions(open_page, freeze, alice, size, scheme):
    freeze(MORNING)
    # The night before last is logged: its times and minutes prefill this one.
    make_night(alice.profile, date(2026, 1, 14), sol_minutes=15, awakenings=1, waso_minutes=10)
    page = open_page(size, scheme)
    log_in(page, email="alice@example.com")
    page.goto("/")
    interactions = 0

    def click(locator):
        nonlocal interactions
        interactions += 1
        locator.click()

    # A person is slower than this script: each change waits for its inline validation (a
    # faster change would abort the one before, which htmx reports on the console).
    def validated(action):
        with page.expect_response(lambda response: "/validate/" in response.url):
            action()

    def fill(selector, value):
        nonlocal interactions
        interactions += 1
        validated(lambda: page.fill(selector, value))

    click(page.get_by_role("link", name="Log last night"))
    page.wait_for_url("**/journal/log/?profile=*&date=2026-01-15")
    assert page.input_value("#id_sol_minutes") == "15"  # prefilled from the night before
    fill("#id_into_bed", "23:10")
    fill("#id_lights_out", "23:20")
    fill("#id_final_wake", "06:40")
    fill("#id_out_of_bed", "07:05")
    validated(lambda: click(page.locator("label[for=id_quality_4]")))  # "4 Good"
    validated(lambda: click(page.locator("label[for=id_rested_3]")))  # "3 Somewhat"
    click(page.get_by_role("button", name="Save", exact=True))
    page.wait_for_url("**/journal/nights/*/")

    assert interactions == TYPICAL_NIGHT_INTERACTIONS == 8
    night = Night.objects.get(profile=alice.profile, date=date(2026, 1, 15))
    assert (night.quality, night.rested, night.sol_minutes, night.waso_minutes) == (4, 3, 15, 10)
    assert night.local(night.into_bed).time() == time(23, 10)
    assert night.local(night.out_of_bed) == night.local(night.into_bed).replace(
        hour=7, minute=5
    ) + timedelta(days=1)
    assert page.problems == [], page.problems


MAIN_PAGES = [
    "/",
    "/journal/log/",
    "/journal/history/",
    "/journal/history/calendar/",
    "/insights/",
    "/routines/",
    "/household/",
]


@pytest.mark.parametrize(("size", "scheme"), EVERY_VIEW, ids=IDS)
def test_every_main_page_passes_axe(open_page, freeze, alice, child, bath, size, scheme):
    freeze(EVENING)
    for offset in range(1, 40):
        if offset % 6:
            make_night(
                alice.profile, date(2026, 1, 15) - timedelta(days=offset), quality=offset % 5 + 1
            )
    page = open_page(size, scheme)
    log_in(page, email="alice@example.com")
    found = {}
    for path in MAIN_PAGES:
        page.goto(path)
        assert not has_horizontal_scroll(page), path
        violations = serious_axe_violations(page)
        if violations:
            found[path] = violations
    assert found == {}, found
    assert page.problems == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_household_side_by_side_only_at_a_desk(open_page, freeze, alice, bath, size):
    freeze(EVENING)
    make_night(alice.profile, date(2026, 1, 14))
    page = open_page(size, "light")
    log_in(page, email="alice@example.com")
    page.goto("/")
    alice_box, robin_box = (box.bounding_box() for box in page.locator("section.person").all())
    side_by_side = alice_box["y"] == robin_box["y"] and robin_box["x"] > alice_box["x"]
    assert side_by_side is (size == "desktop")
    page.goto("/journal/history/")
    assert page.locator(".history-table").is_visible() is (size == "desktop")
    assert page.locator(".history-list").is_visible() is (size == "phone")
    assert not has_horizontal_scroll(page)
