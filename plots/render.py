#!/usr/bin/env -S /usr/bin/python3
"""Render the standard adoptsim figures from a results directory.

    /usr/bin/python3 plots/render.py RESULTS_DIR [--format png|svg|pdf]
                                     [-o OUT_DIR] [--only NAME,...]
                                     [--title TEXT] [--subtitle TEXT]
                                     [--kpis NAME,...]

RESULTS_DIR is the output of `adoptsim run -o DIR` or `adoptsim compare -o
DIR` (figures.py), or of `adoptsim sweep -o DIR` (summary.json's "command" is
"sweep": sweep_figures.py, one response curve and heat map per KPI);
only the documented files (docs/output-schema.md) are read. Figures go to OUT_DIR (default
RESULTS_DIR/figures). A figure whose data is absent is skipped with a one-line
note. Exit status 2 when RESULTS_DIR has no summary.json or a file does not
follow the schema (the message names the file and the column), when OUT_DIR
holds files that are not figures, or when --only or --kpis names what this kind
of result set does not have. --kpis (sweeps) picks the KPIs drawn; --title
replaces the overlay's title, or that of a sweep's headline response.

The figures are drawn into a hidden folder beside OUT_DIR, which replaces
OUT_DIR as a whole once every figure is drawn: OUT_DIR holds one complete set
of figures, never a mix with an earlier run's. SIGINT or SIGTERM stops the
drawing quietly: the hidden folder is removed, OUT_DIR is as it was, the
figures not drawn are named, and the exit status is 128 + the signal.
"""

import os
import signal
import sys


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived; `signum` says which."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


_SIGNALLED = []  # the signal that arrived, if one did


def _on_signal(signum, _frame):
    _SIGNALLED.append(signum)
    raise Interrupted(signum)


def _stop_if_signalled():
    """Raise Interrupted if a signal arrived: an Interrupted raised where Python
    cannot propagate it (a weakref callback, a __del__) is swallowed, so the
    drawing also looks at the flag between figures and before committing."""
    if _SIGNALLED:
        raise Interrupted(_SIGNALLED[0])


_default_unraisablehook = sys.unraisablehook


def _quiet_unraisable(unraisable):
    # The interruption swallowed in such a place is acted on at the next
    # _stop_if_signalled(); printing its traceback would only alarm.
    if _SIGNALLED or isinstance(unraisable.exc_value, Interrupted):
        return
    _default_unraisablehook(unraisable)


sys.unraisablehook = _quiet_unraisable


# Before the slow imports, so that an early Ctrl-C is as quiet as a late one.
signal.signal(signal.SIGINT, _on_signal)
signal.signal(signal.SIGTERM, _on_signal)

try:
    import argparse
    import json
    import shutil
    import tempfile
    import traceback

    import matplotlib

    # The command line writes files only; notebooks importing figures.py keep
    # their own (inline) backend.
    matplotlib.use("Agg")

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

    import figures  # noqa: E402
    import style  # noqa: E402
    import sweep_figures  # noqa: E402
    from results import MissingResults, Results, SchemaError, is_sweep, load_summary  # noqa: E402
    from sweep_results import SweepResults  # noqa: E402
except Interrupted as _early:
    print("render.py: interrupted before drawing; no figure was drawn", file=sys.stderr)
    sys.exit(128 + _early.signum)

PROG = "render.py"

# Every figure name --only takes: a run's, then a sweep's.
ALL_FIGURES = list(figures.FIGURES) + list(sweep_figures.FIGURES)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG, description="Render the standard adoptsim figures from a results directory.")
    parser.add_argument("results_dir", metavar="RESULTS_DIR",
                        help="output folder of `adoptsim run/compare/sweep -o DIR`")
    parser.add_argument("--format", default="png", choices=["png", "svg", "pdf"],
                        help="file format (default png, 2000x1125 px)")
    parser.add_argument("-o", "--out", metavar="OUT_DIR",
                        help="where to write the figures (default RESULTS_DIR/figures)")
    parser.add_argument("--only", metavar="NAME,...",
                        help="only these figures: " + ", ".join(figures.FIGURES)
                        + " (runs); " + ", ".join(sweep_figures.FIGURES) + " (sweeps)")
    parser.add_argument("--title", metavar="TEXT",
                        help="title of the overlay, or of a sweep's headline response "
                             "(default: its finding)")
    parser.add_argument("--subtitle", metavar="TEXT",
                        help="a line under the title of every figure")
    parser.add_argument("--kpis", metavar="NAME,...",
                        help="sweeps: the KPIs to draw (default: the active_share_day* "
                             "KPIs and reached_target)")
    parser.add_argument("--shown-as", metavar="DIR",
                        help="the folder to name in messages instead of OUT_DIR")
    args = parser.parse_args(argv)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in ALL_FIGURES]
        if unknown or not names:
            parser.error(f"--only: unknown figure {', '.join(unknown) or '(none)'}; "
                         f"expected some of {', '.join(ALL_FIGURES)}")
        args.only = names
    if args.kpis is not None:
        args.kpis = [n.strip() for n in args.kpis.split(",") if n.strip()]
        if not args.kpis:
            parser.error("--kpis: expected one or more KPI names")
    return args


class WrongFigures(Exception):
    """--only or --kpis names figures or KPIs this result set does not have."""


def _module(res):
    return sweep_figures if isinstance(res, SweepResults) else figures


def jobs(res, only=None, kpis=None):
    """(figure name, function, scenario or KPI or None) in drawing order."""
    module = _module(res)
    for name, (func, kind) in module.FIGURES.items():
        if only and name not in only:
            continue
        if kind == figures.PER_SCENARIO:
            for scn in res.scenarios:
                yield name, func, scn
        elif kind == sweep_figures.PER_KPI:
            for kpi in (kpis or sweep_figures.headline_kpis(res)):
                yield name, func, kpi
        else:
            yield name, func, None


def _stem(res, name, key):
    if isinstance(res, SweepResults):
        return sweep_figures.file_stem(name, key)
    return figures.file_stem(name, key, len(res.scenarios))


def open_results(results_dir, title=None, subtitle=None):
    """Results of a run or compare, or SweepResults of a sweep (summary.json's "command")."""
    summary = load_summary(results_dir)
    if is_sweep(summary):
        return SweepResults(results_dir, title=title, subtitle=subtitle, summary=summary)
    return Results(results_dir, title=title, subtitle=subtitle)


def _check_choice(res, only, kpis):
    module = _module(res)
    what = "a sweep's" if module is sweep_figures else "a run's"
    if only:
        wrong = [n for n in only if n not in module.FIGURES]
        if wrong:
            raise WrongFigures(f"--only: {', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'}"
                               f" not among {what} figures ({', '.join(module.FIGURES)})")
    if kpis:
        if module is not sweep_figures:
            raise WrongFigures("--kpis: only a sweep's figures are drawn per KPI")
        wrong = [k for k in kpis if k not in res.kpis]
        if wrong:
            raise WrongFigures(f"--kpis: the sweep has no KPI {', '.join(wrong)} (it has "
                               f"{', '.join(res.kpis)})")


FIGURE_SUFFIXES = (".png", ".svg", ".pdf")


def _replaceable(out_dir):
    """Names in out_dir that are not figures (an empty list: it may be replaced)."""
    if not os.path.isdir(out_dir):
        return []
    return sorted(n for n in os.listdir(out_dir)
                  if not (n.endswith(FIGURE_SUFFIXES)
                          and os.path.isfile(os.path.join(out_dir, n))))


class ForeignFiles(Exception):
    """OUT_DIR holds files that are not figures, so it is not replaced."""


def _commit(stage, out_dir):
    """Move the drawn set into place: out_dir ends up holding exactly the new figures."""
    if not os.path.lexists(out_dir):
        os.rename(stage, out_dir)
        return
    old = tempfile.mkdtemp(prefix=f".{os.path.basename(out_dir)}.replaced-",
                           dir=os.path.dirname(out_dir))
    os.rmdir(old)
    os.rename(out_dir, old)
    os.rename(stage, out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _draw(res, todo, stage, fmt):
    """Draw `todo` into stage; returns [(stem, None or why it was skipped)]."""
    done = []
    for _name, func, scn, stem in todo:
        _stop_if_signalled()
        try:
            fig = func(res, scn) if scn is not None else func(res)
        except figures.Skip as skip:
            done.append((stem, str(skip)))
            continue
        try:
            style.save(fig, os.path.join(stage, f"{stem}.{fmt}"), fmt)
        finally:
            style.close(fig)
        done.append((stem, None))
    _stop_if_signalled()
    return done


def _workers():
    try:
        return max(1, min(2, len(os.sched_getaffinity(0))))
    except AttributeError:
        return 1


def _draw_all(res, todo, stage, fmt, workers):
    """_draw over every job, split between this process and a forked one when there
    are two cores: the data is read once, before the fork, and shared."""
    if workers < 2 or len(todo) < 4:
        return _draw(res, todo, stage, fmt)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the helper: every other figure, its results back through the pipe
        os.close(read_end)
        status = 1
        try:
            result = json.dumps(_draw(res, todo[1::2], stage, fmt)).encode()
            with os.fdopen(write_end, "wb") as out:
                out.write(result)
            status = 0
        except BaseException:  # noqa: BLE001 -- reported by the parent
            # a library may wrap the Interrupted raised inside it in its own error
            if _SIGNALLED:
                status = 128 + _SIGNALLED[0]
            else:
                traceback.print_exc()
        os._exit(status)
    os.close(write_end)
    try:
        mine = _draw(res, todo[0::2], stage, fmt)
        with os.fdopen(read_end, "rb") as pipe:
            theirs = json.loads(pipe.read() or b"null")
        _, status = os.waitpid(child, 0)
        child = 0
    finally:
        if child:
            os.kill(child, signal.SIGTERM)
            os.waitpid(child, 0)
    if status != 0 or theirs is None:
        raise RuntimeError("the second drawing process failed (see above)")
    order = {stem: i for i, (*_, stem) in enumerate(todo)}
    return sorted(mine + [tuple(t) for t in theirs], key=lambda t: order[t[0]])


def render(results_dir, fmt="png", out_dir=None, only=None, log=print, title=None,
           subtitle=None, shown_as=None, not_drawn=None, workers=None, kpis=None):
    """Render into out_dir; returns {file stem: path or None when skipped}.

    A sweep's directory (summary.json's "command" is "sweep") gets the sweep
    figures, for `kpis` (default: sweep_figures.headline_kpis). The figures are
    drawn into a hidden folder beside out_dir that replaces it when all are
    drawn, by two processes when there are two cores (`workers`). On an
    interruption, `not_drawn` (a list) receives the stems not drawn.
    """
    res = open_results(results_dir, title=title, subtitle=subtitle)
    module = _module(res)
    _check_choice(res, only, kpis)
    # read every file the chosen figures need before drawing anything, so a
    # schema violation leaves no partial set of figures behind
    for name in module.FIGURES:
        if not only or name in only:
            for attribute in module.NEEDS[name]:
                getattr(res, attribute)
    out_dir = os.path.abspath(out_dir or os.path.join(results_dir, "figures")).rstrip(os.sep)
    shown = shown_as or out_dir
    foreign = _replaceable(out_dir)
    if foreign:
        raise ForeignFiles(f"{out_dir}: holds {', '.join(foreign[:5])}, which are not figures; "
                           f"the figures replace the whole folder, so name a new or empty one")
    parent = os.path.dirname(out_dir)
    os.makedirs(parent, exist_ok=True)
    todo = [(name, func, key, _stem(res, name, key))
            for name, func, key in jobs(res, only, kpis)]
    stage = tempfile.mkdtemp(prefix=f".{os.path.basename(out_dir)}.drawing-", dir=parent)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(stage, 0o777 & ~mask)
    try:
        done = _draw_all(res, todo, stage, fmt, _workers() if workers is None else workers)
        # Signals wait while the set is moved into place, so the folder is
        # never left half-swapped; once it is, the work is complete and a
        # late signal changes nothing.
        _stop_if_signalled()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        try:
            _commit(stage, out_dir)
        except BaseException:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
            raise
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    except BaseException as err:
        if not_drawn is not None and (_SIGNALLED or isinstance(err, Interrupted)):
            drawn = set(os.listdir(stage)) if os.path.isdir(stage) else set()
            not_drawn[:] = [stem for *_, stem in todo if f"{stem}.{fmt}" not in drawn]
        raise
    finally:
        if os.path.isdir(stage):
            shutil.rmtree(stage, ignore_errors=True)
    written = {}
    for stem, skipped in done:
        if skipped is None:
            log(f"wrote {os.path.join(shown, f'{stem}.{fmt}')}")
            written[stem] = os.path.join(out_dir, f"{stem}.{fmt}")
        else:
            log(f"skipped {stem}: {skipped}")
            written[stem] = None
    return written


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not os.path.isdir(args.results_dir):
        print(f"{PROG}: error: {args.results_dir}: no such directory", file=sys.stderr)
        return 2
    not_drawn = []
    try:
        try:
            render(args.results_dir, args.format, args.out, args.only, title=args.title,
                   subtitle=args.subtitle, shown_as=args.shown_as, not_drawn=not_drawn,
                   kpis=args.kpis)
        except BaseException as err:
            # a library may wrap the Interrupted raised inside it in its own error
            if _SIGNALLED and not isinstance(err, Interrupted):
                raise Interrupted(_SIGNALLED[0]) from None
            raise
    except Interrupted as err:
        # default handlers again: a second signal while reporting ends us plainly
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if not_drawn:
            print(f"{PROG}: interrupted; no figure was put in place. Not drawn: "
                  f"{', '.join(not_drawn)}", file=sys.stderr)
        else:
            print(f"{PROG}: interrupted; no figure was put in place", file=sys.stderr)
        return 128 + err.signum
    except (ForeignFiles, WrongFigures) as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except MissingResults as err:
        print(f"{PROG}: error: {err}", file=sys.stderr)
        return 2
    except SchemaError as err:
        print(f"{PROG}: error: {os.path.join(args.results_dir, '')}{err} "
              f"(see docs/output-schema.md)", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
