#!/usr/bin/env python3
"""Counts the functions of src/ longer than a limit (70 lines, conventions.md "Small functions").

A measurement, not a test: it prints how many functions of the non-test sources (tests,
`*_test_*.h` helpers and testing/ left out) run over the limit, then the longest of them with
their file, first line and length. A function's length is counted in lines from the first line
of its signature to its closing brace. Functions are found by brace depth after comments,
string and character literals are blanked out: a brace block at namespace or class scope whose
header has a parameter list and no `=` is a function (so lambdas and member functions count as
part of the function or class that holds them only when nested in a function; member functions
defined in a class count on their own).

usage: long_functions.py [--limit N] [--top N] [SRC_DIR]
"""

import argparse
import os
import re
import sys

SCOPES = ("namespace", "class")
CLASS_HEAD = re.compile(r"\b(class|struct|union)\b")
ENUM_HEAD = re.compile(r"\benum\b")
NAMESPACE_HEAD = re.compile(r"\b(namespace|extern)\b")
CONTROL_HEAD = re.compile(r"^\s*(if|for|while|switch|catch|do|else|try)\b")


def blank(text):
    """text with comments and literals replaced by spaces, newlines kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            delim_end = text.find("(", i)
            delim = text[i + 2:delim_end]
            end = text.find(")" + delim + '"', delim_end)
            end = n if end < 0 else end + len(delim) + 2
            out.append('""' + re.sub(r"[^\n]", " ", text[i + 2:end]))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (j - i - 1) + (c if j < n else ""))
            i = j + 1
        elif c == "#" and (i == 0 or text[i - 1] == "\n"):
            end = i
            while True:  # a preprocessor line, with its continuations
                end = text.find("\n", end)
                if end < 0 or text[end - 1] != "\\":
                    break
                end += 1
            end = n if end < 0 else end
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(text):
    """(name, first line, last line) of each function defined at namespace or class scope."""
    code = blank(text)
    found, stack = [], []  # stack of (kind, name, first line)
    header_start, i, n = 0, 0, len(code)
    while i < n:
        c = code[i]
        if c in ";}":
            if c == "}" and stack:
                kind, name, first = stack.pop()
                if kind == "function":
                    found.append((name, first, code.count("\n", 0, i) + 1))
            header_start = i + 1
        elif c == "{":
            header = code[header_start:i]
            scope = stack[-1][0] if stack else "namespace"
            brace_init = (re.search(r"[\w>]\s*$", header) and re.search(r"\)\s*:", header)
                          and not re.search(r"\)\s*(const|override|final|noexcept)?\s*$", header))
            if scope in SCOPES and brace_init:
                depth = 0  # a member initialiser in braces: part of the constructor's header
                while i < n:
                    depth += {"{": 1, "}": -1}.get(code[i], 0)
                    if depth == 0:
                        break
                    i += 1
                i += 1
                continue
            if scope not in SCOPES:
                kind = "other"
            elif NAMESPACE_HEAD.search(header) and "(" not in header:
                kind = "namespace"
            elif ENUM_HEAD.search(header):
                kind = "other"
            elif CLASS_HEAD.search(header) and "(" not in header:
                kind = "class"
            elif "(" in header and ")" in header and not CONTROL_HEAD.match(header) \
                    and ("=" not in header.split("(")[0] or "operator" in header.split("(")[0]):
                kind = "function"
            else:
                kind = "other"
            stripped = header.lstrip()
            first = code.count("\n", 0, header_start + (len(header) - len(stripped))) + 1
            name = ""
            if kind == "function":
                match = re.search(r"([\w:~<>=!+\-*/\[\]]+)\s*\(", header)
                name = match.group(1) if match else "?"
            stack.append((kind, name, first))
            header_start = i + 1
        i += 1
    return found


def is_test(path):
    name = os.path.basename(path)
    return name.endswith("_test.cc") or "_test_" in name or path.split(os.sep)[0] == "testing"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=70)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("src", nargs="?",
                        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                             "src"))
    args = parser.parse_args(argv[1:])
    src = os.path.normpath(args.src)
    counted, long_ones = 0, []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for file in sorted(files):
            if not file.endswith((".h", ".cc")):
                continue
            path = os.path.relpath(os.path.join(root, file), src)
            if is_test(path):
                continue
            with open(os.path.join(root, file), encoding="utf-8", errors="replace") as f:
                for name, first, last in functions(f.read()):
                    counted += 1
                    length = last - first + 1
                    if length > args.limit:
                        long_ones.append((length, f"src/{path}:{first}", name))
    long_ones.sort(key=lambda item: (-item[0], item[1]))
    print(f"{len(long_ones)} of {counted} functions in src/ (tests aside) are over "
          f"{args.limit} lines")
    for length, where, name in long_ones[:args.top]:
        print(f"{length:5d}  {where}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
