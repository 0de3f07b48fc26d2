"""config.links: one reverse for a page's many links gives what reverse gives for each."""

import pytest
from django.urls import reverse

from config import links


@pytest.mark.parametrize(
    ("viewname", "kwarg"),
    [("journal:night", "night_id"), ("routines:checklist", "checklist_id")],
)
@pytest.mark.parametrize("pk", [1, 7, 10, 123456789])
def test_by_id_equals_reverse(viewname, kwarg, pk):
    assert links.by_id(viewname, kwarg)(pk) == reverse(viewname, kwargs={kwarg: pk})


def test_a_route_with_more_after_the_id(settings):
    # journal:edit is nights/<id>/edit/: the id is still a segment of its own.
    assert links.by_id("journal:edit", "night_id")(42) == reverse(
        "journal:edit", kwargs={"night_id": 42}
    )
