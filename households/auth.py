"""Sign-in rules around django-axes: which account an attempt counts against."""

from django.conf import settings


def axes_username(request, credentials: dict | None = None) -> str:
    """The account a sign-in attempt is for, as axes counts failures against it.

    Sign-in ignores capitals (UserManager.get_by_natural_key), so the lock must too: otherwise
    each new capitalisation of an address would buy another round of attempts.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials is not None:
        username = credentials.get(field)
    else:
        username = getattr(request, "POST", {}).get(field)
    return (username or "").strip().lower()
