from django import template

from .. import selectors
from ..forms import FeedOptionsForm
from ..views import SESSION_KEY

register = template.Library()


@register.inclusion_tag("reminders/feed_card.html", takes_context=True)
def calendar_feed_card(context, profile):
    """The profile page's calendar card: the user's own feed of ``profile`` (a profile the page
    already got through the loggable door), and its URL once, right after it was made."""
    request = context["request"]
    feed = selectors.own_feed(request.user, profile)
    new = request.session.get(SESSION_KEY)
    url = None
    if new and new.get("profile") == profile.pk:
        url = new["url"]
        del request.session[SESSION_KEY]
    return {
        "profile": profile,
        "feed": feed,
        "url": url if feed is not None else None,
        "webcal": url and "webcal://" + url.split("://", 1)[1],
        "form": FeedOptionsForm(instance=feed) if feed is not None else None,
        "csrf_token": context.get("csrf_token"),
    }
