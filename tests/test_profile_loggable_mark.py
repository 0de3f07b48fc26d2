"""ProfileQuerySet.with_loggable marks exactly the profiles loggable_by lets a user write for."""

from django.contrib.auth.models import AnonymousUser

from households.models import Profile

from .conftest import add_member, make_account


def marks(user) -> dict[str, bool]:
    return {profile.name: profile.loggable for profile in Profile.objects.with_loggable(user)}


def test_the_mark_is_loggable_by(alice, bob, child, mallory):
    bob.profile.shared_with_household = True
    bob.profile.save()
    bob.looks_after_children = False
    bob.save()
    carer = add_member(alice, "carol@example.com", "Carol")
    carer.looks_after_children = True
    carer.save()
    for user in (alice, bob, carer, mallory):
        loggable = set(Profile.objects.loggable_by(user))
        assert marks(user) == {
            profile.name: profile in loggable for profile in Profile.objects.all()
        }, user
    assert marks(alice)["Robin"] and not marks(bob)["Robin"] and marks(carer)["Robin"]
    assert not marks(alice)["Bob"] and marks(bob)["Bob"]


def test_no_household_or_signed_out_may_log_for_no_one(alice, child):
    lone = make_account("lone@example.com", "Lone")
    lone.household = None
    lone.save()
    for user in (lone, AnonymousUser()):
        assert not any(marks(user).values())
