"""Sign-in rules around django-axes: who counts as the same person, and unlocking on reset."""

from axes.utils import reset as reset_axes_attempts
from django.conf import settings
from django.contrib.auth import views as auth_views


def axes_username(request, credentials: dict | None = None) -> str | None:
    """The account a sign-in attempt is for, as axes counts failures against it.

    Sign-in ignores capitals (UserManager.get_by_natural_key), so the lock must too: otherwise
    each new capitalisation of an address would buy another round of attempts.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials is not None:
        username = credentials.get(field)
    else:
        username = getattr(request, "POST", {}).get(field)
    return username.strip().lower() if username else None


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the emailed link also lifts any sign-in lock.

    The link proves the person owns the address, which is what the lock was protecting.
    """

    def form_valid(self, form):
        response = super().form_valid(form)
        username = axes_username(None, {settings.AXES_USERNAME_FORM_FIELD: form.user.email})
        if username:  # reset(username=None) would clear every account's attempts
            reset_axes_attempts(username=username)
        return response
