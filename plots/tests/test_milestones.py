"""Milestones on the fan chart, and every figure of a workplace run.

Run from the repository root, like the other plot tests:

    /usr/bin/python3 -m unittest discover -s plots/tests -v

MilestoneLayout works on fixture.py results with hand-written milestones. WorkplaceRun
runs the adoptsim binary on a small workplace scenario written here (a pilot and a
managers' briefing on day 0, a gate that opens on a different day in each run, a gate
that never opens, a trust incident) and on the library's Assess / Activate / Anchor
scenario, and renders every figure from the result. The binary is $ADOPTSIM_BINARY,
else the `adoptsim` of the build folder that $ADOPTSIM_RESULTS_DIR lies in (ctest sets
it to build/<preset>/tests/plot-test-results), else build/release/adoptsim; without one
these tests are skipped.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

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
from fixture import make_results  # noqa: E402
from results import Results  # noqa: E402

PNG_SIZE = (1125, 2000)


def find_gids(fig, prefix):
    """Every artist of the figure's axes whose gid starts with `prefix`."""
    return [a for ax in fig.axes for a in ax.get_children()
            if (a.get_gid() or "").startswith(prefix)]


def span_days(span):
    """The days an axvspan covers (a Polygon, or a Rectangle in newer matplotlib)."""
    path = span.get_path().transformed(span.get_patch_transform()) \
        if hasattr(span, "get_patch_transform") else span.get_path()
    return np.asarray(path.vertices)[:, 0]


def milestone_labels(fig):
    return [a for a in find_gids(fig, "milestone_label:")]


def legend_texts(fig):
    legend = fig.axes[0].get_legend()
    return [t.get_text() for t in legend.get_texts()] if legend else []


def assert_inside_figure(test, fig, name=""):
    """Nothing drawn (titles, labels, legends, badges) sticks out of the figure."""
    fig.draw_without_rendering()
    box = fig.get_tightbbox(fig.canvas.get_renderer())  # inches
    width, height = fig.get_size_inches()
    tol = 0.02
    test.assertGreaterEqual(box.x0, -tol, f"{name}: clipped on the left")
    test.assertGreaterEqual(box.y0, -tol, f"{name}: clipped at the bottom")
    test.assertLessEqual(box.x1, width + tol, f"{name}: clipped on the right")
    test.assertLessEqual(box.y1, height + tol, f"{name}: clipped at the top")


def assert_labels_clear(test, fig):
    """Milestone labels do not overlap, and no milestone's line runs through a label."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_gid(), t.get_window_extent(renderer)) for t in milestone_labels(fig)]
    for i, (gid_a, a) in enumerate(boxes):
        for gid_b, b in boxes[i + 1:]:
            test.assertFalse(a.overlaps(b), f"labels {gid_a} and {gid_b} overlap")
    ax = fig.axes[0]
    top = ax.get_window_extent(renderer).y1
    for line in find_gids(fig, "milestone_connector:"):
        xy = line.get_transform().transform(np.column_stack(line.get_data()))
        x, y0, y1 = xy[0, 0], min(xy[:, 1]), max(xy[:, 1])
        own = line.get_gid().replace("milestone_connector:", "milestone_label:")
        for gid, box in boxes:
            if gid == own:
                continue
            crosses = box.x0 + 1 < x < box.x1 - 1 and box.y0 + 1 < y1 and box.y1 - 1 > y0
            test.assertFalse(crosses, f"{line.get_gid()} runs through label {gid}")
        test.assertAlmostEqual(y0, top, delta=1.0)


# --- layout, on fixture results ------------------------------------------------------------

class MilestoneLayout(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="adoptsim-milestones-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def tearDown(self):
        style.plt.close("all")

    def results_with(self, name, milestones, horizon=120):
        d = make_results(os.path.join(self.tmp, name), scenarios=["pilot_then_scale"],
                         horizon=horizon, replicates=12, cohorts=False)
        path = os.path.join(d, "summary.json")
        with open(path) as fh:
            summary = json.load(fh)
        summary["scenarios"][0]["milestones"] = milestones
        with open(path, "w") as fh:
            json.dump(summary, fh)
        return Results(d)

    @staticmethod
    def ms(day, label, kind="phase", q05=None, q95=None, share=1.0):
        if q05 is None and day is not None:
            q05 = q95 = day
        return {"day": day, "label": label, "kind": kind, "day_q05": q05, "day_q95": q95,
                "share_of_replicates": share}

    def test_same_day_merged_gate_span_and_null_day_skipped(self):
        res = self.results_with("merged", [
            self.ms(0, "budget levers"), self.ms(0, "pilot"),
            self.ms(30, "scale when the pilot is 60% active", "gate", 24.0, 41.5, 0.9),
            self.ms(None, "incentives once everyone is active", "gate", None, None, 0.0),
            self.ms(75, "trust incident", "incident")])
        fig = figures.fan_chart(res, "pilot_then_scale")
        texts = [t.get_text().strip() for t in milestone_labels(fig)]
        # the two day-0 phases share one label, in plan order
        self.assertIn("budget levers · pilot", texts)
        self.assertEqual(len(texts), 3, texts)
        # a gate that opened in only some runs says so
        self.assertIn("scale when the pilot is 60% active (in 90% of runs)", texts)
        # the gate's 5-95% days are shaded
        spans = find_gids(fig, "milestone_span:")
        self.assertEqual(len(spans), 1)
        xs = span_days(spans[0])
        self.assertAlmostEqual(float(min(xs)), 24.0)
        self.assertAlmostEqual(float(max(xs)), 41.5)
        # the milestone that never happened has no line or label, but the legend names it
        lines = {a.get_gid() for a in find_gids(fig, "milestone:")}
        self.assertEqual(lines, {"milestone:phase:0", "milestone:gate:30",
                                 "milestone:incident:75"})
        self.assertFalse([t for t in texts if "everyone" in t])
        legend = " ".join(legend_texts(fig)).replace("\n", " ")
        self.assertIn("Not reached by day 120 in any run: incentives once everyone is active",
                      legend)
        self.assertIn("Gate opens (5–95% of runs)", legend)
        assert_labels_clear(self, fig)
        assert_inside_figure(self, fig, "fan_chart")

    def test_crowded_start_is_stacked_without_crossings(self):
        res = self.results_with("crowded", [
            self.ms(0, "assess: rules and feedback loop"), self.ms(7, "go-live"),
            self.ms(10, "activate: managers"), self.ms(60, "anchor: incentives")])
        fig = figures.fan_chart(res, "pilot_then_scale")
        self.assertEqual(len(milestone_labels(fig)), 4)
        self.assertFalse(find_gids(fig, "milestone_badge:"))
        self.assertTrue(find_gids(fig, "milestone_connector:"), "expected a staircase")
        assert_labels_clear(self, fig)
        assert_inside_figure(self, fig, "fan_chart")

    def test_too_many_for_labels_are_numbered(self):
        waves = [self.ms(10 * i, f"wave {i + 1}: a department with a long name")
                 for i in range(8)]
        res = self.results_with("numbered", waves + [
            self.ms(45, "scale gate", "gate", 40.0, 52.0)])
        fig = figures.fan_chart(res, "pilot_then_scale")
        self.assertFalse(milestone_labels(fig))
        badges = find_gids(fig, "milestone_badge:")
        self.assertEqual(sorted(int(b.get_gid().split(":")[1]) for b in badges),
                         list(range(1, 10)))
        key = [t for t in legend_texts(fig) if t.startswith("Day ")]
        self.assertEqual(len(key), 9)
        self.assertTrue(key[0].startswith("Day 0: wave 1"), key[0])
        self.assertIn("Day 45 (40–52 in 90% of runs): scale gate",
                      " ".join(key).replace("\n", " "))
        # badges of neighbouring lines are pushed apart, not drawn over one another
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        boxes = sorted((b.get_bbox_patch().get_window_extent(renderer) for b in badges),
                       key=lambda b: b.x0)
        for a, b in zip(boxes, boxes[1:]):
            self.assertLessEqual(a.x1, b.x0 + 0.5)
        assert_inside_figure(self, fig, "fan_chart")

    def test_stack_labels_rules(self):
        rng = np.random.default_rng(3)
        placed_some = False
        for _ in range(300):
            n = int(rng.integers(1, 7))
            days = np.sort(rng.uniform(0, 100, n))
            widths = rng.uniform(3, 40, n)
            spans = [(d, d, d + w) for d, w in zip(days, widths)]
            rows = figures._stack_labels(spans, gap=0.5)
            if rows is None:
                continue
            placed_some = True
            self.assertLessEqual(max(rows), figures.MILESTONE_LEVELS - 1)
            for i, (d, a0, a1) in enumerate(spans):
                for j, (e, b0, b1) in enumerate(spans):
                    if i == j:
                        continue
                    if rows[i] == rows[j]:  # same row: apart
                        self.assertTrue(a1 < b0 or b1 < a0)
                    if rows[j] < rows[i]:  # i's line rises through row j: not through j
                        self.assertFalse(b0 <= d <= b1)
        self.assertTrue(placed_some)

    def test_no_milestones(self):
        res = self.results_with("none", [])
        fig = figures.fan_chart(res, "pilot_then_scale")
        self.assertFalse(find_gids(fig, "milestone"))
        self.assertEqual(legend_texts(fig), ["Median", "Middle 50% of runs",
                                             "Middle 90% of runs",
                                             "Hard review:\nunder 20% on day 90"])


# --- a real workplace run -------------------------------------------------------------------

def _binary():
    candidates = []
    if os.environ.get("ADOPTSIM_BINARY"):
        candidates.append(os.environ["ADOPTSIM_BINARY"])
    results = os.environ.get("ADOPTSIM_RESULTS_DIR")
    if results:  # ctest: build/<preset>/tests/plot-test-results
        build = os.path.dirname(os.path.dirname(os.path.abspath(results)))
        candidates.append(os.path.join(build, "adoptsim"))
    candidates.append(os.path.join(REPO, "build", "release", "adoptsim"))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


BINARY = _binary()

GATED = """\
extends = "{base}"
name = "gated_rollout"
description = "Plot test: same-day phases, a gate, a gate that never opens, an incident"
horizon_days = 90

[strategy]
preset = "custom"
budget_lever_phase = false

[[strategy.phases]]
name = "pilot: Customer Support"
start_day = 0
departments = ["Customer Support"]
interventions = ["access", "announcement", "task_workshop"]

[[strategy.phases]]
name = "managers briefed"
start_day = 0
roles = ["manager", "executive"]
interventions = ["announcement"]

[[strategy.phases]]
name = "scale when the pilot is 45% active"
start_day = 7
gate_share = 0.45
interventions = ["access", "announcement"]

[[strategy.phases]]
name = "incentives once 99% are active"
start_day = 30
gate_share = 0.99
interventions = ["incentive_change"]

[model.workplace]
incidents = [{{ day = 60, severity = 0.4 }}]
"""


@unittest.skipUnless(BINARY, "no adoptsim binary (set ADOPTSIM_BINARY)")
class WorkplaceRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="adoptsim-workplace-plots-")
        scenario = os.path.join(cls.tmp, "gated.toml")
        with open(scenario, "w") as fh:
            fh.write(GATED.format(base=os.path.join(REPO, "scenarios", "workplace",
                                                    "base.toml")))
        framework = os.path.join(REPO, "scenarios", "workplace", "frameworks",
                                 "assess_activate_anchor.toml")
        cls.dir = os.path.join(cls.tmp, "run")
        done = subprocess.run([BINARY, "run", scenario, framework, "-r", "16", "--seed", "5",
                               "-o", cls.dir], capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"adoptsim run failed:\n{done.stdout}{done.stderr}")
        cls.res = Results(cls.dir)
        cls.milestones = {s: {m["label"]: m for m in cls.res.info(s)["milestones"]}
                          for s in cls.res.scenarios}

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("ADOPTSIM_KEEP_FIGURES"):
            print(f"\nworkplace run and figures kept in {cls.tmp}", file=sys.stderr)
        else:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def tearDown(self):
        style.plt.close("all")

    def test_the_run_has_what_the_tests_need(self):
        ms = self.milestones["gated_rollout"]
        gate = ms["scale when the pilot is 45% active"]
        self.assertEqual(gate["kind"], "gate")
        self.assertLess(gate["day_q05"], gate["day_q95"])
        self.assertIsNone(ms["incentives once 99% are active"]["day"])
        self.assertEqual([m["kind"] for m in ms.values()].count("incident"), 1)

    def test_every_figure_renders_and_fits(self):
        out = os.path.join(self.tmp, "figures")
        log = []
        written = render.render(self.dir, "png", out, log=log.append)
        self.assertFalse([line for line in log if line.startswith("skipped")], log)
        for stem, path in written.items():
            with self.subTest(stem):
                image = mpimg.imread(path)
                self.assertEqual(image.shape[:2], PNG_SIZE)
        for name, (func, kind) in figures.FIGURES.items():
            for scn in (self.res.scenarios if kind == figures.PER_SCENARIO else [None]):
                with self.subTest(name=name, scenario=scn):
                    fig = func(self.res, scn) if scn else func(self.res)
                    assert_inside_figure(self, fig, f"{name} {scn or ''}")
                    style.close(fig)

    def test_gate_span_drawn_from_its_quantile_days(self):
        gate = self.milestones["gated_rollout"]["scale when the pilot is 45% active"]
        fig = figures.fan_chart(self.res, "gated_rollout")
        spans = find_gids(fig, "milestone_span:")
        self.assertEqual(len(spans), 1)
        xs = span_days(spans[0])
        self.assertAlmostEqual(float(min(xs)), gate["day_q05"], places=6)
        self.assertAlmostEqual(float(max(xs)), gate["day_q95"], places=6)
        line = find_gids(fig, "milestone:gate:")
        self.assertEqual(len(line), 1)
        self.assertAlmostEqual(float(line[0].get_xdata()[0]), gate["day"])

    def test_null_day_milestone_is_skipped_and_named(self):
        fig = figures.fan_chart(self.res, "gated_rollout")
        drawn = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
        self.assertNotIn("99% are active", drawn)
        happened = {m["day"] for m in self.milestones["gated_rollout"].values()
                    if m["day"] is not None}
        lines = {float(a.get_xdata()[0]) for a in find_gids(fig, "milestone:")}
        self.assertEqual(lines, happened)
        legend = " ".join(legend_texts(fig)).replace("\n", " ")
        self.assertIn("Not reached by day 90 in any run: incentives once 99% are active",
                      legend)

    def test_same_day_phases_share_a_label(self):
        fig = figures.fan_chart(self.res, "gated_rollout")
        texts = [t.get_text().strip() for t in milestone_labels(fig)]
        self.assertIn("pilot: Customer Support · managers briefed", texts)
        self.assertEqual(len(texts), 3, texts)  # day 0, the gate, the incident
        assert_labels_clear(self, fig)

    def test_crowded_plan_is_numbered(self):
        scn = "assess_activate_anchor"
        groups, missing = figures._milestone_groups(self.res.info(scn)["milestones"],
                                                    self.res.horizon(scn))
        self.assertFalse(missing)
        fig = figures.fan_chart(self.res, scn)
        self.assertEqual(len(find_gids(fig, "milestone_badge:")), len(groups))
        key = [t for t in legend_texts(fig) if t.startswith("Day ")]
        self.assertEqual(len(key), len(groups))
        joined = " ".join(key).replace("\n", " ")
        for label in self.milestones[scn]:
            self.assertIn(label, joined)

    def test_retention_marks_small_cohorts_from_mean_sizes(self):
        cohorts = pd.read_csv(os.path.join(self.dir, "cohorts.csv"))
        sizes = cohorts[(cohorts["scenario"] == "gated_rollout")
                        & (cohorts["metric"] == "first_users")]
        # adoptsim writes the cohort sizes as means only
        self.assertEqual(set(sizes["statistic"]), {"mean"})
        small = set(sizes.loc[sizes["value"] < figures.SMALL_COHORT, "cohort_week"])
        fig = figures.retention(self.res, "gated_rollout")
        for n in figures.RETURN_DAYS:
            hollow = [a for a in find_gids(fig, f"return_day{n}:small")
                      if a.get_gid() == f"return_day{n}:small"]
            weeks = set(hollow[0].get_xdata()) if hollow else set()
            self.assertTrue(weeks <= small, (n, weeks, small))
            line = [a for a in find_gids(fig, f"return_day{n}")
                    if a.get_gid() == f"return_day{n}"]
            if line:
                x, y = line[0].get_data()
                joined = {int(w) for w, v in zip(x, y) if np.isfinite(v)}
                self.assertFalse(joined & small, (n, joined & small))


if __name__ == "__main__":
    unittest.main()
