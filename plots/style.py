"""Shared look of every adoptsim figure: slide-sized, large type, no chart junk.

Every figure is made with `new_figure()`, which fixes the 16:9 size, the
title/subtitle block at the top and the source line at the bottom, and leaves
the space in between to a constrained layout. Colours come from the
Okabe-Ito palette, which stays distinguishable for the common forms of colour
blindness and in greyscale print-outs.
"""

import re

import matplotlib.pyplot as plt
from matplotlib.layout_engine import ConstrainedLayoutEngine  # noqa: E402
from matplotlib.ticker import FuncFormatter, PercentFormatter  # noqa: E402

# 16:9 slide, 2000 x 1125 px at 150 dpi.
PNG_DPI = 150
FIG_SIZE = (2000 / PNG_DPI, 1125 / PNG_DPI)  # 13.33 x 7.5 in

# Okabe & Ito (2008). Ordered so that the first colours are the most
# distinct from one another on white; yellow is left out (too pale for lines).
OKABE_ITO = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "orange": "#E69F00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "black": "#000000",
    "yellow": "#F0E442",
}
SCENARIO_COLOURS = [OKABE_ITO[k] for k in
                    ("blue", "vermillion", "green", "orange", "purple", "sky", "black")]

# One colour per funnel state, used by every funnel chart.
FUNNEL_STATES = ["no_access", "unaware", "aware", "trying", "active", "lapsed"]
FUNNEL_COLOURS = {
    "no_access": "#DDDDDD",
    "unaware": "#A8B4C0",
    "aware": OKABE_ITO["sky"],
    "trying": OKABE_ITO["orange"],
    "active": OKABE_ITO["green"],
    "lapsed": OKABE_ITO["vermillion"],
}
FUNNEL_LABELS = {
    "no_access": "No access",
    "unaware": "Unaware",
    "aware": "Aware",
    "trying": "Trying",
    "active": "Active",
    "lapsed": "Lapsed",
}

# Milestone kinds: colour, line style, legend label.
MILESTONE_KINDS = ("phase", "gate", "incident")
MILESTONE_STYLES = {
    "phase": dict(color="#555555", linestyle=(0, (5, 3)), linewidth=1.6, label="Phase"),
    "gate": dict(color=OKABE_ITO["purple"], linestyle=(0, (6, 2, 1.5, 2)), linewidth=2.0,
                 label="Gate"),
    "incident": dict(color=OKABE_ITO["vermillion"], linestyle="-", linewidth=2.0,
                     label="Incident"),
}

TEXT_COLOUR = "#222222"
MUTED = "#666666"
GRID = "#E5E5E5"

# Sequential colour map for heat maps (light = low, dark = high).
HEATMAP_CMAP = "Blues"

BASE_FONT = 16
TITLE_FONT = 24
SUBTITLE_FONT = 16
SOURCE_FONT = 11
SMALL_FONT = 13

RC = {
    "font.family": "DejaVu Sans",
    "font.size": BASE_FONT,
    "axes.titlesize": 17,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": BASE_FONT,
    "axes.labelcolor": TEXT_COLOUR,
    "axes.edgecolor": "#888888",
    "axes.linewidth": 1.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 1.0,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.fontsize": 13,
    "legend.frameon": False,
    "lines.linewidth": 2.5,
    "lines.solid_capstyle": "round",
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}
plt.rcParams.update(RC)

# Margins of the title block and source line, in inches.
_EDGE_IN = 0.18
_GAP_IN = 0.10
_LEFT = 0.012
_MAX_TEXT_WIDTH = 0.975  # fraction of the figure width a heading may use


def _fit_text(fig, artist, min_size, max_lines=2):
    """Shrink `artist` (down to min_size), then wrap it, until it fits the width."""
    renderer = fig.canvas.get_renderer()
    limit = fig.bbox.width * (_MAX_TEXT_WIDTH - _LEFT)
    text = artist.get_text()

    def fits():
        return artist.get_window_extent(renderer).width <= limit

    size = artist.get_fontsize()
    while not fits() and size > min_size:
        size -= 1
        artist.set_fontsize(size)
    if fits():
        return
    # a sentence of clauses breaks after a clause ("A reaches 71%; B 69%, C 27%")
    # rather than leave a word alone on its last line
    for clause_sep in ("; ", ": "):
        clauses = text.split(clause_sep)
        if 1 < len(clauses) <= max_lines:
            widths_ok = True
            for index, clause in enumerate(clauses):
                artist.set_text(clause + (clause_sep.rstrip() if index + 1 < len(clauses) else ""))
                widths_ok = widths_ok and fits()
            if widths_ok:
                artist.set_text(("\n").join(c + (clause_sep.rstrip() if i + 1 < len(clauses) else "")
                                            for i, c in enumerate(clauses)))
                return
    artist.set_text(text)
    # wrap: at the " · " separators if there are any, else at spaces
    sep = " · " if " · " in text else " "
    parts = text.split(sep)
    lines, current = [], parts[0]
    for part in parts[1:]:
        artist.set_text(current + sep + part)
        if fits():
            current = current + sep + part
        else:
            lines.append(current + (sep.rstrip() if sep != " " else ""))
            current = part
    lines.append(current)
    if len(lines) <= max_lines:
        artist.set_text("\n".join(lines))
    else:
        artist.set_text(text)  # could not fit: leave it whole rather than lose words


def _height_in(fig, artist):
    renderer = fig.canvas.get_renderer()
    return artist.get_window_extent(renderer).height / fig.dpi


def new_figure(title, subtitle=None, source=None, lead=None, **subplot_kw):
    """A 16:9 figure with a title block at the top and a source line at the bottom.

    Headings that are too long for the width are shrunk, then wrapped. The
    rest of the figure is left to a constrained layout. `subplot_kw` goes to
    `Figure.subplots` (nrows, ncols, sharey, squeeze, ...); returns (fig, axes).
    """
    fig = plt.figure(figsize=FIG_SIZE, dpi=PNG_DPI)
    height = fig.get_figheight()
    y = 1.0 - _EDGE_IN / height
    t = fig.text(_LEFT, y, title, fontsize=TITLE_FONT, fontweight="bold", color=TEXT_COLOUR,
                 ha="left", va="top")
    _fit_text(fig, t, min_size=18)
    y -= (_height_in(fig, t) + _GAP_IN) / height
    if lead:  # the deck's own line (`adoptsim plot --subtitle`), above the figure's subtitle
        ld = fig.text(_LEFT, y, lead, fontsize=SUBTITLE_FONT, color=TEXT_COLOUR, ha="left",
                      va="top")
        _fit_text(fig, ld, min_size=13)
        y -= (_height_in(fig, ld) + _GAP_IN) / height
    if subtitle:
        st = fig.text(_LEFT, y, subtitle, fontsize=SUBTITLE_FONT, color=MUTED, ha="left",
                      va="top")
        _fit_text(fig, st, min_size=13)
        y -= (_height_in(fig, st) + _GAP_IN) / height
    top = y - _GAP_IN / height
    bottom = _EDGE_IN * 0.5 / height
    if source:
        src = fig.text(_LEFT, bottom, source, fontsize=SOURCE_FONT, color=MUTED, ha="left",
                       va="bottom")
        _fit_text(fig, src, min_size=10)
        bottom += (_height_in(fig, src) + _GAP_IN) / height
    fig.set_layout_engine(ConstrainedLayoutEngine(rect=(0.0, bottom, 1.0, top - bottom),
                                                  h_pad=0.06, w_pad=0.06))
    axes = fig.subplots(**subplot_kw)
    return fig, axes


def save(fig, path, fmt):
    """Write `fig` to `path` in `fmt` at the slide size (never cropped)."""
    kwargs = {"format": fmt}
    if fmt == "png":
        kwargs["dpi"] = PNG_DPI
        # zlib level 1: flat-colour charts compress almost as well, three times faster
        kwargs["pil_kwargs"] = {"compress_level": 1}
    fig.savefig(path, **kwargs)


def close(fig):
    plt.close(fig)


def percent_axis(axis, decimals=0):
    """Show a 0..1 share axis as percent."""
    axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=decimals))


# KPI units whose per-run values are 0/1 outcomes (or probabilities): shown as
# the share of runs (the mean), on a 0-100% axis.
PROPORTION_UNITS = ("probability", "indicator")


def usd(value, _pos=None):
    a = abs(value)
    if a < 0.5:
        return "$0"
    if a >= 1e6:
        return f"${value / 1e6:,.1f}M"
    if a >= 1e4:
        return f"${value / 1e3:,.0f}k"
    if a >= 1e3:
        return f"${value / 1e3:,.1f}k"
    return f"${value:,.0f}"


def _is_usd(unit):
    return unit == "usd" or unit.startswith("usd_") or unit == "USD"


def unit_formatter(unit):
    """Tick formatter for a KPI unit from kpi_summary.csv."""
    if unit == "share" or unit in PROPORTION_UNITS:
        return PercentFormatter(xmax=1.0, decimals=0)
    if _is_usd(unit):
        return FuncFormatter(usd)
    return None


def format_value(value, unit):
    """A KPI value as text for annotations."""
    if unit == "share" or unit in PROPORTION_UNITS:
        return f"{value * 100:.0f}%"
    if _is_usd(unit):
        return usd(value)
    if unit == "days":
        return f"{value:.0f} days"
    return f"{value:.3g}"


UNIT_LABELS = {
    "share": "percent",
    "probability": "share of runs",
    "indicator": "share of runs where it holds",
    "usd": "US dollars",
    "usd_per_person": "US dollars per person",
    "days": "days",
    "hours": "hours",
    "uses": "uses",
}


def unit_label(unit):
    if unit in UNIT_LABELS:
        return UNIT_LABELS[unit]
    if unit and _is_usd(unit):
        return "US dollars " + unit[4:].replace("_", " ")
    return (unit or "").replace("_", " ")


def humanise(name):
    """'weekly_active_share_day90' -> 'Weekly active share day 90' (display only)."""
    text = name.replace("_", " ").strip()
    text = re.sub(r"\bday(\d+)\b", r"day \1", text)
    text = re.sub(r"\b(\d+)pct\b", r"\1%", text)
    text = re.sub(r"\busd\b", "(USD)", text)
    return text[:1].upper() + text[1:]


METRIC_LABELS = {
    "weekly_active": "Weekly active users",
    "daily_active": "Daily active users",
    "monthly_active": "Monthly active users",
    "adopted": "Adopters (used at least once)",
}


def metric_label(metric):
    base = metric[:-len("_share")] if metric.endswith("_share") else metric
    return METRIC_LABELS.get(base, humanise(base))


def safe_filename(name):
    """A scenario name as a file-name fragment."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    return cleaned or "scenario"


def spread_labels(ys, min_gap, lower=None, upper=None):
    """Positions near `ys` (same order) at least `min_gap` apart.

    Used to label line ends and stacked bands directly without overlaps.
    """
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [ys[i] for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + min_gap)
    if upper is not None and placed and placed[-1] > upper:
        shift = placed[-1] - upper
        placed = [p - shift for p in placed]
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - min_gap)
    if lower is not None and placed and placed[0] < lower:
        shift = lower - placed[0]
        placed = [p + shift for p in placed]
    result = [0.0] * len(ys)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result
