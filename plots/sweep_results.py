"""Reading an `adoptsim sweep -o DIR` result directory (docs/output-schema.md,
"Sweep results").

A sweep writes summary.json (with "command": "sweep"), points.csv (the
design: one row per point, one column per varied key), kpis.csv (every
(point, replicate)'s KPIs) and kpi_summary.csv (each point's statistics of
each KPI). The figures read summary.json, points.csv and kpi_summary.csv;
kpis.csv is only checked for its header (it is the large one, and no figure
needs it).

Errors are those of results.py: a missing summary.json raises MissingResults;
a missing points.csv or kpi_summary.csv, a missing column or key, a number
that is not a number, an unknown statistic or a point id that the design does
not have raises SchemaError naming the file, the column (or JSON key) and,
for a bad value, the line.

The units of the varied keys come from the parameter table in
scenarios/README.md (generated from the simulator's own table), read from the
source tree this script lies in; a key it does not list is read by its name
(`..._share` a fraction, `..._usd` dollars, `..._day`/`..._days` days).
"""

import functools
import math
import os
import re
import tomllib

import numpy as np
import pandas as pd

from results import (KPI_STATISTICS, SchemaError, _check_header, _read_csv, _require,
                     finite, load_summary)

SWEEP_KPI_STATISTICS = KPI_STATISTICS | {"mcse"}
DESIGN_KINDS = ("grid", "zip", "lhs", "sobol", "points")
SAMPLED_KINDS = ("lhs", "sobol", "points")
KPI_SUMMARY_COLUMNS = ["point", "kpi", "unit", "statistic", "value"]
REQUIRED_FILES = ("points.csv", "kpi_summary.csv")

# 1.645: the normal quantile of a two-sided 90% interval (as comparison.csv's).
Z90 = 1.6448536269514722

_NEUTRALISED = re.compile(r"^'[=+\-@\t\r']")

PARAMETER_TABLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                               "scenarios", "README.md")


@functools.lru_cache(maxsize=4)
def parameter_units(path=PARAMETER_TABLE):
    """{key: unit} from the parameter table of scenarios/README.md ({} if absent)."""
    units = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.startswith("| `"):
                    continue
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if len(cells) < 3:
                    continue
                key = cells[0].strip("`")
                units[key] = cells[2]
    except OSError:
        pass
    return units


def _table_key(key):
    """The parameter table's name of a key: array indices dropped
    ("strategy.phases[1].start_day" -> "strategy.phases.start_day")."""
    return re.sub(r"\[\d+\]", "", key)


def parameter_unit(key, table=None):
    """The key's unit as the parameter table writes it ("fraction", "USD", "days",
    "people", "per day", "" ...), or guessed from the name when it is not listed."""
    table = parameter_units() if table is None else table
    unit = table.get(_table_key(key))
    if unit is not None:
        return unit
    last = key.rsplit(".", 1)[-1]
    if last.endswith(("_share", "_fraction")):
        return "fraction"
    if last.endswith("_usd") or "_usd_" in last:
        return "USD"
    if last.endswith(("_day", "_days")):
        return "days"
    return ""


def _unneutralise_cell(text):
    return text[1:] if _NEUTRALISED.match(text) else text


class SweepResults:
    """The parsed contents of one sweep result directory."""

    def __init__(self, directory, title=None, subtitle=None, summary=None):
        self.directory = directory
        # set by `adoptsim plot --title/--subtitle` (None: the figures' own)
        self.title = title or None
        self.subtitle = subtitle or None
        self.summary = load_summary(directory) if summary is None else summary
        self._check_summary()
        s = self.summary
        self.design = s["design"]
        self.design_kind = self.design["kind"]
        self.keys = list(self.design["keys"])
        specs = self.design.get("specs")
        self.specs = dict(zip(self.keys, specs)) if isinstance(specs, list) else {}
        self.kpis = [k["name"] for k in s["kpis"]]
        self.kpi_units = {k["name"]: k["unit"] for k in s["kpis"]}
        self.base = s["base_scenario"]
        self.replicates = int(s["replicates_per_point"])
        self.n_points = int(s["points"])
        # headers are cheap to check: do it now, so that a bad file stops the
        # run before any figure is drawn
        for name in REQUIRED_FILES:
            if not os.path.isfile(os.path.join(directory, name)):
                raise SchemaError(name, None, "missing file (every sweep writes it; "
                                  "summary.json's 'files' lists it)")
        _check_header(self._path("points.csv"), ["point"] + self.keys)
        _check_header(self._path("kpi_summary.csv"), KPI_SUMMARY_COLUMNS)
        if os.path.isfile(self._path("kpis.csv")):
            _check_header(self._path("kpis.csv"), ["point", "replicate"] + self.kpis)

    # --- summary.json -----------------------------------------------------------
    def _check_summary(self):
        s = self.summary
        f = "summary.json"
        if not isinstance(s, dict):
            raise SchemaError(f, None, "top level is not a JSON object")
        for key in ("adoptsim_version", "git_revision", "command", "seed",
                    "replicates_per_point", "points", "units"):
            _require(s, key, f, "")
        for key in ("replicates_per_point", "points", "units"):
            if not isinstance(s[key], int) or isinstance(s[key], bool) or s[key] < 0:
                raise SchemaError(f, key, f"expected a whole number, got {s[key]!r}")
        design = _require(s, "design", f, "")
        kind = _require(design, "kind", f, "design.")
        if kind not in DESIGN_KINDS:
            raise SchemaError(f, "design.kind", f"unexpected value {kind!r} (expected one of "
                              f"{', '.join(DESIGN_KINDS)})")
        keys = _require(design, "keys", f, "design.")
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            raise SchemaError(f, "design.keys", "expected a non-empty list of key names")
        specs = design.get("specs")
        if specs is not None and (not isinstance(specs, list) or len(specs) != len(keys)):
            raise SchemaError(f, "design.specs", f"expected a list of {len(keys)} specs, one "
                              f"per key of design.keys")
        base = _require(s, "base_scenario", f, "")
        for key in ("name", "file", "overrides", "resolved_toml"):
            _require(base, key, f, "base_scenario.")
        kpis = _require(s, "kpis", f, "")
        if not isinstance(kpis, list) or not kpis:
            raise SchemaError(f, "kpis", "expected a non-empty list")
        for i, k in enumerate(kpis):
            for key in ("name", "unit"):
                _require(k, key, f, f"kpis[{i}].")

    # --- CSV files -----------------------------------------------------------------
    def _path(self, name):
        return os.path.join(self.directory, name)

    def has(self, name):
        return os.path.isfile(self._path(name))

    @functools.cached_property
    def points(self):
        """DataFrame indexed by point id (0 .. points-1), one text column per key."""
        name = "points.csv"
        frame = _read_csv(self._path(name), ["point"] + self.keys, numeric=("point",),
                          integer=("point",))
        ids = frame["point"].to_numpy(dtype=float)
        seen = set()
        for pos, pid in enumerate(ids):
            if pid != math.floor(pid) or not 0 <= pid < self.n_points or pid in seen:
                why = ("appears twice" if pid in seen else
                       f"is not a point of the design (0 to {self.n_points - 1}, "
                       f"summary.json 'points')")
                raise SchemaError(name, "point", f"line {pos + 2}: point {pid:g} {why}")
            seen.add(pid)
        if len(seen) != self.n_points:
            raise SchemaError(name, "point", f"{len(seen)} points, but summary.json says "
                              f"{self.n_points} ('points')")
        frame["point"] = frame["point"].astype(int)
        for key in self.keys:
            frame[key] = frame[key].map(_unneutralise_cell)
        return frame.set_index("point").sort_index()

    @functools.cached_property
    def kpi_summary(self):
        name = "kpi_summary.csv"
        frame = _read_csv(self._path(name), KPI_SUMMARY_COLUMNS, numeric=("point", "value"),
                          integer=("point",), enums={"statistic": SWEEP_KPI_STATISTICS})
        ids = frame["point"].to_numpy(dtype=float)
        bad = ~np.isin(ids, np.arange(self.n_points)) if len(ids) else np.array([], bool)
        if bad.any():
            pos = int(np.flatnonzero(bad)[0])
            raise SchemaError(name, "point", f"line {pos + 2}: point {ids[pos]:g} is not a "
                              f"point of the design (0 to {self.n_points - 1})")
        frame["point"] = frame["point"].astype(int)
        return frame

    @functools.cached_property
    def _table(self):
        """{(kpi, statistic): values by point id (NaN where absent)}."""
        table = {}
        ks = self.kpi_summary
        for (kpi, stat), sub in ks.groupby(["kpi", "statistic"], sort=False):
            values = np.full(self.n_points, np.nan)
            values[sub["point"].to_numpy()] = sub["value"].to_numpy(dtype=float)
            table[(kpi, stat)] = values
        return table

    # --- access ------------------------------------------------------------------
    def stat(self, kpi, statistic):
        """The KPI's statistic at every point, in point-id order (NaN where absent)."""
        values = self._table.get((kpi, statistic))
        return np.full(self.n_points, np.nan) if values is None else values

    def has_kpi(self, kpi):
        return any(k == kpi for k, _ in self._table)

    def mc_interval(self, kpi):
        """(low, high) of the mean's 90% Monte Carlo interval, mean ± 1.645 · mcse."""
        mean, mcse = self.stat(kpi, "mean"), self.stat(kpi, "mcse")
        return mean - Z90 * mcse, mean + Z90 * mcse

    def unit(self, kpi):
        unit = self.kpi_units.get(kpi)
        if unit is None:
            units = self.kpi_summary.loc[self.kpi_summary["kpi"] == kpi, "unit"]
            unit = units.iloc[0] if len(units) else ""
        return unit

    def key_values(self, key):
        """The key's values by point id: a float array when every value is a number,
        else the text (a categorical key such as strategy.preset)."""
        raw = self.points[key]
        numbers = pd.to_numeric(raw, errors="coerce")
        if numbers.notna().all():
            return numbers.to_numpy(dtype=float)
        return raw.to_numpy(dtype=object)

    def is_numeric(self, key):
        return self.key_values(key).dtype != object

    def is_log(self, key):
        """The design sampled the key on a log scale (its spec ends ':log')."""
        return str(self.specs.get(key, "")).strip().endswith(":log")

    def key_unit(self, key):
        return parameter_unit(key)

    @functools.cached_property
    def resolved(self):
        """The base scenario as it ran (base_scenario.resolved_toml) as a dict; {} if unreadable."""
        try:
            return tomllib.loads(str(self.base.get("resolved_toml") or ""))
        except tomllib.TOMLDecodeError:
            return {}

    def horizon(self):
        """Days the base scenario simulates (horizon_days), or None if unknown."""
        value = self.resolved.get("horizon_days")
        return float(value) if finite(value) else None

    def model_kind(self):
        return str(self.resolved.get("model", {}).get("kind", ""))

    def kpi_setting(self, name, default):
        value = self.resolved.get("kpi", {}).get(name, default)
        return value if finite(value) else default

    def label(self):
        """The base scenario on figures: its display_name, else its name read as words."""
        name = str(self.base["name"])
        shown = str(self.resolved.get("display_name") or name)
        if shown == name and "_" in shown:
            shown = shown.replace("_", " ").strip()
            shown = shown[:1].upper() + shown[1:]
        return shown

    def source_line(self):
        """'Source: adoptsim 0.1.0, rev 91dfe50bdb simulation · sweep of budget_sweep: 11
        points × 30 replicates · seed 1 · varied: budget.change_management_share'"""
        s = self.summary
        rev = str(s.get("git_revision") or "")
        rev_txt = f", rev {rev[:10]}" if rev else ""
        varied = ", ".join(self.keys)
        if len(varied) > 90:
            varied = f"{len(self.keys)} keys"
        return (f"Source: adoptsim {s['adoptsim_version']}{rev_txt} simulation · "
                f"{self.design_kind} sweep of {self.base['name']}: {self.n_points:,} points × "
                f"{self.replicates:,} replicates · seed {s['seed']} · varied: {varied}")
