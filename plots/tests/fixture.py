"""A small, schema-conformant `adoptsim run -o DIR` results directory.

Stands in for the C++ writers while they are being written: every file and
column of docs/output-schema.md, with plausible numbers from a toy adoption
curve per replicate and department (nothing here is the adoptsim model).
Quantiles are computed over the toy replicates, so the statistics are
consistent with one another (q05 <= q25 <= q50 <= q75 <= q95).

    from fixture import make_results
    make_results("/tmp/results")                      # 2 scenarios, 120 days
    make_results(d, scenarios=["a", "b", "c", "d"])   # more scenarios
    make_results(d, model="reference")                # headline `adopted`

Run as a script to write one: /usr/bin/python3 plots/tests/fixture.py DIR
"""

import json
import os
import sys

import numpy as np
import pandas as pd

STATES = ["no_access", "unaware", "aware", "trying", "active", "lapsed"]
QUANTILES = {"q05": 0.05, "q25": 0.25, "q50": 0.50, "q75": 0.75, "q95": 0.95}
LEVERS = ["training", "champions", "communications", "leadership", "governance",
          "support", "incentives", "licences"]
DEPARTMENTS = {"Sales": 40, "Engineering": 60, "Finance": 30, "Operations": 50}
ROLE_SPLIT = {"individual_contributor": 0.80, "manager": 0.17, "executive": 0.03}

# name -> (pilot size or None, scale-up day, adoption ceiling, midpoint, incident day)
PROFILES = [
    (None, 1, 0.45, 35.0, None),
    (12, 42, 0.85, 20.0, 75),
    (None, 1, 0.65, 28.0, None),
    (20, 28, 0.75, 18.0, None),
    (None, 1, 0.30, 45.0, 60),
    (8, 56, 0.90, 15.0, None),
]
DEFAULT_SCENARIOS = ["big_bang", "pilot_then_scale"]

KPIS = {  # name -> (unit, description, higher is better)
    "weekly_active_share_day30": ("share", "weekly active share on day 30", True),
    "weekly_active_share_day60": ("share", "weekly active share on day 60", True),
    "weekly_active_share_day90": ("share", "weekly active share on day 90", True),
    "days_to_50pct_weekly_active": ("days", "first day weekly active reaches 50%", False),
    "cost_per_weekly_active_usd": ("usd", "total spend per weekly active person on day 90",
                                   False),
    "change_management_share": ("share", "change-management share of total spend", True),
    "hard_review_flag": ("probability", "under 20% active at day 90 with no upward trend",
                         False),
}


def _milestones(profile, horizon):
    pilot, scale_day, _, _, incident = profile
    if pilot is None:
        ms = [{"day": 0, "label": "Access and announcement", "kind": "phase"}]
    else:
        ms = [{"day": 0, "label": f"Pilot ({pilot} people)", "kind": "phase"},
              {"day": scale_day - 2, "label": "Gate: pilot 60% active", "kind": "gate"},
              {"day": scale_day, "label": "Scale-up to everyone", "kind": "phase"}]
    if incident is not None:
        ms.append({"day": incident, "label": "Trust incident", "kind": "incident"})
    return [m for m in ms if m["day"] <= horizon]


def _simulate(profile, departments, horizon, replicates, rng, model):
    """Counts per (group, metric) as arrays (replicates, horizon + 1)."""
    pilot, scale_day, ceiling, midpoint, incident = profile
    people = sum(departments.values())
    t = np.arange(horizon + 1, dtype=float)
    out = {}
    for dept, n in departments.items():
        if pilot is None:
            access = np.where(t >= 1, n, 0) * np.ones((replicates, 1))
            start = np.ones((replicates, 1))
        else:
            pilot_here = round(pilot * n / people)
            access = np.where(t >= scale_day, n, np.where(t >= 1, pilot_here, 0)) \
                * np.ones((replicates, 1))
            start = np.full((replicates, 1), float(scale_day))
        tau = rng.uniform(4, 10, (replicates, 1))
        mid = midpoint * rng.uniform(0.75, 1.3, (replicates, 1))
        width = rng.uniform(5, 9, (replicates, 1))
        cap = np.clip(ceiling * rng.uniform(0.7, 1.15, (replicates, 1)), 0, 1)
        since = np.clip(t - start, 0, None)
        aware = access * (1 - np.exp(-np.clip(t - 1, 0, None) / tau))
        adopted = access * cap / (1 + np.exp(-(since - mid) / width))
        adopted -= access * cap / (1 + np.exp(mid / width))  # starts at 0
        if pilot is not None:  # the pilot adopts early
            adopted = np.maximum(adopted, np.where(t >= 3, pilot_here * 0.8
                                                   * (1 - np.exp(-(t - 3) / 6)), 0))
        adopted = np.floor(np.clip(adopted, 0, None))
        aware = np.maximum(np.floor(aware), adopted)
        if model == "reference":
            trying = np.zeros_like(adopted)
            active = adopted.copy()
            aware = adopted.copy()
            access = np.full_like(adopted, n)
        else:
            gained = adopted - np.concatenate([np.zeros((replicates, 7)), adopted[:, :-7]],
                                              axis=1)
            trying = np.floor(0.5 * gained)
            retain = rng.uniform(0.78, 0.92, (replicates, 1))
            dip = np.ones_like(t)
            if incident is not None:
                dip = np.where(t >= incident, 1 - 0.3 * np.exp(-(t - incident) / 25.0), 1.0)
            active = np.floor((adopted - trying) * retain * dip)
        lapsed = adopted - trying - active
        counts = {
            "state_no_access": n - access,
            "state_unaware": access - aware,
            "state_aware": aware - adopted,
            "state_trying": trying,
            "state_active": active,
            "state_lapsed": lapsed,
            "adopted": adopted,
        }
        weekly = trying + active
        counts["weekly_active"] = weekly
        counts["daily_active"] = np.floor(0.55 * weekly)
        counts["monthly_active"] = np.minimum(adopted, np.floor(1.15 * weekly))
        counts["uses"] = np.floor(1.8 * counts["daily_active"])
        out[f"department:{dept}"] = counts
    total = {m: sum(out[g][m] for g in out) for m in next(iter(out.values()))}
    out["all"] = total
    for role, frac in ROLE_SPLIT.items():
        out[f"role:{role}"] = {m: np.round(v * frac) for m, v in total.items()}
    sizes = {f"department:{d}": n for d, n in departments.items()}
    sizes["all"] = people
    for role, frac in ROLE_SPLIT.items():
        sizes[f"role:{role}"] = round(people * frac)
    for group, counts in out.items():
        for m in list(counts):
            counts[m + "_share"] = counts[m] / sizes[group]
    # spend and usage, group `all` only
    a = out["all"]
    spend = {}
    per_day = {"training": 300.0, "champions": 150.0, "communications": 60.0,
               "leadership": 80.0, "governance": 30.0, "support": 90.0, "incentives": 20.0}
    for lever, rate in per_day.items():
        spend[lever] = np.cumsum(np.full_like(a["adopted"], rate) * (t >= 1), axis=1)
    seats = a["state_no_access"] * 0 + (people - a["state_no_access"])
    spend["licences"] = np.cumsum(seats * 30.0 / 30.0, axis=1)
    for lever in LEVERS:
        a[f"spend_{lever}_usd"] = spend[lever]
    a["spend_total_usd"] = sum(spend.values())
    a["change_management_spend_usd"] = a["spend_total_usd"] - spend["licences"]
    a["hours_saved"] = np.cumsum(a["uses"] * 0.4, axis=1)
    uses7 = np.cumsum(a["uses"], axis=1)
    uses7 = uses7 - np.concatenate([np.zeros((replicates, 7)), uses7[:, :-7]], axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        a["uses_per_weekly_active"] = np.where(a["weekly_active"] > 0,
                                               uses7 / np.maximum(a["weekly_active"], 1), 0.0)
    return out


def _quantile_stats(values):
    """values (replicates, k) -> {statistic: (k,)} ignoring NaN."""
    qs = list(QUANTILES.values())
    with np.errstate(all="ignore"), _quiet():
        if np.isnan(values).any():
            quant = np.nanquantile(values, qs, axis=0)
            mean = np.nanmean(values, axis=0)
        else:
            quant = np.quantile(values, qs, axis=0)
            mean = values.mean(axis=0)
    stats = dict(zip(QUANTILES, quant))
    stats["mean"] = mean
    return stats


class _quiet:
    def __enter__(self):
        import warnings
        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc):
        return self._w.__exit__(*exc)


def _series_rows(name, sim, horizon, per_replicate):
    days = np.arange(horizon + 1)
    frames = []
    for group, counts in sim.items():
        for metric, values in counts.items():
            stats = _quantile_stats(values)
            for stat in ["q05", "q25", "q50", "q75", "q95", "mean"]:
                frames.append(pd.DataFrame({
                    "scenario": name, "statistic": stat, "replicate": "", "group": group,
                    "metric": metric, "day": days, "value": stats[stat]}))
            if per_replicate:
                for r in range(values.shape[0]):
                    frames.append(pd.DataFrame({
                        "scenario": name, "statistic": "replicate", "replicate": str(r),
                        "group": group, "metric": metric, "day": days,
                        "value": values[r]}))
    return frames


def _kpis(sim, horizon):
    a = sim["all"]
    share = a["weekly_active_share"]
    reps = share.shape[0]
    k = {}
    for day in (30, 60, 90):
        k[f"weekly_active_share_day{day}"] = share[:, day] if day <= horizon \
            else np.full(reps, np.nan)
    reached = share >= 0.5
    k["days_to_50pct_weekly_active"] = np.where(reached.any(axis=1),
                                                reached.argmax(axis=1), np.nan).astype(float)
    d = min(90, horizon)
    k["cost_per_weekly_active_usd"] = np.where(a["weekly_active"][:, d] > 0,
                                               a["spend_total_usd"][:, d]
                                               / np.maximum(a["weekly_active"][:, d], 1), np.nan)
    k["change_management_share"] = (a["change_management_spend_usd"][:, -1]
                                    / a["spend_total_usd"][:, -1])
    if horizon >= 90:
        trend = share[:, 90] - share[:, 76]
        k["hard_review_flag"] = ((share[:, 90] < 0.2) & (trend <= 0.005)).astype(float)
    else:
        k["hard_review_flag"] = np.full(reps, np.nan)
    return k


def _kpi_stats(values):
    v = values[np.isfinite(values)]
    if len(v) == 0:
        return {"mean": None, "sd": None, **{q: None for q in QUANTILES}, "n": 0}
    out = {"mean": float(v.mean()), "sd": float(v.std(ddof=1)) if len(v) > 1 else 0.0}
    for name, q in QUANTILES.items():
        out[name] = float(np.quantile(v, q))
    out["n"] = int(len(v))
    return out


def _comparison(base, other):
    rows = {}
    for kpi, (_unit, _desc, higher) in KPIS.items():
        b, s = base[kpi], other[kpi]
        ok = np.isfinite(b) & np.isfinite(s)
        if not ok.any():
            rows[kpi] = dict(mean_difference=None, interval_low=None, interval_high=None,
                             difference_q05=None, difference_q95=None, p_beats_baseline=None)
            continue
        diff = s[ok] - b[ok]
        mean = float(diff.mean())
        half = 1.645 * (float(diff.std(ddof=1)) / np.sqrt(len(diff)) if len(diff) > 1 else 0.0)
        better = diff > 0 if higher else diff < 0
        ties = diff == 0
        rows[kpi] = dict(mean_difference=mean, interval_low=mean - half,
                         interval_high=mean + half,
                         difference_q05=float(np.quantile(diff, 0.05)),
                         difference_q95=float(np.quantile(diff, 0.95)),
                         p_beats_baseline=float((better.sum() + 0.5 * ties.sum()) / len(diff)))
    return rows


def _cohort_rows(name, sim, horizon, rng, per_replicate):
    adopted = sim["all"]["adopted"]
    reps = adopted.shape[0]
    weeks = np.arange(horizon // 7 + 1)
    first = np.zeros((reps, len(weeks)))
    for w in weeks:
        lo, hi = 7 * w, min(7 * w + 7, horizon)
        first[:, w] = adopted[:, hi] - adopted[:, lo]
    metrics = {"first_users": first}
    for n_days, base in ((3, 0.72), (7, 0.6), (30, 0.45)):
        rate = np.clip(base + rng.normal(0, 0.06, (reps, len(weeks)))
                       - 0.004 * weeks[None, :], 0, 1)
        rate = np.where(first > 0, np.round(rate * np.maximum(first, 1)) /
                        np.maximum(first, 1), np.nan)
        censored = 7 * weeks + 6 + n_days + 7 > horizon
        rate[:, censored] = np.nan
        metrics[f"return_day{n_days}_share"] = rate
    frames = []
    for metric, values in metrics.items():
        stats = _quantile_stats(values)
        for stat in ["q05", "q25", "q50", "q75", "q95", "mean"]:
            frames.append(pd.DataFrame({"scenario": name, "statistic": stat, "replicate": "",
                                        "cohort_week": weeks, "metric": metric,
                                        "value": stats[stat]}))
        if per_replicate:
            for r in range(reps):
                frames.append(pd.DataFrame({"scenario": name, "statistic": "replicate",
                                            "replicate": str(r), "cohort_week": weeks,
                                            "metric": metric, "value": values[r]}))
    return frames


def _write_csv(frame, path):
    frame.to_csv(path, index=False, float_format="%.10g", lineterminator="\n",
                 na_rep="")


def make_results(directory, scenarios=None, horizon=120, replicates=30, seed=7,
                 departments=None, model="workplace", per_replicate=False, cohorts=True,
                 display_names=None):
    """Write a results directory; returns its path."""
    scenarios = list(scenarios or DEFAULT_SCENARIOS)
    departments = dict(departments or DEPARTMENTS)
    os.makedirs(directory, exist_ok=True)
    headline = "weekly_active" if model == "workplace" else "adopted"
    series_frames, cohort_frames, kpi_rows, summary_rows = [], [], [], []
    kpi_values, entries = {}, []
    for i, name in enumerate(scenarios):
        profile = PROFILES[i % len(PROFILES)]
        rng = np.random.default_rng([seed, i])
        sim = _simulate(profile, departments, horizon, replicates, rng, model)
        series_frames += _series_rows(name, sim, horizon, per_replicate)
        if cohorts:
            cohort_frames += _cohort_rows(name, sim, horizon, rng, per_replicate)
        k = _kpis(sim, horizon)
        kpi_values[name] = k
        for r in range(replicates):
            kpi_rows.append({"scenario": name, "replicate": r,
                             **{kpi: k[kpi][r] for kpi in KPIS}})
        kpi_summary = {}
        for kpi, (unit, desc, _higher) in KPIS.items():
            stats = _kpi_stats(k[kpi])
            kpi_summary[kpi] = {"unit": unit, "description": desc, **stats}
            for stat in ["mean", "sd", "q05", "q25", "q50", "q75", "q95", "n"]:
                summary_rows.append({"scenario": name, "kpi": kpi, "unit": unit,
                                     "statistic": stat, "value": stats[stat]})
        entries.append({
            "name": name,
            "file": f"scenarios/{name}.toml",
            "resolved": {"name": name, "horizon_days": horizon, "model": model},
            "replicates": replicates,
            "people": sum(departments.values()),
            "display_name": (display_names or {}).get(name, name),
            "departments": list(departments),
            "department_sizes": list(departments.values()),
            "headline_metric": headline,
            "milestones": _milestones(profile, horizon),
            "kpis": kpi_summary,
        })
    summary = {"adoptsim_version": "0.1.0-fixture", "git_revision": "0123456789abcdef",
               "seed": seed, "scenarios": entries, "comparisons": []}
    comparison_rows = []
    if len(scenarios) > 1:
        base = scenarios[0]
        for name in scenarios[1:]:
            comp = _comparison(kpi_values[base], kpi_values[name])
            summary["comparisons"].append({"baseline": base, "scenario": name, "kpis": comp})
            for kpi, fields in comp.items():
                comparison_rows.append({"baseline": base, "scenario": name, "kpi": kpi,
                                        **fields})
    with open(os.path.join(directory, "summary.json"), "w", encoding="utf-8") as fh:
        json.dump(summary, fh, indent=2)
        fh.write("\n")
    _write_csv(pd.concat(series_frames, ignore_index=True),
               os.path.join(directory, "series.csv"))
    _write_csv(pd.DataFrame(kpi_rows), os.path.join(directory, "kpis.csv"))
    _write_csv(pd.DataFrame(summary_rows), os.path.join(directory, "kpi_summary.csv"))
    if comparison_rows:
        _write_csv(pd.DataFrame(comparison_rows), os.path.join(directory, "comparison.csv"))
    if cohorts:
        _write_csv(pd.concat(cohort_frames, ignore_index=True),
                   os.path.join(directory, "cohorts.csv"))
    return directory


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: fixture.py DIR")
    print(make_results(sys.argv[1]))
