import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .deletion import and_list
from .deletion import describe as deletion_description
from .departure import describe
from .forms import (
    ConfirmWithPasswordForm,
    DeleteAccountForm,
    DeleteHouseholdForm,
    HouseholdForm,
    InviteForm,
    NewAccountForm,
    OwnProfileForm,
    ProfileForm,
    RoleForm,
)
from .models import Invite, User
from .services import HouseholdRuleError

logger = logging.getLogger(__name__)

AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _attempt(request, action, *, success: str) -> None:
    """Run an action that household rules may refuse; tell the person how it went."""
    try:
        action()
    except HouseholdRuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


def _carried_out(form, deletion) -> bool:
    """Carry out a deletion the form confirmed; a household rule that refuses it (the household
    changed since the page was read) becomes the form's error, and nothing is deleted."""
    try:
        deletion()
    except HouseholdRuleError as error:
        form.add_error(None, error.message)
        return False
    return True


def _posted(request):
    """The POST data to bind a form to: an empty POST is bound too, so it gets its errors."""
    return request.POST if request.method == "POST" else None


def signup(request):
    if request.user.is_authenticated:
        return redirect("routines:tonight")
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.sign_up(**form.cleaned_data)
        login(request, user, backend=AUTH_BACKEND)
        messages.success(request, _("Welcome to Nightstand. This is your household."))
        return redirect("households:detail")
    return render(request, "households/signup.html", {"form": form})


def accept_invite(request, token: str):
    invite = get_object_or_404(Invite.objects.select_related("household"), token=token)
    if not invite.is_usable:
        return render(request, "households/invite_unusable.html", {"invite": invite}, status=410)
    if request.user.is_authenticated:
        return _join_with_existing_account(request, invite)
    form = NewAccountForm(request.POST or None, initial={"email": invite.email})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invite(invite=invite, **form.cleaned_data)
        except HouseholdRuleError as error:
            form.add_error(None, error.message)
        else:
            login(request, user, backend=AUTH_BACKEND)
            messages.success(request, _("Welcome to %(name)s.") % {"name": invite.household.name})
            return redirect("households:detail")
    return render(request, "households/invite_accept.html", {"invite": invite, "form": form})


def _join_with_existing_account(request, invite: Invite):
    """Say what joining would do to what the person keeps, and do it on their confirmation."""
    try:
        move = services.planned_join(invite=invite, user=request.user)
    except HouseholdRuleError as error:
        return render(
            request, "households/invite_join.html", {"invite": invite, "refusal": error.message}
        )
    if request.method == "POST":
        try:
            services.join_with_existing_account(invite=invite, user=request.user)
        except HouseholdRuleError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("You joined %(name)s.") % {"name": invite.household.name})
            return redirect("households:detail")
    context = {"invite": invite, "consequences": describe(move), "move": move}
    return render(request, "households/invite_join.html", context)


@login_required
def household_detail(request):
    user = request.user
    context = {
        "household": user.household,
        # The page shows the people's own fields only: no join on their accounts or profiles.
        "members": selectors.household_members(user),
        "profiles": selectors.visible_profiles(user).select_related(None),
        "invites": Invite.objects.for_user(user).pending() if user.is_household_admin else [],
        "invite_form": InviteForm(),
        "household_form": HouseholdForm(instance=user.household),
    }
    return render(request, "households/detail.html", context)


@login_required
@require_POST
def household_rename(request):
    if not request.user.is_household_admin:
        messages.error(request, _("Only a household admin can rename the household."))
        return redirect("households:detail")
    form = HouseholdForm(request.POST, instance=request.user.household)
    if form.is_valid():
        form.save()
        messages.success(request, _("Household renamed."))
    else:
        messages.error(request, "A household needs a name.")
    return redirect("households:detail")


@login_required
def profile_create(request):
    if not request.user.is_household_admin:
        messages.error(request, _("Only a household admin can add a dependant."))
        return redirect("households:detail")
    form = ProfileForm(request.POST or None, household=request.user.household)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        messages.success(
            request,
            _("Added %(name)s. Everyone in the household can log for them.")
            % {"name": profile.name},
        )
        return redirect("households:detail")
    return render(request, "households/profile_form.html", {"form": form, "profile": None})


@login_required
def profile_edit(request, profile_id: int):
    profile = selectors.get_editable_profile(request.user, profile_id)
    form_class = ProfileForm if profile.is_dependant else OwnProfileForm
    form = form_class(request.POST or None, instance=profile, household=request.user.household)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved %(name)s's profile.") % {"name": profile.name})
        return redirect("households:detail")
    return render(request, "households/profile_form.html", {"form": form, "profile": profile})


@login_required
def profile_delete(request, profile_id: int):
    profile = selectors.get_editable_profile(request.user, profile_id)
    try:
        deletion = services.planned_dependant_deletion(by=request.user, profile=profile)
    except HouseholdRuleError as error:
        messages.error(request, error.message)
        return redirect("households:detail")
    form = ConfirmWithPasswordForm(_posted(request), user=request.user)
    confirmed = request.method == "POST" and form.is_valid()
    if confirmed and _carried_out(
        form, lambda: services.delete_dependant(by=request.user, profile=profile)
    ):
        messages.success(request, _("Deleted %(name)s and their journal.") % {"name": profile.name})
        return redirect("households:detail")
    context = {
        "profile": profile,
        "form": form,
        "description": deletion_description(deletion),
        "export_profile": profile,
    }
    return render(request, "households/profile_delete.html", context)


@login_required
@require_POST
def invite_create(request):
    form = InviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a valid email address, or leave it empty."))
        return redirect("households:detail")
    try:
        invite = services.create_invite(
            by=request.user,
            invite_url=lambda inv: request.build_absolute_uri(
                reverse("accept_invite", args=[inv.token])
            ),
            **form.cleaned_data,
        )
    except HouseholdRuleError as error:
        messages.error(request, error.message)
    else:
        if not invite.email:
            done = _("Invite link created. It works once, for 7 days.")
        elif settings.EMAIL_CONFIGURED:
            done = _("Invite link created and emailed. It works once, for 7 days.")
        else:
            done = _(
                "Invite link created (and printed to the server log). It works once, for 7 days."
            )
        messages.success(request, done)
    return redirect("households:detail")


@login_required
@require_POST
def invite_revoke(request, invite_id: int):
    invite = selectors.get_invite(request.user, invite_id)
    _attempt(
        request,
        lambda: services.revoke_invite(by=request.user, invite=invite),
        success=_("Invite revoked: the link no longer works."),
    )
    return redirect("households:detail")


@login_required
@require_POST
def member_role(request, member_id: int):
    member = selectors.get_member(request.user, member_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
        return redirect("households:detail")
    role = form.cleaned_data["role"]
    _attempt(
        request,
        lambda: services.change_role(by=request.user, member=member, role=role),
        success=(
            _("%(name)s is now household admin.")
            if role == User.Role.ADMIN
            else _("%(name)s is now a member.")
        )
        % {"name": member.name},
    )
    return redirect("households:detail")


@login_required
@require_POST
def member_remove(request, member_id: int):
    member = selectors.get_member(request.user, member_id)
    _attempt(
        request,
        lambda: services.remove_member(by=request.user, member=member),
        success=_("%(name)s is no longer in the household.") % {"name": member.name},
    )
    return redirect("households:detail")


@login_required
def leave(request):
    """Leaving asks first, on a page that says what comes along and what ends."""
    try:
        move = services.planned_leave(user=request.user)
    except HouseholdRuleError as error:
        messages.error(request, error.message)
        return redirect("households:detail")
    if request.method == "POST":
        _attempt(
            request,
            lambda: services.leave_household(user=request.user),
            success=_("You left the household. Your journal came with you."),
        )
        return redirect("households:detail")
    return render(request, "households/leave.html", {"consequences": describe(move)})


@login_required
@require_POST
def member_children(request, member_id: int):
    member = selectors.get_member(request.user, member_id)
    allowed = request.POST.get("looks_after_children") == "on"
    _attempt(
        request,
        lambda: services.set_looks_after_children(by=request.user, member=member, allowed=allowed),
        success=(
            _("%(name)s can look after the children.")
            if allowed
            else _("%(name)s no longer can look after the children.")
        )
        % {"name": member.name},
    )
    return redirect("households:detail")


@login_required
def account_delete(request):
    try:
        deletion = services.planned_account_deletion(user=request.user)
    except HouseholdRuleError as error:
        return render(request, "households/account_delete.html", {"refusal": error.message})
    form = DeleteAccountForm(_posted(request), user=request.user)
    confirmed = request.method == "POST" and form.is_valid()
    if confirmed and _carried_out(form, lambda: services.delete_account(user=request.user)):
        messages.success(request, _("Your account and journal are deleted."))
        return redirect("login")
    context = {
        "form": form,
        "description": deletion_description(deletion),
        "whole_household": deletion.household is not None,
        # Alone, the person takes the household with them: offer the household's export.
        "export_profile": None if deletion.household else next(iter(deletion.profiles), None),
    }
    return render(request, "households/account_delete.html", context)


@login_required
def household_delete(request):
    """The admin deletes the household, after a page that names everyone it touches."""
    try:
        deletion = services.planned_household_deletion(by=request.user)
    except HouseholdRuleError as error:
        messages.error(request, error.message)
        return redirect("households:detail")
    form = DeleteHouseholdForm(_posted(request), user=request.user)
    household = deletion.household
    confirmed = request.method == "POST" and form.is_valid()
    if confirmed and _carried_out(
        form, lambda: services.delete_household(by=request.user, household=household)
    ):
        done = _("The household “%(name)s” and your account are deleted.") % {
            "name": household.name
        }
        messages.success(request, done)
        return redirect("login")
    context = {
        "form": form,
        "deletion": deletion,
        "description": deletion_description(deletion),
        "staying_names": and_list([member.name for member in deletion.staying_users]),
    }
    return render(request, "households/household_delete.html", context)


# Outside ATOMIC_REQUESTS: opening the request's transaction would fail before the check runs.
@transaction.non_atomic_requests
@require_GET
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any database failure means "not healthy"
        # The error names the database host: it goes to the log, never to the (public) answer.
        logger.warning("Health check: the database does not answer: %s", error)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def manifest(request):
    return render(request, "manifest.webmanifest", content_type="application/manifest+json")
