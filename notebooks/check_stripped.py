#!/usr/bin/python3
"""Check that notebooks are committed stripped: valid nbformat, no outputs, no execution
counts, and the Debian python3 kernel. Run by run_notebooks.sh; exits 1 naming each problem.

    /usr/bin/python3 notebooks/check_stripped.py notebooks/*.ipynb

To strip a notebook you ran in Jupyter: Edit > Clear All Outputs, then save; or
    /usr/bin/jupyter-nbconvert --clear-output --inplace notebooks/NN_name.ipynb
"""

import sys

import nbformat


def problems(path):
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # noqa: BLE001 -- any read or schema error is a finding
        return [f"not a valid notebook: {error}"]
    found = []
    kernel = notebook.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        found.append(f"kernelspec is {kernel!r}, expected 'python3'")
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            found.append(f"cell {index} has {len(cell.outputs)} output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"cell {index} has execution_count {cell.execution_count}")
    return found


def main(paths):
    if not paths:
        print("usage: check_stripped.py NOTEBOOK...", file=sys.stderr)
        return 2
    bad = 0
    for path in paths:
        for problem in problems(path):
            print(f"{path}: {problem}", file=sys.stderr)
            bad += 1
    if bad:
        print("strip them: /usr/bin/jupyter-nbconvert --clear-output --inplace NOTEBOOK", file=sys.stderr)
        return 1
    print(f"{len(paths)} notebook(s) stripped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
