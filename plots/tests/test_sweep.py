"""The figures of `adoptsim sweep` (plots/sweep_figures.py, plots/sweep_results.py) and
render.py on a sweep's result directory.

Run from the repository root, like the other plot tests:

    /usr/bin/python3 -m unittest discover -s plots/tests -v

The sweeps are made here with the adoptsim binary, small (a few replicates per point):
a one-key grid of the change-management share (the F4 budget sweep), a two-key grid of
pilot size and scale-up day, a one-key Latin hypercube of the Bass innovation rate on a
log range, and a two-key Sobol design. The binary is $ADOPTSIM_BINARY, else the
`adoptsim` of the build folder that $ADOPTSIM_RESULTS_DIR lies in, else
build/release/adoptsim; without one these tests are skipped. Set
ADOPTSIM_KEEP_FIGURES=1 to keep the sweeps and their figures.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
PLOTS = os.path.dirname(HERE)
REPO = os.path.dirname(PLOTS)
sys.path[:0] = [PLOTS, HERE]

import matplotlib.image as mpimg  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import figures  # noqa: E402
import render  # noqa: E402
import style  # noqa: E402
import sweep_figures  # noqa: E402
from sweep_results import SweepResults, Z90, parameter_unit  # noqa: E402
from test_milestones import BINARY, assert_inside_figure  # noqa: E402

PYTHON = "/usr/bin/python3"
RENDER = os.path.join(PLOTS, "render.py")
PNG_SIZE = (1125, 2000)
HEADLINE = ["active_share_day30", "active_share_day60", "active_share_day90",
            "reached_target"]

SHARE = "budget.change_management_share"
SWEEPS = {
    # name -> arguments of `adoptsim sweep`
    "one_key": ["scenarios/workplace/facts/budget_sweep.toml",
                "--vary", f"{SHARE}=0.03,0.1,0.2,0.25,0.35,0.5", "-r", "6"],
    "grid": ["scenarios/workplace/pilot_then_scale.toml",
             "--vary", "strategy.pilot_size=8:12:2", "--vary", "strategy.scale_day=28,56",
             "-r", "5"],
    "lhs_log": ["scenarios/reference/bass.toml", "--design", "lhs", "--points", "8",
                "--vary", "model.bass.innovation_p=0.001..0.01:log", "-r", "4"],
    "sobol": ["scenarios/reference/bass.toml", "--design", "sobol", "--points", "16",
              "--vary", "model.bass.innovation_p=0.001..0.01:log",
              "--vary", "model.bass.imitation_q=0.05..0.5", "-r", "4"],
}

_TMP = None
_DIRS = {}


def setUpModule():
    global _TMP
    _TMP = tempfile.mkdtemp(prefix="adoptsim-sweep-plots-")


def tearDownModule():
    if os.environ.get("ADOPTSIM_KEEP_FIGURES"):
        print(f"\nsweeps and their figures kept in {_TMP}", file=sys.stderr)
    else:
        shutil.rmtree(_TMP, ignore_errors=True)


def sweep(name):
    """The result directory of SWEEPS[name], made once per test run; never modify it."""
    if name not in _DIRS:
        out = os.path.join(_TMP, name)
        done = subprocess.run([BINARY, "sweep", *SWEEPS[name], "--seed", "3", "-j", "1",
                               "-o", out], cwd=REPO, capture_output=True, text=True,
                              timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"adoptsim sweep failed:\n{done.stdout}{done.stderr}")
        _DIRS[name] = out
    return _DIRS[name]


def copy_sweep(name):
    """A private copy of a sweep, free to be broken by the test."""
    dst = tempfile.mkdtemp(prefix=name + "-", dir=_TMP)
    for f in os.listdir(sweep(name)):
        if os.path.isfile(os.path.join(sweep(name), f)):
            shutil.copy(os.path.join(sweep(name), f), dst)
    return dst


# --- the CSVs, read here independently of sweep_results.py ------------------------------------

def points(directory):
    return pd.read_csv(os.path.join(directory, "points.csv"), dtype=str).set_index("point")


def statistic(directory, kpi, stat):
    """{point id: value} of a KPI's statistic from kpi_summary.csv ('inf' -> inf)."""
    out = {}
    with open(os.path.join(directory, "kpi_summary.csv"), newline="") as fh:
        for row in csv.DictReader(fh):
            if row["kpi"] == kpi and row["statistic"] == stat:
                out[int(row["point"])] = float(row["value"]) if row["value"] != "" else np.nan
    return out


def find(fig, gid):
    found = [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]
    if not found:
        raise AssertionError(f"no artist with gid {gid!r}")
    return found[0]


def outline(poly):
    """The vertices of a fill_between polygon."""
    return np.asarray(poly.get_paths()[0].vertices)


def run_cli(*args):
    return subprocess.run([PYTHON, RENDER, *args], capture_output=True, text=True,
                          timeout=600)


@unittest.skipUnless(BINARY, "no adoptsim binary (set ADOPTSIM_BINARY)")
class SweepCase(unittest.TestCase):
    def tearDown(self):
        style.plt.close("all")

    def assert_close(self, a, b, msg=None):
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        self.assertEqual(a.shape, b.shape, msg)
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12, err_msg=msg or "")


# --- rendering every figure -------------------------------------------------------------------

class RenderSweeps(SweepCase):
    def test_one_key_writes_the_headline_responses_and_skips_the_heat_map(self):
        d = sweep("one_key")
        out = os.path.join(_TMP, "one_key_figures")
        log = []
        written = render.render(d, "png", out, log=log.append)
        for kpi in HEADLINE:
            with self.subTest(kpi):
                path = written[f"response_{kpi}"]
                self.assertEqual(path, os.path.join(out, f"response_{kpi}.png"))
                image = mpimg.imread(path)
                self.assertEqual(image.shape[:2], PNG_SIZE)
                self.assertGreater(float(np.std(image[..., :3])), 0.05)
                self.assertIsNone(written[f"heatmap_{kpi}"])
        skipped = [line for line in log if line.startswith("skipped heatmap_")]
        self.assertEqual(len(skipped), len(HEADLINE), log)
        self.assertIn("two keys varied over a full grid", skipped[0])
        self.assertEqual(sorted(os.listdir(out)), sorted(f"response_{k}.png" for k in HEADLINE))

    def test_grid_writes_responses_and_heat_maps(self):
        d = sweep("grid")
        out = os.path.join(_TMP, "grid_figures")
        written = render.render(d, "png", out, log=lambda _m: None)
        for kpi in HEADLINE:
            for name in ("response", "heatmap"):
                with self.subTest(f"{name}_{kpi}"):
                    image = mpimg.imread(written[f"{name}_{kpi}"])
                    self.assertEqual(image.shape[:2], PNG_SIZE)

    def test_svg_and_kpis_option(self):
        d = sweep("sobol")
        out = os.path.join(_TMP, "sobol_svg")
        proc = run_cli(d, "--format", "svg", "-o", out, "--only", "response",
                       "--kpis", "days_to_50pct,active_share_day30")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(sorted(os.listdir(out)), ["response_active_share_day30.svg",
                                                   "response_days_to_50pct.svg"])
        root = ET.parse(os.path.join(out, "response_days_to_50pct.svg")).getroot()
        width = float(root.get("width").rstrip("pt"))
        height = float(root.get("height").rstrip("pt"))
        self.assertAlmostEqual(width / height, 16 / 9, places=2)

    def test_every_kpi_of_every_design_fits_and_is_labelled(self):
        for name in SWEEPS:
            res = SweepResults(sweep(name))
            for fig_name, (func, _kind) in sweep_figures.FIGURES.items():
                for kpi in res.kpis:
                    with self.subTest(sweep=name, figure=fig_name, kpi=kpi):
                        try:
                            fig = func(res, kpi)
                        except figures.Skip as skip:
                            # a heat map of a design other than a 2-key grid; or a KPI
                            # the model does not report (a reference model's spend)
                            undefined = not np.isfinite(list(statistic(
                                sweep(name), kpi, "mean").values())).any()
                            self.assertTrue(fig_name == "heatmap" or undefined, str(skip))
                            continue
                        assert_inside_figure(self, fig, f"{name} {fig_name} {kpi}")
                        texts = [t.get_text() for t in fig.texts]
                        self.assertTrue(any(t.startswith("Source: adoptsim") for t in texts))
                        source = [t for t in texts if t.startswith("Source:")][0]
                        self.assertIn(f"{res.n_points} points × {res.replicates} replicates",
                                      source.replace("\n", " "))
                        self.assertIn(str(res.summary["git_revision"])[:10], source)
                        self.assertIn(res.base["name"], source)
                        self.assertIn(f"seed {res.summary['seed']}", source)
                        ax = fig.axes[0]
                        self.assertTrue(ax.get_xlabel())
                        self.assertTrue(ax.get_ylabel())
                        style.close(fig)

    def test_adoptsim_plot_draws_a_sweep(self):
        d = copy_sweep("one_key")
        proc = subprocess.run([BINARY, "plot", d, "--only", "response"], capture_output=True,
                              text=True, timeout=600)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(sorted(os.listdir(os.path.join(d, "figures"))),
                         sorted(f"response_{k}.png" for k in HEADLINE))

    def test_wrong_figure_or_kpi_for_a_sweep(self):
        d = sweep("one_key")
        out = os.path.join(_TMP, "never")
        proc = run_cli(d, "--only", "fan_chart", "-o", out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("fan_chart", proc.stderr)
        self.assertIn("response", proc.stderr)
        proc = run_cli(d, "--kpis", "no_such_kpi", "-o", out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no_such_kpi", proc.stderr)
        self.assertFalse(os.path.exists(out))


# --- drawn data against the CSVs --------------------------------------------------------------

class ResponseCurve(SweepCase):
    @classmethod
    def setUpClass(cls):
        if not BINARY:
            raise unittest.SkipTest("no adoptsim binary")
        cls.dir = sweep("one_key")
        cls.res = SweepResults(cls.dir)
        pts = points(cls.dir)
        cls.x = pts[SHARE].astype(float)
        cls.order = list(cls.x.sort_values(kind="stable").index.astype(int))

    def csv_stat(self, kpi, stat):
        values = statistic(self.dir, kpi, stat)
        return np.array([values[p] for p in self.order])

    def test_median_bands_and_mean_equal_kpi_summary(self):
        kpi = "active_share_day90"
        fig = sweep_figures.response(self.res, kpi)
        median = find(fig, "median")
        self.assert_close(median.get_xdata(), self.x.to_numpy()[np.argsort(self.x.to_numpy(),
                                                                           kind="stable")])
        self.assert_close(median.get_ydata(), self.csv_stat(kpi, "q50"))
        for gid, lo, hi in (("band50", "q25", "q75"), ("band90", "q05", "q95")):
            v = outline(find(fig, gid))
            n = len(self.order)
            # fill_between's outline: the start, the lower edge, the upper edge back
            lower = v[1:n + 1, 1]
            upper = v[n + 2:2 * n + 2, 1][::-1]
            self.assert_close(lower, self.csv_stat(kpi, lo), gid)
            self.assert_close(upper, self.csv_stat(kpi, hi), gid)
        mean = find(fig, "mean")
        self.assert_close(mean.get_ydata(), self.csv_stat(kpi, "mean"))
        segments = find(fig, "mean_interval").get_segments()
        mcse = self.csv_stat(kpi, "mcse")
        self.assert_close([s[0][1] for s in segments], self.csv_stat(kpi, "mean") - Z90 * mcse)
        self.assert_close([s[1][1] for s in segments], self.csv_stat(kpi, "mean") + Z90 * mcse)

    def test_best_point_title_and_axis(self):
        kpi = "active_share_day90"
        fig = sweep_figures.response(self.res, kpi)
        q50, mean = self.csv_stat(kpi, "q50"), self.csv_stat(kpi, "mean")
        best = max(range(len(q50)), key=lambda i: (q50[i], mean[i]))
        ring = find(fig, "best")
        self.assertAlmostEqual(float(ring.get_xdata()[0]), float(self.x.iloc[self.order[best]]))
        self.assertAlmostEqual(float(ring.get_ydata()[0]), q50[best])
        title = fig.texts[0].get_text().replace("\n", " ")
        share = f"{self.x.iloc[self.order[best]] * 100:.3g}%"
        self.assertTrue(title.startswith("Day-90 weekly active "), title)
        self.assertIn(f"at {share} change-management share of the budget", title)
        self.assertTrue(title.endswith(f": {q50[best] * 100:.0f}%"), title)
        ax = fig.axes[0]
        self.assertEqual(ax.get_xlabel(), "Change-management share of the budget (%)")
        self.assertEqual(ax.get_xscale(), "linear")
        self.assertEqual(ax.xaxis.get_major_formatter()(0.25, 0), "25%")
        self.assertEqual(ax.get_ylabel(), "Weekly active on day 90 (% of people)")

    def test_reached_target_is_a_share_of_runs(self):
        fig = sweep_figures.response(self.res, "reached_target")
        self.assert_close(find(fig, "mean").get_ydata(), self.csv_stat("reached_target", "mean"))
        with self.assertRaises(AssertionError):
            find(fig, "band50")  # yes/no per run: no quantile bands
        self.assertEqual(fig.axes[0].get_ylim(), (-0.02, 1.08))
        self.assertTrue(fig.texts[0].get_text().startswith("Chance of reaching 60% weekly "
                                                           "active by day 90"))

    def test_lower_is_better_and_never_reached_on_the_horizon(self):
        kpi = "days_to_50pct"
        fig = sweep_figures.response(self.res, kpi)
        q50 = self.csv_stat(kpi, "q50")
        self.assertTrue(np.isposinf(q50).any(), "the sweep should have a share that never "
                        "reaches 50%")
        horizon = self.res.horizon()
        self.assert_close(find(fig, "median").get_ydata(), np.where(np.isposinf(q50), horizon,
                                                                    q50))
        self.assertAlmostEqual(float(find(fig, "horizon").get_ydata()[0]), horizon)
        fin = np.where(np.isfinite(q50), q50, np.inf)
        self.assertAlmostEqual(float(find(fig, "best").get_ydata()[0]), float(fin.min()))
        self.assertIn("is shortest at", fig.texts[0].get_text())

    def test_title_option_replaces_only_the_headline_finding(self):
        res = SweepResults(self.dir, title="Spend a quarter on change", subtitle="Acme · board")
        fig = sweep_figures.response(res, "active_share_day90")
        self.assertEqual(fig.texts[0].get_text(), "Spend a quarter on change")
        self.assertEqual(fig.texts[1].get_text(), "Acme · board")
        other = sweep_figures.response(res, "active_share_day30")
        self.assertTrue(other.texts[0].get_text().startswith("Day-30 weekly active"))
        self.assertEqual(other.texts[1].get_text(), "Acme · board")

    def test_heat_map_of_one_key_is_skipped(self):
        with self.assertRaises(figures.Skip) as caught:
            sweep_figures.heatmap(self.res, "active_share_day90")
        self.assertIn("varies 1 key", str(caught.exception))


class GridDesign(SweepCase):
    @classmethod
    def setUpClass(cls):
        if not BINARY:
            raise unittest.SkipTest("no adoptsim binary")
        cls.dir = sweep("grid")
        cls.res = SweepResults(cls.dir)
        cls.pts = points(cls.dir)

    def test_one_line_per_value_of_the_second_key(self):
        kpi = "active_share_day90"
        fig = sweep_figures.response(self.res, kpi)
        q50 = statistic(self.dir, kpi, "q50")
        mean = statistic(self.dir, kpi, "mean")
        days = sorted(set(self.pts["strategy.scale_day"]), key=float)
        self.assertEqual(len(days), 2)
        for day in days:
            with self.subTest(day):
                rows = self.pts[self.pts["strategy.scale_day"] == day]
                ids = [int(p) for p in
                       rows["strategy.pilot_size"].astype(float).sort_values(kind="stable").index]
                line = find(fig, f"median:{day}")
                self.assert_close(line.get_ydata(), [q50[p] for p in ids])
                self.assert_close(find(fig, f"mean:{day}").get_ydata(), [mean[p] for p in ids])
                label = find(fig, f"line_label:{day}").get_text()
                self.assertTrue(label.startswith(f"Scale-up day {day}"), label)
        self.assertEqual(fig.axes[0].get_xlabel(), "Pilot size (people)")

    def test_heat_map_cells_are_the_means_and_the_best_is_outlined(self):
        kpi = "active_share_day90"
        fig = sweep_figures.heatmap(self.res, kpi)
        mean = statistic(self.dir, kpi, "mean")
        frame = self.pts.copy()
        frame["mean"] = [mean[int(p)] for p in frame.index]
        frame["x"] = frame["strategy.pilot_size"].astype(float)
        frame["y"] = frame["strategy.scale_day"].astype(float)
        matrix = frame.pivot(index="y", columns="x", values="mean").sort_index() \
            .sort_index(axis=1).to_numpy()
        image = find(fig, "heatmap")
        self.assert_close(np.ma.filled(image.get_array(), np.nan), matrix)
        cell = find(fig, "best_cell")
        r, c = np.unravel_index(int(np.nanargmax(matrix)), matrix.shape)
        self.assertEqual(cell.get_xy(), (c - 0.5, r - 0.5))
        colourbar = fig.axes[-1]
        self.assertIn("Weekly active on day 90 (% of people)", colourbar.get_ylabel())
        self.assertEqual(fig.axes[0].get_ylabel(), "Scale-up day (days)")
        self.assertTrue(fig.texts[0].get_text().replace("\n", " ").endswith(
            f"{matrix.max() * 100:.0f}% (mean of 5 runs)"))


class SampledDesigns(SweepCase):
    def test_log_spec_gives_a_log_axis(self):
        d = sweep("lhs_log")
        res = SweepResults(d)
        self.assertTrue(res.is_log("model.bass.innovation_p"))
        fig = sweep_figures.response(res, "active_share_day60")
        ax = fig.axes[0]
        self.assertEqual(ax.get_xscale(), "log")
        self.assertIn("log scale", ax.get_xlabel())
        x = points(d)["model.bass.innovation_p"].astype(float)
        q50 = statistic(d, "active_share_day60", "q50")
        order = np.argsort(x.to_numpy(), kind="stable")
        median = find(fig, "median")
        self.assert_close(median.get_xdata(), x.to_numpy()[order])
        self.assert_close(median.get_ydata(), [q50[int(x.index[i])] for i in order])
        with self.assertRaises(figures.Skip):
            sweep_figures.heatmap(res, "active_share_day60")

    def test_sobol_panels_scatter_each_points_mean(self):
        d = sweep("sobol")
        res = SweepResults(d)
        kpi = "active_share_day30"
        fig = sweep_figures.response(res, kpi)
        pts = points(d)
        mean = statistic(d, kpi, "mean")
        mcse = statistic(d, kpi, "mcse")
        ids = [int(p) for p in pts.index]
        scales = {}
        for key in ("model.bass.innovation_p", "model.bass.imitation_q"):
            with self.subTest(key):
                dots = find(fig, f"points:{key}")
                self.assert_close(dots.get_offsets()[:, 0], pts[key].astype(float))
                self.assert_close(dots.get_offsets()[:, 1], [mean[p] for p in ids])
                bars = find(fig, f"interval:{key}").get_segments()
                self.assert_close([s[1][1] for s in bars],
                                  [mean[p] + Z90 * mcse[p] for p in ids])
                scales[key] = [ax for ax in fig.axes
                               if any(a.get_gid() == f"points:{key}"
                                      for a in ax.get_children())][0].get_xscale()
        self.assertEqual(scales, {"model.bass.innovation_p": "log",
                                  "model.bass.imitation_q": "linear"})
        with self.assertRaises(figures.Skip) as caught:
            sweep_figures.heatmap(res, kpi)
        self.assertIn("sobol", str(caught.exception))


class KeyWords(unittest.TestCase):
    def test_units_from_the_parameter_table_and_the_name(self):
        self.assertEqual(parameter_unit(SHARE), "fraction")
        self.assertEqual(parameter_unit("budget.total_usd"), "USD")
        self.assertEqual(parameter_unit("strategy.scale_day"), "days")
        self.assertEqual(parameter_unit("strategy.pilot_size"), "people")
        # not in the table: read from the name
        self.assertEqual(parameter_unit("x.some_share", table={}), "fraction")
        self.assertEqual(parameter_unit("x.fee_usd", table={}), "USD")
        self.assertEqual(parameter_unit("x.start_day", table={}), "days")

    def test_kpi_directions(self):
        d = sweep_figures.direction
        self.assertEqual(d("active_share_day90", "share"), 1)
        self.assertEqual(d("active_share_day14_after_scale", "share"), 1)
        self.assertEqual(d("reached_target", "indicator"), 1)
        self.assertEqual(d("days_to_50pct", "days"), -1)
        self.assertEqual(d("total_spend_usd", "usd"), -1)
        self.assertEqual(d("cost_per_active_usd", "usd_per_person"), -1)
        self.assertEqual(d("hard_review", "indicator"), -1)
        self.assertEqual(d("change_management_spend_share", "share"), 0)


# --- bad input --------------------------------------------------------------------------------

class BrokenSweep(SweepCase):
    def assert_exit_2(self, d, *needles):
        out = os.path.join(d, "out")
        proc = run_cli(d, "-o", out)
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        for needle in needles:
            self.assertIn(needle, proc.stderr)
        self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)
        self.assertFalse(os.path.exists(out), "nothing should be drawn")

    def rewrite(self, d, name, edit):
        path = os.path.join(d, name)
        with open(path, newline="") as fh:
            text = fh.read()
        with open(path, "w", newline="") as fh:
            fh.write(edit(text))

    def test_missing_kpi_summary_column(self):
        d = copy_sweep("one_key")
        self.rewrite(d, "kpi_summary.csv",
                     lambda t: t.replace("point,kpi,unit,statistic,value",
                                         "point,kpi,statistic,value", 1))
        self.assert_exit_2(d, "kpi_summary.csv", "column 'unit'", "missing column")

    def test_missing_key_column_of_points(self):
        d = copy_sweep("one_key")
        self.rewrite(d, "points.csv", lambda t: "\n".join(
            line.split(",")[0] for line in t.splitlines()) + "\n")
        self.assert_exit_2(d, "points.csv", f"column '{SHARE}'", "missing column")

    def test_not_a_number_names_the_line(self):
        d = copy_sweep("one_key")
        lines = open(os.path.join(d, "kpi_summary.csv")).read().splitlines()
        lines[4] = lines[4].rsplit(",", 1)[0] + ",n/a"
        self.rewrite(d, "kpi_summary.csv", lambda _t: "\n".join(lines) + "\n")
        self.assert_exit_2(d, "kpi_summary.csv", "column 'value'", "line 5", "n/a")

    def test_unknown_point_names_the_line(self):
        d = copy_sweep("one_key")
        lines = open(os.path.join(d, "kpi_summary.csv")).read().splitlines()
        lines[7] = "99" + lines[7][lines[7].index(","):]
        self.rewrite(d, "kpi_summary.csv", lambda _t: "\n".join(lines) + "\n")
        self.assert_exit_2(d, "kpi_summary.csv", "column 'point'", "line 8", "99")

    def test_missing_points_file(self):
        d = copy_sweep("one_key")
        os.remove(os.path.join(d, "points.csv"))
        self.assert_exit_2(d, "points.csv", "missing file")

    def test_summary_missing_key(self):
        d = copy_sweep("one_key")
        path = os.path.join(d, "summary.json")
        with open(path) as fh:
            summary = json.load(fh)
        del summary["design"]["keys"]
        with open(path, "w") as fh:
            json.dump(summary, fh)
        self.assert_exit_2(d, "summary.json", "design.keys", "missing key")

    def test_summary_bad_design_kind(self):
        d = copy_sweep("one_key")
        path = os.path.join(d, "summary.json")
        with open(path) as fh:
            summary = json.load(fh)
        summary["design"]["kind"] = "random"
        with open(path, "w") as fh:
            json.dump(summary, fh)
        self.assert_exit_2(d, "summary.json", "design.kind", "random")


if __name__ == "__main__":
    unittest.main()
