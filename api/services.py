"""Making and revoking access tokens."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from households import secret_tokens
from households.models import User

from .models import AccessToken

TOKEN_PREFIX = "ns_"
HINT_LENGTH = 7
MAX_TOKENS = 20


def create_token(*, user: User, name: str) -> tuple[AccessToken, str]:
    """A new token for ``user``; returns it and the secret, which is shown once and not kept."""
    name = name.strip()
    if AccessToken.objects.filter(user=user).count() >= MAX_TOKENS:
        raise ValidationError(
            _("You have %(count)d tokens: revoke one you no longer use first.")
            % {"count": MAX_TOKENS}
        )
    secret = secret_tokens.new_secret(TOKEN_PREFIX)
    token = AccessToken(
        user=user,
        name=name,
        token_digest=secret_tokens.digest(secret),
        hint=secret[:HINT_LENGTH],
    )
    token.full_clean()
    token.save()
    return token, secret


def revoke(*, token: AccessToken) -> None:
    """The token stops working at once: the next request with it is refused (401)."""
    token.delete()
