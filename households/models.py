import secrets
from collections.abc import Sequence
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _

from .timezones import time_zone_choices

INVITE_LIFETIME = timedelta(days=7)


class _WeekdayNames(Sequence):
    """The short weekday names, 0 = Monday as date.weekday(), in the active language ("Mon",
    "Mo", "lun"): looked up when read, so a module-level list still follows each request."""

    def __getitem__(self, day: int) -> str:
        return str(WEEKDAYS_ABBR[range(7)[day]])

    def __len__(self) -> int:
        return 7


WEEKDAYS = _WeekdayNames()

# Names end up in email headers and one-line labels: no line breaks or other control characters.
single_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message=_("Use a single line without control characters."),
)


class Household(models.Model):
    name = models.CharField(_("name"), max_length=100, validators=[single_line])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name

    def admins(self):
        return self.members.filter(role=User.Role.ADMIN)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email: str):
        # Sign-in finds the account however the address is capitalised (sign-up stores it in
        # lower case). Should two accounts differ only in case (only the admin could make them),
        # the exact spelling decides rather than an error.
        try:
            return self.get(email__iexact=email)
        except self.model.MultipleObjectsReturned:
            return self.get(email=email)

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError(_("An email address is required."))
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Every account belongs to exactly one household (superusers may have none)."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Household admin")
        MEMBER = "member", _("Member")

    email = models.EmailField(_("email"), unique=True)
    name = models.CharField(_("name"), max_length=100, validators=[single_line])
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("household"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    looks_after_children = models.BooleanField(
        _("Can look after the children"),
        default=True,
        help_text=_(
            "Log for the household's children and edit their profiles (admins always can)."
        ),
    )
    # How this person reads clock times everywhere (their own and the children's nights): blank
    # follows the browser's language (households.clock_format) until they choose.
    clock = models.CharField(
        _("Clock"),
        max_length=3,
        blank=True,
        default="",
        choices=[("24h", _("24-hour (21:30)")), ("12h", _("12-hour (9:30 pm)"))],
    )
    # The language of every page for this person: blank follows the browser's Accept-Language
    # (households.language applies the choice on each request).
    language = models.CharField(
        _("Language"),
        max_length=8,
        blank=True,
        default="",
        choices=settings.LANGUAGES,
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name", "email"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self) -> str:
        return self.name or self.email

    @property
    def is_household_admin(self) -> bool:
        return self.household_id is not None and self.role == self.Role.ADMIN

    @property
    def can_look_after_children(self) -> bool:
        return self.is_household_admin or (
            self.household_id is not None and self.looks_after_children
        )

    def is_last_admin(self) -> bool:
        return self.is_household_admin and not self.household.admins().exclude(pk=self.pk).exists()


def _loggable(user) -> Q:
    """The profiles a signed-in member of a household may write for (loggable_by)."""
    own = Q(user=user)
    if user.can_look_after_children:
        own |= Q(user__isnull=True)
    return Q(household_id=user.household_id) & own


class ProfileQuerySet(models.QuerySet):
    """The one door to profiles: every read of a person's data starts from one of these."""

    def visible_to(self, user) -> "ProfileQuerySet":
        """Own profile, the household's dependants, and adults who share with the household."""
        if not user.is_authenticated or user.household_id is None:
            return self.none()
        return self.filter(household_id=user.household_id).filter(
            Q(user=user) | Q(user__isnull=True) | Q(shared_with_household=True)
        )

    def loggable_by(self, user) -> "ProfileQuerySet":
        """Profiles the user may write for: their own, and the household's dependants for those
        who look after the children."""
        if not user.is_authenticated or user.household_id is None:
            return self.none()
        return self.filter(_loggable(user))

    def with_loggable(self, user) -> "ProfileQuerySet":
        """Each profile marked ``loggable``: whether it is among ``loggable_by(user)`` (for a
        page that shows profiles and offers to log only for some, without a query more)."""
        if not user.is_authenticated or user.household_id is None:
            return self.annotate(loggable=Value(False))
        # CASE, not the condition itself: SQL says NULL, not false, for `user_id = 1` on a
        # dependant (no user).
        return self.annotate(loggable=Case(When(_loggable(user), then=True), default=False))

    def dependants(self) -> "ProfileQuerySet":
        return self.filter(user__isnull=True)


class Profile(models.Model):
    """A person whose sleep is tracked: an account holder, or a dependant (a child) without one."""

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="profiles",
        verbose_name=_("household"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        null=True,
        blank=True,
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=100, validators=[single_line])
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, default="UTC"
    )
    usual_bedtime = models.TimeField(_("usual bedtime"), default=time(22, 30))
    usual_wake_time = models.TimeField(_("usual wake time"), default=time(6, 30))
    work_days = models.JSONField(
        _("work days"),
        default=list,
        blank=True,
        help_text=_("Weekdays (0 = Monday) that are work or school days."),
    )
    shared_with_household = models.BooleanField(
        _("shared with the household"),
        default=False,
        help_text=_("Let the other adults in your household see your sleep journal."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "name"], name="profile_name_unique_in_household"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_dependant(self) -> bool:
        return self.user_id is None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def work_day_names(self) -> list[str]:
        return [WEEKDAYS[day] for day in sorted(self.work_days)]


def new_invite_token() -> str:
    return secrets.token_urlsafe(32)


def invite_expiry():
    return timezone.now() + INVITE_LIFETIME


class InviteQuerySet(models.QuerySet):
    def for_user(self, user) -> "InviteQuerySet":
        if not user.is_authenticated or user.household_id is None:
            return self.none()
        return self.filter(household_id=user.household_id)

    def pending(self) -> "InviteQuerySet":
        return self.filter(
            used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invite(models.Model):
    """A single-use link that lets a new person create an account in a household."""

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="invites",
        verbose_name=_("household"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_invite_token, editable=False)
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Optional: we email the link when mail is set up.")
    )
    role = models.CharField(
        _("role"), max_length=10, choices=User.Role.choices, default=User.Role.MEMBER
    )
    looks_after_children = models.BooleanField(
        _("Can look after the children"),
        default=True,
        help_text=_("Log for the household's children and edit their profiles."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=invite_expiry)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InviteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invite")
        verbose_name_plural = _("invites")

    def __str__(self) -> str:
        return f"Invite to {self.household} ({self.status})"

    @property
    def status(self) -> str:
        if self.used_at:
            return "used"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_usable(self) -> bool:
        return self.status == "pending"
