"""Works offline (issue 10, item 5), in Chromium with its network cut by Playwright.

Tonight and the log form are opened while online, so the service worker is installed and keeps
them; then, with `context.set_offline(True)`, a night is logged and a step ticked: each is kept
on the phone ("Saved on this phone, will send") and nothing reaches the server. With the network
back, both arrive exactly once, and sending the same submissions again changes nothing.
"""

from datetime import UTC, date, datetime, time

import pytest
from playwright.sync_api import expect

from journal.models import Night
from offline.models import IdempotencyKey
from routines.models import ChecklistItem

from .fixtures.browser import PHONE, log_in
from .fixtures.journal import make_night
from .fixtures.routines import make_routine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Sending, the server's answers and Tonight's reload after the network returns: generous on a
# loaded machine (a condition waited for, never a sleep).
ARRIVAL = 20_000

# Thursday 15 January 2026, 18:00 in London: Robin's bath is due, and last night is the 14th.
EVENING = datetime(2026, 1, 15, 18, 0, tzinfo=UTC)
SAVED = "Saved on this phone, will send"


@pytest.fixture
def bath(child):
    return make_routine(
        [child],
        name="Robin's bedtime",
        bedtime=time(19, 30),
        steps=[("Bath", 45), ("Story", 15)],
        active_weekdays=list(range(7)),
    )


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, locale="en-GB", service_workers="allow"
    )
    yield context
    context.close()


def open_controlled(context, url):
    """A page of the app, once the service worker controls it and has kept its copy."""
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    # Requests cut by the test's own offline switch are expected; anything else (a CSP
    # violation, a refused script) is a problem.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "ERR_INTERNET_DISCONNECTED" not in message.text
            and page.problems.append(message.text)
        ),
    )
    page.goto(url)
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_function(
        """path => caches.open("nightstand-pages").then(cache => cache.keys())
             .then(keys => keys.some(key => new URL(key.url).pathname === path))""",
        arg=url.split("?")[0],
    )
    return page


def fill_last_night(page):
    page.fill("#id_into_bed", "22:40")
    page.fill("#id_lights_out", "22:55")
    page.fill("#id_final_wake", "06:35")
    page.fill("#id_out_of_bed", "06:50")
    page.locator("label[for=id_quality_4]").click()
    page.locator("label[for=id_rested_3]").click()


def test_a_night_and_a_tick_made_offline_arrive_exactly_once(context, freeze, alice, child, bath):
    freeze(EVENING)
    sent = []  # what the queue sent: url, headers and body, to send again at the end
    context.on(
        "request",
        lambda request: (
            "idempotency-key" in request.headers
            and sent.append((request.url, request.headers, request.post_data))
        ),
    )
    first = context.new_page()
    log_in(first, email="alice@example.com")
    first.close()
    log_page = open_controlled(context, f"/journal/log/?profile={child.pk}")
    tonight = open_controlled(context, "/")
    assert tonight.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    assert log_page.input_value("#id_date") == "2026-01-14"

    context.set_offline(True)
    fill_last_night(log_page)
    log_page.get_by_role("button", name="Save", exact=True).click()
    expect(log_page.locator("form.night-form .offline-note")).to_have_text(SAVED)
    expect(log_page.locator("#offline-queue")).to_contain_text(
        f"Robin's night (2026-01-14) · {SAVED}"
    )

    step = bath.steps.get(title="Bath")
    row = tonight.locator(f"#row-{child.pk}-{step.pk}")
    row.locator("button.row-tap").click()
    expect(row.locator(".offline-note")).to_have_text(SAVED)
    # Both pages list both submissions: the queue is the phone's, not one page's.
    expect(tonight.locator("#offline-queue li")).to_have_count(2)
    assert Night.objects.count() == 0
    assert not ChecklistItem.objects.filter(status="done").exists()
    assert sent == []

    context.set_offline(False)

    # The night's page says it was sent, with a link to it; Tonight shows the tick as done.
    night_link = log_page.locator("#offline-queue li.offline-sent a")
    expect(night_link).to_have_text("Open it", timeout=ARRIVAL)
    expect(tonight.locator(f"#row-{child.pk}-{step.pk} button.row-tap")).to_have_attribute(
        "aria-label", "Undo: Bath", timeout=ARRIVAL
    )
    expect(log_page.locator(".offline-note")).to_have_count(0)

    night = Night.objects.get()
    assert (night.profile, night.date, night.quality) == (child, date(2026, 1, 14), 4)
    assert night_link.get_attribute("href") == f"/journal/nights/{night.pk}/"
    assert ChecklistItem.objects.get(step=step).status == "done"
    assert len(sent) == 2 and IdempotencyKey.objects.count() == 2
    assert log_page.evaluate("NightstandOffline.items()") == []

    # The same submissions again (an answer lost on the way): answered alike, applied once.
    for url, headers, body in list(sent):
        answer = log_page.evaluate(
            """([url, headers, body]) => fetch(url, {method: "POST", headers, body})
                 .then(r => [r.status, r.headers.get("Idempotent-Replayed")])""",
            [
                url,
                {
                    k: v
                    for k, v in headers.items()
                    if k in ("idempotency-key", "content-type", "x-csrftoken")
                },
                body,
            ],
        )
        assert answer == [201, "true"]
    assert Night.objects.count() == 1
    assert ChecklistItem.objects.filter(status="done").count() == 1
    assert log_page.problems == [] and tonight.problems == []

    # Signing out forgets the pages kept on this phone: the next person sees none of them.
    tonight.get_by_role("button", name="Sign out").click()
    tonight.wait_for_url("**/accounts/login/**")
    tonight.wait_for_function(
        "caches.open('nightstand-pages').then(cache => cache.keys()).then(kept => !kept.length)"
    )


def test_a_refused_night_says_so_and_opens_the_form_with_it(context, freeze, alice, child):
    freeze(EVENING)
    make_night(child, date(2026, 1, 14))  # logged already, on another phone
    page = context.new_page()
    log_in(page, email="alice@example.com")
    page.close()
    page = open_controlled(context, f"/journal/log/?profile={child.pk}&date=2026-01-13")

    context.set_offline(True)
    page.fill("#id_date", "2026-01-14")
    fill_last_night(page)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#offline-queue")).to_contain_text(SAVED)

    context.set_offline(False)
    refused = page.locator("#offline-queue li.offline-refused")
    expect(refused).to_contain_text(
        "Robin's night (2026-01-14) · Not saved: the server refused it.", timeout=ARRIVAL
    )
    assert Night.objects.count() == 1
    assert page.evaluate("NightstandOffline.items().then(items => items.map(i => i.state))") == [
        "refused"
    ]

    with page.expect_navigation():
        refused.get_by_role("button", name="Open the form with what you entered").click()
    # The form again, as entered, with the server's reason on the date.
    assert page.input_value("#id_date") == "2026-01-14"
    assert page.input_value("#id_final_wake") == "06:35"
    expect(page.locator("#id_date[aria-invalid=true]")).to_have_count(1)
    assert page.evaluate("NightstandOffline.items()") == []
    assert Night.objects.count() == 1
