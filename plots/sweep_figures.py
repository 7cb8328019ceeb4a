"""The figures of a sweep (`adoptsim sweep -o DIR`). Each function takes a
`sweep_results.SweepResults` and a KPI name, returns the matplotlib Figure, and
raises `figures.Skip` when the design or the data does not suit it. Nothing is
written here; see render.py.

What `response` draws depends on the design (`layout`):

- one varied key (any design; a zip design is read along its first key): the
  KPI against the key -- the median over each point's replicates as a line,
  the middle 50% and 90% of replicates as bands, and the mean with its 90%
  Monte Carlo interval (mean ± 1.645 · mcse) as small error bars. Yes/no KPIs
  (unit `indicator` or `probability`) show their mean: the share of runs.
- two keys over a full grid: the KPI against the first key, one line per
  value of the second (the key with fewer values, when the second has more
  than seven and the first fewer), labelled at the line ends.
- anything else (lhs, sobol, a points file, three or more keys): one panel
  per key (up to 6), a dot per point at its mean, with its Monte Carlo
  interval.

The best point (by the KPI's direction, `DIRECTION`) is ringed and the title
states it. `heatmap` draws a two-key grid's means as cells, and skips every
other design.

Tests find the plotted data by gid: "median", "band50", "band90", "mean" (the
error bars' markers) and "mean_interval" (their bars), "best", "best_label";
on a grid "median:<value>" / "mean:<value>" / "mean_interval:<value>" /
"band50:<value>" per value of the line key and "line_label:<value>"; on the
panels "points:<key>", "interval:<key>" and "best:<key>"; on the heat map
"heatmap" and "best_cell". <value> is the text of points.csv.
"""

import math
import re

import matplotlib
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator
from matplotlib.transforms import blended_transform_factory

import style
from figures import Skip, _lower_first, _nice_upper
from results import finite
from results import QUANTILES
from sweep_results import Z90

PER_KPI = "per_kpi"
MAX_PANELS = 6
MAX_LINE_COLOURS = len(style.SCENARIO_COLOURS)

# Which way is better, from docs/output-schema.md's KPI table: +1 higher, -1 lower,
# 0 neither. KPIs named after kpi.days (active_share_day14, ..._after_scale) match
# by pattern; a KPI not listed goes by its unit (shares higher, days and money lower).
DIRECTION = [
    (r"(daily_)?active_share_day\d+(_after_scale)?", +1),
    (r"adopted_share_day\d+(_after_scale)?", +1),
    (r"days_to_\d+pct", -1),
    (r"total_spend_usd", -1),
    (r"change_management_spend_share", 0),
    (r"cost_per_active_usd", -1),
    (r"reached_target", +1),
    (r"hard_review", -1),
]

# How a varied key reads on the figures; keys not here are their last name in words.
KEY_LABELS = {
    "budget.change_management_share": "Change-management share of the budget",
    "budget.total_usd": "Total budget",
    "strategy.pilot_size": "Pilot size",
    "strategy.scale_day": "Scale-up day",
    "strategy.scale_gate_share": "Scale-up gate (weekly active share)",
    "strategy.champion_support_until_day": "Champion support until day",
    "model.bass.innovation_p": "Innovation rate p",
    "model.bass.imitation_q": "Imitation rate q",
    "kpi.target_share": "Target share",
    "horizon_days": "Horizon",
}


def direction(kpi, unit=""):
    for pattern, d in DIRECTION:
        if re.fullmatch(pattern, kpi):
            return d
    if unit == "share":
        return +1
    if unit == "days" or unit.startswith("usd"):
        return -1
    return 0


# --- words -----------------------------------------------------------------------------

def _headline_words(res):
    """('weekly active', workplace?) for the workplace model, else ('adoption', False)."""
    workplace = res.model_kind() in ("workplace", "")
    return ("weekly active" if workplace else "adoption"), workplace


def kpi_subject(res, kpi):
    """The KPI as the subject of a title: 'Day-90 weekly active'."""
    what, workplace = _headline_words(res)
    m = re.fullmatch(r"(daily_)?active_share_day(\d+)(_after_scale)?", kpi)
    if m:
        what = "daily active" if m.group(1) else what
        if m.group(3):
            return f"{what[:1].upper() + what[1:]} {m.group(2)} days after scale-up"
        return f"Day-{m.group(2)} {what}"
    m = re.fullmatch(r"adopted_share_day(\d+)(_after_scale)?", kpi)
    if m:
        return f"Share who tried it by day {m.group(1)}"
    m = re.fullmatch(r"days_to_(\d+)pct", kpi)
    if m:
        return f"Time to {m.group(1)}% {what if workplace else 'adopted'}"
    if kpi == "reached_target":
        target = res.kpi_setting("target_share", 0.6)
        day = res.kpi_setting("by_day", 90)
        return (f"Chance of reaching {target:.0%} {what if workplace else 'adopted'} by day "
                f"{day:g}")
    if kpi == "hard_review":
        return f"Chance of a hard review on day {res.kpi_setting('hard_review_day', 90):g}"
    words = {"total_spend_usd": "Total spend",
             "change_management_spend_share": "Realised change-management share of spend",
             "cost_per_active_usd": f"Spend per {what if workplace else 'adopted'} person"}
    return words.get(kpi, style.humanise(kpi))


def kpi_axis_label(res, kpi, unit):
    """The KPI's axis label with its unit: 'Weekly active on day 90 (% of people)'."""
    what, workplace = _headline_words(res)
    m = re.fullmatch(r"(daily_)?active_share_day(\d+)(_after_scale)?", kpi)
    if m:
        what = "daily active" if m.group(1) else (what if workplace else "adopted")
        when = f"{m.group(2)} days after scale-up" if m.group(3) else f"on day {m.group(2)}"
        return f"{what[:1].upper() + what[1:]} {when} (% of people)"
    if unit in style.PROPORTION_UNITS:
        return "Chance (% of runs)"
    if unit == "days":
        return f"{kpi_subject(res, kpi)} (days)"
    if unit == "share":
        return f"{kpi_subject(res, kpi)} (%)"
    label = style.unit_label(unit)
    return f"{kpi_subject(res, kpi)} ({label})" if label else kpi_subject(res, kpi)


def _key_kind(res, key):
    unit = res.key_unit(key)
    if not res.is_numeric(key):
        return "category"
    if unit == "fraction":
        return "fraction"
    if unit.startswith("USD"):
        return "usd"
    if unit == "days":
        return "days"
    return "number"


def key_label(key):
    """'budget.change_management_share' -> 'Change-management share of the budget'."""
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    parts = re.sub(r"\[\d+\]", "", key).split(".")
    if len(parts) >= 2 and parts[-2] == "unit_cost_usd":
        return f"Unit cost of {parts[-1].replace('_', ' ')}"
    last = parts[-1]
    if last.endswith("_days"):
        last = last[:-len("_days")]
    elif last.endswith("_usd"):
        last = last[:-len("_usd")]
    return style.humanise(last)


def key_axis_label(res, key):
    """The key's axis label with its unit: 'Change-management share of the budget (%)'."""
    kind = _key_kind(res, key)
    unit = res.key_unit(key)
    label = key_label(key)
    if kind == "fraction":
        text = f"{label} (%)"
    elif kind == "usd":
        text = f"{label} ({'US dollars' if unit == 'USD' else unit.replace('USD', 'US dollars')})"
    elif unit and kind != "category":
        text = f"{label} ({unit})"
    else:
        text = label
    if res.is_log(key):
        text += ", log scale"
    return text


def format_key_value(res, key, value):
    """A key's value as a tick or in a sentence: '25%', '$42.5k', '42', '0.0032'."""
    kind = _key_kind(res, key)
    if kind == "category":
        return _category_label(value)
    v = float(value)
    if kind == "fraction":
        return f"{v * 100:.3g}%"
    if kind == "usd":
        return style.usd(v)
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    if v == math.floor(v):
        return f"{v:.0f}"
    return f"{v:.2g}" if abs(v) < 0.01 else f"{v:.3g}"


def _category_label(value):
    text = str(value)
    if "_" in text and " " not in text:
        text = text.replace("_", " ")
        text = text[:1].upper() + text[1:]
    return text


def key_phrase(res, key, value):
    """The key at a value, in a sentence: '25% change-management share of the budget',
    'a total budget of $100k', 'scale-up day 42', 'pilot size 12'."""
    kind = _key_kind(res, key)
    label = _lower_first(key_label(key))
    shown = format_key_value(res, key, value)
    if kind == "fraction":
        return f"{shown} {label}"
    if kind == "usd":
        return f"a {label} of {shown}"
    if kind == "days" and not label.endswith("day"):
        return f"a {label} of {shown} days"
    if kind == "category":
        return f"{shown} ({label})"
    return f"{label} {shown}"


def _value_text(value, unit):
    if not finite(value):
        return "beyond the horizon" if unit == "days" else "n/a"
    return style.format_value(value, unit)


def _finding(res, kpi, unit, best_value, at, values, stat_word="", tied=0):
    """The title: 'Day-90 weekly active peaks at 25% change-management share: 56%'.

    `at` is a list of (key, value, interior) of the best point, or None when no point
    is best (the KPI has no direction, or is flat, or `tied` > 1 points share the best
    value); `values` the values compared."""
    subject = kpi_subject(res, kpi)
    d = direction(kpi, unit)
    shown = _value_text(best_value, unit) + stat_word
    if tied > 1:
        n = sum(1 for v in values if finite(v))
        return f"{subject} reaches its best, {shown}, at {tied} of {n} points"
    if at is None:
        fin = [v for v in values if finite(v)]
        if not fin:
            return f"{subject}: no value at any point"
        lo, hi = min(fin), max(fin)
        if len(fin) == 1:
            return f"{subject}: {_value_text(lo, unit)}"
        if hi - lo < 1e-12:
            return f"{subject} is the same at every point: {_value_text(lo, unit)}"
        return (f"{subject} ranges from {_value_text(lo, unit)} to {_value_text(hi, unit)} "
                f"over the {len(fin)} points")
    where = " and ".join(key_phrase(res, k, v) for k, v, *_ in at)
    if d > 0:
        verb = "peaks at" if at[0][2] else "is highest at"
    elif unit == "days":
        verb = "is shortest at"
    else:
        verb = "is lowest at"
    return f"{subject} {verb} {where}: {shown}"


# --- helpers -------------------------------------------------------------------------------

def _new_figure(res, title, **kw):
    return style.new_figure(title, lead=res.subtitle, **kw)


def _best(values, tiebreak, d):
    """Indices of the best finite values by direction d: one point, or every point tied
    for best (on `values`, then on `tiebreak`); [] when d is 0, nothing is finite or
    every value is the same."""
    values = np.asarray(values, dtype=float)
    ok = np.isfinite(values)
    if d == 0 or not ok.any():
        return []
    fin = values[ok]
    if fin.max() - fin.min() < 1e-12:
        return []
    target = fin.max() if d > 0 else fin.min()
    candidates = np.flatnonzero(ok & (np.abs(values - target) < 1e-12))
    if len(candidates) > 1 and tiebreak is not None:
        tb = np.asarray(tiebreak, dtype=float)[candidates]
        if np.isfinite(tb).any():
            tb = np.where(np.isfinite(tb), tb, -np.inf if d > 0 else np.inf)
            top = tb.max() if d > 0 else tb.min()
            candidates = candidates[np.abs(tb - top) < 1e-12]
    return [int(c) for c in candidates]


def _finite_or_nan(values):
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def _check_kpi(res, kpi):
    if kpi not in res.kpis and not res.has_kpi(kpi):
        raise Skip(f"the sweep has no KPI '{kpi}' (summary.json 'kpis')")
    if not res.has_kpi(kpi):
        raise Skip(f"kpi_summary.csv has no rows of KPI '{kpi}'")


def _centre(res, kpi):
    """(values by point, word, note): each point's mean, or its median where the mean is
    not defined at some point (a time-to-X KPI that some runs never reach)."""
    mean = res.stat(kpi, "mean")
    if np.isfinite(mean).all() or res.unit(kpi) in style.PROPORTION_UNITS:
        return mean, "mean", None
    median = res.stat(kpi, "q50")
    if np.isfinite(median).sum() > np.isfinite(mean).sum():
        return median, "median", ("median: the mean is not defined where some runs never "
                                  "reach it")
    return mean, "mean", None


def _varying(res):
    """The keys whose value differs between points, in design order."""
    out = []
    for key in res.keys:
        values = res.key_values(key)
        if len(set(values.tolist())) > 1:
            out.append(key)
    return out


def layout(res):
    """("curve", x key, keys varied alongside), ("grid", x key, line key) or
    ("panels", keys): how `response` draws this design."""
    varying = _varying(res)
    if not varying:
        return ("curve", res.keys[0], [])
    if len(varying) == 1 or res.design_kind == "zip":
        key = varying[0]
        values = res.key_values(key)
        if len(set(values.tolist())) == len(values):  # one point per value: a curve
            return ("curve", key, varying[1:])
        return ("panels", varying[:MAX_PANELS])
    if len(varying) == 2 and res.design_kind in ("grid", "points"):
        a, b = varying
        pairs = list(zip(res.key_values(a).tolist(), res.key_values(b).tolist()))
        na, nb = len(set(p[0] for p in pairs)), len(set(p[1] for p in pairs))
        if len(set(pairs)) == len(pairs) == na * nb:
            if nb > MAX_LINE_COLOURS and na < nb:
                a, b = b, a
            return ("grid", a, b)
    return ("panels", varying[:MAX_PANELS])


def _positions(res, key, idx=None):
    """x positions of the points (all, or `idx`) and, for a categorical key, the
    (positions, labels) of its ticks."""
    values = res.key_values(key)
    if res.is_numeric(key):
        xs = values.astype(float)
        return (xs if idx is None else xs[idx]), None
    cats = list(dict.fromkeys(values.tolist()))
    xs = np.array([cats.index(v) for v in values], dtype=float)
    return (xs if idx is None else xs[idx]), (list(range(len(cats))),
                                              [_category_label(c) for c in cats])


def _log_ticks(lo, hi):
    """1-2-5 ticks between lo and hi (positive) for a log axis."""
    ticks = []
    for e in range(int(math.floor(math.log10(lo))) - 1, int(math.ceil(math.log10(hi))) + 1):
        for m in (1, 2, 5):
            t = m * 10.0 ** e
            if lo * 0.999 <= t <= hi * 1.001:
                ticks.append(t)
    if len(ticks) < 3:
        ticks = []
        for e in range(int(math.floor(math.log10(lo))) - 1, int(math.ceil(math.log10(hi))) + 1):
            for m in range(1, 10):
                t = m * 10.0 ** e
                if lo * 0.999 <= t <= hi * 1.001:
                    ticks.append(t)
    return ticks


def _x_axis(res, ax, key, xs, cat_ticks):
    ax.set_xlabel(key_axis_label(res, key))
    if cat_ticks is not None:
        ax.set_xticks(*cat_ticks)
        ax.set_xlim(-0.5, len(cat_ticks[0]) - 0.5)
        return
    fin = xs[np.isfinite(xs)]
    if res.is_log(key) and len(fin) and fin.min() > 0:
        ax.set_xscale("log")
        lo, hi = float(fin.min()), float(fin.max())
        pad = (hi / lo) ** 0.04 if hi > lo else 1.5
        ax.set_xlim(lo / pad, hi * pad)
        ticks = _log_ticks(lo / pad, hi * pad)
        if ticks:
            ax.xaxis.set_major_locator(FixedLocator(ticks))
        ax.xaxis.set_minor_locator(NullLocator())
    else:
        integer = len(fin) and np.all(fin == np.floor(fin))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10],
                                               integer=bool(integer)))
        if len(fin):
            lo, hi = float(fin.min()), float(fin.max())
            pad = (hi - lo) * 0.04 if hi > lo else max(abs(lo) * 0.1, 0.5)
            ax.set_xlim(lo - pad, hi + pad)
    ax.xaxis.set_major_formatter(FuncFormatter(
        lambda v, _pos: format_key_value(res, key, v)))


def _y_axis(ax, unit, values):
    """Limits and ticks of a KPI axis; `values` are the drawn values (any shape).

    The axis starts at 0 unless every value lies far from it (then at a round value
    below the lowest), so that a response between 60% and 72% is not flattened."""
    fin = np.asarray(values, dtype=float)
    fin = fin[np.isfinite(fin)]
    top = float(fin.max()) if len(fin) else 1.0
    low = float(fin.min()) if len(fin) else 0.0
    if unit in style.PROPORTION_UNITS:
        ax.set_ylim(-0.02, 1.08)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    elif unit == "share" and low >= 0:
        upper = 1.04 if top >= 0.965 else _nice_upper(top + 0.14 * max(top - low, 0.1 * top),
                                                      minimum=0.05)
        bottom = 0.0
        if low > 0.45 * top:
            step = 0.05 if top - low <= 0.3 else 0.1
            bottom = max(0.0, math.floor((low - 0.12 * (top - low)) / step - 1e-9) * step)
        span = min(upper, 1.0) - bottom
        step = 0.02 if span <= 0.12 else (0.05 if span <= 0.45 else 0.1)
        ax.set_ylim(bottom, upper)
        ax.set_yticks(np.arange(bottom, min(upper, 1.0) + 1e-9, step))
    elif len(fin) and low >= 0:
        if low > 0.5 * top:
            pad = 0.14 * (top - low) if top > low else 0.1 * top or 1.0
            ax.set_ylim(low - pad, top + pad)
        else:
            ax.set_ylim(0, top * 1.16 if top > 0 else 1.0)
    fmt = style.unit_formatter(unit)
    if fmt is not None:
        ax.yaxis.set_major_formatter(fmt)


def _mean_bars(ax, xs, mean, lo, hi, colour, gid, zorder=6, size=5, marker="D", alpha=1.0):
    """The mean with its Monte Carlo interval as small error bars (at the points where
    the mean is defined; none when it is nowhere)."""
    mean = _finite_or_nan(mean)
    ok = np.isfinite(mean)
    if not ok.any():
        return None
    xs, mean = np.asarray(xs, dtype=float)[ok], mean[ok]
    lo, hi = _finite_or_nan(lo)[ok], _finite_or_nan(hi)[ok]
    yerr = np.vstack([np.nan_to_num(mean - lo), np.nan_to_num(hi - mean)])
    bars = ax.errorbar(xs, mean, yerr=yerr, fmt=marker, markersize=size, color=colour,
                       markeredgecolor="white", markeredgewidth=0.8, elinewidth=1.6,
                       capsize=4, capthick=1.6, zorder=zorder, alpha=alpha)
    bars.lines[0].set_gid(gid)
    for collection in bars.lines[2]:
        collection.set_gid(gid.replace("mean", "mean_interval", 1))
    return bars


def _ring(ax, x, y, gid):
    """Rings around the best point (or every point tied for best)."""
    return ax.plot(np.atleast_1d(x), np.atleast_1d(y), marker="o", markersize=20,
                   markerfacecolor="none",
                   markeredgecolor=style.OKABE_ITO["vermillion"], markeredgewidth=3,
                   linestyle="none", zorder=8, gid=gid, clip_on=False)[0]


def _best_label(ax, x, y, text, xs_range):
    lo, hi = xs_range
    span = hi - lo
    if ax.get_xscale() == "log" and lo > 0:
        rel = (math.log(x) - math.log(lo)) / (math.log(hi) - math.log(lo)) if hi > lo else 0.5
    else:
        rel = (x - lo) / span if span > 0 else 0.5
    ha = "left" if rel < 0.2 else ("right" if rel > 0.8 else "center")
    dx = {"left": -8, "right": 8, "center": 0}[ha]
    return ax.annotate(text, xy=(x, y), xytext=(dx, 22), textcoords="offset points",
                       ha=ha, va="bottom", fontsize=style.SMALL_FONT + 1, fontweight="bold",
                       color=style.OKABE_ITO["vermillion"], zorder=9, gid="best_label",
                       annotation_clip=False,
                       bbox=dict(boxstyle="square,pad=0.15", facecolor="white",
                                 edgecolor="none", alpha=0.85))


def _runs(res):
    return f"{res.replicates:,} simulated run{'s' if res.replicates != 1 else ''}"


def _better(kpi, unit):
    d = direction(kpi, unit)
    return {1: "higher is better", -1: "lower is better"}.get(d, "")


def _title(res, kpi, finding):
    """--title replaces the finding of the headline KPI's response (the one a deck leads with)."""
    if res.title and kpi == headline_kpi(res):
        return res.title
    return finding


# --- response --------------------------------------------------------------------------------

def response(res, kpi):
    _check_kpi(res, kpi)
    shape = layout(res)
    if shape[0] == "curve":
        return _curve(res, kpi, shape[1], shape[2])
    if shape[0] == "grid":
        return _grid_lines(res, kpi, shape[1], shape[2])
    return _panels(res, kpi, shape[1])


def _curve(res, kpi, key, alongside):
    unit = res.unit(kpi)
    proportion = unit in style.PROPORTION_UNITS
    xs_all, cat_ticks = _positions(res, key)
    order = np.argsort(xs_all, kind="stable")
    xs = xs_all[order]
    stat = {s: res.stat(kpi, s)[order] for s in
            ("mean", "mcse", "q05", "q25", "q50", "q75", "q95", "n")}
    lo, hi = stat["mean"] - Z90 * stat["mcse"], stat["mean"] + Z90 * stat["mcse"]
    centre = stat["mean"] if proportion else stat["q50"]
    if not np.isfinite(centre).any() and not np.isinf(centre).any():
        raise Skip(f"kpi_summary.csv has no {'mean' if proportion else 'q50'} of '{kpi}' "
                   f"at any point")
    d = direction(kpi, unit)
    # ranks: inf (never reached) is worse than any day
    rank = np.where(np.isposinf(centre), np.inf, centre)
    tied = _best(np.where(np.isfinite(rank), rank, np.nan), stat["mean"], d)
    best = tied[0] if tied else None
    at = None
    if len(tied) == 1:
        interior = 0 < best < len(xs) - 1 and cat_ticks is None
        at = [(key, res.key_values(key)[order][best], interior)]
    finding = _finding(res, kpi, unit, centre[best] if best is not None else None,
                       at, list(centre), tied=len(tied))
    # a time-to-X quantile among the runs that never got there is inf: drawn on the horizon
    horizon = res.horizon() if unit == "days" else None
    later = np.zeros(len(xs), dtype=bool)
    if horizon is not None:
        later = np.isposinf(stat["q50"])
        beyond = any(np.isposinf(stat[q]).any() for q in QUANTILES)
        for q in QUANTILES:
            stat[q] = np.where(np.isposinf(stat[q]), horizon, stat[q])
        centre = stat["mean"] if proportion else stat["q50"]
    else:
        beyond = False
    if proportion:
        subtitle = (f"Share of the {_runs(res)} at each point · bars: its 90% Monte Carlo "
                    f"interval (mean ± 1.645 standard errors)")
    else:
        subtitle = (f"{_runs(res).capitalize()} at each point · line: median · bands: middle "
                    f"50% and 90% of runs · diamonds: mean with its 90% Monte Carlo interval")
    better = _better(kpi, unit)
    if tied:
        subtitle += f" · ring: best point{'s' if len(tied) > 1 else ''} ({better})"
    elif better:
        subtitle += f" · {better}"
    if alongside:
        words = []
        for other in alongside:
            ov = res.key_values(other)[order]
            words.append(f"{_lower_first(key_label(other))} varies alongside "
                         f"({format_key_value(res, other, ov[0])} to "
                         f"{format_key_value(res, other, ov[-1])})")
        subtitle += " · " + "; ".join(words)
    if beyond:
        subtitle += (f" · runs that never get there by the horizon (day {horizon:g}) are "
                     f"drawn on it")
    fig, ax = _new_figure(res, _title(res, kpi, finding), subtitle=subtitle,
                          source=res.source_line())
    colour = style.OKABE_ITO["blue"]
    handles = []
    drawn = [centre]
    if proportion:
        ax.plot(xs, _finite_or_nan(centre), color=colour, linewidth=2.5, zorder=4,
                gid="mean_line", linestyle="-" if cat_ticks is None else "none")
        _mean_bars(ax, xs, centre, lo, hi, colour, "mean", size=8, marker="o")
        handles += [Line2D([], [], color=colour, marker="o", markersize=8, linewidth=2.5,
                           label="Share of runs (mean)"),
                    Line2D([], [], color=colour, marker="|", markersize=14, linestyle="none",
                           markeredgewidth=1.6, label="90% Monte Carlo\ninterval")]
        drawn += [hi]
    else:
        q05, q25, q75, q95 = (_finite_or_nan(stat[s]) for s in ("q05", "q25", "q75", "q95"))
        if cat_ticks is None:
            ax.fill_between(xs, q05, q95, color=colour, alpha=0.15, linewidth=0, zorder=2,
                            gid="band90")
            ax.fill_between(xs, q25, q75, color=colour, alpha=0.32, linewidth=0, zorder=3,
                            gid="band50")
        else:  # categories are not a continuum: bars, not bands, and no joining line
            ax.vlines(xs, q05, q95, color=colour, alpha=0.15, linewidth=34, zorder=2,
                      gid="band90")
            ax.vlines(xs, q25, q75, color=colour, alpha=0.32, linewidth=34, zorder=3,
                      gid="band50")
        ax.plot(xs, _finite_or_nan(centre), color=colour, linewidth=3, marker="o",
                markersize=7, zorder=4, gid="median",
                linestyle="-" if cat_ticks is None else "none")
        _mean_bars(ax, xs, stat["mean"], lo, hi, style.TEXT_COLOUR, "mean")
        handles += [Line2D([], [], color=colour, linewidth=3, marker="o", markersize=7,
                           label="Median"),
                    Patch(color=colour, alpha=0.47, linewidth=0, label="Middle 50% of runs"),
                    Patch(color=colour, alpha=0.15, linewidth=0, label="Middle 90% of runs"),
                    Line2D([], [], color=style.TEXT_COLOUR, marker="D", markersize=6,
                           linestyle="none", label="Mean ± 90% Monte\nCarlo interval")]
        drawn += [q05, q95, lo, hi]
    _x_axis(res, ax, key, xs, cat_ticks)
    _y_axis(ax, unit, np.concatenate([np.asarray(v, dtype=float) for v in drawn]))
    ax.set_ylabel(kpi_axis_label(res, kpi, unit))
    if tied:
        _ring(ax, xs[tied], centre[tied], "best")
        handles.append(Line2D([], [], marker="o", markersize=14, markerfacecolor="none",
                              markeredgecolor=style.OKABE_ITO["vermillion"],
                              markeredgewidth=2.5, linestyle="none",
                              label="Best point" if len(tied) == 1 else "Best points (tied)"))
    if len(tied) == 1:
        _best_label(ax, xs[best], centre[best],
                    f"{_value_text(centre[best], unit)} at "
                    f"{format_key_value(res, key, at[0][1])}", ax.get_xlim())
    if beyond:
        _horizon_line(ax, horizon, handles)
        if later.any():
            ax.plot(xs[later], stat["q50"][later], marker="o", markersize=8, linestyle="none",
                    markerfacecolor="white", markeredgecolor=colour, markeredgewidth=2,
                    zorder=5, gid="median_later", clip_on=False)
            handles.append(Line2D([], [], marker="o", markersize=8, linestyle="none",
                                  markerfacecolor="white", markeredgecolor=colour,
                                  markeredgewidth=2, label="Median later than\nthe horizon"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0),
              fontsize=style.SMALL_FONT + 1, labelspacing=0.8)
    return fig


def _horizon_line(ax, horizon, handles):
    """The horizon of a time-to-X axis: values beyond it are drawn on it."""
    ax.axhline(horizon, color=style.MUTED, linestyle=(0, (4, 3)), linewidth=1.5, zorder=1.5,
               gid="horizon")
    bottom, top = ax.get_ylim()
    if top < horizon * 1.08:
        ax.set_ylim(bottom, horizon * 1.08)
    handles.append(Line2D([], [], color=style.MUTED, linestyle=(0, (4, 3)), linewidth=1.5,
                          label=f"Horizon (day {horizon:g}):\nnot reached by then"))


def _on_horizon(res, unit, values):
    """Time-to-X values with inf (never reached within the horizon) put on the horizon."""
    values = np.asarray(values, dtype=float)
    horizon = res.horizon() if unit == "days" else None
    if horizon is None or not np.isposinf(values).any():
        return values, None
    return np.where(np.isposinf(values), horizon, values), horizon


def _dodge(res, key, xs, xs_all, i, n):
    """xs moved sideways for line i of n, so that the lines' error bars stand apart."""
    if n <= 1:
        return xs
    shift = i - (n - 1) / 2
    fin = xs_all[np.isfinite(xs_all)]
    if not res.is_numeric(key):
        return xs + 0.06 * shift
    if res.is_log(key) and fin.min() > 0:
        return xs * (fin.max() / fin.min()) ** (0.008 * shift)
    return xs + (fin.max() - fin.min()) * 0.008 * shift


def _line_colours(n):
    if n <= MAX_LINE_COLOURS:
        return style.SCENARIO_COLOURS[:n]
    cmap = matplotlib.colormaps["cividis"]
    return [cmap(0.05 + 0.85 * i / (n - 1)) for i in range(n)]


def _grid_lines(res, kpi, xkey, lkey):
    unit = res.unit(kpi)
    proportion = unit in style.PROPORTION_UNITS
    stat_name = "mean" if proportion else "q50"
    centre_all = res.stat(kpi, stat_name)
    mean_all = res.stat(kpi, "mean")
    lo_all, hi_all = res.mc_interval(kpi)
    if not np.isfinite(centre_all).any():
        raise Skip(f"kpi_summary.csv has no {stat_name} of '{kpi}' at any point")
    xs_all, cat_ticks = _positions(res, xkey)
    lraw = res.points[lkey].to_numpy(dtype=object)
    lvals = res.key_values(lkey)
    levels = (sorted(set(lvals.tolist())) if res.is_numeric(lkey)
              else list(dict.fromkeys(lvals.tolist())))
    d = direction(kpi, unit)
    rank = np.where(np.isfinite(centre_all), centre_all, np.nan)
    tied = _best(rank, mean_all, d)
    best = tied[0] if tied else None
    at = None
    if len(tied) == 1:
        xv = res.key_values(xkey)
        interior_x = xs_all[best] not in (np.nanmin(xs_all), np.nanmax(xs_all))
        at = [(xkey, xv[best], interior_x), (lkey, lvals[best], False)]
    finding = _finding(res, kpi, unit, centre_all[best] if best is not None else None, at,
                       list(centre_all), tied=len(tied))
    what = "share of runs (mean)" if proportion else "median"
    subtitle = (f"{_runs(res).capitalize()} at each point · lines: {what}, one per "
                f"{_lower_first(key_label(lkey))} · bars: 90% Monte Carlo interval of the mean")
    if not proportion and len(levels) <= 3:
        subtitle += " · bands: middle 50% of runs"
    better = _better(kpi, unit)
    if tied:
        subtitle += f" · ring: best point{'s' if len(tied) > 1 else ''} ({better})"
    fig, ax = _new_figure(res, _title(res, kpi, finding), subtitle=subtitle,
                          source=res.source_line())
    colours = _line_colours(len(levels))
    ends = []
    # time-to-X: inf (never reached within the horizon) is drawn on the horizon
    shown, horizon = _on_horizon(res, unit, centre_all)
    q25, h25 = _on_horizon(res, unit, res.stat(kpi, "q25"))
    q75, h75 = _on_horizon(res, unit, res.stat(kpi, "q75"))
    bands = not proportion and len(levels) <= 3
    horizon = horizon or (h25 or h75 if bands else None)
    drawn = [shown, lo_all, hi_all] + ([q25, q75] if bands else [])
    # small sideways offsets keep the lines' error bars apart
    for i, level in enumerate(levels):
        idx = np.flatnonzero(np.array([v == level for v in lvals.tolist()]))
        idx = idx[np.argsort(xs_all[idx], kind="stable")]
        xs = xs_all[idx]
        raw = str(lraw[idx[0]])
        colour = colours[i]
        y = _finite_or_nan(shown[idx])
        if bands:
            ax.fill_between(xs, _finite_or_nan(q25[idx]), _finite_or_nan(q75[idx]),
                            color=colour, alpha=0.10, linewidth=0, zorder=2,
                            gid=f"band50:{raw}")
        ax.plot(xs, y, color=colour, linewidth=2.8, marker="o", markersize=7, zorder=4,
                gid=f"{'mean_line' if proportion else 'median'}:{raw}")
        _mean_bars(ax, _dodge(res, xkey, xs, xs_all, i, len(levels)), mean_all[idx],
                   lo_all[idx], hi_all[idx], colour, f"mean:{raw}",
                   zorder=5, size=4 if not proportion else 6,
                   marker="D" if not proportion else "o", alpha=0.8)
        last = np.flatnonzero(np.isfinite(y))
        if len(last):
            ends.append((raw, colour, float(y[last[-1]]), level,
                         float(centre_all[idx][last[-1]])))
    _x_axis(res, ax, xkey, xs_all, cat_ticks)
    _y_axis(ax, unit, np.concatenate([np.asarray(v, dtype=float) for v in drawn]))
    ax.set_ylabel(kpi_axis_label(res, kpi, unit))
    if horizon is not None:
        _horizon_line(ax, horizon, [])
        ax.text(0.005, horizon, f" horizon (day {horizon:g}): not reached by then",
                transform=blended_transform_factory(ax.transAxes, ax.transData),
                ha="left", va="bottom", fontsize=12, color=style.MUTED)
    if tied:
        _ring(ax, xs_all[tied], centre_all[tied], "best")
    if len(tied) == 1:
        _best_label(ax, xs_all[best], centre_all[best],
                    f"Best: {_value_text(centre_all[best], unit)}", ax.get_xlim())
    lo_y, hi_y = ax.get_ylim()
    ys = style.spread_labels([e[2] for e in ends], min_gap=(hi_y - lo_y) * 0.06, lower=lo_y,
                             upper=hi_y)
    trans = blended_transform_factory(ax.transAxes, ax.transData)
    for (raw, colour, _end, level, value), y in zip(ends, ys):
        label = key_phrase(res, lkey, level)
        ax.text(1.015, y, f"{label[:1].upper() + label[1:]}  {_value_text(value, unit)}",
                transform=trans, color=colour, fontsize=style.SMALL_FONT + 1,
                fontweight="bold", va="center", ha="left", clip_on=False,
                gid=f"line_label:{raw}")
    return fig


def _panels(res, kpi, keys):
    unit = res.unit(kpi)
    centre, word, note = _centre(res, kpi)
    lo, hi = res.mc_interval(kpi)
    if word != "mean":
        lo = hi = np.full_like(centre, np.nan)
    if not np.isfinite(centre).any():
        raise Skip(f"kpi_summary.csv has no mean of '{kpi}' at any point")
    shown, horizon = _on_horizon(res, unit, centre)
    d = direction(kpi, unit)
    tied = _best(centre, None, d)
    best = tied[0] if tied else None
    all_keys = _varying(res) or res.keys
    at = None
    if len(tied) == 1:
        at = [(k, res.key_values(k)[best], False) for k in keys[:3]]
    finding = _finding(res, kpi, unit, centre[best] if best is not None else None, at,
                       list(centre), f" ({word})", tied=len(tied))
    design = {"lhs": "Latin hypercube", "sobol": "Sobol", "points": "listed",
              "grid": "grid", "zip": "zip"}[res.design_kind]
    subtitle = (f"{res.n_points:,} {design} points · dot: each point's {word} over "
                f"{_runs(res)}")
    if word == "mean":
        subtitle += " · bar: its 90% Monte Carlo interval"
    if note:
        subtitle += f" ({note})"
    if tied:
        subtitle += (f" · ring: best point{'s' if len(tied) > 1 else ''} "
                     f"({_better(kpi, unit)})")
    if len(all_keys) > len(keys):
        subtitle += f" · the first {len(keys)} of {len(all_keys)} varied keys"
    n = len(keys)
    ncols = n if n <= 3 else 3
    nrows = int(math.ceil(n / ncols))
    fig, axes = _new_figure(res, _title(res, kpi, finding), subtitle=subtitle,
                            source=res.source_line(), nrows=nrows, ncols=ncols,
                            sharey=True, squeeze=False)
    colour = style.OKABE_ITO["blue"]
    small = n > 3
    for k, key in enumerate(keys):
        ax = axes[k // ncols][k % ncols]
        xs, cat_ticks = _positions(res, key)
        ax.vlines(xs, _finite_or_nan(lo), _finite_or_nan(hi), color=colour, alpha=0.35,
                  linewidth=1.4, zorder=3, gid=f"interval:{key}")
        ax.scatter(xs, _finite_or_nan(shown), s=28 if small else 42, color=colour,
                   alpha=0.85, edgecolor="white", linewidth=0.6, zorder=4,
                   gid=f"points:{key}")
        if tied:
            ax.plot(xs[tied], shown[tied], marker="o", markersize=15 if small else 18,
                    markerfacecolor="none", markeredgecolor=style.OKABE_ITO["vermillion"],
                    markeredgewidth=2.5, linestyle="none", zorder=8, gid=f"best:{key}")
        _x_axis(res, ax, key, xs, cat_ticks)
        if small:
            ax.xaxis.label.set_fontsize(14)
            ax.tick_params(labelsize=12)
        if k % ncols == 0:
            ax.set_ylabel(kpi_axis_label(res, kpi, unit) if not small
                          else kpi_subject(res, kpi))
        ax.grid(True, axis="both")
    _y_axis(axes[0][0], unit, np.concatenate([shown, lo, hi]))
    if horizon is not None:
        for ax in fig.axes:
            if ax.get_visible():
                _horizon_line(ax, horizon, [])
        fig.axes[0].text(0.01, horizon, f" horizon (day {horizon:g}): not reached by then",
                         transform=blended_transform_factory(fig.axes[0].transAxes,
                                                             fig.axes[0].transData),
                         ha="left", va="bottom", fontsize=12, color=style.MUTED)
    for k in range(n, nrows * ncols):
        axes[k // ncols][k % ncols].set_visible(False)
    return fig


# --- heat map -------------------------------------------------------------------------------------

def heatmap(res, kpi):
    _check_kpi(res, kpi)
    shape = layout(res)
    if shape[0] != "grid":
        varied = len(_varying(res))
        raise Skip(f"a heat map needs two keys varied over a full grid; this sweep "
                   f"({res.design_kind} design) varies {varied} key{'s' if varied != 1 else ''}"
                   + ("" if varied != 2 else " but not over every combination"))
    _, xkey, ykey = shape
    unit = res.unit(kpi)
    values, word, note = _centre(res, kpi)
    if not np.isfinite(values).any():
        raise Skip(f"kpi_summary.csv has no mean of '{kpi}' at any point")
    xv, yv = res.key_values(xkey), res.key_values(ykey)
    xlevels = (sorted(set(xv.tolist())) if res.is_numeric(xkey)
               else list(dict.fromkeys(xv.tolist())))
    ylevels = (sorted(set(yv.tolist())) if res.is_numeric(ykey)
               else list(dict.fromkeys(yv.tolist())))
    matrix = np.full((len(ylevels), len(xlevels)), np.nan)
    horizon = res.horizon() if unit == "days" else None
    where = {}
    for p in range(res.n_points):
        r, c = ylevels.index(yv[p]), xlevels.index(xv[p])
        matrix[r, c] = values[p]
        where[p] = (r, c)
    d = direction(kpi, unit)
    tied = _best(_finite_or_nan(values), None, d)
    best = tied[0] if tied else None
    at = None
    if len(tied) == 1:
        at = [(xkey, xv[best], 0 < where[best][1] < len(xlevels) - 1), (ykey, yv[best], False)]
    stat_word = f" ({word} of {res.replicates:,} runs)" if unit not in style.PROPORTION_UNITS \
        else ""
    finding = _finding(res, kpi, unit, values[best] if best is not None else None, at,
                       list(values), stat_word, tied=len(tied))
    if unit in style.PROPORTION_UNITS:
        what = f"share of the {_runs(res)} at each point"
    else:
        what = f"{word} of the {_runs(res)} at each point"
    subtitle = f"Each cell: the {what}"
    if note:
        subtitle += f" ({note})"
    if tied:
        subtitle += (f" · outlined: the best cell{'s' if len(tied) > 1 else ''} "
                     f"({_better(kpi, unit)})")
    fig, ax = _new_figure(res, _title(res, kpi, finding), subtitle=subtitle,
                          source=res.source_line())
    colour_of = matrix if horizon is None else np.where(np.isposinf(matrix), horizon, matrix)
    fin = colour_of[np.isfinite(colour_of)]
    vmin, vmax = float(fin.min()), float(fin.max())
    if vmax - vmin < 1e-12:
        vmin, vmax = vmin - 0.5 * (abs(vmin) or 1), vmax + 0.5 * (abs(vmax) or 1)
    cmap = matplotlib.colormaps[style.HEATMAP_CMAP].copy()
    cmap.set_bad("#F2F2F2")
    im = ax.imshow(np.ma.masked_invalid(colour_of), origin="lower", aspect="auto", cmap=cmap,
                   vmin=vmin, vmax=vmax, interpolation="nearest", gid="heatmap")
    nrows, ncols = matrix.shape
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks(range(ncols), [format_key_value(res, xkey, v) for v in xlevels])
    ax.set_yticks(range(nrows), [format_key_value(res, ykey, v) for v in ylevels])
    if ncols > 14:
        step = int(math.ceil(ncols / 12))
        for i, t in enumerate(ax.get_xticklabels()):
            t.set_visible(i % step == 0)
    ax.set_xlabel(key_axis_label(res, xkey))
    ax.set_ylabel(key_axis_label(res, ykey))
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(-0.5, ncols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, nrows, 1), minor=True)
    ax.grid(which="minor", color="white", linewidth=2 if ncols <= 20 else 0.6)
    ax.tick_params(which="minor", length=0)
    if ncols <= 14 and nrows <= 12:  # values in the cells while they stay legible
        size = style.BASE_FONT if ncols <= 8 and nrows <= 6 else style.SMALL_FONT
        for r in range(nrows):
            for c in range(ncols):
                v = matrix[r, c]
                text = _cell_text(v, unit, horizon)
                cv = colour_of[r, c]
                dark = finite(cv) and (cv - vmin) > 0.55 * (vmax - vmin)
                ax.text(c, r, text, ha="center", va="center", fontsize=size,
                        color="white" if dark else style.TEXT_COLOUR,
                        gid=f"cell:{r}:{c}")
    for p in tied:
        r, c = where[p]
        ax.add_patch(Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False,
                               edgecolor=style.OKABE_ITO["vermillion"], linewidth=4,
                               zorder=5, gid="best_cell", clip_on=False))
    fmt = style.unit_formatter(unit)
    cbar = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.015, format=fmt)
    base = kpi_axis_label(res, kpi, unit)
    cbar.set_label(base if unit in style.PROPORTION_UNITS else f"{base}, {word}")
    cbar.outline.set_visible(False)
    return fig


def _cell_text(value, unit, horizon=None):
    if np.isposinf(value) and horizon is not None:
        return f"> {horizon:g}"
    if not finite(value):
        return "n/a"
    if unit == "share" or unit in style.PROPORTION_UNITS:
        return f"{value * 100:.0f}%"
    if unit.startswith("usd"):
        return style.usd(value)
    if unit == "days":
        return f"{value:.0f}"
    return f"{value:.3g}"


# --- registry ------------------------------------------------------------------------------------

# name -> (function, kind). Order is the order render.py draws them in.
FIGURES = {
    "response": (response, PER_KPI),
    "heatmap": (heatmap, PER_KPI),
}

# What each figure reads, so that render.py can load (and validate) it first.
NEEDS = {
    "response": ("points", "kpi_summary"),
    "heatmap": ("points", "kpi_summary"),
}

HEADLINE_PATTERN = r"active_share_day\d+(_after_scale)?"


def headline_kpis(res):
    """The KPIs drawn by default: the three `active_share_day*` KPIs (named after
    kpi.days) and `reached_target`, those the sweep has."""
    chosen = [k for k in res.kpis if re.fullmatch(HEADLINE_PATTERN, k)]
    if "reached_target" in res.kpis:
        chosen.append("reached_target")
    return chosen or list(res.kpis[:1])


def headline_kpi(res):
    """The KPI a deck leads with (and --title names): the last of kpi.days, the one
    `--precision` narrows."""
    shares = [k for k in res.kpis if re.fullmatch(HEADLINE_PATTERN, k)]
    return shares[-1] if shares else (res.kpis[0] if res.kpis else None)


def file_stem(name, kpi):
    """The output file name without extension: 'response_active_share_day90'."""
    return f"{name}_{style.safe_filename(kpi)}"
