#!/usr/bin/env -S /usr/bin/python3
"""Render the standard adoptsim figures from a results directory.

    /usr/bin/python3 plots/render.py RESULTS_DIR [--format png|svg|pdf]
                                     [-o OUT_DIR] [--only NAME,...]

RESULTS_DIR is the output of `adoptsim run -o DIR` (docs/output-schema.md);
only the documented files are read. Figures go to OUT_DIR (default
RESULTS_DIR/figures). A figure whose data is absent is skipped with a one-line
note. Exit status 2 when RESULTS_DIR has no summary.json or a file does not
follow the schema (the message names the file and the column).
"""

import argparse
import os
import sys

import matplotlib

# The command line writes files only; notebooks importing figures.py keep
# their own (inline) backend.
matplotlib.use("Agg")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import figures  # noqa: E402
import style  # noqa: E402
from results import MissingResults, Results, SchemaError  # noqa: E402

PROG = "render.py"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG, description="Render the standard adoptsim figures from a results directory.")
    parser.add_argument("results_dir", metavar="RESULTS_DIR",
                        help="output folder of `adoptsim run -o DIR`")
    parser.add_argument("--format", default="png", choices=["png", "svg", "pdf"],
                        help="file format (default png, 2000x1125 px)")
    parser.add_argument("-o", "--out", metavar="OUT_DIR",
                        help="where to write the figures (default RESULTS_DIR/figures)")
    parser.add_argument("--only", metavar="NAME,...",
                        help="only these figures: " + ", ".join(figures.FIGURES))
    args = parser.parse_args(argv)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in figures.FIGURES]
        if unknown or not names:
            parser.error(f"--only: unknown figure {', '.join(unknown) or '(none)'}; "
                         f"expected some of {', '.join(figures.FIGURES)}")
        args.only = names
    return args


def jobs(res, only=None):
    """(figure name, function, scenario or None) in drawing order."""
    for name, (func, kind) in figures.FIGURES.items():
        if only and name not in only:
            continue
        if kind == figures.PER_SCENARIO:
            for scn in res.scenarios:
                yield name, func, scn
        else:
            yield name, func, None


def render(results_dir, fmt="png", out_dir=None, only=None, log=print):
    """Render into out_dir; returns {file stem: path or None when skipped}."""
    res = Results(results_dir)
    # read every file the chosen figures need before drawing anything, so a
    # schema violation leaves no partial set of figures behind
    for name in figures.FIGURES:
        if not only or name in only:
            for attribute in figures.NEEDS[name]:
                getattr(res, attribute)
    out_dir = out_dir or os.path.join(results_dir, "figures")
    os.makedirs(out_dir, exist_ok=True)
    written = {}
    n = len(res.scenarios)
    for name, func, scn in jobs(res, only):
        stem = figures.file_stem(name, scn, n)
        try:
            fig = func(res, scn) if scn is not None else func(res)
        except figures.Skip as skip:
            log(f"skipped {stem}: {skip}")
            written[stem] = None
            continue
        path = os.path.join(out_dir, f"{stem}.{fmt}")
        tmp = os.path.join(out_dir, f".{stem}.tmp.{fmt}")
        try:
            style.save(fig, tmp, fmt)
            os.replace(tmp, path)
        finally:
            style.close(fig)
            if os.path.exists(tmp):
                os.remove(tmp)
        log(f"wrote {path}")
        written[stem] = path
    return written


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if not os.path.isdir(args.results_dir):
        print(f"{PROG}: error: {args.results_dir}: no such directory", file=sys.stderr)
        return 2
    try:
        render(args.results_dir, args.format, args.out, args.only)
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
