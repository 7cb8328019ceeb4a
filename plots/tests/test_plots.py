"""Tests of the plot scripts (plots/render.py and friends).

Run from the repository root:

    /usr/bin/python3 -m unittest discover -s plots/tests -v

The results directories come from fixture.py (the C++ writers stand in for
nothing here). Set ADOPTSIM_RESULTS_DIR to a real `adoptsim run -o DIR`
folder to also render every figure from it and check it against its CSVs.
"""

import contextlib
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
PLOTS = os.path.dirname(HERE)
sys.path[:0] = [PLOTS, HERE]

import matplotlib.image as mpimg  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import figures  # noqa: E402
import render  # noqa: E402
import style  # noqa: E402
from fixture import make_results  # noqa: E402
from results import Results  # noqa: E402

PYTHON = "/usr/bin/python3"
RENDER = os.path.join(PLOTS, "render.py")
PNG_SIZE = (1125, 2000)  # rows, columns: 16:9 at 150 dpi
MIN_PNG_BYTES = 20_000

_TMP = None
_FIXTURES = {}


def setUpModule():
    global _TMP
    _TMP = tempfile.mkdtemp(prefix="adoptsim-plots-")


def tearDownModule():
    shutil.rmtree(_TMP, ignore_errors=True)


def fixture(name, **kw):
    """A fixture results directory, made once per test run; never modify it."""
    if name not in _FIXTURES:
        _FIXTURES[name] = make_results(os.path.join(_TMP, name), **kw)
    return _FIXTURES[name]


def copy_fixture(name, **kw):
    """A private copy of a fixture, free to be broken by the test."""
    src = fixture(name, **kw)
    dst = tempfile.mkdtemp(prefix=name + "-", dir=_TMP)
    for f in os.listdir(src):
        if os.path.isfile(os.path.join(src, f)):
            shutil.copy(os.path.join(src, f), dst)
    return dst


def run_cli(*args):
    return subprocess.run([PYTHON, RENDER, *args], capture_output=True, text=True,
                          timeout=600)


def quiet_render(*args, **kw):
    log = []
    written = render.render(*args, log=log.append, **kw)
    return written, log


def find_gid(fig, gid):
    for ax in fig.axes:
        for artist in ax.get_children():
            if artist.get_gid() == gid:
                return artist
    raise AssertionError(f"no artist with gid {gid!r}")


def series_value(directory, scenario, metric, statistic, day, group="all"):
    frame = pd.read_csv(os.path.join(directory, "series.csv"), dtype={"group": str},
                        keep_default_na=False)
    row = frame[(frame["scenario"] == scenario) & (frame["statistic"] == statistic)
                & (frame["group"] == group) & (frame["metric"] == metric)
                & (frame["day"] == day)]
    assert len(row) == 1, (scenario, metric, statistic, day, group, len(row))
    return float(row["value"].iloc[0])


class FileChecks:
    """Assertions on written figure files."""

    def assert_png(self, path):
        self.assertTrue(os.path.isfile(path), path)
        self.assertGreater(os.path.getsize(path), MIN_PNG_BYTES, path)
        image = mpimg.imread(path)
        self.assertEqual(image.shape[:2], PNG_SIZE, path)
        # not a blank canvas
        self.assertGreater(float(np.std(image[..., :3])), 0.05, path)

    def assert_svg(self, path):
        self.assertTrue(os.path.isfile(path), path)
        self.assertGreater(os.path.getsize(path), 10_000, path)
        root = ET.parse(path).getroot()
        self.assertTrue(root.tag.endswith("svg"), root.tag)
        width = float(root.get("width").rstrip("pt"))
        height = float(root.get("height").rstrip("pt"))
        self.assertAlmostEqual(width / height, 16 / 9, places=2)


# --- rendering every figure -------------------------------------------------------------

EXPECTED_TWO = [
    "fan_chart_big_bang", "fan_chart_pilot_then_scale", "overlay",
    "department_heatmap_big_bang", "department_heatmap_pilot_then_scale",
    "funnel_big_bang", "funnel_pilot_then_scale", "kpi_comparison",
    "retention_big_bang", "retention_pilot_then_scale",
]


class RenderAll(unittest.TestCase, FileChecks):
    @classmethod
    def setUpClass(cls):
        cls.dir = fixture("two")
        cls.out = {}
        procs = {}
        for fmt in ("png", "svg"):  # both at once: they are independent
            out = os.path.join(_TMP, f"two-figures-{fmt}")
            procs[fmt] = (out, subprocess.Popen(
                [PYTHON, RENDER, cls.dir, "--format", fmt, "-o", out],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for fmt, (out, proc) in procs.items():
            stdout, stderr = proc.communicate(timeout=600)
            cls.out[fmt] = (out, subprocess.CompletedProcess(proc.args, proc.returncode,
                                                             stdout, stderr))

    def test_exit_status_zero(self):
        for fmt, (_out, proc) in self.out.items():
            self.assertEqual(proc.returncode, 0, f"{fmt}: {proc.stderr}")
            self.assertEqual(proc.stderr, "")
            self.assertNotIn("skipped", proc.stdout)

    def test_png_files(self):
        out, _ = self.out["png"]
        self.assertEqual(sorted(os.listdir(out)), sorted(f + ".png" for f in EXPECTED_TWO))
        for stem in EXPECTED_TWO:
            with self.subTest(stem):
                self.assert_png(os.path.join(out, stem + ".png"))

    def test_svg_files(self):
        out, _ = self.out["svg"]
        self.assertEqual(sorted(os.listdir(out)), sorted(f + ".svg" for f in EXPECTED_TWO))
        for stem in EXPECTED_TWO:
            with self.subTest(stem):
                self.assert_svg(os.path.join(out, stem + ".svg"))

    def test_default_output_dir_and_pdf(self):
        d = copy_fixture("two")
        proc = run_cli(d, "--format", "pdf", "--only", "overlay")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        path = os.path.join(d, "figures", "overlay.pdf")
        with open(path, "rb") as fh:
            self.assertEqual(fh.read(5), b"%PDF-")

    def test_only(self):
        out = os.path.join(_TMP, "only")
        proc = run_cli(self.dir, "--only", "overlay,kpi_comparison", "-o", out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(sorted(os.listdir(out)), ["kpi_comparison.png", "overlay.png"])

    def test_only_unknown_name(self):
        proc = run_cli(self.dir, "--only", "fan_chart,pie_chart")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("pie_chart", proc.stderr)


class SingleScenario(unittest.TestCase, FileChecks):
    """One scenario: fan_chart.<fmt> without a suffix, no overlay, no P(better)."""

    @classmethod
    def setUpClass(cls):
        cls.dir = fixture("one", scenarios=["pilot_then_scale"], horizon=100)
        cls.out = os.path.join(_TMP, "one-figures")
        cls.written, cls.log = quiet_render(cls.dir, "png", cls.out)

    def test_names(self):
        done = sorted(k for k, v in self.written.items() if v)
        self.assertEqual(done, sorted(["fan_chart", "department_heatmap_pilot_then_scale",
                                       "funnel_pilot_then_scale", "kpi_comparison",
                                       "retention_pilot_then_scale"]))
        for stem in done:
            self.assert_png(os.path.join(self.out, stem + ".png"))

    def test_overlay_skipped_with_note(self):
        self.assertIsNone(self.written["overlay"])
        notes = [line for line in self.log if line.startswith("skipped overlay")]
        self.assertEqual(len(notes), 1)
        self.assertNotIn("\n", notes[0])

    def test_no_comparison_file(self):
        self.assertFalse(os.path.exists(os.path.join(self.dir, "comparison.csv")))


# --- the data drawn is the data in the files --------------------------------------------------

class DataMatchesFiles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = fixture("two")
        cls.res = Results(cls.dir)

    def tearDown(self):
        style.plt.close("all")

    def test_fan_chart_median(self):
        for scn in self.res.scenarios:
            fig = figures.fan_chart(self.res, scn)
            line = find_gid(fig, "median")
            x, y = line.get_data()
            self.assertEqual(int(x[-1]), 120)
            self.assertEqual(int(x[0]), 0)
            expected = series_value(self.dir, scn, "weekly_active_share", "q50", 120)
            self.assertAlmostEqual(float(y[-1]), expected, places=9)
            mid = series_value(self.dir, scn, "weekly_active_share", "q50", 60)
            self.assertAlmostEqual(float(y[list(x).index(60)]), mid, places=9)

    def test_fan_chart_bands(self):
        fig = figures.fan_chart(self.res, "big_bang")
        ax = fig.axes[0]
        polys = [c for c in ax.collections if c.__class__.__name__ == "PolyCollection"]
        self.assertEqual(len(polys), 2)  # 90% and 50% bands
        # the outer band reaches the q95 at the last day
        q95 = series_value(self.dir, "big_bang", "weekly_active_share", "q95", 120)
        top = max(v[:, 1].max() for p in polys for v in [p.get_paths()[0].vertices])
        self.assertAlmostEqual(top, q95, places=9)

    def test_fan_chart_milestones_and_hard_review(self):
        fig = figures.fan_chart(self.res, "pilot_then_scale")
        ax = fig.axes[0]
        texts = [t.get_text().strip() for t in ax.texts]
        for m in self.res.info("pilot_then_scale")["milestones"]:
            self.assertIn(m["label"], texts)
        vlines = [tuple(ln.get_xdata()) for ln in ax.lines
                  if len(ln.get_xdata()) == 2 and ln.get_xdata()[0] == ln.get_xdata()[1]]
        days = {m["day"] for m in self.res.info("pilot_then_scale")["milestones"]}
        self.assertTrue(days <= {float(v[0]) for v in vlines})
        diamonds = [ln for ln in ax.lines if ln.get_marker() == "D"]
        self.assertEqual(len(diamonds), 1)
        self.assertEqual((float(diamonds[0].get_xdata()[0]), float(diamonds[0].get_ydata()[0])),
                         (90.0, 0.2))
        # the y axis is in percent
        ax.figure.canvas.draw()
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        self.assertTrue(all(lbl.endswith("%") for lbl in labels), labels)

    def test_hard_review_on_the_scenarios_day(self):
        info = self.res.info("pilot_then_scale")
        info["hard_review_day"] = 100
        try:
            fig = figures.fan_chart(self.res, "pilot_then_scale")
        finally:
            del info["hard_review_day"]
        diamonds = [ln for ln in fig.axes[0].lines if ln.get_marker() == "D"]
        self.assertEqual(len(diamonds), 1)
        self.assertEqual(float(diamonds[0].get_xdata()[0]), 100.0)
        legends = list(fig.legends) + [a.get_legend() for a in fig.axes if a.get_legend()]
        labels = [t.get_text() for lg in legends for t in lg.get_texts()]
        self.assertTrue(any("day 100" in label for label in labels), labels)

    def test_no_hard_review_before_day_90(self):
        res = Results(fixture("short", horizon=60))
        fig = figures.fan_chart(res, "big_bang")
        self.assertFalse([ln for ln in fig.axes[0].lines if ln.get_marker() == "D"])

    def test_overlay_medians(self):
        fig = figures.overlay(self.res)
        texts = " ".join(t.get_text() for t in fig.axes[0].texts)
        for scn in self.res.scenarios:
            x, y = find_gid(fig, f"median:{scn}").get_data()
            expected = series_value(self.dir, scn, "weekly_active_share", "q50", 120)
            self.assertAlmostEqual(float(y[-1]), expected, places=9)
            self.assertIn(self.res.label(scn), texts)  # labelled at the line end
        colours = {find_gid(fig, f"median:{s}").get_color() for s in self.res.scenarios}
        self.assertTrue(colours <= set(style.SCENARIO_COLOURS))
        self.assertEqual(len(colours), 2)

    def test_heatmap_cells(self):
        fig = figures.department_heatmap(self.res, "pilot_then_scale")
        image = find_gid(fig, "heatmap")
        data = np.ma.filled(image.get_array(), np.nan)
        departments = self.res.info("pilot_then_scale")["departments"]
        self.assertEqual(data.shape, (len(departments), 120 // 7))
        for r, dept in enumerate(departments):
            for week in (1, 8, 17):
                expected = series_value(self.dir, "pilot_then_scale", "weekly_active_share",
                                        "q50", 7 * week, group=f"department:{dept}")
                self.assertAlmostEqual(float(data[r, week - 1]), expected, places=9)
        ylabels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        sizes = self.res.department_sizes("pilot_then_scale")
        self.assertEqual(ylabels, [f"{d} (n = {sizes[d]})" for d in departments])

    def test_funnel_states_in_order(self):
        fig = figures.funnel(self.res, "pilot_then_scale")
        ax = fig.axes[0]
        gids = [c.get_gid() for c in ax.collections if (c.get_gid() or "").startswith("state:")]
        self.assertEqual(gids, [f"state:{s}" for s in style.FUNNEL_STATES])
        # the top of the stack on the last day is the sum of the median shares
        total = sum(series_value(self.dir, "pilot_then_scale", f"state_{s}_share", "q50", 120)
                    for s in style.FUNNEL_STATES)
        top = ax.collections[len(gids) - 1].get_paths()[0].vertices[:, 1].max()
        self.assertGreaterEqual(top + 1e-9, total)
        for c, st in zip(ax.collections, style.FUNNEL_STATES):
            self.assertEqual(tuple(np.round(c.get_facecolor()[0][:3], 3)),
                             tuple(np.round(_rgb(style.FUNNEL_COLOURS[st]), 3)))

    def test_kpi_dots(self):
        fig = figures.kpi_comparison(self.res)
        ks = pd.read_csv(os.path.join(self.dir, "kpi_summary.csv"))
        comp = pd.read_csv(os.path.join(self.dir, "comparison.csv"))
        checked = 0
        for r in ks[ks["statistic"] == "q50"].itertuples():
            if r.unit == "probability" or not np.isfinite(r.value):
                continue
            x, y = find_gid(fig, f"kpi:{r.kpi}:{r.scenario}").get_data()
            self.assertAlmostEqual(float(x[0]), r.value, places=9)
            checked += 1
        self.assertGreaterEqual(checked, 8)
        # P(beats baseline) is printed for the compared scenario
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        for r in comp.itertuples():
            if np.isfinite(r.p_beats_baseline):
                self.assertIn(f"{r.p_beats_baseline:.0%}", texts)
        self.assertEqual(len([a for a in fig.axes if a.get_visible()]),
                         ks["kpi"].nunique())

    def test_retention_lines_omit_censored(self):
        fig = figures.retention(self.res, "big_bang")
        c = pd.read_csv(os.path.join(self.dir, "cohorts.csv"))
        for n in (3, 7, 30):
            x, y = find_gid(fig, f"return_day{n}").get_data()
            y = np.asarray(y, dtype=float).copy()
            # cohorts with few first users are drawn as separate hollow markers
            try:
                xs, ys = find_gid(fig, f"return_day{n}:small").get_data()
            except AssertionError:
                xs, ys = [], []
            for week, value in zip(xs, ys):
                i = list(x).index(week)
                self.assertTrue(np.isnan(y[i]))
                y[i] = value
            rows = c[(c["scenario"] == "big_bang") & (c["statistic"] == "q50")
                     & (c["metric"] == f"return_day{n}_share")].set_index("cohort_week")
            expected = rows["value"].reindex(x).to_numpy(dtype=float)
            np.testing.assert_allclose(y, expected, equal_nan=True)
            self.assertTrue(np.isnan(expected).any(), "fixture should censor some cells")
            self.assertTrue(np.isfinite(expected).any())

    def test_every_figure_has_title_labels_and_source(self):
        for name, (func, kind) in figures.FIGURES.items():
            scn = self.res.scenarios[1] if kind == figures.PER_SCENARIO else None
            fig = func(self.res, scn) if scn else func(self.res)
            with self.subTest(name):
                texts = [t.get_text() for t in fig.texts]
                self.assertGreaterEqual(len(texts), 3)  # title, subtitle, source
                source = texts[-1]
                self.assertTrue(source.startswith("Source: adoptsim 0.1.0-fixture"), source)
                self.assertIn("seed 7", source)
                self.assertIn("replicates", source)
                self.assertIn(scn or "big_bang", source)
                w, h = fig.get_size_inches()
                self.assertAlmostEqual(w / h, 16 / 9, places=3)
                for ax in fig.axes:
                    if ax.get_visible() and ax.get_label() != "<colorbar>":
                        self.assertTrue(ax.get_xlabel(), f"{name}: x label")
                if name not in ("kpi_comparison",):
                    self.assertTrue(fig.axes[0].get_ylabel(), f"{name}: y label")
            style.close(fig)


def _rgb(hex_colour):
    from matplotlib.colors import to_rgb
    return to_rgb(hex_colour)


# --- readability with more scenarios ------------------------------------------------------------

class ManyScenarios(unittest.TestCase, FileChecks):
    def test_six_scenarios(self):
        names = ["big_bang", "pilot_then_scale", "champion_network_pagerank", "manager_first",
                 "phased_by_department", "assess_activate_anchor"]
        d = fixture("six", scenarios=names, horizon=100, replicates=12)
        out = os.path.join(_TMP, "six-figures")
        written, log = quiet_render(d, "png", out, only=["overlay", "kpi_comparison"])
        self.assertEqual(log, [f"wrote {os.path.join(out, 'overlay.png')}",
                               f"wrote {os.path.join(out, 'kpi_comparison.png')}"])
        for path in written.values():
            self.assert_png(path)
        res = Results(d)
        fig = figures.overlay(res)
        colours = [find_gid(fig, f"median:{s}").get_color() for s in names]
        self.assertEqual(len(set(colours)), 6)
        # end labels do not overlap
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        for kind in ("end_label:", "kpi_day_label:"):
            boxes = sorted((t.get_window_extent(r) for t in fig.axes[0].texts
                            if (t.get_gid() or "").startswith(kind)), key=lambda b: b.y0)
            self.assertEqual(len(boxes), 6)
            for a, b in zip(boxes, boxes[1:]):
                self.assertLessEqual(a.y1, b.y0 + 1.0)
        style.close(fig)


# --- absent data is skipped ------------------------------------------------------------------------

class MissingData(unittest.TestCase):
    def test_reference_model_funnel_draws_what_exists(self):
        d = fixture("reference", scenarios=["bass"], horizon=60, model="reference")
        res = Results(d)
        self.assertEqual(res.headline_share("bass"), "adopted_share")
        fig = figures.funnel(res, "bass")
        gids = [c.get_gid() for c in fig.axes[0].collections]
        self.assertEqual(gids, ["state:unaware", "state:active"])
        fig2 = figures.fan_chart(res, "bass")
        _, y = find_gid(fig2, "median").get_data()
        self.assertAlmostEqual(float(y[-1]), series_value(d, "bass", "adopted_share", "q50", 60))
        style.close(fig)
        style.close(fig2)

    def test_state_metrics_absent_entirely(self):
        d = copy_fixture("reference", scenarios=["bass"], horizon=60, model="reference")
        path = os.path.join(d, "series.csv")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        keep = ~frame["metric"].str.startswith("state_") | frame["metric"].isin(
            ["state_unaware", "state_unaware_share", "state_active", "state_active_share"])
        frame[keep].to_csv(path, index=False)
        fig = figures.funnel(Results(d), "bass")
        self.assertEqual([c.get_gid() for c in fig.axes[0].collections],
                         ["state:unaware", "state:active"])
        # and with no funnel states at all, the funnel is skipped
        frame[~frame["metric"].str.startswith("state_")].to_csv(path, index=False)
        written, log = quiet_render(d, "png", os.path.join(d, "out"), only=["funnel"])
        self.assertEqual(written, {"funnel_bass": None})
        self.assertEqual(len(log), 1)
        self.assertTrue(log[0].startswith("skipped funnel_bass: "), log)
        style.close(fig)

    def test_cohorts_all_empty(self):
        d = copy_fixture("two")
        path = os.path.join(d, "cohorts.csv")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.loc[frame["metric"] != "first_users", "value"] = ""
        frame.to_csv(path, index=False)
        written, log = quiet_render(d, "png", os.path.join(d, "out"), only=["retention"])
        self.assertEqual(written, {"retention_big_bang": None, "retention_pilot_then_scale": None})
        self.assertTrue(all(line.startswith("skipped retention_") for line in log), log)

    def test_missing_optional_files(self):
        d = copy_fixture("two")
        for name in ("cohorts.csv", "comparison.csv", "kpi_summary.csv"):
            os.remove(os.path.join(d, name))
        proc = run_cli(d, "-o", os.path.join(d, "out"),
                       "--only", "retention,kpi_comparison,overlay")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertIn("skipped retention_big_bang: no cohorts.csv", lines)
        self.assertIn("skipped kpi_comparison: no kpi_summary.csv", lines)
        self.assertTrue(os.path.isfile(os.path.join(d, "out", "overlay.png")))

    def test_kpis_without_comparison(self):
        d = copy_fixture("two")
        os.remove(os.path.join(d, "comparison.csv"))
        fig = figures.kpi_comparison(Results(d))
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        self.assertFalse([t for t in texts if t.endswith("%")])
        style.close(fig)

    def test_department_missing_from_series(self):
        d = copy_fixture("two")
        path = os.path.join(d, "series.csv")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame[frame["group"] != "department:Finance"].to_csv(path, index=False)
        fig = figures.department_heatmap(Results(d), "big_bang")
        self.assertNotIn("Finance", [t.get_text() for t in fig.axes[0].get_yticklabels()])
        style.close(fig)

    def test_per_replicate_rows_are_ignored(self):
        d = fixture("perrep", scenarios=["big_bang"], horizon=30, replicates=5,
                    per_replicate=True)
        res = Results(d)
        self.assertNotIn("replicate", set(res.series["statistic"]))
        fig = figures.fan_chart(res, "big_bang")
        _, y = find_gid(fig, "median").get_data()
        self.assertAlmostEqual(float(y[-1]),
                               series_value(d, "big_bang", "weekly_active_share", "q50", 30))
        style.close(fig)


# --- bad input --------------------------------------------------------------------------------------

class BadInput(unittest.TestCase):
    def assert_exit_2(self, d, *needles):
        proc = run_cli(d, "-o", os.path.join(d, "out"))
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        for needle in needles:
            self.assertIn(needle, proc.stderr)
        self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(d, "out")) and
                         os.listdir(os.path.join(d, "out")), "nothing should be drawn")
        return proc

    def drop_column(self, file, column):
        d = copy_fixture("two")
        path = os.path.join(d, file)
        with open(path, newline="") as fh:
            rows = list(csv.reader(fh))
        i = rows[0].index(column)
        with open(path, "w", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows([r[:i] + r[i + 1:] for r in rows])
        return d

    def test_no_summary(self):
        d = copy_fixture("two")
        os.remove(os.path.join(d, "summary.json"))
        self.assert_exit_2(d, "summary.json")

    def test_not_a_directory(self):
        proc = run_cli(os.path.join(_TMP, "does-not-exist"))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("does-not-exist", proc.stderr)

    def test_missing_series_column(self):
        d = self.drop_column("series.csv", "value")
        self.assert_exit_2(d, "series.csv", "'value'", "missing column")

    def test_missing_cohort_column(self):
        d = self.drop_column("cohorts.csv", "cohort_week")
        self.assert_exit_2(d, "cohorts.csv", "'cohort_week'")

    def test_missing_kpi_summary_column(self):
        d = self.drop_column("kpi_summary.csv", "unit")
        self.assert_exit_2(d, "kpi_summary.csv", "'unit'")

    def test_missing_comparison_column(self):
        d = self.drop_column("comparison.csv", "p_beats_baseline")
        self.assert_exit_2(d, "comparison.csv", "'p_beats_baseline'")

    def test_not_a_number(self):
        d = copy_fixture("two")
        path = os.path.join(d, "kpi_summary.csv")
        with open(path) as fh:
            lines = fh.read().splitlines()
        lines[5] = lines[5].rsplit(",", 1)[0] + ",n/a"
        with open(path, "w") as fh:
            fh.write("\n".join(lines) + "\n")
        self.assert_exit_2(d, "kpi_summary.csv", "'value'", "line 6", "n/a")

    def test_summary_missing_key(self):
        import json
        d = copy_fixture("two")
        path = os.path.join(d, "summary.json")
        with open(path) as fh:
            summary = json.load(fh)
        del summary["scenarios"][1]["headline_metric"]
        with open(path, "w") as fh:
            json.dump(summary, fh)
        self.assert_exit_2(d, "summary.json", "scenarios[1].headline_metric")

    def test_summary_bad_milestone_kind(self):
        import json
        d = copy_fixture("two")
        path = os.path.join(d, "summary.json")
        with open(path) as fh:
            summary = json.load(fh)
        summary["scenarios"][0]["milestones"][0]["kind"] = "party"
        with open(path, "w") as fh:
            json.dump(summary, fh)
        self.assert_exit_2(d, "summary.json", "milestones[0].kind", "party")

    def test_summary_not_json(self):
        d = copy_fixture("two")
        with open(os.path.join(d, "summary.json"), "w") as fh:
            fh.write("{ not json")
        self.assert_exit_2(d, "summary.json", "JSON")


# --- a real run, when the lead points us at one ------------------------------------------------------

REAL = os.environ.get("ADOPTSIM_RESULTS_DIR")


@unittest.skipUnless(REAL, "set ADOPTSIM_RESULTS_DIR to a real `adoptsim run -o DIR` folder")
class RealResults(unittest.TestCase, FileChecks):
    @classmethod
    def setUpClass(cls):
        cls.res = Results(REAL)
        cls.out = tempfile.mkdtemp(prefix="adoptsim-real-figures-")

    @classmethod
    def tearDownClass(cls):
        if not os.environ.get("ADOPTSIM_KEEP_FIGURES"):
            shutil.rmtree(cls.out, ignore_errors=True)
        else:
            print(f"\nreal-run figures kept in {cls.out}", file=sys.stderr)

    def test_render_png_and_svg(self):
        for fmt in ("png", "svg"):
            out = os.path.join(self.out, fmt)
            buf = io.StringIO()
            with contextlib.redirect_stdout(buf):
                status = render.main([REAL, "--format", fmt, "-o", out])
            self.assertEqual(status, 0, buf.getvalue())
            files = os.listdir(out)
            self.assertTrue(any(f.startswith("fan_chart") for f in files), files)
            for f in files:
                with self.subTest(f):
                    (self.assert_png if fmt == "png" else self.assert_svg)(os.path.join(out, f))
            for line in buf.getvalue().splitlines():
                self.assertTrue(line.startswith(("wrote ", "skipped ")), line)

    def test_fan_chart_median_matches_series(self):
        series = pd.read_csv(os.path.join(REAL, "series.csv"), dtype={"group": str},
                             keep_default_na=False)
        for scn in self.res.scenarios:
            metric = self.res.headline_share(scn)
            fig = figures.fan_chart(self.res, scn)
            x, y = find_gid(fig, "median").get_data()
            rows = series[(series["scenario"] == scn) & (series["statistic"] == "q50")
                          & (series["group"] == "all") & (series["metric"] == metric)]
            last = rows[rows["day"] == rows["day"].max()]
            self.assertEqual(int(x[-1]), int(rows["day"].max()))
            self.assertAlmostEqual(float(y[-1]), float(last["value"].iloc[0]), places=9)
            style.close(fig)


if __name__ == "__main__":
    unittest.main()
