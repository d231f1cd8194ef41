#!/usr/bin/env python3
"""Fails on an #include that goes the wrong way between Ordo's layers.

The rules are the source folders' own READMEs: each layer's README.md has a line

    May depend on: `base/`, `domain/**`, `store/` (the interfaces, not an engine).

naming, in backquotes and ending in a slash, the folders (relative to src/) whose headers the
layer's files may include; the rule runs to the end of its paragraph, and other words are
commentary. `x/` is the layer of folder x alone (a sub-folder
with a rule of its own is another layer); `x/**` is x and every layer under it. A line reading
"May depend on: nothing ..." (no backquotes) allows no other layer. A README may add

    Tests may also use: `testing/`, `store/sqlite/`.

for its test code (`*_test.cc` and test helpers named `*_test_*.h`), which may reach further than
the code under test (a store's tests drive it through the app's commands).

A file belongs to the nearest folder, itself or above, whose README has a "May depend on" line;
so `domain/anomaly/rules/` is part of `domain/anomaly/` unless its README says otherwise. An
include within one layer is always allowed. Besides the READMEs' lines, four rules hold:
  - every folder holding sources has a README.md (a map of it; its rule may be its parent's);
  - only test code includes `testing/` (fixtures are linked by test executables only);
  - every quoted include resolves to a file under src/ (nothing is reached around the rules);
  - the rules themselves form no cycle, so the layers have one dependency order.

usage: check_layers.py [SRC_DIR]   (default: the checkout's src/)
Prints one line per wrong include (file:line: the include, the rule it breaks) and exits 1, or
prints a one-line summary and exits 0.
"""

import os
import re
import sys

# A rule runs from its words to the end of its paragraph or to the next rule.
RULE = re.compile(r"^[ \t]*May depend on:(.*?)(?=\n[ \t]*\n|\n[ \t]*Tests may also use:|\Z)",
                  re.MULTILINE | re.DOTALL)
TEST_RULE = re.compile(r"^[ \t]*Tests may also use:(.*?)(?=\n[ \t]*\n|\n[ \t]*May depend on:|\Z)",
                       re.MULTILINE | re.DOTALL)
QUOTED = re.compile(r"`([^`]+/(?:\*\*)?)`")
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCE_SUFFIXES = (".h", ".cc")
TESTING = "testing"


class Layer:
    def __init__(self, path, readme, allowed, test_allowed, line, test_line):
        self.path = path  # relative to src/, "" for src/ itself
        self.readme = readme
        self.allowed = allowed  # [(folder, subtree)]
        self.test_allowed = test_allowed
        self.line = line  # the README's rules as written
        self.test_line = test_line


def display(path):
    return (path + "/") if path else "src/"


def parse_entries(text):
    """The (folder, subtree) pairs of a rule's backquoted names."""
    entries = []
    for token in QUOTED.findall(text):
        token = token.strip()
        subtree = token.endswith("/**")
        folder = token[:-3] if subtree else token
        entries.append((folder.strip("/"), subtree))
    return entries


def read_layers(src):
    """Every folder whose README.md states its rule, by path relative to src/."""
    layers, problems = {}, []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        if "README.md" not in files:
            continue
        readme = os.path.join(root, "README.md")
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        rule = RULE.search(text)
        if not rule:
            continue
        path = os.path.relpath(root, src).replace(os.sep, "/")
        path = "" if path == "." else path
        tests = TEST_RULE.search(text)
        layers[path] = Layer(path, os.path.relpath(readme, os.path.dirname(src)),
                             parse_entries(rule.group(1)),
                             parse_entries(tests.group(1)) if tests else [],
                             "May depend on: " + " ".join(rule.group(1).split()),
                             "Tests may also use: " + " ".join(tests.group(1).split())
                             if tests else "")
    for layer in layers.values():
        for folder, subtree in layer.allowed + layer.test_allowed:
            if not os.path.isdir(os.path.join(src, folder)):
                problems.append(f"{layer.readme}: names `{folder}/`, which is not a folder of src/")
            elif not subtree and folder not in layers:
                problems.append(f"{layer.readme}: names `{folder}/`, which has no README with a "
                                f"\"May depend on\" line (`{folder}/**` for the layers under it)")
    return layers, problems


def layer_of(path, layers):
    """The layer of a file (path relative to src/): its nearest folder with a rule."""
    folder = os.path.dirname(path)
    while True:
        if folder in layers:
            return layers[folder]
        if not folder:
            return None
        folder = os.path.dirname(folder)


def matches(layer_path, entries):
    for folder, subtree in entries:
        if layer_path == folder or (subtree and (not folder or layer_path.startswith(folder + "/"))):
            return True
    return False


def is_test_code(path):
    name = os.path.basename(path)
    return name.endswith("_test.cc") or "_test_" in name


def is_testing(path):
    return path == TESTING or path.startswith(TESTING + "/")


def sources(src):
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                full = os.path.join(root, name)
                yield os.path.relpath(full, src).replace(os.sep, "/"), full


def check_readmes(src):
    """A problem for each folder with sources but no README.md."""
    shown = os.path.basename(os.path.normpath(src))
    problems = []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        if any(name.endswith(SOURCE_SUFFIXES) for name in files) and "README.md" not in files:
            path = os.path.relpath(root, src).replace(os.sep, "/")
            problems.append(f"{shown}/{path}/: has sources but no README.md (what is here, what "
                            "it may depend on, where to start reading)")
    return problems


def check_includes(src, layers):
    problems, count = [], 0
    shown = os.path.basename(os.path.normpath(src))
    for path, full in sources(src):
        layer = layer_of(path, layers)
        if layer is None:
            problems.append(f"{shown}/{path}: no README.md with a \"May depend on\" line in its "
                            "folder or above")
            continue
        test = is_test_code(path)
        with open(full, encoding="utf-8", errors="replace") as f:
            for number, text in enumerate(f, 1):
                match = INCLUDE.match(text)
                if not match:
                    continue
                count += 1
                included = match.group(1)
                where = f"{shown}/{path}:{number}"
                if not os.path.isfile(os.path.join(src, included)):
                    problems.append(f"{where}: #include \"{included}\" is not a path under "
                                    f"{shown}/ (include by the path from {shown}/)")
                    continue
                target = layer_of(included, layers)
                if target is None or target is layer:
                    continue
                if is_testing(target.path) and not test and not is_testing(layer.path):
                    problems.append(f"{where}: #include \"{included}\": only test code "
                                    f"(*_test.cc, *_test_*.h) may use {TESTING}/")
                    continue
                if matches(target.path, layer.allowed):
                    continue
                if test and matches(target.path, layer.test_allowed):
                    continue
                rule = layer.line
                if test and layer.test_line:
                    rule += "; " + layer.test_line
                problems.append(f"{where}: {display(layer.path)} may not include \"{included}\" "
                                f"({display(target.path)}): {layer.readme} says {rule}")
    return problems, count


def expand(entries, layers):
    return sorted({p for p in layers if matches(p, entries)})


def find_cycle(layers):
    """A cycle of the rules (non-test) as a list of layer paths, or None."""
    edges = {p: [q for q in expand(layer.allowed, layers) if q != p]
             for p, layer in layers.items()}
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in edges[node]:
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def check(src):
    """Every problem found under src, as printable lines, and the number of includes read."""
    layers, problems = read_layers(src)
    cycle = find_cycle(layers)
    if cycle:
        problems.append("the READMEs' rules form a cycle: " +
                        " -> ".join(display(p) for p in cycle))
    include_problems, count = check_includes(src, layers)
    return problems + check_readmes(src) + include_problems, count, len(layers)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    src = argv[1] if len(argv) > 1 else os.path.join(here, "..", "src")
    src = os.path.normpath(src)
    problems, count, layer_count = check(src)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_layers: {len(problems)} problem(s); each folder's README.md states what it "
              "may depend on (see scripts/check_layers.py)")
        return 1
    print(f"check_layers: {count} includes in {layer_count} layers, none in the wrong direction")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
