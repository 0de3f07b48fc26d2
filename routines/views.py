from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import retarget

from households.selectors import loggable_profiles
from insights.selectors import weekly_lines
from journal.clock import night_of
from offline.idempotency import idempotent

from . import selectors, services, summaries
from .forms import CopyTemplateForm, RoutineForm, StepForm
from .models import ChecklistItem, Routine
from .templates_catalog import CATALOG

Status = ChecklistItem.Status


# --- tonight --------------------------------------------------------------------------------


@login_required
def tonight(request):
    now = timezone.now()
    people = selectors.tonight(user=request.user, now=now)
    context = {
        "people": people,
        "has_cards": any(person.cards for person in people),
        "any_morning": any(person.morning for person in people),
        "weekly": weekly_lines(
            user=request.user, profiles=[person.profile for person in people], now=now
        ),
    }
    return render(request, "routines/tonight.html", context)


ACTIONS = {"done": Status.DONE, "skip": Status.SKIPPED, "undo": Status.PENDING}


def _cards_response(request, *, profiles, loggable, routine, followers, now):
    if not request.htmx:
        return redirect("routines:tonight")
    cards = selectors.build_cards(
        profiles=profiles, loggable=loggable, routines=[routine], followers=followers, now=now
    )
    return render(request, "routines/tonight.html#cards", {"cards": cards, "oob": True})


@login_required
@require_POST
@idempotent()
def mark(request, step_id: int, profile_id: int):
    """Tick, skip or undo one step on one profile's checklist tonight."""
    loggable = selectors.evening_profiles(request.user)
    profile = selectors.get_loggable(loggable, profile_id)
    step, followers = selectors.get_step_to_tick(request.user, step_id, loggable)
    action = ACTIONS.get(request.POST.get("action", "done"))
    if action is None:
        raise Http404("Unknown action.")
    now = timezone.now()
    night = night_of(now, profile.zone)
    ours = followers[step.routine_id]
    try:
        if action == Status.PENDING:
            services.undo(profile=profile, step=step, night=night, by=request.user, followers=ours)
        else:
            services.tick(
                profile=profile,
                step=step,
                night=night,
                by=request.user,
                status=action,
                now=now,
                followers=ours,
            )
    except ValidationError as error:  # not a follower of this routine
        raise Http404(str(error)) from error
    return _cards_response(
        request,
        profiles=[profile],
        loggable=loggable,
        routine=step.routine,
        followers=followers,
        now=now,
    )


@login_required
@require_POST
@idempotent()
def mark_all(request, step_id: int):
    """Done for everyone the user looks after who follows this shared routine."""
    loggable = selectors.evening_profiles(request.user)
    step, followers = selectors.get_step_to_tick(request.user, step_id, loggable)
    now = timezone.now()
    ticked = services.tick_for_all(
        step=step,
        by=request.user,
        profiles=loggable,
        now=now,
        followers=followers[step.routine_id],
    )
    return _cards_response(
        request,
        profiles=ticked,
        loggable=loggable,
        routine=step.routine,
        followers=followers,
        now=now,
    )


# --- past nights ----------------------------------------------------------------------------


@login_required
def checklist_detail(request, checklist_id: int):
    checklist = selectors.get_visible_checklist(request.user, checklist_id)
    tz = checklist.profile.zone
    items = [(item, item.at.astimezone(tz)) for item in checklist.items.all()]
    context = {
        "checklist": checklist,
        "items": items,
        "bedtime_at": checklist.bedtime_at.astimezone(tz),
        "done": sum(item.status == Status.DONE for item, _ in items),
    }
    return render(request, "routines/checklist.html", context)


# --- routines -------------------------------------------------------------------------------


@login_required
def routine_list(request):
    routines = list(selectors.routines_page(request.user))
    context = {
        "summaries": summaries.summaries(routines=routines, now=timezone.now(), with_steps=False),
        "routines": routines,
    }
    return render(request, "routines/list.html", context)


@login_required
def routine_detail(request, routine_id: int):
    routine = selectors.get_visible_routine(request.user, routine_id)
    editable = Routine.objects.editable_by(request.user).filter(pk=routine.pk).exists()
    return render(request, "routines/detail.html", _detail_context(request, routine, editable))


def _detail_context(request, routine, editable, step_form=None):
    prefetch_related_objects(
        [routine], "steps", "schedules", selectors.followers_visible_to(request.user)
    )
    return {
        "routine": routine,
        "editable": editable,
        "steps": routine.steps.all(),
        "step_form": step_form or StepForm(),
        "summaries": summaries.summaries(routines=[routine], now=timezone.now()),
    }


@login_required
def routine_create(request):
    loggable = loggable_profiles(request.user)
    routine = Routine(household=request.user.household)
    form = RoutineForm(request.POST or None, instance=routine, loggable=loggable)
    if request.method == "POST" and form.is_valid():
        services.save_routine(routine=form.instance, followers=form.chosen_followers())
        messages.success(
            request, _("“%(name)s” created. Now add its steps.") % {"name": routine.name}
        )
        return redirect("routines:detail", routine_id=routine.pk)
    return render(request, "routines/form.html", {"form": form})


@login_required
def routine_edit(request, routine_id: int):
    routine = selectors.get_editable_routine(request.user, routine_id)
    form = RoutineForm(
        request.POST or None, instance=routine, loggable=loggable_profiles(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_routine(
                routine=form.instance,
                followers=form.chosen_followers(),
                version=form.seen_version,
            )
        except services.StaleEdit as stale:
            return render(
                request, "routines/form.html", _conflict_context(form, stale.saved), status=409
            )
        messages.success(request, _("Routine saved."))
        return redirect("routines:detail", routine_id=routine.pk)
    return render(request, "routines/form.html", {"form": form, "routine": routine})


def _conflict_context(form, saved) -> dict:
    """A refused edit: what differs from the saved version, and the form again over it."""
    return {
        "form": form.resubmit_over(saved),
        "conflict": form.differences(saved),
        "routine" if isinstance(saved, Routine) else "step": saved,
    }


@login_required
def routine_delete(request, routine_id: int):
    routine = selectors.get_editable_routine(request.user, routine_id)
    if request.method == "POST":
        services.delete_routine(routine=routine)
        messages.success(
            request,
            _("“%(name)s” deleted. Its past nights stay in history.") % {"name": routine.name},
        )
        return redirect("routines:list")
    return render(request, "routines/delete.html", {"routine": routine})


@login_required
def starters(request):
    loggable = loggable_profiles(request.user)
    chosen = request.POST.get("template") if request.method == "POST" else None
    forms = []
    for key, starter in CATALOG.items():
        bound = key == chosen
        form = CopyTemplateForm(
            request.POST if bound else None,
            initial={"template": key},
            loggable=loggable,
            auto_id=f"id_{key}_%s",
        )
        if bound and form.is_valid():
            routine = services.copy_template(
                household=request.user.household,
                template_key=key,
                followers=form.cleaned_data["followers"],
            )
            messages.success(
                request, _("“%(name)s” copied. Adjust it as you like.") % {"name": routine.name}
            )
            return redirect("routines:detail", routine_id=routine.pk)
        forms.append((starter, form))
    return render(request, "routines/starters.html", {"forms": forms})


# --- steps, edited in place -----------------------------------------------------------------


def _steps_response(request, routine, *, step_form=None, status=200):
    """The steps editor fragment for HTMX, else back to the routine page."""
    if request.htmx:
        prefetch_related_objects([routine], "steps")
        context = {"routine": routine, "steps": routine.steps.all(), "editable": True}
        context["step_form"] = step_form or StepForm()
        return render(request, "routines/detail.html#steps", context, status=status)
    if step_form is not None:
        context = _detail_context(request, routine, True, step_form=step_form)
        return render(request, "routines/detail.html", context, status=status)
    return redirect("routines:detail", routine_id=routine.pk)


@login_required
@require_POST
def step_add(request, routine_id: int):
    routine = selectors.get_editable_routine(request.user, routine_id)
    form = StepForm(request.POST)
    if not form.is_valid():
        # htmx swaps only 2xx answers, so the fragment with the errors comes as 200.
        return _steps_response(
            request, routine, step_form=form, status=200 if request.htmx else 422
        )
    services.add_step(routine=routine, step=form.instance)
    return _steps_response(request, routine)


@login_required
def step_edit(request, step_id: int):
    step = selectors.get_editable_step(request.user, step_id)
    form = StepForm(request.POST or None, instance=step)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_step(step=form.instance, version=form.seen_version)
        except services.StaleEdit as stale:
            return _step_form_response(request, _conflict_context(form, stale.saved), status=409)
        return _steps_response(request, step.routine)
    status = 422 if form.is_bound else 200
    return _step_form_response(request, {"form": form, "step": step}, status=status)


def _step_form_response(request, context, *, status):
    """The step's edit form: in its row for htmx, else on a page of its own."""
    if request.htmx:
        # htmx swaps only 2xx answers, so errors and conflicts come as 200.
        response = render(request, "routines/step_form.html#edit", context)
        # The edit form posts to the whole steps list; an answered one goes back into its row.
        bound = context["form"].is_bound
        return retarget(response, f"#step-{context['step'].pk}") if bound else response
    return render(request, "routines/step_form.html", context, status=status)


@login_required
def step_delete(request, step_id: int):
    """POST deletes (htmx asks first with hx-confirm); GET is the confirmation without JS."""
    step = selectors.get_editable_step(request.user, step_id)
    if request.method != "POST":
        return render(request, "routines/step_delete.html", {"step": step})
    routine = step.routine
    services.delete_step(step=step)
    return _steps_response(request, routine)


@login_required
@require_POST
def step_move(request, step_id: int):
    step = selectors.get_editable_step(request.user, step_id)
    offset = -1 if request.POST.get("direction") == "up" else 1
    services.move_step(step=step, offset=offset)
    return _steps_response(request, step.routine)
