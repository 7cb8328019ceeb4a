"""The figures. Each function takes a `results.Results` (and a scenario name
where the figure is per scenario), returns the matplotlib Figure, and raises
`Skip` when the data it needs is absent. Nothing is written here; see
render.py.

Tests find the plotted data by gid: the median line of a fan chart has gid
"median", the overlay's lines "median:<scenario>", the heat map image
"heatmap", the funnel's areas "state:<state>", the KPI dots
"kpi:<kpi>:<scenario>" and the retention lines "return_day<N>".
"""

import math
import textwrap

import matplotlib
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
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


def _band(ax, res, scenario, metric, lo, hi, index, **kw):
    a = res.series_of(scenario, metric, lo)
    b = res.series_of(scenario, metric, hi)
    if a is None or b is None:
        return None
    a, b = a.reindex(index), b.reindex(index)
    return ax.fill_between(index, a.to_numpy(), b.to_numpy(), linewidth=0, **kw)


def _draw_milestones(ax, milestones, horizon):
    """Labelled vertical lines; labels sit above the plot, staggered in rows.

    Call after everything that changes the axes' width (legends, colour bars):
    the labels are measured against the laid-out axes so they do not overlap.
    """
    kinds = []
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    days_per_px = (horizon / ax.get_window_extent(renderer).width
                   if ax.get_window_extent(renderer).width > 0 else 0.0)
    row_end = []  # per row: the right end (days) of its last label
    row_height = 0.065
    trans = blended_transform_factory(ax.transData, ax.transAxes)
    happened = [m for m in milestones if m["day"] is not None]
    for m in sorted(happened, key=lambda m: (m["day"], m["label"])):
        day = float(m["day"])
        if not 0 <= day <= horizon:
            continue
        st = dict(style.MILESTONE_STYLES[m["kind"]])
        st.pop("label")
        if m["kind"] not in kinds:
            kinds.append(m["kind"])
        ax.axvline(day, zorder=1.6, **st)
        text = ax.text(day, 1.015, " " + str(m["label"]) + " ", transform=trans, va="bottom",
                       fontsize=style.SMALL_FONT, color=st["color"], clip_on=False,
                       bbox=dict(facecolor="white", edgecolor="none", pad=0.5))
        width = text.get_window_extent(renderer).width * days_per_px
        if day + width > horizon and day - width >= -0.02 * horizon:
            text.set_horizontalalignment("right")
            x0, x1 = day - width, day
        else:
            x0, x1 = day, day + width
        row = next((r for r, end in enumerate(row_end) if end < x0), len(row_end))
        if row == len(row_end):
            row_end.append(x1)
        row_end[row] = x1
        y = 1.015 + row_height * row
        text.set_y(y)
        if row:
            ax.plot([day, day], [1.0, y], transform=trans, clip_on=False,
                    color=st["color"], linewidth=1.0, linestyle=st["linestyle"])
    handles = []
    for kind in kinds:
        st = style.MILESTONE_STYLES[kind]
        handles.append(Line2D([], [], color=st["color"], linestyle=st["linestyle"],
                              linewidth=st["linewidth"], label=st["label"]))
    return handles


def _hard_review(ax, horizon):
    """The seeds' hard-review threshold: 20% active on day 90."""
    if horizon < HARD_REVIEW_DAY:
        return []
    half = max(2.0, horizon * 0.025)
    ax.plot([HARD_REVIEW_DAY - half, HARD_REVIEW_DAY + half],
            [HARD_REVIEW_SHARE] * 2, color="#111111", linewidth=2.5, zorder=5,
            solid_capstyle="butt")
    ax.plot([HARD_REVIEW_DAY], [HARD_REVIEW_SHARE], marker="D", markersize=9,
            color="#111111", markeredgecolor="white", zorder=6, linestyle="none")
    return [Line2D([], [], color="#111111", marker="D", markersize=9,
                   markeredgecolor="white", linewidth=2.5,
                   label="Hard review:\nunder 20% on day 90")]


def _share_ylabel(metric):
    return f"{style.metric_label(metric)}, % of people"


# --- fan chart -----------------------------------------------------------------

def fan_chart(res, scenario):
    metric, median = _headline(res, scenario)
    info = res.info(scenario)
    days = median.index.to_numpy()
    horizon = int(days.max())
    fig, ax = style.new_figure(
        f"{style.metric_label(metric)} forecast: {scenario}",
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
    handles += _hard_review(ax, horizon)
    top = res.series_of(scenario, metric, "q95")
    top = top if top is not None else median
    ax.set_ylim(0, _nice_upper(float(np.nanmax(top.to_numpy())) * 1.08))
    _day_axis(ax, horizon)
    style.percent_axis(ax.yaxis)
    ax.set_ylabel(_share_ylabel(metric))
    last = float(median.iloc[-1])
    ax.annotate(f"{last:.0%}", xy=(days[-1], last), xytext=(6, 0),
                textcoords="offset points", va="center", ha="left", color=colour,
                fontsize=style.BASE_FONT, fontweight="bold", annotation_clip=False)
    kinds = {m["kind"] for m in info["milestones"]
             if m["day"] is not None and 0 <= float(m["day"]) <= horizon}
    handles += [Line2D([], [], label=style.MILESTONE_STYLES[k]["label"],
                       **{a: style.MILESTONE_STYLES[k][a]
                          for a in ("color", "linestyle", "linewidth")})
                for k in style.MILESTONE_KINDS if k in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.06, 1.0),
              fontsize=style.SMALL_FONT + 1)
    _draw_milestones(ax, info["milestones"], horizon)
    return fig


# --- scenario overlay -------------------------------------------------------------

def overlay(res):
    scenarios = list(res.scenarios)
    if len(scenarios) < 2:
        raise Skip("only one scenario (the overlay compares two or more)")
    if res.series is None:
        raise Skip("no series.csv")
    drawn = []
    metrics = {res.headline_share(s) for s in scenarios}
    same_metric = len(metrics) == 1
    metric = next(iter(metrics)) if same_metric else None
    people = {res.info(s)["people"] for s in scenarios}
    reps = {res.info(s)["replicates"] for s in scenarios}
    runs = f"{reps.pop():,} simulated runs each" if len(reps) == 1 else "the simulated runs"
    of_people = f"all {people.pop():,} people" if len(people) == 1 else "all people"
    title = (f"{style.metric_label(metric)}: scenarios compared" if same_metric
             else "Headline adoption: scenarios compared")
    fig, ax = style.new_figure(
        title, subtitle=f"Share of {of_people} · median (line) and middle 90% (shaded) of {runs}",
        source=res.source_line(scenarios))
    top = 0.0
    horizon = 0
    for i, scn in enumerate(scenarios):
        m = res.headline_share(scn)
        median = res.series_of(scn, m, "q50")
        if median is None:
            continue
        colour = style.SCENARIO_COLOURS[i % len(style.SCENARIO_COLOURS)]
        _band(ax, res, scn, m, "q05", "q95", median.index, color=colour, alpha=0.12,
              zorder=2)
        ax.plot(median.index.to_numpy(), median.to_numpy(), color=colour, linewidth=3,
                zorder=4, label=scn, gid=f"median:{scn}")
        hi = res.series_of(scn, m, "q95")
        top = max(top, float(np.nanmax((hi if hi is not None else median).to_numpy())))
        horizon = max(horizon, int(median.index.max()))
        drawn.append((scn, colour, float(median.iloc[-1]), m))
    if len(drawn) < 2:
        raise Skip("fewer than two scenarios have their headline series in series.csv")
    ymax = _nice_upper(top * 1.08)
    ax.set_ylim(0, ymax)
    _day_axis(ax, horizon)
    style.percent_axis(ax.yaxis)
    ax.set_ylabel(_share_ylabel(metric) if same_metric else "Headline metric, % of people")
    handles = _hard_review(ax, horizon)
    # direct labels at the line ends, pushed apart so they never overlap
    ends = [d[2] for d in drawn]
    ys = style.spread_labels(ends, min_gap=ymax * 0.055, lower=0.0, upper=ymax)
    trans = blended_transform_factory(ax.transAxes, ax.transData)
    for (scn, colour, end, m), y in zip(drawn, ys):
        extra = "" if same_metric else f" ({style.metric_label(m).lower()})"
        ax.text(1.01, y, f"{scn}{extra}  {end:.0%}", transform=trans, color=colour,
                fontsize=style.BASE_FONT, fontweight="bold", va="center", ha="left",
                clip_on=False)
    if handles:
        ax.legend(handles=handles, loc="upper left")
    return fig


# --- department heat map -------------------------------------------------------------

def _heat_matrix(res, scenario):
    metric = res.headline_share(scenario)
    if res.series is None:
        raise Skip("no series.csv")
    departments = list(res.info(scenario)["departments"])
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
    labels = [d for d in departments if d in rows]
    matrix = np.vstack([rows[d] for d in labels])
    return metric, labels, weeks, matrix


def department_heatmap(res, scenario):
    metric, labels, weeks, matrix = _heat_matrix(res, scenario)
    # one colour scale for every scenario of the run, so heat maps compare
    vmax = 0.0
    for scn in res.scenarios:
        try:
            vmax = max(vmax, float(np.nanmax(_heat_matrix(res, scn)[3])))
        except (Skip, ValueError):
            pass
    vmax = _nice_upper(vmax, minimum=0.1)
    info = res.info(scenario)
    fig, ax = style.new_figure(
        f"{style.metric_label(metric)} by department: {scenario}",
        subtitle=(f"Median share of each department (%) over {info['replicates']:,} simulated "
                  f"runs, at the end of each week"),
        source=res.source_line([scenario]))
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
    step = 1 if ncols <= 26 else int(math.ceil(ncols / 18))
    ticks = list(range(0, ncols, step))
    ax.set_xticks(ticks, [str(weeks[i]) for i in ticks])
    ax.tick_params(length=0)
    ax.set_xlabel("Week since the start of the rollout (value on day 7, 14, …)")
    ax.set_ylabel("Department")
    # white separators between cells
    ax.set_xticks(np.arange(-0.5, ncols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, nrows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5 if ncols <= 26 else 0.6)
    ax.tick_params(which="minor", length=0)
    if ncols <= 26 and nrows <= 16:
        size = style.SMALL_FONT if ncols <= 18 else 11
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
    fig, ax = style.new_figure(
        f"Adoption funnel over time: {scenario}",
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
    ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
              title="Funnel state", title_fontsize=style.SMALL_FONT + 1,
              fontsize=style.SMALL_FONT + 1, alignment="left")
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
        subtitle += f" · right: chance of beating {scenarios[0]} (paired runs)"
    fig, axes = style.new_figure("Key results by scenario", subtitle=subtitle,
                                 source=res.source_line(scenarios), nrows=nrows, ncols=ncols,
                                 sharey=True, squeeze=False)
    many = len(scenarios) > 4
    small = 12 if many else style.SMALL_FONT
    # panel titles wrap to the panel width (estimated: names on the left, P column right)
    label_in = max(len(x) for x in scenarios) * 0.62 * (12 if many else 14) / 72 + 0.3
    panel_in = (style.FIG_SIZE[0] - label_in - ncols * (0.85 if comp else 0.3)) / ncols
    title_chars = max(12, int(panel_in / (0.62 * 15 / 72)))
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
            if y > 0 and finite(p):
                ax.text(1.03, y, f"{p:.0%}", transform=trans, va="center", ha="left",
                        color=colour, fontsize=small + 1, fontweight="bold", clip_on=False)
            if finite(nn) and int(nn) < total:  # the KPI is undefined in some runs
                right = max(v for v in (centre, hi) if finite(v))
                ax.annotate(f"{int(nn)}/{total} runs", xy=(right, y), xytext=(8, 0),
                            textcoords="offset points", va="center", ha="left",
                            color=style.MUTED, fontsize=11)
        fmt = style.unit_formatter(unit)
        if fmt is not None:
            ax.xaxis.set_major_formatter(fmt)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
        if unit in style.PROPORTION_UNITS:
            ax.set_xlim(-0.05, 1.05)
            ax.set_xticks([0.0, 0.25, 0.5, 0.75, 1.0])
        else:
            ax.margins(x=0.12)
            xs = [v for ln in ax.lines for v in ln.get_xdata() if finite(v)]
            if xs and max(xs) - min(xs) < 1e-12:  # every scenario has the same value
                ax.set_xlim(xs[0] - 1.0, xs[0] + 1.0)
                ax.set_xticks([xs[0]])
        ax.set_title(textwrap.fill(style.humanise(kpi), title_chars), fontsize=15, pad=10,
                     loc="left")
        label = style.unit_label(unit)
        ax.set_xlabel(label, fontsize=13, color=style.MUTED)
        ax.tick_params(axis="x", labelsize=12)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
    for k in range(n, nrows * ncols):
        axes[k // ncols][k % ncols].set_visible(False)
    labels = [f"{s}\n(baseline)" if (i == 0 and comp) else s for i, s in enumerate(scenarios)]
    first = axes[0][0]
    first.set_yticks(range(len(scenarios)), labels)
    first.set_ylim(len(scenarios) - 0.5, -0.5)
    for row in axes:
        row[0].tick_params(axis="y", labelsize=12 if many else 14)
    return fig


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
    sizes = (sub[sub["metric"] == "first_users"].set_index("cohort_week")["value"]
             .reindex(weeks))
    info = res.info(scenario)
    fig, ax = style.new_figure(
        f"Do new users come back? Retention by first-use week: {scenario}",
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
                       marker="o", markersize=8, label=f"Day {n}", gid=f"return_day{n}")[0]
        line.set_gid(f"return_day{n}")
        hollow = small & np.isfinite(s)
        if hollow.any():
            any_small = True
            ax.plot(weeks[hollow], s[hollow], linestyle="none", marker="o", markersize=8,
                    markerfacecolor="white", markeredgecolor=colour, markeredgewidth=2,
                    zorder=5, gid=f"return_day{n}:small")
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
        labels.append(f"fewer than {SMALL_COHORT} new users\n(median): unreliable")
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
