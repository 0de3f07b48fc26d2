"""The account page's access tokens: make one (shown once), see them, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import TokenForm
from .models import AccessToken

SESSION_KEY = "api:new-token"


@login_required
def token_list(request):
    new = request.session.pop(SESSION_KEY, None)
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": AccessToken.objects.owned_by(request.user),
            "form": TokenForm(),
            "new": new,
        },
    )


@login_required
def token_create(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[SESSION_KEY] = {"name": token.name, "secret": secret}
            return redirect("tokens:list")
    return render(
        request,
        "api/tokens.html",
        {"tokens": AccessToken.objects.owned_by(request.user), "form": form, "new": None},
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(AccessToken.objects.owned_by(request.user), pk=token_id)
    services.revoke(token=token)
    messages.success(request, _("Revoked “%(name)s”: it no longer works.") % {"name": token.name})
    return redirect("tokens:list")
