from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.validators import MaxLengthValidator
from django.utils import translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Household, Profile, User, single_line
from .timezones import time_zone_choices


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", time_zone_choices)
        kwargs.setdefault("initial", "UTC")
        super().__init__(**kwargs)


def offer_browser_zone(form: forms.BaseForm) -> None:
    """Let static/js/app.js put the browser's zone in a blank form for something new.

    Never in an existing profile's form (its saved zone is the answer, wherever the browser is)
    nor in a form sent back with errors (the person's own choice stands).
    """
    if not form.is_bound:
        form.fields["time_zone"].widget.attrs["data-detect-time-zone"] = ""


class NewAccountForm(forms.Form):
    """Sign-up, and joining by invite: the same questions."""

    name = forms.CharField(max_length=100, label=_("Your name"), validators=[single_line])
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    time_zone = TimeZoneField(label=_("Time zone"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_browser_zone(self)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email already exists. Sign in instead.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with the email's length checked on the server too.

    Django sets the field's `max_length` after the field is built, so only the browser checked
    it; a longer email reached django-axes, which records failed attempts in a column of 255
    characters: a server error instead of "wrong email or password".
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's reset form; the email is in the account's language when it chose one, else in
    the language of the page it was asked from."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = getattr(context.get("user"), "language", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class WeekdaysField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", list(WEEKDAYS_ABBR.items()))
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(label=_("Time zone"))
    work_days = WeekdaysField(
        label=_("Work or school days"), help_text=_("The days after these nights.")
    )

    class Meta:
        model = Profile
        fields = ["name", "time_zone", "usual_bedtime", "usual_wake_time", "work_days"]
        widgets = {
            "usual_bedtime": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "usual_wake_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, household: Household, **kwargs):
        super().__init__(*args, **kwargs)
        self.household = household
        self.instance.household = household
        if self.instance.pk is None:
            self.fields["work_days"].initial = [0, 1, 2, 3, 4]
            offer_browser_zone(self)

    def clean_name(self):
        # The unique constraint involves `household`, which is not a form field, so the model
        # form would skip it; check here to answer with a message instead of an error page.
        name = self.cleaned_data["name"].strip()
        clash = self.household.profiles.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Someone in your household already has this name."))
        return name


class OwnProfileForm(ProfileForm):
    """One's own profile, with the account's clock: how every time is written for them."""

    clock = forms.ChoiceField(
        label=_("Clock"),
        required=False,
        choices=[("", _("As my browser's language")), *User._meta.get_field("clock").choices],
    )

    class Meta(ProfileForm.Meta):
        fields = [*ProfileForm.Meta.fields, "shared_with_household"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.user_id:
            self.fields["clock"].initial = self.instance.user.clock

    def save(self, commit=True):
        profile = super().save(commit)
        if commit and profile.user_id:
            profile.user.clock = self.cleaned_data.get("clock", "")
            profile.user.save(update_fields=["clock"])
        return profile


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["name"]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional. We email the link; you can also copy it."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=User.Role.choices, initial=User.Role.MEMBER)
    looks_after_children = forms.BooleanField(
        label=_("Can look after the children"),
        required=False,
        initial=True,
        help_text=_("Log for the children and edit their profiles. Admins always can."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=User.Role.choices)


class ConfirmWithPasswordForm(forms.Form):
    """A deletion goes ahead only with the password of the person asking for it."""

    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    password_help = _("Type your password to confirm.")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["password"].help_text = self.password_help

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class DeleteAccountForm(ConfirmWithPasswordForm):
    password_help = _("Type your password to confirm. Your journal is deleted with your account.")


class DeleteHouseholdForm(ConfirmWithPasswordForm):
    household_name = forms.CharField(label=_("The household's name"), max_length=200)

    field_order = ["household_name", "password"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Help texts are shown unescaped (they may hold markup): the name is escaped here.
        self.fields["household_name"].help_text = format_html(
            _("Type “{}” to confirm which household goes."), self.user.household.name
        )

    def clean_household_name(self):
        typed = self.cleaned_data["household_name"]
        # Spacing and capitals are not the point: knowing which household is being deleted is.
        if _loosely(typed) != _loosely(self.user.household.name):
            raise forms.ValidationError(
                _("That is not the household's name: type “%(name)s”.")
                % {"name": self.user.household.name}
            )
        return typed


def _loosely(name: str) -> str:
    return " ".join(name.split()).casefold()
