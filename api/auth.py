"""How the API knows who is calling.

- A personal access token in `Authorization: Bearer …`: scripts and automations. No cookie is
  involved, so no cross-site request can carry it, and CSRF does not apply.
- The browser's session, for the docs page's "Try it out": django-ninja's SessionAuth checks the
  CSRF token on every unsafe request, as the pages do.
"""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from households import secret_tokens

from .models import AccessToken


class AccessTokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        if not token or len(token) > 200:
            return None
        found = (
            AccessToken.objects.select_related("user")
            .filter(token_digest=secret_tokens.digest(token))
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        found.record_use()
        # The request is the token owner's from here on: among other things the private-responses
        # middleware then keeps the answer out of every cache, as for a signed-in page.
        request.user = found.user
        return found.user


class BrowserSessionAuth(SessionAuth):
    """The signed-in browser, unless the request names a token: then the token alone decides,
    so a revoked token is refused even from a browser that is signed in."""

    def __call__(self, request):
        if request.headers.get("Authorization"):
            return None
        return super().__call__(request)


API_AUTH = [AccessTokenAuth(), BrowserSessionAuth()]
