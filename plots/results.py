"""Reading an `adoptsim run -o DIR` results directory (docs/output-schema.md).

Only the documented files are read: summary.json, series.csv,
kpi_summary.csv, comparison.csv and cohorts.csv. A file that is absent is
not an error here (the figure that needs it is skipped), except
summary.json, which every figure needs. A file that is present but does not
follow the schema -- a missing column or key, a number that is not a number,
an unknown statistic -- raises SchemaError naming the file and the column.

Text cells that a spreadsheet could read as a formula are written with a
leading apostrophe (docs/output-schema.md); it is dropped here, so names read
back as they are in summary.json.
"""

import csv
import functools
import json
import math
import os
import tomllib

import numpy as np
import pandas as pd

QUANTILES = ["q05", "q25", "q50", "q75", "q95"]
SERIES_STATISTICS = set(QUANTILES) | {"mean", "replicate"}
KPI_STATISTICS = set(QUANTILES) | {"mean", "sd", "n"}
MILESTONE_KINDS = ("phase", "gate", "incident")

SERIES_COLUMNS = ["scenario", "statistic", "replicate", "group", "metric", "day", "value"]
KPI_SUMMARY_COLUMNS = ["scenario", "kpi", "unit", "statistic", "value"]
COMPARISON_COLUMNS = ["baseline", "scenario", "kpi", "mean_difference", "interval_low",
                      "interval_high", "difference_q05", "difference_q95", "p_beats_baseline"]
COHORT_COLUMNS = ["scenario", "statistic", "replicate", "cohort_week", "metric", "value"]
COHORT_METRICS = ("first_users", "return_day3_share", "return_day7_share", "return_day30_share")

_CHUNK_ROWS = 500_000


class SchemaError(Exception):
    """A results file does not follow docs/output-schema.md."""

    def __init__(self, file, column, problem):
        self.file = file
        self.column = column
        self.problem = problem
        where = f"{file}: column '{column}'" if column else file
        super().__init__(f"{where}: {problem}")


class MissingResults(Exception):
    """The directory is not a results directory (no summary.json)."""


def _require(mapping, key, file, path):
    if not isinstance(mapping, dict) or key not in mapping:
        raise SchemaError(file, f"{path}{key}", "missing key")
    return mapping[key]


def _check_header(path, required):
    name = os.path.basename(path)
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), None)
    if header is None:
        raise SchemaError(name, None, "empty file (no header row)")
    missing = [c for c in required if c not in header]
    if missing:
        raise SchemaError(name, missing[0],
                          "missing column" + (f" (also missing: {', '.join(missing[1:])})"
                                              if len(missing) > 1 else ""))


def _numeric(frame, column, file, allow_empty=True, first_line=2):
    """Column as float; '' -> NaN; anything else non-numeric is an error."""
    raw = frame[column]
    values = pd.to_numeric(raw.where(raw != "", None), errors="coerce")
    bad = values.isna() & (raw != "")
    if not allow_empty:
        bad |= raw == ""
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        line = first_line + pos
        shown = raw.iloc[pos]
        raise SchemaError(file, column, f"line {line}: expected a number, got {shown!r}")
    return values.astype(float)


def _check_enum(frame, column, allowed, file, first_line=2):
    bad = ~frame[column].isin(allowed)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise SchemaError(file, column, f"line {first_line + pos}: unexpected value "
                          f"{frame[column].iloc[pos]!r} (expected one of "
                          f"{', '.join(sorted(allowed))})")


TEXT_COLUMNS = ("scenario", "baseline", "group", "kpi", "unit", "metric", "statistic")


def _unneutralise(frame):
    """Drop the apostrophe the writers put before a formula-like text cell."""
    for column in TEXT_COLUMNS:
        if column in frame.columns:
            values = frame[column]
            if values.dtype == object and values.str.startswith("'").any():
                frame[column] = values.where(~values.str.startswith("'"), values.str[1:])
    return frame


def _read_csv(path, columns, keep=None, numeric=(), enums=None, integer=()):
    """Validated DataFrame of `columns`; `keep(frame)` filters rows chunk by chunk."""
    name = os.path.basename(path)
    _check_header(path, columns)
    parts = []
    line = 2
    reader = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                         usecols=columns, chunksize=_CHUNK_ROWS, encoding="utf-8")
    for chunk in reader:
        n = len(chunk)
        chunk = chunk.reset_index(drop=True)
        for column, allowed in (enums or {}).items():
            _check_enum(chunk, column, allowed, name, line)
        for column in numeric:
            chunk[column] = _numeric(chunk, column, name, allow_empty=column not in integer,
                                     first_line=line)
        if keep is not None:
            chunk = chunk[keep(chunk)]
        parts.append(chunk)
        line += n
    if not parts:
        return pd.DataFrame(columns=columns)
    return _unneutralise(pd.concat(parts, ignore_index=True))


def load_summary(directory):
    """summary.json of a results directory (of `run`, `compare` or `sweep`), parsed.

    MissingResults when there is none, SchemaError when it is not JSON."""
    summary_path = os.path.join(directory, "summary.json")
    if not os.path.isfile(summary_path):
        raise MissingResults(f"{directory}: no summary.json -- not an adoptsim results "
                             f"directory (expected the output of `adoptsim run -o DIR` "
                             f"or `adoptsim sweep ... -o DIR`)")
    try:
        with open(summary_path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as err:
        raise SchemaError("summary.json", None, f"not valid JSON ({err})") from err


def is_sweep(summary):
    """Whether a parsed summary.json is that of `adoptsim sweep` (its "command")."""
    return isinstance(summary, dict) and summary.get("command") == "sweep"


class Results:
    """The parsed contents of one results directory."""

    def __init__(self, directory, title=None, subtitle=None):
        self.directory = directory
        # set by `adoptsim plot --title/--subtitle` (None: the figures' own)
        self.title = title or None
        self.subtitle = subtitle or None
        self.summary = load_summary(directory)
        self._check_summary()
        self.scenarios = [s["name"] for s in self.summary["scenarios"]]
        self.scenario_info = {s["name"]: s for s in self.summary["scenarios"]}
        self._index = None
        # headers are cheap to check: do it now, so that a bad file stops the
        # run before any figure is drawn
        for name, columns in (("series.csv", SERIES_COLUMNS),
                              ("kpi_summary.csv", KPI_SUMMARY_COLUMNS),
                              ("comparison.csv", COMPARISON_COLUMNS),
                              ("cohorts.csv", COHORT_COLUMNS)):
            if self.has(name):
                _check_header(self._path(name), columns)

    # The CSV files are read on first use, so that a figure that does not need
    # series.csv does not pay for reading it.
    @functools.cached_property
    def series(self):
        return self._load_series()

    @functools.cached_property
    def kpi_summary(self):
        return self._load_optional("kpi_summary.csv", KPI_SUMMARY_COLUMNS, numeric=("value",),
                                   enums={"statistic": KPI_STATISTICS})

    @functools.cached_property
    def comparison(self):
        return self._load_optional("comparison.csv", COMPARISON_COLUMNS,
                                   numeric=tuple(COMPARISON_COLUMNS[3:]))

    @functools.cached_property
    def cohorts(self):
        return self._load_optional(
            "cohorts.csv", COHORT_COLUMNS, numeric=("cohort_week", "value"),
            integer=("cohort_week",),
            enums={"statistic": SERIES_STATISTICS, "metric": set(COHORT_METRICS)},
            keep=lambda f: f["statistic"] != "replicate")

    def _series_index(self):
        if self._index is None:
            self._index = {}
            if self.series is not None:
                for key, frame in self.series.groupby(
                        ["scenario", "group", "metric", "statistic"], sort=False):
                    self._index[key] = frame.set_index("day")["value"].sort_index()
        return self._index

    # --- summary.json ---------------------------------------------------------
    def _check_summary(self):
        s = self.summary
        f = "summary.json"
        if not isinstance(s, dict):
            raise SchemaError(f, None, "top level is not a JSON object")
        for key in ("adoptsim_version", "git_revision", "seed"):
            _require(s, key, f, "")
        scenarios = _require(s, "scenarios", f, "")
        if not isinstance(scenarios, list) or not scenarios:
            raise SchemaError(f, "scenarios", "expected a non-empty list")
        for i, scn in enumerate(scenarios):
            p = f"scenarios[{i}]."
            for key in ("name", "replicates", "people", "departments", "headline_metric",
                        "milestones"):
                _require(scn, key, f, p)
            if not isinstance(scn["milestones"], list):
                raise SchemaError(f, p + "milestones", "expected a list")
            for j, m in enumerate(scn["milestones"]):
                q = f"{p}milestones[{j}]."
                for key in ("day", "label", "kind"):
                    _require(m, key, f, q)
                if m["kind"] not in MILESTONE_KINDS:
                    raise SchemaError(f, q + "kind", f"unexpected value {m['kind']!r} "
                                      f"(expected one of {', '.join(MILESTONE_KINDS)})")

    # --- CSV files -------------------------------------------------------------
    def _path(self, name):
        path = os.path.join(self.directory, name)
        return path if os.path.isfile(path) else None

    def has(self, name):
        return self._path(name) is not None

    def _load_optional(self, name, columns, **kw):
        path = self._path(name)
        if path is None:
            return None
        return _read_csv(path, columns, **kw)

    def _load_series(self):
        path = self._path("series.csv")
        if path is None:
            return None
        # The figures draw the per-group shares of group `all` and of the
        # departments; only those rows are kept, chunk by chunk, and the
        # replicate column is never read, so that large files stay cheap.
        def keep(f):
            return ((f["statistic"] != "replicate")
                    & ((f["group"] == "all") | f["group"].str.startswith("department:"))
                    & f["metric"].str.endswith("_share"))
        columns = [c for c in SERIES_COLUMNS if c != "replicate"]
        try:
            parts = []
            reader = pd.read_csv(path, usecols=columns, chunksize=_CHUNK_ROWS, encoding="utf-8",
                                 dtype={"scenario": str, "statistic": str, "group": str,
                                        "metric": str, "day": np.int64, "value": np.float64},
                                 keep_default_na=False, na_values={"value": [""]})
            for chunk in reader:
                if not chunk["statistic"].isin(SERIES_STATISTICS).all():
                    raise ValueError("unknown statistic")
                parts.append(chunk[keep(chunk)])
        except ValueError:
            # something is not as the schema says: the careful reader names it
            frame = _read_csv(path, SERIES_COLUMNS, keep=keep, numeric=("day", "value"),
                              integer=("day",), enums={"statistic": SERIES_STATISTICS})
            frame["day"] = frame["day"].astype(int)
            return frame.drop(columns=["replicate"])
        frame = (pd.concat(parts, ignore_index=True) if parts
                 else pd.DataFrame(columns=columns))
        frame["day"] = frame["day"].astype(int)
        return _unneutralise(frame)

    # --- access ------------------------------------------------------------------
    def info(self, scenario):
        return self.scenario_info[scenario]

    def resolved(self, scenario):
        """The scenario as it ran (summary.json's resolved_toml), as a dict; {} if absent."""
        cache = self.__dict__.setdefault("_resolved", {})
        if scenario not in cache:
            try:
                cache[scenario] = tomllib.loads(str(self.info(scenario).get("resolved_toml") or ""))
            except tomllib.TOMLDecodeError:
                cache[scenario] = {}
        return cache[scenario]

    def kpi_day(self, scenario, default=90):
        """The day the scenario's KPIs are judged on ([kpi] by_day)."""
        day = self.resolved(scenario).get("kpi", {}).get("by_day", default)
        return int(day) if finite(day) else default

    def department_sizes(self, scenario):
        """{department: people}, or {} when summary.json does not say."""
        info = self.info(scenario)
        sizes = info.get("department_sizes")
        if not isinstance(sizes, list) or len(sizes) != len(info["departments"]):
            return {}
        return dict(zip(info["departments"], sizes))

    def label(self, scenario):
        """The scenario's name on figures: its display_name key, else its name read as
        words ("pilot_then_scale" -> "Pilot then scale")."""
        shown = str(self.info(scenario).get("display_name") or scenario)
        if shown == scenario and "_" in shown:
            shown = shown.replace("_", " ").strip()
            shown = shown[:1].upper() + shown[1:]
        return shown

    def headline_share(self, scenario):
        """The series name of the scenario's headline metric as a share."""
        metric = str(self.info(scenario)["headline_metric"])
        return metric if metric.endswith("_share") else metric + "_share"

    def series_of(self, scenario, metric, statistic="q50", group="all"):
        """pd.Series value by day, or None when absent."""
        s = self._series_index().get((scenario, group, metric, statistic))
        if s is None or s.empty:
            return None
        return s

    def metrics_of(self, scenario, group="all"):
        if self.series is None:
            return set()
        f = self.series
        return set(f.loc[(f["scenario"] == scenario) & (f["group"] == group), "metric"].unique())

    def horizon(self, scenario):
        if self.series is None:
            return None
        days = self.series.loc[self.series["scenario"] == scenario, "day"]
        return int(days.max()) if len(days) else None

    def source_line(self, scenarios=None):
        """'Source: adoptsim 0.4.0 (rev abc1234) · big_bang, 200 replicates · seed 1 · ...'"""
        scenarios = list(scenarios if scenarios is not None else self.scenarios)
        s = self.summary
        reps = {self.info(n)["replicates"] for n in scenarios}
        if len(scenarios) == 1:
            scn = f"{scenarios[0]} ({self.info(scenarios[0])['replicates']} replicates)"
        elif len(reps) == 1:
            scn = ", ".join(scenarios) + f" ({reps.pop()} replicates each)"
        else:
            scn = ", ".join(f"{n} ({self.info(n)['replicates']} replicates)" for n in scenarios)
        if len(scn) > 110:  # too many or too long to list: say how many
            counts = {self.info(n)["replicates"] for n in scenarios}
            scn = (f"{len(scenarios)} scenarios ({counts.pop():,} replicates each)"
                   if len(counts) == 1 else f"{len(scenarios)} scenarios")
        people = {self.info(n)["people"] for n in scenarios}
        people_txt = f" · {people.pop():,} people" if len(people) == 1 else ""
        rev = str(s.get("git_revision") or "")
        rev_txt = f", rev {rev[:10]}" if rev else ""
        return (f"Source: adoptsim {s['adoptsim_version']}{rev_txt} simulation · scenario"
                f"{'s' if len(scenarios) > 1 else ''}: {scn} · seed {s['seed']}{people_txt}")


def finite(x):
    try:
        return x is not None and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False
