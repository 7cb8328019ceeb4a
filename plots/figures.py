"""The figures. Each function takes a `results.Results` (and a scenario name
where the figure is per scenario), returns the matplotlib Figure, and raises
`Skip` when the data it needs is absent. Nothing is written here; see
render.py.

Tests find the plotted data by gid: the median line of a fan chart has gid
"median", the overlay's lines "median:<scenario>", the heat map image
"heatmap", the funnel's areas "state:<state>", the KPI dots
"kpi:<kpi>:<scenario>" and the retention lines "return_day<N>". Fan-chart
milestones: lines "milestone:<kind>:<day>", gate spans "milestone_span:<day>",
labels "milestone_label:<kind>:<day>" and their connectors
"milestone_connector:<kind>:<day>", or numbered badges "milestone_badge:<n>".
"""

import math
import textwrap

import matplotlib
import numpy as np
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator, MultipleLocator, PercentFormatter
from matplotlib.transforms import blended_transform_factory

import style
from results import finite

HARD_REVIEW_DAY = 90
HARD_REVIEW_SHARE = 0.20


class Skip(Exception):
    """The figure's data is absent; the message says what is missing."""


# --- helpers -----------------------------------------------------------------

def _nice_upper(value, minimum=0.25):
    """A round upper limit for a share axis."""
    value = max(value, minimum)
    step = 0.05 if value <= 0.3 else 0.1
    return min(1.0, math.ceil(value / step - 1e-9) * step)


def _day_axis(ax, horizon):
    ax.set_xlim(0, horizon)
    if horizon <= 70:
        ax.xaxis.set_major_locator(MultipleLocator(7))
    elif horizon <= 200:
        ax.xaxis.set_major_locator(MultipleLocator(14 if horizon <= 130 else 30))
    else:
        ax.xaxis.set_major_locator(MultipleLocator(30 if horizon <= 400 else 90))
    ax.set_xlabel("Days since the start of the rollout")


def _headline(res, scenario):
    metric = res.headline_share(scenario)
    if res.series is None:
        raise Skip("no series.csv")
    median = res.series_of(scenario, metric, "q50")
    if median is None:
        raise Skip(f"series.csv has no q50 of '{metric}' (group all) for scenario "
                   f"'{scenario}'")
    return metric, median


def _new_figure(res, title, **kw):
    """style.new_figure with the deck's own line (`--subtitle`) when there is one."""
    return style.new_figure(title, lead=res.subtitle, **kw)


def _fan_top(res):
    """The highest q95 of any scenario's headline share: one y-axis for every fan chart."""
    cached = res.__dict__.get("_fan_top")
    if cached is None:
        cached = 0.0
        for scn in res.scenarios:
            metric = res.headline_share(scn)
            s = res.series_of(scn, metric, "q95")
            if s is None:
                s = res.series_of(scn, metric, "q50")
            if s is not None and np.isfinite(s.to_numpy(dtype=float)).any():
                cached = max(cached, float(np.nanmax(s.to_numpy(dtype=float))))
        res.__dict__["_fan_top"] = cached
    return cached


def _band(ax, res, scenario, metric, lo, hi, index, **kw):
    a = res.series_of(scenario, metric, lo)
    b = res.series_of(scenario, metric, hi)
    if a is None or b is None:
        return None
    a, b = a.reindex(index), b.reindex(index)
    return ax.fill_between(index, a.to_numpy(), b.to_numpy(), linewidth=0, **kw)


# Milestones on the fan chart ------------------------------------------------------------
#
# Milestones that start on the same day and are of the same kind are merged into one
# label ("budget levers · pilot"). Labels sit above the plot, each at the top of its
# line; when they would overlap they are stacked in a staircase (earlier labels higher),
# so that no line runs through another milestone's label. When that would take more
# than MILESTONE_LEVELS rows, or a label fits on neither side of its line, the
# milestones are numbered instead: a numbered badge at the top of each line, and the
# labels in the legend, by number. A gate, which opens on a different day in each run,
# also gets a shaded span from its 5% to its 95% day. Milestones that never happened
# (day null) are not drawn; the legend names them.

MILESTONE_LEVELS = 3
_GATE_SPAN_ALPHA = 0.14


def _milestone_groups(milestones, horizon):
    """(groups drawn, labels of milestones that never happened), in day order.

    A group is a dict: day, kind, labels (plan order), q05, q95 (the widest 5-95% day
    range of the group, or None) and share (the smallest share of runs it happened in).
    """
    groups, missing = {}, []
    for m in milestones:
        if not finite(m.get("day")):
            missing.append(str(m["label"]))
            continue
        day = float(m["day"])
        if not 0 <= day <= horizon:
            continue
        key = (round(day, 6), m["kind"])
        g = groups.setdefault(key, dict(day=day, kind=m["kind"], labels=[], q05=None,
                                        q95=None, share=1.0))
        g["labels"].append(str(m["label"]))
        lo, hi = m.get("day_q05"), m.get("day_q95")
        if finite(lo) and finite(hi):
            g["q05"] = float(lo) if g["q05"] is None else min(g["q05"], float(lo))
            g["q95"] = float(hi) if g["q95"] is None else max(g["q95"], float(hi))
        if finite(m.get("share_of_replicates")):
            g["share"] = min(g["share"], float(m["share_of_replicates"]))
    ordered = sorted(groups.values(),
                     key=lambda g: (g["day"], style.MILESTONE_KINDS.index(g["kind"])))
    return ordered, missing


def _milestone_text(group):
    text = " · ".join(group["labels"])
    if group["share"] < 0.995:
        text += f" (in {group['share']:.0%} of runs)"
    return text


def _stack_labels(spans, gap):
    """Rows (0 = nearest the plot) for labels, or None if more than MILESTONE_LEVELS.

    spans: [(day, x0, x1)] in days. Placed right to left, each in the lowest row where
    it overlaps no label and no other milestone's line, and where its own line, rising
    to it from the plot, crosses no label below it.
    """
    rows = [None] * len(spans)
    boxes = []   # per row: (x0, x1) of its labels
    lines = []   # per row: days of the lines that pass through it
    for i in sorted(range(len(spans)), key=lambda i: -spans[i][0]):
        day, x0, x1 = spans[i]
        level = 0
        while True:
            if level >= MILESTONE_LEVELS:
                return None
            while len(boxes) <= level:
                boxes.append([])
                lines.append([])
            free = (all(x1 + gap < a or x0 - gap > b for a, b in boxes[level])
                    and all(not x0 - gap <= d <= x1 + gap for d in lines[level])
                    and all(not a - gap <= day <= b + gap
                            for k in range(level) for a, b in boxes[k]))
            if free:
                break
            level += 1
        rows[i] = level
        boxes[level].append((x0, x1))
        for k in range(level):
            lines[k].append(day)
    return rows


class _Badge:
    """Legend handle: a numbered badge in a milestone kind's colour."""

    def __init__(self, number, colour, label):
        self.number = number
        self.colour = colour
        self.label = label

    def get_label(self):
        return self.label


class _BadgeHandler(HandlerBase):
    def create_artists(self, legend, orig_handle, xdescent, ydescent, width, height,
                       fontsize, trans):
        cx, cy = width / 2 - xdescent, height / 2 - ydescent
        radius = 0.62 * fontsize
        circle = Circle((cx, cy), radius, facecolor=orig_handle.colour, edgecolor="none",
                        transform=trans)
        label = Text(cx, cy, str(orig_handle.number), color="white", ha="center",
                     va="center_baseline", fontsize=fontsize * 0.8, fontweight="bold",
                     transform=trans)
        return [circle, label]


def _badge_key_text(group, width):
    day = f"Day {group['day']:.0f}"
    if group["kind"] == "gate" and group["q05"] is not None and group["q95"] - group["q05"] >= 0.5:
        day += f" ({group['q05']:.0f}–{group['q95']:.0f} in 90% of runs)"
    text = day + ": " + "; ".join(group["labels"])
    if group["share"] < 0.995:
        text += f" (in {group['share']:.0%} of runs)"
    return textwrap.fill(text, width, break_on_hyphens=False)


# (legend font size, characters per line) for the numbered key, tried in turn until the
# legend fits the height of the plot
_KEY_SIZES = ((style.SMALL_FONT + 1, 32), (style.SMALL_FONT, 38), (12, 44), (11, 52),
              (10, 60))


def _draw_milestones(ax, milestones, horizon, handles, legend_kw):
    """Draw milestone lines, gate spans and labels, and the legend (`handles` first).

    Measures the laid-out axes, so it makes the legend itself: in numbered mode the
    legend carries the labels and so changes the width left to the plot.
    """
    fig = ax.figure
    groups, missing = _milestone_groups(milestones, horizon)
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    spans = False
    for g in groups:
        st = style.MILESTONE_STYLES[g["kind"]]
        if g["kind"] == "gate" and g["q05"] is not None and g["q95"] > g["q05"]:
            ax.axvspan(max(0.0, g["q05"]), min(float(horizon), g["q95"]), color=st["color"],
                       alpha=_GATE_SPAN_ALPHA, linewidth=0, zorder=1.5,
                       gid=f"milestone_span:{g['day']:g}")
            spans = True
        ax.axvline(g["day"], zorder=1.6, color=st["color"], linestyle=st["linestyle"],
                   linewidth=st["linewidth"], gid=f"milestone:{g['kind']}:{g['day']:g}")
    kinds = [k for k in style.MILESTONE_KINDS if any(g["kind"] == k for g in groups)]
    extra = [Line2D([], [], label=style.MILESTONE_STYLES[k]["label"],
                    **{a: style.MILESTONE_STYLES[k][a]
                       for a in ("color", "linestyle", "linewidth")})
             for k in kinds]
    if spans:
        extra.append(Patch(color=style.MILESTONE_STYLES["gate"]["color"],
                           alpha=_GATE_SPAN_ALPHA + 0.06, linewidth=0,
                           label="Gate opens (5–95%\nof runs)"))
    if missing:
        extra.append(Line2D([], [], linestyle="none", label=textwrap.fill(
            f"Not reached by day {horizon:g} in any run: " + "; ".join(missing), 30,
            break_on_hyphens=False)))

    def legend(entries, **kw):
        return ax.legend(handles=handles + entries, handler_map={_Badge: _BadgeHandler()},
                         **{**legend_kw, **kw})

    legend(extra)
    if not groups:
        return
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()

    def days_per_px():
        width = ax.get_window_extent(renderer).width
        return horizon / width if width > 0 else 0.0

    # 1. direct labels, stacked
    texts, placed = [], []
    scale = days_per_px()
    for g in groups:
        st = style.MILESTONE_STYLES[g["kind"]]
        text = ax.text(g["day"], 1.0, " " + _milestone_text(g) + " ", transform=trans,
                       va="bottom", fontsize=style.SMALL_FONT, color=st["color"],
                       clip_on=False, gid=f"milestone_label:{g['kind']}:{g['day']:g}")
        width = text.get_window_extent(renderer).width * scale
        if g["day"] + width > horizon and g["day"] - width >= -0.02 * horizon:
            text.set_horizontalalignment("right")
            placed.append((g["day"], g["day"] - width, g["day"]))
        else:
            placed.append((g["day"], g["day"], g["day"] + width))
        texts.append(text)
    fits = all(x0 >= -0.02 * horizon and x1 <= 1.02 * horizon for _, x0, x1 in placed)
    rows = _stack_labels(placed, gap=4 * scale) if fits else None
    if rows is not None:
        ax_height = ax.get_window_extent(renderer).height
        row_height = 1.3 * texts[0].get_window_extent(renderer).height / ax_height
        for g, text, row in zip(groups, texts, rows):
            y = 1.012 + row_height * row
            text.set_y(y)
            if row:
                st = style.MILESTONE_STYLES[g["kind"]]
                ax.plot([g["day"], g["day"]], [1.0, y], transform=trans, clip_on=False,
                        color=st["color"], linewidth=1.0, linestyle=st["linestyle"],
                        gid=f"milestone_connector:{g['kind']}:{g['day']:g}")
        return
    # 2. numbered badges, labels in the legend
    for text in texts:
        text.remove()
    room = ax.get_window_extent(renderer).y1 - 0.05 * fig.bbox.height
    for fontsize, width in _KEY_SIZES:
        badges = [_Badge(i + 1, style.MILESTONE_STYLES[g["kind"]]["color"],
                         _badge_key_text(g, width)) for i, g in enumerate(groups)]
        if legend(extra + badges, fontsize=fontsize).get_window_extent(renderer).height <= room:
            break
    fig.draw_without_rendering()
    scale = days_per_px()
    size = style.SMALL_FONT - 1
    probe = ax.text(0, 0, "00", fontsize=size, fontweight="bold", transform=trans)
    diameter = 1.9 * probe.get_window_extent(renderer).height * scale
    probe.remove()
    xs = style.spread_labels([g["day"] for g in groups], min_gap=diameter * 1.08,
                             lower=-diameter / 2, upper=horizon + diameter / 2)
    points_per_day = 72.0 / fig.dpi / scale if scale > 0 else 0.0
    for g, b, x in zip(groups, badges, xs):
        # the badge sits above the top of its line; one pushed aside by a neighbour
        # keeps a leader to its line
        ax.annotate(str(b.number), xy=(g["day"], 1.0), xycoords=trans,
                    xytext=((x - g["day"]) * points_per_day, 13),
                    textcoords="offset points", ha="center", va="center",
                    fontsize=size, fontweight="bold", color="white",
                    bbox=dict(boxstyle="circle,pad=0.28", facecolor=b.colour,
                              edgecolor="none"),
                    arrowprops=dict(arrowstyle="-", color=b.colour, linewidth=1.2,
                                    shrinkA=0, shrinkB=0),
                    annotation_clip=False, gid=f"milestone_badge:{b.number}")


def _hard_review(ax, horizon, day=HARD_REVIEW_DAY):
    """The seeds' hard-review threshold: 20% active on the review day
    (summary.json's hard_review_day, day 90 unless the scenario moves it)."""
    if horizon < day:
        return []
    half = max(2.0, horizon * 0.025)
    # not clipped: with a horizon on the review day the marker sits on the right edge
    ax.plot([day - half, min(day + half, horizon)],
            [HARD_REVIEW_SHARE] * 2, color="#111111", linewidth=2.5, zorder=5,
            solid_capstyle="butt")
    ax.plot([day], [HARD_REVIEW_SHARE], marker="D", markersize=9,
            color="#111111", markeredgecolor="white", zorder=6, linestyle="none",
            clip_on=False)
    return [Line2D([], [], color="#111111", marker="D", markersize=9,
                   markeredgecolor="white", linewidth=2.5,
                   label=f"Hard review:\nunder 20% on day {day}")]


def _hard_review_day(res, scenarios):
    """The scenarios' hard-review day (a run's scenarios share it); results
    written before it was recorded review on day 90."""
    return int(res.info(scenarios[0]).get("hard_review_day", HARD_REVIEW_DAY))


def _share_ylabel(metric):
    return f"{style.metric_label(metric)}, % of people"


# --- fan chart -----------------------------------------------------------------

def fan_chart(res, scenario):
    metric, median = _headline(res, scenario)
    info = res.info(scenario)
    days = median.index.to_numpy()
    horizon = int(days.max())
    fig, ax = _new_figure(
        res, f"{style.metric_label(metric)} forecast: {res.label(scenario)}",
        subtitle=(f"Share of all {info['people']:,} people · median with the middle 50% and "
                  f"90% of {info['replicates']:,} simulated runs"),
        source=res.source_line([scenario]))
    colour = style.OKABE_ITO["blue"]
    handles = []
    outer = _band(ax, res, scenario, metric, "q05", "q95", median.index, color=colour,
                  alpha=0.15, zorder=2)
    inner = _band(ax, res, scenario, metric, "q25", "q75", median.index, color=colour,
                  alpha=0.32, zorder=3)
    (line,) = ax.plot(days, median.to_numpy(), color=colour, linewidth=3, zorder=4,
                      label="Median", gid="median")
    handles.append(line)
    if inner is not None:
        handles.append(Patch(color=colour, alpha=0.47, label="Middle 50% of runs", linewidth=0))
    if outer is not None:
        handles.append(Patch(color=colour, alpha=0.15, label="Middle 90% of runs", linewidth=0))
    handles += _hard_review(ax, horizon, _hard_review_day(res, [scenario]))
    # one y-axis for every fan chart of the result set, so slides side by side compare
    ax.set_ylim(0, _nice_upper(_fan_top(res) * 1.08))
    _day_axis(ax, horizon)
    style.percent_axis(ax.yaxis)
    ax.set_ylabel(_share_ylabel(metric))
    last = float(median.iloc[-1])
    ax.annotate(f"{last:.0%}", xy=(days[-1], last), xytext=(6, 0),
                textcoords="offset points", va="center", ha="left", color=colour,
                fontsize=style.BASE_FONT, fontweight="bold", annotation_clip=False)
    _draw_milestones(ax, info["milestones"], horizon, handles,
                     dict(loc="upper left", bbox_to_anchor=(1.06, 1.0),
                          fontsize=style.SMALL_FONT + 1))
    return fig


# --- scenario overlay -------------------------------------------------------------

def _finding(res, drawn, day):
    """'Pilot then scale reaches 71% weekly active by day 90; big bang 27%'."""
    if not drawn:
        return None
    metric = drawn[0][3]
    what = style.metric_label(metric).lower().replace(" users", "")
    if any(not finite(d[5]) for d in drawn):
        return None
    # the leader first, then the others from high to low
    ranked = sorted(drawn, key=lambda d: -d[5])
    best = ranked[0]
    if len(ranked) > 3:  # the leader and the baseline (the first scenario), not a list
        others = [drawn[0]] if drawn[0] is not best else [ranked[1]]
        more = f" ({len(ranked)} plans compared)"
    else:
        others, more = ranked[1:], ""
    rest = ", ".join(f"{_lower_first(_short(res.label(d[0])))} {d[5]:.0%}" for d in others)
    return (f"{_short(res.label(best[0]))} reaches {best[5]:.0%} {what} by day {day}; "
            f"{rest}{more}")


def _short(text, limit=32):
    """A name cut to `limit` characters with an ellipsis (a display_name avoids it)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _lower_first(text):
    """'Big bang' -> 'big bang' in the middle of a sentence (not 'CoE pilot' -> 'coE')."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def overlay(res):
    scenarios = list(res.scenarios)
    if len(scenarios) < 2:
        raise Skip("only one scenario (the overlay compares two or more)")
    if res.series is None:
        raise Skip("no series.csv")
    metrics = {res.headline_share(s) for s in scenarios}
    same_metric = len(metrics) == 1
    metric = next(iter(metrics)) if same_metric else None
    people = {res.info(s)["people"] for s in scenarios}
    reps = {res.info(s)["replicates"] for s in scenarios}
    runs = f"{reps.pop():,} simulated runs each" if len(reps) == 1 else "the simulated runs"
    of_people = f"all {people.pop():,} people" if len(people) == 1 else "all people"
    kpi_days = {res.kpi_day(s) for s in scenarios}
    kpi_day = kpi_days.pop() if len(kpi_days) == 1 else None
    series = []
    for i, scn in enumerate(scenarios):
        m = res.headline_share(scn)
        median = res.series_of(scn, m, "q50")
        if median is not None:
            series.append((i, scn, m, median))
    if len(series) < 2:
        raise Skip("fewer than two scenarios have their headline series in series.csv")
    horizon = max(int(median.index.max()) for *_, median in series)
    if kpi_day is not None and not 0 < kpi_day < horizon:
        kpi_day = None
    drawn = []
    for i, scn, m, median in series:
        at_day = (float(median.reindex([kpi_day]).iloc[0]) if kpi_day is not None
                  else float("nan"))
        drawn.append((scn, style.SCENARIO_COLOURS[i % len(style.SCENARIO_COLOURS)],
                      float(median.iloc[-1]), m, int(median.index.max()), at_day))
    finding = _finding(res, drawn, kpi_day) if same_metric and kpi_day is not None else None
    default_title = finding or (f"{style.metric_label(metric)}: scenarios compared" if same_metric
                                else "Headline adoption: scenarios compared")
    subtitle = f"Share of {of_people} · median (line) and middle 90% (shaded) of {runs}"
    if kpi_day is not None:
        subtitle += f" · values at the KPI day {kpi_day} and at the horizon"
    fig, ax = _new_figure(res, res.title or default_title, subtitle=subtitle,
                          source=res.source_line(scenarios))
    top = 0.0
    for (i, scn, m, median), d in zip(series, drawn):
        colour = d[1]
        _band(ax, res, scn, m, "q05", "q95", median.index, color=colour, alpha=0.12,
              zorder=2)
        ax.plot(median.index.to_numpy(), median.to_numpy(), color=colour, linewidth=3,
                zorder=4, label=res.label(scn), gid=f"median:{scn}")
        hi = res.series_of(scn, m, "q95")
        top = max(top, float(np.nanmax((hi if hi is not None else median).to_numpy())))
    ymax = _nice_upper(top * 1.08)
    ax.set_ylim(0, ymax)
    _day_axis(ax, horizon)
    style.percent_axis(ax.yaxis)
    ax.set_ylabel(_share_ylabel(metric) if same_metric else "Headline metric, % of people")
    handles = _hard_review(ax, horizon, _hard_review_day(res, [s for _, s, _, _ in series]))
    if kpi_day is not None:
        # the KPI day: a dotted line, a dot on each median and its value beside it
        ax.axvline(kpi_day, color=style.MUTED, linestyle=":", linewidth=1.5, zorder=3,
                   gid="kpi_day")
        ax.text(kpi_day, 1.0, f"KPI day {kpi_day}", transform=blended_transform_factory(
                ax.transData, ax.transAxes), ha="center", va="bottom", color=style.MUTED,
                fontsize=style.SMALL_FONT, clip_on=False)
        values = [d[5] for d in drawn]
        ys = style.spread_labels(values, min_gap=ymax * 0.055, lower=0.0, upper=ymax)
        for (scn, colour, _end, _m, _last, at_day), y in zip(drawn, ys):
            if not finite(at_day):
                continue
            ax.plot([kpi_day], [at_day], marker="o", markersize=9, color=colour,
                    markeredgecolor="white", markeredgewidth=1.5, zorder=6,
                    linestyle="none", gid=f"kpi_day:{scn}")
            ax.text(kpi_day - horizon * 0.012, y, f"{at_day:.0%}", ha="right", va="center",
                    color=colour, fontsize=style.BASE_FONT, fontweight="bold", zorder=7,
                    bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none",
                              alpha=0.85), gid=f"kpi_day_label:{scn}")
    # direct labels at the line ends, pushed apart so they never overlap
    ends = [d[2] for d in drawn]
    ys = style.spread_labels(ends, min_gap=ymax * 0.055, lower=0.0, upper=ymax)
    trans = blended_transform_factory(ax.transAxes, ax.transData)
    # scenarios with different horizons: a dot where each line ends, and the day it ends
    # on in its label, so a label at the right edge is not read as the value on the last day
    uneven = len({d[4] for d in drawn}) > 1
    for (scn, colour, end, m, last, _at), y in zip(drawn, ys):
        extra = "" if same_metric else f" ({style.metric_label(m).lower()})"
        when = f" (day {last})" if uneven else ""
        ax.text(1.01, y, f"{_short(res.label(scn))}{extra}  {end:.0%}{when}", transform=trans,
                color=colour, fontsize=style.BASE_FONT, fontweight="bold", va="center",
                ha="left", clip_on=False, gid=f"end_label:{scn}")
        if uneven and last < horizon:
            ax.plot([last], [end], marker="o", markersize=8, color=colour, zorder=5,
                    linestyle="none", clip_on=False)
    if handles:
        ax.legend(handles=handles, loc="best")  # away from the lines
    return fig


# --- department heat map -------------------------------------------------------------

HEATMAP_ROWS = 16  # more departments than this: the largest 15 and one row for the rest


def _heat_matrix(res, scenario):
    """(metric, row labels, weeks, matrix, rest) of the heat map.

    One row per department, "Name (n = 42)", in summary.json order; with more
    than HEATMAP_ROWS departments, the largest HEATMAP_ROWS - 1 by size and a last
    row for the rest: the size-weighted mean of their medians. `rest` is None or
    (departments in it, people in it).
    """
    cache = res.__dict__.setdefault("_heat", {})
    if scenario in cache:
        return cache[scenario]
    metric = res.headline_share(scenario)
    if res.series is None:
        raise Skip("no series.csv")
    departments = list(res.info(scenario)["departments"])
    sizes = res.department_sizes(scenario)
    rows = {}
    horizon = res.horizon(scenario) or 0
    weeks = np.arange(1, horizon // 7 + 1)
    for d in departments:
        s = res.series_of(scenario, metric, "q50", group=f"department:{d}")
        if s is not None:
            rows[d] = s.reindex(7 * weeks).to_numpy(dtype=float)
    if not rows or len(weeks) == 0:
        raise Skip(f"series.csv has no q50 of '{metric}' for any department group of "
                   f"scenario '{scenario}'")
    present = [d for d in departments if d in rows]
    rest = None
    if len(present) > HEATMAP_ROWS and sizes:
        by_size = sorted(present, key=lambda d: (-sizes.get(d, 0), present.index(d)))
        shown, others = by_size[:HEATMAP_ROWS - 1], by_size[HEATMAP_ROWS - 1:]
        weights = np.array([sizes.get(d, 0) for d in others], dtype=float)
        block = np.vstack([rows[d] for d in others])
        valid = np.isfinite(block)
        w = np.where(valid, weights[:, None], 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            summary_row = np.nansum(np.where(valid, block, 0.0) * w, axis=0) / w.sum(axis=0)
        rest = (len(others), int(weights.sum()))
        labels = [_dept_label(d, sizes) for d in shown]
        labels.append(f"{len(others)} smaller departments (n = {rest[1]:,})")
        matrix = np.vstack([rows[d] for d in shown] + [summary_row])
    else:
        labels = [_dept_label(d, sizes) for d in present]
        matrix = np.vstack([rows[d] for d in present])
    cache[scenario] = (metric, labels, weeks, matrix, rest)
    return cache[scenario]


def _dept_label(department, sizes):
    name = f"Dept. {department}" if str(department).isdigit() else str(department)
    return f"{name} (n = {sizes[department]:,})" if department in sizes else name


def department_heatmap(res, scenario):
    metric, labels, weeks, matrix, rest = _heat_matrix(res, scenario)
    # one colour scale for every scenario of the run, so heat maps compare
    vmax = 0.0
    for scn in res.scenarios:
        try:
            vmax = max(vmax, float(np.nanmax(_heat_matrix(res, scn)[3])))
        except (Skip, ValueError):
            pass
    vmax = _nice_upper(vmax, minimum=0.1)
    info = res.info(scenario)
    subtitle = (f"Median share of each department (%) over {info['replicates']:,} simulated "
                f"runs, at the end of each week")
    if rest is not None:
        subtitle += (f" · the {len(labels) - 1} largest of {len(labels) - 1 + rest[0]} "
                     f"departments; last row: the others, weighted by size")
    fig, ax = _new_figure(
        res, f"{style.metric_label(metric)} by department: {res.label(scenario)}",
        subtitle=subtitle, source=res.source_line([scenario]))
    masked = np.ma.masked_invalid(matrix)
    cmap = matplotlib.colormaps[style.HEATMAP_CMAP].copy()
    cmap.set_bad("#F2F2F2")
    im = ax.imshow(masked, aspect="auto", cmap=cmap, vmin=0.0, vmax=vmax,
                   interpolation="nearest", gid="heatmap")
    nrows, ncols = matrix.shape
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_yticks(range(nrows), labels)
    ax.tick_params(axis="y", labelsize=style.SMALL_FONT if nrows <= 12 else 12)
    if rest is not None:  # the summary row is set apart
        ax.get_yticklabels()[-1].set_fontstyle("italic")
        ax.axhline(nrows - 1.5, color="white", linewidth=5)
    step = 1 if ncols <= 26 else int(math.ceil(ncols / 18))
    ticks = list(range(0, ncols, step))
    ax.set_xticks(ticks, [str(weeks[i]) for i in ticks])
    ax.tick_params(length=0)
    ax.set_xlabel("Week since the start of the rollout (value on day 7, 14, …)")
    ax.set_ylabel("Department (people)")
    # white separators between cells
    ax.set_xticks(np.arange(-0.5, ncols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, nrows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5 if ncols <= 26 else 0.6)
    ax.tick_params(which="minor", length=0)
    if ncols <= 26 and nrows * ncols <= 240:  # values in the cells while they stay legible
        size = style.SMALL_FONT if ncols <= 18 and nrows <= 10 else 11
        for r in range(nrows):
            for c in range(ncols):
                v = matrix[r, c]
                if not np.isfinite(v):
                    continue
                ax.text(c, r, f"{v * 100:.0f}", ha="center", va="center", fontsize=size,
                        color="white" if v > 0.55 * vmax else style.TEXT_COLOUR)
    cbar = fig.colorbar(im, ax=ax, format=PercentFormatter(xmax=1.0, decimals=0),
                        fraction=0.04, pad=0.015)
    cbar.set_label(f"{style.metric_label(metric)}, % of department")
    cbar.outline.set_visible(False)
    return fig


# --- funnel over time --------------------------------------------------------------------

def funnel(res, scenario):
    if res.series is None:
        raise Skip("no series.csv")
    states, values = [], []
    index = None
    for st in style.FUNNEL_STATES:
        s = res.series_of(scenario, f"state_{st}_share", "q50")
        if s is None or not np.any(np.nan_to_num(s.to_numpy()) > 0):
            continue
        index = s.index if index is None else index.union(s.index)
        states.append(st)
        values.append(s)
    if not states:
        raise Skip(f"series.csv has no state_*_share metrics (group all) for scenario "
                   f"'{scenario}'")
    values = [np.nan_to_num(v.reindex(index).to_numpy(dtype=float)) for v in values]
    days = index.to_numpy()
    info = res.info(scenario)
    fig, ax = _new_figure(
        res, f"Adoption funnel over time: {res.label(scenario)}",
        subtitle=(f"Median share of all {info['people']:,} people in each state over "
                  f"{info['replicates']:,} simulated runs (medians, so the total may differ "
                  f"slightly from 100%)"),
        source=res.source_line([scenario]))
    polys = ax.stackplot(days, *values, colors=[style.FUNNEL_COLOURS[s] for s in states],
                         labels=[style.FUNNEL_LABELS[s] for s in states], linewidth=0.6,
                         edgecolor="white")
    for poly, st in zip(polys, states):
        poly.set_gid(f"state:{st}")
    total = np.sum(values, axis=0)
    ax.set_ylim(0, max(1.0, float(np.nanmax(total))))
    _day_axis(ax, int(days.max()))
    style.percent_axis(ax.yaxis)
    ax.set_ylabel("People in each state (% of all)")
    ax.grid(False)
    ax.set_axisbelow(False)
    handles, labels = ax.get_legend_handles_labels()
    handles, labels = handles[::-1], labels[::-1]
    # The funnel's states and the headline share count different things; say how, and
    # draw the headline on top, so the funnel slide and the headline slide agree.
    headline = res.headline_share(scenario)
    dynamics = res.resolved(scenario).get("model", {}).get("workplace", {}).get("dynamics", {})
    if headline == "weekly_active_share" and "active" in states:
        uses = dynamics.get("uses_to_active", 3)
        lapse = dynamics.get("lapse_after_days", 21)
        lapse_txt = f"{lapse:g}" if finite(lapse) else "never"
        explain = {"active": f"Active: {uses}+ successful uses,\nnot idle for {lapse_txt} days",
                   "trying": f"Trying: used it, not yet\n{uses} successful uses",
                   "lapsed": f"Lapsed: idle for {lapse_txt} days"}
        labels = [explain.get(st, lab) for st, lab in
                  zip(states[::-1], labels)]
        weekly = res.series_of(scenario, headline, "q50")
        if weekly is not None:
            (line,) = ax.plot(weekly.index.to_numpy(), weekly.to_numpy(), color="black",
                              linewidth=2.5, linestyle=(0, (5, 2)), zorder=5,
                              gid="headline")
            handles.append(line)
            labels.append("Weekly active (the headline):\nused it in the last 7 days,\n"
                          "in any state")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              title="Funnel state", title_fontsize=style.SMALL_FONT + 1,
              fontsize=style.SMALL_FONT, alignment="left", labelspacing=0.7)
    return fig


# --- KPI comparison ------------------------------------------------------------------------

def _kpi_table(res):
    ks = res.kpi_summary
    if ks is None:
        raise Skip("no kpi_summary.csv")
    ks = ks[ks["scenario"].isin(res.scenarios)]
    if ks.empty:
        raise Skip("kpi_summary.csv has no rows for the scenarios in summary.json")
    kpis = list(dict.fromkeys(ks["kpi"]))
    units = ks.groupby("kpi", sort=False)["unit"].first().to_dict()
    table = {(r.scenario, r.kpi, r.statistic): r.value for r in ks.itertuples(index=False)}
    return kpis, units, table


def kpi_comparison(res):
    kpis, units, table = _kpi_table(res)
    scenarios = list(res.scenarios)
    comp = {}
    if res.comparison is not None:
        for r in res.comparison.itertuples(index=False):
            if r.baseline == scenarios[0]:
                comp[(r.scenario, r.kpi)] = r.p_beats_baseline
    n = len(kpis)
    ncols = n if n <= 3 else (3 if n <= 6 else 4)
    nrows = int(math.ceil(n / ncols))
    reps = {res.info(s)["replicates"] for s in scenarios}
    runs = f"{reps.pop():,} simulated runs" if len(reps) == 1 else "the simulated runs"
    subtitle = f"Dot: median · thick bar: middle 50% · thin bar: middle 90% of {runs}"
    if any(u in style.PROPORTION_UNITS for u in units.values()):
        subtitle += " (yes/no results: share of runs)"
    if comp:
        subtitle += (f" · right: chance of beating the baseline, {res.label(scenarios[0])} "
                     f"(bold; paired runs)")
    fig, axes = _new_figure(res, "Key results by scenario", subtitle=subtitle,
                                 source=res.source_line(scenarios), nrows=nrows, ncols=ncols,
                                 sharey=True, squeeze=False)
    many = len(scenarios) > 4
    small = 12 if many else style.SMALL_FONT
    # panel titles wrap to the panel width (estimated: names on the left, P column right)
    label_in = max(len(x) for x in scenarios) * 0.62 * (12 if many else 14) / 72 + 0.3
    panel_in = (style.FIG_SIZE[0] - label_in - ncols * (0.85 if comp else 0.3)) / ncols
    title_chars = max(12, int(panel_in / (0.62 * 15 / 72)))
    titles = []
    for k, kpi in enumerate(kpis):
        ax = axes[k // ncols][k % ncols]
        unit = units.get(kpi, "")
        trans = blended_transform_factory(ax.transAxes, ax.transData)
        ax.grid(True, axis="x")
        ax.grid(False, axis="y")
        for y, scn in enumerate(scenarios):
            colour = style.SCENARIO_COLOURS[y % len(style.SCENARIO_COLOURS)]

            def get(stat, scn=scn):
                return table.get((scn, kpi, stat), float("nan"))

            if unit in style.PROPORTION_UNITS:  # 0/1 per run: the mean is the probability
                centre, lo, hi, lo50, hi50 = get("mean"), *([float("nan")] * 4)
            else:
                centre, lo, hi, lo50, hi50 = (get("q50"), get("q05"), get("q95"), get("q25"),
                                              get("q75"))
            if not finite(centre):
                ax.text(0.03, y, "no value in any run", transform=trans, va="center",
                        ha="left", color=style.MUTED, fontsize=small, style="italic")
                continue
            if finite(lo) and finite(hi):
                ax.plot([lo, hi], [y, y], color=colour, linewidth=2.2, alpha=0.55,
                        solid_capstyle="butt")
            if finite(lo50) and finite(hi50):
                ax.plot([lo50, hi50], [y, y], color=colour, linewidth=8, alpha=0.85,
                        solid_capstyle="butt")
            ax.plot([centre], [y], marker="o", markersize=11, color=colour,
                    markeredgecolor="white", markeredgewidth=1.5, linestyle="none",
                    gid=f"kpi:{kpi}:{scn}", zorder=5)
            p = comp.get((scn, kpi))
            nn = get("n")
            total = res.info(scn)["replicates"]
            right = None
            if y > 0 and finite(p):
                right = ax.text(1.03, y, f"{p:.0%}", transform=trans, va="center", ha="left",
                                color=colour, fontsize=small + 1, fontweight="bold",
                                clip_on=False, gid=f"p_beats:{kpi}:{scn}")
            if finite(nn) and int(nn) < total:  # the KPI is undefined in some runs
                what = "reached" if kpi.startswith("days_to") else "runs"
                text = f"{int(nn)} of {total} {what}"
                if right is None:
                    ax.text(1.03, y, text, transform=trans, va="center", ha="left",
                            color=style.MUTED, fontsize=small, clip_on=False,
                            gid=f"k_of_n:{kpi}:{scn}")
                else:
                    ax.annotate(text, xy=(1.0, 0.5), xycoords=right, xytext=(6, 0),
                                textcoords="offset points", va="center", ha="left",
                                color=style.MUTED, fontsize=small, gid=f"k_of_n:{kpi}:{scn}")
        fmt = style.unit_formatter(unit)
        if fmt is not None:
            ax.xaxis.set_major_formatter(fmt)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=3 if ncols >= 4 else 4))
        if unit in style.PROPORTION_UNITS:
            ax.set_xlim(-0.05, 1.05)
            ax.set_xticks([0.0, 0.5, 1.0] if ncols >= 4 else [0.0, 0.25, 0.5, 0.75, 1.0])
        else:
            ax.margins(x=0.12)
            xs = [v for ln in ax.lines for v in ln.get_xdata() if finite(v)]
            if xs and max(xs) - min(xs) < 1e-12:  # every scenario has the same value
                ax.set_xlim(xs[0] - 1.0, xs[0] + 1.0)
                ax.set_xticks([xs[0]])
        titles.append((ax, ax.set_title(textwrap.fill(style.humanise(kpi), title_chars),
                                        fontsize=15, pad=10, loc="left")))
        label = style.unit_label(unit)
        ax.set_xlabel(label, fontsize=13, color=style.MUTED)
        ax.tick_params(axis="x", labelsize=12)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    for k in range(n, nrows * ncols):
        axes[k // ncols][k % ncols].set_visible(False)
    names = [res.label(s) for s in scenarios]
    first = axes[0][0]
    first.set_yticks(range(len(scenarios)), names)
    first.set_ylim(len(scenarios) - 0.5, -0.5)
    _fit_scenario_labels(fig, [row[0] for row in axes], names, 12 if many else 14)
    if comp:  # the baseline's name in bold: the subtitle says what it is
        for row in axes:
            row[0].get_yticklabels()[0].set_fontweight("bold")
    _fit_panel_titles(fig, titles)
    return fig


def _fit_scenario_labels(fig, axes, names, size):
    """Scenario names on the y-axes that neither overlap nor crowd out the panels: as
    large as fits the row height (down to 10 pt), wrapped to two lines at most, and cut
    with an ellipsis past about a quarter of the figure's width (give such a scenario a
    `display_name`)."""
    fig.draw_without_rendering()
    row_pt = axes[0].get_window_extent().height / fig.dpi * 72 / max(1, len(names))
    max_chars = 34
    for pt in range(size, 9, -1):
        lines_fit = int(row_pt // (pt * 1.25))
        if lines_fit >= 1:
            break
    lines_fit = max(1, min(2, lines_fit))
    width = max_chars if lines_fit == 1 else max(14, max_chars // 2 + 4)
    labels = []
    for name in names:
        wrapped = textwrap.wrap(name, width, break_long_words=True) or [""]
        if len(wrapped) > lines_fit:
            wrapped = wrapped[:lines_fit]
            wrapped[-1] = wrapped[-1][:max(1, width - 1)].rstrip() + "…"
        labels.append("\n".join(wrapped))
    for ax in axes:
        ax.set_yticks(range(len(names)), labels)
        ax.tick_params(axis="y", labelsize=pt)


def _fit_panel_titles(fig, titles, rounds=2):
    """Rewrap panel titles wider than their panel ([(axes, title)]; the estimate is rough)."""
    for _ in range(rounds):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        changed = False
        for ax, title in titles:
            limit = ax.get_window_extent(renderer).width
            text = " ".join(title.get_text().split())
            width = len(text)
            while title.get_window_extent(renderer).width > limit and width > 8:
                width -= 2
                title.set_text(textwrap.fill(text, width, break_long_words=False))
                changed = True
        if not changed:
            return


# --- retention ----------------------------------------------------------------------------------

RETURN_DAYS = (3, 7, 30)
RETURN_COLOURS = {3: style.OKABE_ITO["blue"], 7: style.OKABE_ITO["orange"],
                  30: style.OKABE_ITO["green"]}
SMALL_COHORT = 5


def retention(res, scenario):
    c = res.cohorts
    if c is None:
        raise Skip("no cohorts.csv")
    sub = c[(c["scenario"] == scenario) & (c["statistic"] == "q50")]
    rates = sub[sub["metric"].str.startswith("return_day")]
    if rates.empty or not np.isfinite(rates["value"].to_numpy(dtype=float)).any():
        raise Skip(f"cohorts.csv has no return rates for scenario '{scenario}' (all empty)")
    weeks = np.array(sorted(sub["cohort_week"].dropna().astype(int).unique()))
    # Cohort sizes: the median number of first users if written, else the mean (adoptsim
    # writes first_users as a mean only). Unknown sizes count as reliable.
    size_stat = "q50"
    first = sub[sub["metric"] == "first_users"]
    if not np.isfinite(first["value"].to_numpy(dtype=float)).any():
        size_stat = "mean"
        first = c[(c["scenario"] == scenario) & (c["statistic"] == "mean")
                  & (c["metric"] == "first_users")]
    sizes = first.set_index("cohort_week")["value"].reindex(weeks)
    info = res.info(scenario)
    fig, ax = _new_figure(
        res, f"Do new users come back? Retention by first-use week: {res.label(scenario)}",
        subtitle=(f"Share of each week's new users who use the tool again N days after first "
                  f"use · median of {info['replicates']:,} simulated runs · weeks the horizon "
                  f"cuts off are left out"),
        source=res.source_line([scenario]))
    small = sizes.to_numpy(dtype=float) < SMALL_COHORT
    any_small = False
    for n in RETURN_DAYS:
        s = (rates[rates["metric"] == f"return_day{n}_share"].set_index("cohort_week")["value"]
             .reindex(weeks).to_numpy(dtype=float))
        if not np.isfinite(s).any():
            continue
        colour = RETURN_COLOURS[n]
        # the line joins reliable cohorts only; small cohorts get hollow markers
        line = ax.plot(weeks, np.where(small, np.nan, s), color=colour, linewidth=2.5,
                       marker="o", markersize=8, label=f"Day {n}", gid=f"return_day{n}",
                       clip_on=False)[0]
        line.set_gid(f"return_day{n}")
        hollow = small & np.isfinite(s)
        if hollow.any():
            any_small = True
            ax.plot(weeks[hollow], s[hollow], linestyle="none", marker="o", markersize=8,
                    markerfacecolor="white", markeredgecolor=colour, markeredgewidth=2,
                    zorder=5, gid=f"return_day{n}:small", clip_on=False)
    ax.set_ylim(0, 1.02)
    style.percent_axis(ax.yaxis)
    ax.set_ylabel("Came back (% of the cohort)")
    ax.set_xlabel("Week of first use (cohort; week 0 = days 0–6)")
    # weeks after the last one with new users or a return rate carry nothing
    has = np.isfinite(rates.pivot_table(index="cohort_week", columns="metric", values="value",
                                        aggfunc="first").reindex(weeks).to_numpy(dtype=float))
    has = has.any(axis=1) | (np.nan_to_num(sizes.to_numpy(dtype=float)) > 0)
    last = weeks[has].max() if has.any() else weeks.max()
    ax.set_xlim(weeks.min() - 0.5, last + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=min(len(weeks), 20)))
    handles, labels = ax.get_legend_handles_labels()
    title = "Returned on"
    if any_small:
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=8,
                              markerfacecolor="white", markeredgecolor=style.MUTED,
                              markeredgewidth=2))
        labels.append(f"fewer than {SMALL_COHORT} new users\n"
                      f"({'median' if size_stat == 'q50' else 'on average'}): unreliable")
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), title=title,
              title_fontsize=style.SMALL_FONT + 1, alignment="left")
    return fig


# --- registry -------------------------------------------------------------------------------------

PER_SCENARIO = "per_scenario"
WHOLE_RUN = "whole_run"

# name -> (function, kind). Order is the order render.py draws them in.
FIGURES = {
    "fan_chart": (fan_chart, PER_SCENARIO),
    "overlay": (overlay, WHOLE_RUN),
    "department_heatmap": (department_heatmap, PER_SCENARIO),
    "funnel": (funnel, PER_SCENARIO),
    "kpi_comparison": (kpi_comparison, WHOLE_RUN),
    "retention": (retention, PER_SCENARIO),
}


# What each figure reads, so that render.py can load (and validate) it first.
NEEDS = {
    "fan_chart": ("series",),
    "overlay": ("series",),
    "department_heatmap": ("series",),
    "funnel": ("series",),
    "kpi_comparison": ("kpi_summary", "comparison"),
    "retention": ("cohorts",),
}


def file_stem(name, scenario, n_scenarios):
    """The output file name without extension."""
    if scenario is None:
        return name
    if name == "fan_chart" and n_scenarios == 1:
        return name
    return f"{name}_{style.safe_filename(scenario)}"
