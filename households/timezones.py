"""Time-zone choices for profiles."""

from functools import cache
from zoneinfo import ZoneInfo, available_timezones


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    # Region/City names only: the legacy aliases ("US/Pacific", "Etc/GMT+3") confuse more than help.
    names = sorted(
        name
        for name in available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def is_valid_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return False
    return True
