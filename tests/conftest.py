from pathlib import Path

import pytest
from django.utils import translation

from households import services
from households.models import Profile, User

# Each app's test fixtures live in tests/fixtures/<app>.py; every module there is loaded,
# so a new app adds its objects (e.g. the `walk_<name>` fixtures of the URL walk) in its own file.
pytest_plugins = sorted(
    f"tests.fixtures.{path.stem}"
    for path in (Path(__file__).parent / "fixtures").glob("*.py")
    if path.stem != "__init__"
)


@pytest.fixture(autouse=True)
def _language_of_the_test_only():
    """Each test starts in the language the last one started in. A page fetched with the test
    client leaves LocaleMiddleware's choice active on this thread (a server's next request makes
    its own), so a German page would otherwise turn a later test's English words German."""
    language = translation.get_language()
    yield
    translation.activate(language)


def make_account(email: str, name: str, *, time_zone: str = "Europe/London") -> User:
    """A new account with its own household (as sign-up makes it)."""
    return services.sign_up(
        email=email, name=name, password="a-long-password-1", time_zone=time_zone
    )


def add_member(household_admin: User, email: str, name: str, role: str = User.Role.MEMBER) -> User:
    user = User.objects.create_user(
        email=email,
        password="a-long-password-1",
        name=name,
        household=household_admin.household,
        role=role,
    )
    Profile.objects.create(
        household=user.household, user=user, name=name, time_zone="Europe/London"
    )
    return user


def add_dependant(household_admin: User, name: str, *, time_zone: str = "Europe/London") -> Profile:
    return Profile.objects.create(
        household=household_admin.household, name=name, time_zone=time_zone
    )


@pytest.fixture
def alice(db) -> User:
    """Admin of the Smith household."""
    return make_account("alice@example.com", "Alice")


@pytest.fixture
def bob(alice) -> User:
    """A member of Alice's household."""
    return add_member(alice, "bob@example.com", "Bob")


@pytest.fixture
def child(alice) -> Profile:
    """A dependant in Alice's household."""
    return add_dependant(alice, "Robin")


@pytest.fixture
def mallory(db) -> User:
    """Someone from another household, who must never see Alice's data."""
    return make_account("mallory@example.com", "Mallory")


@pytest.fixture
def client_for(client):
    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login
