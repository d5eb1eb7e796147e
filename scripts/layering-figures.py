#!/usr/bin/env python3
"""Figures on the workspace's layering, for issue 24's closing notes and later reviews.

    scripts/layering-figures.py [REPO]        # REPO defaults to this checkout

Prints, for the workspace members (not fuzz/ or third_party/):
- each crate and the workspace crates it depends on (normal dependencies, then dev-only);
- modules (.rs files under src/) and lines per crate;
- circles between files: files of one crate that reach each other through `crate::` paths
  or `super::sibling::` paths (a strongly connected component of more than one file; `mod`
  declarations, paths from a child to its parent and from a parent to its children, and
  `#[cfg(test)]` modules are not counted, so a parent and its child modules are no circle);
- functions over 80 lines outside tests (src/ only, `#[cfg(test)]` modules left out): lines
  from `fn` to the closing brace, and in brackets the body's lines that are neither blank
  nor only a comment, which is what clippy's `too_many_lines` counts (cross-check:
  `cargo clippy --workspace --lib --bins -- -W clippy::too_many_lines` with
  `too-many-lines-threshold = 80` in a clippy.toml under CLIPPY_CONF_DIR);
- second paths to a type: a `pub use` of a workspace crate (`pub use trustlabel_decode as
  decode`, or an item of one), and a `pub use` of an item whose module is itself public in
  the same crate (the item is then reachable by two paths); the ffi crate is listed apart:
  its re-exports are the list of what crosses the FFI, not a second Rust API;
- `sled::` uses outside the store (core/src/store.rs or core/src/store/).

It reads the sources as text (no build): good enough for figures, not a parser.
"""

import os
import re
import subprocess
import sys
import tomllib

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
LONG_FN = 80


def members():
    with open(os.path.join(ROOT, "Cargo.toml"), "rb") as f:
        ws = tomllib.load(f)["workspace"]
    out = []
    for m in ws["members"]:
        with open(os.path.join(ROOT, m, "Cargo.toml"), "rb") as f:
            pkg = tomllib.load(f)
        out.append((m, pkg))
    return out


def strip_tests(text):
    """The text with every `#[cfg(test)]` item (a module or a function) blanked out, lines kept."""
    out = list(text)
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?(mod|fn|use)\b", text):
        start = m.start()
        if m.group(1) == "use":
            end = text.find(";", m.end()) + 1
        else:
            brace = text.find("{", m.end())
            semi = text.find(";", m.end())
            if semi != -1 and (brace == -1 or semi < brace):
                end = semi + 1
            else:
                end = match_brace(text, brace)
        for i in range(start, end):
            if out[i] != "\n":
                out[i] = " "
    return "".join(out)


def strip_comments_and_strings(text, keep_strings=False):
    """Comments and string literals blanked (lines kept), so braces in them do not count.
    With `keep_strings`, only comments: every character keeps its offset either way."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j == -1 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            close = '"' + hashes
            j = text.find(close, i + 2 + len(hashes))
            j = n if j == -1 else j + len(close)
            out.append(text[i:j] if keep_strings else re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(text[i:j] if keep_strings else re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "'" and re.match(r"'(\\.|[^\\'])'", text[i:i + 4]) or (c == "'" and re.match(r"'\\u\{[0-9a-fA-F]+\}'", text[i:i + 12])):
            m = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:])
            out.append(m.group(0) if keep_strings else " " * len(m.group(0)))
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def match_brace(text, open_at):
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def rs_files(crate_dir):
    src = os.path.join(ROOT, crate_dir, "src")
    for dirpath, _, files in os.walk(src):
        for f in files:
            if f.endswith(".rs"):
                yield os.path.join(dirpath, f)


def nested_crates(crate_dir, all_dirs):
    return [d for d in all_dirs if d != crate_dir and d.startswith(crate_dir + "/")]


def crate_files(crate_dir, all_dirs):
    skip = [os.path.join(ROOT, d) + "/" for d in nested_crates(crate_dir, all_dirs)]
    return sorted(p for p in rs_files(crate_dir) if not any(p.startswith(s) for s in skip))


def module_of(path, src):
    rel = os.path.relpath(path, src)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    if rel and rel[0] == "bin":
        return None
    return tuple(rel)


def file_graph(crate_dir, files):
    src = os.path.join(ROOT, crate_dir, "src")
    mods = {}
    for p in files:
        m = module_of(p, src)
        if m is not None:
            mods[m] = p
    edges = {p: set() for p in mods.values()}
    for m, p in mods.items():
        text = strip_tests(strip_comments_and_strings(open(p).read()))
        for ref in re.finditer(r"\bcrate::((?:[a-z_][a-z0-9_]*::)*[a-z_][a-z0-9_]*)", text):
            parts = tuple(ref.group(1).split("::"))
            # the longest module prefix that is a file
            for k in range(len(parts), 0, -1):
                if parts[:k] in mods:
                    target = mods[parts[:k]]
                    if target != p:
                        edges[p].add(target)
                    break
        # `use crate::{a::X, b::Y}` groups
        for grp in re.finditer(r"\buse crate::\{([^;]*)\};", text):
            for item in re.findall(r"([a-z_][a-z0-9_]*)::", grp.group(1)):
                if (item,) in mods and mods[(item,)] != p:
                    edges[p].add(mods[(item,)])
        # `super::sibling::X` (and `use super::{sibling::X}`): a sibling file, not the parent.
        parent = m[:-1]
        siblings = [r.group(1) for r in re.finditer(r"\bsuper::([a-z_][a-z0-9_]*)::", text)]
        for grp in re.finditer(r"\buse super::\{([^;]*)\};", text):
            siblings += re.findall(r"(?<![\w:])([a-z_][a-z0-9_]*)::", grp.group(1))
        for name in siblings:
            target = mods.get(parent + (name,))
            if target is not None and target != p:
                edges[p].add(target)
    return edges


def sccs(edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in edges:
        if v not in index:
            visit(v)
    return out


def long_functions(path):
    source = open(path).read()
    text = strip_tests(strip_comments_and_strings(source))
    # For the code lines: comments blanked, strings kept (a string's lines are code to clippy).
    uncommented = strip_comments_and_strings(source, keep_strings=True)
    out = []
    for m in re.finditer(r"\bfn\s+([A-Za-z_][A-Za-z0-9_]*)", text):
        # the body's opening brace: the first `{` at bracket depth 0 after the signature
        depth = 0
        i = m.end()
        while i < len(text):
            c = text[i]
            if c in "(<[":
                depth += 1
            elif c in ")>]":
                depth -= 1 if not (c == ">" and text[i - 1] == "-") else 0
            elif c == ";" and depth <= 0:
                i = -1
                break
            elif c == "{" and depth <= 0:
                break
            i += 1
        if i == -1 or i >= len(text):
            continue
        end = match_brace(text, i)
        first = text.count("\n", 0, m.start()) + 1
        last = text.count("\n", 0, end) + 1
        lines = last - first + 1
        if lines > LONG_FN:
            # clippy's count: the body, `{` to `}`, without blank or comment-only lines.
            start = text.rfind("\n", 0, i) + 1
            code = sum(1 for line in uncommented[start:end].split("\n") if line.strip())
            out.append((lines, m.group(1), first, code))
    return out


def public_modules(path):
    """The modules `path` declares `pub mod` (not `pub(crate)`), tests left out."""
    text = strip_tests(strip_comments_and_strings(open(path).read()))
    return set(re.findall(r"(?<![\w)])pub\s+mod\s+([a-z_][a-z0-9_]*)", text))


def second_paths(files, crate_names):
    """`pub use` lines that give an item a second public path: see the module doc."""
    out = []
    idents = {n.replace("-", "_") for n in crate_names}
    for p in files:
        text = strip_tests(strip_comments_and_strings(open(p).read()))
        mods = public_modules(p)
        lib = os.path.join(os.path.dirname(p), "lib.rs")
        crate_mods = public_modules(lib) if os.path.exists(lib) else set()
        for m in re.finditer(r"(?<![\w)])pub\s+use\s+([^;]+);", text):
            path = " ".join(m.group(1).split())
            head = re.split(r"::|\s", path, maxsplit=1)[0]
            line = text.count("\n", 0, m.start()) + 1
            if head in idents:
                out.append((p, line, path, "another crate's"))
            elif head == "crate":
                parts = path.split("::")
                if len(parts) > 2 and parts[1] in crate_mods:
                    out.append((p, line, path, "public module's"))
            elif head == "self":
                parts = path.split("::")
                if len(parts) > 2 and parts[1] in mods:
                    out.append((p, line, path, "public module's"))
            elif head in mods:
                out.append((p, line, path, "public module's"))
    return out


def rel(p):
    return os.path.relpath(p, ROOT)


def main():
    ms = members()
    dirs = [d for d, _ in ms]
    names = {pkg["package"]["name"] for _, pkg in ms}
    print(f"# Layering figures for {ROOT}")
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    print(f"commit {head}\n")

    print("## Crates and their workspace dependencies")
    for d, pkg in ms:
        name = pkg["package"]["name"]
        deps = sorted(k for k in pkg.get("dependencies", {}) if k in names)
        dev = sorted(k for k in pkg.get("dev-dependencies", {}) if k in names and k not in deps and k != name)
        extra = f"  (dev: {', '.join(dev)})" if dev else ""
        print(f"- {name} -> {', '.join(deps) or '(none)'}{extra}")
    print()

    print("## Modules and lines per crate (src/, tests included)")
    print("| crate | modules | lines |")
    print("|---|---|---|")
    total_m = total_l = 0
    per_crate = {}
    for d, pkg in ms:
        files = crate_files(d, dirs)
        per_crate[d] = files
        lines = sum(sum(1 for _ in open(p)) for p in files)
        total_m += len(files)
        total_l += lines
        print(f"| {pkg['package']['name']} | {len(files)} | {lines} |")
    print(f"| total | {total_m} | {total_l} |\n")

    print("## Circles between files (through `crate::` and `super::sibling::` paths, tests left out)")
    circles = []
    for d, _ in ms:
        circles += sccs(file_graph(d, per_crate[d]))
    for c in circles:
        print("- " + " <-> ".join(rel(p) for p in c))
    print(f"total: {len(circles)}\n")

    print(f"## Functions over {LONG_FN} lines outside tests")
    longs = []
    for d, _ in ms:
        for p in per_crate[d]:
            for lines, name, line, code in long_functions(p):
                longs.append((lines, code, f"{rel(p)}:{line} {name}"))
    for lines, code, where in sorted(longs, reverse=True):
        print(f"- {lines} lines ({code} of code): {where}")
    over = sum(1 for _, code, _ in longs if code > LONG_FN)
    print(f"total: {len(longs)} ({over} with over {LONG_FN} lines of code)\n")

    print("## Second paths to a type (`pub use`)")
    seconds, ffi = [], []
    for d, pkg in ms:
        found = second_paths(per_crate[d], names)
        (ffi if pkg["package"]["name"] == "trustlabel-ffi" else seconds).extend(found)
    for p, line, path, kind in seconds:
        print(f"- {rel(p)}:{line} pub use {path} ({kind} item)")
    print(f"total: {len(seconds)}; and {len(ffi)} in the ffi crate (what crosses the FFI)\n")

    print("## `sled::` outside the store")
    uses = {}
    for d, _ in ms:
        for p in per_crate[d]:
            r = rel(p)
            if r == "core/src/store.rs" or r.startswith("core/src/store/"):
                continue
            n = len(re.findall(r"\bsled::", strip_comments_and_strings(open(p).read())))
            if n:
                uses[r] = n
    for r, n in sorted(uses.items()):
        print(f"- {r}: {n}")
    print(f"total: {sum(uses.values())} in {len(uses)} files")


if __name__ == "__main__":
    main()
