"""Figures a consultant can put on a slide unchanged (issue 13, section 5), each
checked against the CSV it draws, and render.py's whole-folder replacement.

Run from the repository root:

    /usr/bin/python3 -m unittest discover -s plots/tests -v
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PLOTS = os.path.dirname(HERE)
sys.path[:0] = [PLOTS, HERE]

import numpy as np  # noqa: E402

import figures  # noqa: E402
import render  # noqa: E402
import style  # noqa: E402
from fixture import make_results  # noqa: E402
from results import Results  # noqa: E402
from test_plots import find_gid, series_value  # noqa: E402

PYTHON = "/usr/bin/python3"
RENDER = os.path.join(PLOTS, "render.py")

_TMP = None


def setUpModule():
    global _TMP
    _TMP = tempfile.mkdtemp(prefix="adoptsim-deck-")


def tearDownModule():
    shutil.rmtree(_TMP, ignore_errors=True)


def _overlaps(boxes):
    """Pairs of window extents that overlap by more than a pixel."""
    bad = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if (min(a.x1, b.x1) - max(a.x0, b.x0) > 1.0
                    and min(a.y1, b.y1) - max(a.y0, b.y0) > 1.0):
                bad.append((a, b))
    return bad


class DeckFigures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = make_results(os.path.join(_TMP, "two"),
                               scenarios=["big_bang", "pilot_then_scale"],
                               display_names={"pilot_then_scale": "Pilot, then everyone"})
        cls.res = Results(cls.dir)

    def test_fan_charts_share_the_y_axis(self):
        limits = []
        top = 0.0
        for scn in self.res.scenarios:
            fig = figures.fan_chart(self.res, scn)
            limits.append(fig.axes[0].get_ylim())
            top = max(top, max(series_value(self.dir, scn, "weekly_active_share", "q95", d)
                               for d in (30, 60, 90, 120)))
            style.close(fig)
        self.assertEqual(len(set(limits)), 1, limits)
        self.assertGreaterEqual(limits[0][1], top)

    def test_overlay_values_at_the_kpi_day_and_finding_title(self):
        fig = figures.overlay(self.res)
        values = {}
        for scn in self.res.scenarios:
            x, y = find_gid(fig, f"kpi_day:{scn}").get_data()
            expected = series_value(self.dir, scn, "weekly_active_share", "q50", 90)
            self.assertEqual(float(x[0]), 90)
            self.assertAlmostEqual(float(y[0]), expected, places=9)
            label = find_gid(fig, f"kpi_day_label:{scn}").get_text()
            self.assertEqual(label, f"{expected:.0%}")
            values[scn] = expected
        self.assertIsNotNone(find_gid(fig, "kpi_day"))
        title = fig.texts[0].get_text().replace("\n", " ")
        best, other = sorted(values, key=lambda s: -values[s])
        self.assertTrue(title.startswith(f"{self.res.label(best)} reaches "
                                         f"{values[best]:.0%} weekly active by day 90; "), title)
        self.assertIn(f"{values[other]:.0%}", title)
        self.assertIn("Pilot, then everyone", fig.axes[0].texts[-1].get_text()
                      + " ".join(t.get_text() for t in fig.axes[0].texts))
        style.close(fig)

    def test_title_and_subtitle_options(self):
        res = Results(self.dir, title="Pilot first", subtitle="Acme Corp · board, 3 December")
        fig = figures.overlay(res)
        texts = [t.get_text() for t in fig.texts]
        self.assertEqual(texts[0], "Pilot first")
        self.assertEqual(texts[1], "Acme Corp · board, 3 December")
        style.close(fig)
        for name, (func, kind) in figures.FIGURES.items():
            fig = func(res, "big_bang") if kind == figures.PER_SCENARIO else func(res)
            self.assertIn("Acme Corp · board, 3 December", [t.get_text() for t in fig.texts],
                          name)
            style.close(fig)

    def test_display_name_on_figures_not_in_file_names(self):
        fig = figures.fan_chart(self.res, "pilot_then_scale")
        self.assertIn("Pilot, then everyone", fig.texts[0].get_text())
        style.close(fig)
        self.assertEqual(figures.file_stem("fan_chart", "pilot_then_scale", 2),
                         "fan_chart_pilot_then_scale")

    def test_funnel_draws_the_headline_and_explains_active(self):
        fig = figures.funnel(self.res, "pilot_then_scale")
        _, y = find_gid(fig, "headline").get_data()
        self.assertAlmostEqual(float(y[90]), series_value(self.dir, "pilot_then_scale",
                                                          "weekly_active_share", "q50", 90))
        legend = " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
        self.assertIn("used it in the last 7 days", legend)
        self.assertIn("Active: 3+ successful uses", legend)
        style.close(fig)


class ManyDepartments(unittest.TestCase):
    def test_largest_departments_and_the_rest_summarised(self):
        departments = {f"Dept{i:02d}": 5 + i for i in range(42)}
        d = make_results(os.path.join(_TMP, "many-departments"), scenarios=["pilot_then_scale"],
                         departments=departments, replicates=8)
        res = Results(d)
        fig = figures.department_heatmap(res, "pilot_then_scale")
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        self.assertEqual(len(labels), figures.HEATMAP_ROWS)
        largest = sorted(departments, key=lambda k: -departments[k])[:figures.HEATMAP_ROWS - 1]
        self.assertEqual(labels[:-1], [f"{k} (n = {departments[k]})" for k in largest])
        rest = [k for k in departments if k not in largest]
        self.assertEqual(labels[-1], f"{len(rest)} smaller departments "
                                     f"(n = {sum(departments[k] for k in rest)})")
        data = np.ma.filled(find_gid(fig, "heatmap").get_array(), np.nan)
        self.assertEqual(data.shape[0], figures.HEATMAP_ROWS)
        week = 8
        self.assertAlmostEqual(
            data[0, week - 1],
            series_value(d, "pilot_then_scale", "weekly_active_share", "q50", 7 * week,
                         group=f"department:{largest[0]}"))
        values = [series_value(d, "pilot_then_scale", "weekly_active_share", "q50", 7 * week,
                               group=f"department:{k}") for k in rest]
        weights = [departments[k] for k in rest]
        self.assertAlmostEqual(data[-1, week - 1], np.average(values, weights=weights))
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        self.assertEqual(_overlaps([t.get_window_extent(r) for t in ax.get_yticklabels()]), [])
        style.close(fig)


class KpiComparisonLabels(unittest.TestCase):
    NAMES = ["big_bang_announcement_only_with_generic_webinar", "pilot_then_scale_twelve_people",
             "champion_network_one_per_fifteen_department_spanning", "manager_first",
             "phased_by_department_largest_first_monthly", "assess_activate_anchor_framework",
             "trust_framework_with_governance", "custom_coe_department_champions"]

    def test_no_overlapping_labels_at_two_to_eight_scenarios(self):
        for n in range(2, 9):
            with self.subTest(scenarios=n):
                d = make_results(os.path.join(_TMP, f"kpi{n}"), scenarios=self.NAMES[:n],
                                 horizon=100, replicates=10)
                res = Results(d)
                fig = figures.kpi_comparison(res)
                fig.canvas.draw()
                r = fig.canvas.get_renderer()
                for ax in fig.axes:
                    if not ax.get_visible():
                        continue
                    ticks = [t.get_window_extent(r) for t in ax.get_yticklabels()
                             if t.get_text()]
                    self.assertEqual(_overlaps(ticks), [])
                    texts = [t.get_window_extent(r) for t in ax.texts]
                    self.assertEqual(_overlaps(texts), [])
                    self.assertEqual(_overlaps(
                        [t.get_window_extent(r) for t in ax.get_xticklabels() if t.get_text()]),
                        [])
                # nothing leaves the figure
                width, height = fig.canvas.get_width_height()
                for ax in fig.axes:
                    if ax.get_visible():
                        box = ax.get_tightbbox(r)
                        self.assertGreaterEqual(box.x0, -1)
                        self.assertLessEqual(box.x1, width + 1)
                style.close(fig)

    def test_time_to_x_says_k_of_n_reached(self):
        d = make_results(os.path.join(_TMP, "kpi-reached"), scenarios=self.NAMES[:3],
                         horizon=100, replicates=10)
        res = Results(d)
        fig = figures.kpi_comparison(res)
        ks = res.kpi_summary
        found = 0
        for scn in res.scenarios:
            row = ks[(ks["scenario"] == scn) & (ks["kpi"] == "days_to_50pct_weekly_active")
                     & (ks["statistic"] == "n")]
            if row.empty:
                continue
            n = int(row["value"].iloc[0])
            if 0 < n < 10:
                text = find_gid(fig, f"k_of_n:days_to_50pct_weekly_active:{scn}").get_text()
                self.assertEqual(text, f"{n} of 10 reached")
                found += 1
        self.assertGreater(found, 0)
        style.close(fig)


class TitleWrapping(unittest.TestCase):
    """A finding too long for one line breaks after a clause, never leaving a word alone."""

    def _title(self, text):
        fig, _ax = style.new_figure(text)
        try:
            return fig.texts[0].get_text()
        finally:
            style.close(fig)

    def test_a_finding_breaks_after_its_first_clause(self):
        first = "Pilot then scale reaches 71% weekly active by day 90;"
        second = "champion network 69%, big bang 27%"
        self.assertEqual(self._title(f"{first} {second}"), f"{first}\n{second}")

    def test_a_title_that_fits_stays_on_one_line(self):
        self.assertEqual(self._title("Big bang reaches 27% by day 90"), "Big bang reaches 27% by day 90")

    def test_a_long_title_without_clauses_wraps_at_spaces(self):
        words = " ".join(["adoption"] * 14)
        wrapped = self._title(words)
        self.assertIn("\n", wrapped)
        self.assertEqual(wrapped.replace("\n", " "), words)


class WholeFolder(unittest.TestCase):
    def setUp(self):
        self.dir = make_results(tempfile.mkdtemp(dir=_TMP), scenarios=["big_bang", "pilot_then_scale"],
                                horizon=60, replicates=6)

    def test_replaces_the_folder_and_refuses_foreign_files(self):
        out = os.path.join(self.dir, "figures")
        os.makedirs(out)
        with open(os.path.join(out, "fan_chart_old_plan.png"), "wb") as fh:
            fh.write(b"old")
        render.render(self.dir, "png", out, only=["overlay"], log=lambda _m: None, workers=1)
        self.assertEqual(os.listdir(out), ["overlay.png"])
        with open(os.path.join(out, "notes.txt"), "w") as fh:
            fh.write("mine")
        with self.assertRaises(render.ForeignFiles):
            render.render(self.dir, "png", out, only=["overlay"], log=lambda _m: None)
        self.assertEqual(sorted(os.listdir(out)), ["notes.txt", "overlay.png"])

    def test_two_processes_draw_the_same_set(self):
        one, two = os.path.join(self.dir, "one"), os.path.join(self.dir, "two")
        a = render.render(self.dir, "png", one, log=lambda _m: None, workers=1)
        b = render.render(self.dir, "png", two, log=lambda _m: None, workers=2)
        self.assertEqual(sorted(os.listdir(one)), sorted(os.listdir(two)))
        self.assertEqual({k: v is None for k, v in a.items()}, {k: v is None for k, v in b.items()})

    def test_interrupted_quietly_leaving_the_folder_as_it_was(self):
        out = os.path.join(self.dir, "figures")
        os.makedirs(out)
        with open(os.path.join(out, "overlay.png"), "wb") as fh:
            fh.write(b"earlier")
        for delay in (0.2, 1.0, 2.0):
            with self.subTest(delay=delay):
                proc = subprocess.Popen([PYTHON, RENDER, self.dir], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
                time.sleep(delay)
                proc.send_signal(signal.SIGINT)
                _out, err = proc.communicate(timeout=120)
                self.assertNotIn("Traceback", err)
                if proc.returncode == 0:
                    continue
                self.assertEqual(proc.returncode, 130, err)
                self.assertIn("interrupted", err)
                self.assertEqual(os.listdir(out), ["overlay.png"])
                with open(os.path.join(out, "overlay.png"), "rb") as fh:
                    self.assertEqual(fh.read(), b"earlier")
                leftovers = [n for n in os.listdir(self.dir) if n.startswith(".")]
                self.assertEqual(leftovers, [])


if __name__ == "__main__":
    unittest.main()
