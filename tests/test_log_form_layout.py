"""The log form reads like an app: plain labels, ratings as five numbered segments with their
words and "Not sure", the optional fields behind one visible expander."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

LOG = reverse("journal:log")


@pytest.fixture(autouse=True)
def _today_is_fixed(freeze):
    freeze(datetime(2026, 11, 10, 8, 0, tzinfo=UTC))


def test_labels_have_no_colons(client_for, alice):
    html = client_for(alice).get(LOG).content.decode()
    labels = re.findall(r"<label[^>]*>([^<]+)</label>", html)
    assert "Into bed" in labels and "What" in labels
    assert not [label for label in labels if label.rstrip().endswith(":")]


def test_ratings_are_numbered_segments_with_words_and_not_sure(client_for, alice):
    html = client_for(alice).get(LOG).content.decode()
    quality = html[html.index("<legend>Sleep quality</legend>") :]
    quality = quality[: quality.index("</fieldset>")]
    segments = re.findall(r'<label class="segment[^"]*" for="id_quality_(\d)">', quality)
    assert segments == ["0", "1", "2", "3", "4", "5"]
    assert '<span class="n" aria-hidden="true">4</span><span class="word">Good</span>' in quality
    assert 'class="segment not-sure"' in quality and ">Not sure<" in quality
    assert 'value="" required' not in quality  # blank is allowed: "not sure"
    assert "<legend>How rested</legend>" in html


def test_the_optional_fields_are_behind_one_expander(client_for, alice):
    html = client_for(alice).get(LOG).content.decode()
    assert '<details class="more-details">' in html  # closed on a new night
    assert "<summary>More: naps, stress, disturbances, intake, notes</summary>" in html
    assert html.index("id_quality_4") < html.index('<details class="more-details">')
    assert html.index("id_stress_") > html.index('<details class="more-details">')
