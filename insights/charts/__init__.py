"""Chart geometry for the Insights page and the clinician report, drawn as SVG by a template.

Each function takes plain data and returns a frozen dataclass of numbers and labels in a viewBox
``WIDTH`` units wide; ``templates/insights/charts.html`` draws it (one partial per chart) with
classes only, and a table of the same numbers as its text alternative. Missing values are gaps,
never zeros. An empty input gives a chart whose ``empty`` says so instead of drawing axes.
No ORM and no request; words and dates come through Django's translation, in the language
active when the chart is built.
"""

from .heatmap import ADHERENCE_LEVELS, Cell, Heatmap, adherence_heatmap, adherence_level
from .night_log import LogInput, LogRow, SleepLogChart, sleep_log, window_minutes, window_start
from .parts import (
    NO_NIGHTS,
    WIDTH,
    Chart,
    DayWords,
    Dot,
    Label,
    LegendItem,
    Line,
    Polyline,
    Rect,
    Table,
    nice_ticks,
)
from .trends import TrendChart, trend
from .weekdays import Bar, BarChart, weekday_bars

__all__ = [
    "ADHERENCE_LEVELS",
    "NO_NIGHTS",
    "WIDTH",
    "Bar",
    "BarChart",
    "Cell",
    "Chart",
    "DayWords",
    "Dot",
    "Heatmap",
    "Label",
    "LegendItem",
    "Line",
    "LogInput",
    "LogRow",
    "Polyline",
    "Rect",
    "SleepLogChart",
    "Table",
    "TrendChart",
    "adherence_heatmap",
    "adherence_level",
    "nice_ticks",
    "sleep_log",
    "trend",
    "weekday_bars",
    "window_minutes",
    "window_start",
]
