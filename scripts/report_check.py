#!/usr/bin/env python3
"""Checks a gridtool HTML report as Chromium rendered it (its --dump-dom output).

Usage: report_check.py DOM.html CONSOLE.log SOLVE.json [SECTION=RESULT.json ...]

SOLVE.json is `gridtool solve NETWORK --format json` of the network the report is about:
it says how many branches are in service and which rings and corridors exist. Each
SECTION=RESULT.json pairs a section of the page (network, contingency, scenario, security)
with the JSON output of the same run, whose numbers the section must show exactly.

Asserted: the page's script ran to its end (<html data-script="ok">) and the console is
empty (no script errors, no messages); every map has one path per in-service branch, a
legend, and a label for every ring and corridor (with its name as the network gives it);
every number that names a JSON field (data-f) or a branch's flow (data-p) equals the JSON's.
Standard library only. Exit status 0 when all hold, 1 otherwise (each failure printed).
"""
import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], []

    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def all_text(self):
        return "".join(self.text + [c.all_text() for c in self.children])

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def ancestor(self, pred):
        n = self.parent
        while n is not None and not pred(n):
            n = n.parent
        return n


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.text.append(data)


failures = []


def fail(message):
    failures.append(message)


def lookup(doc, path, key):
    """The JSON object of a table row: path `corridors` or `totals.technologies`, key a name or 1-based row."""
    node = doc
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict) or key is None:
        return node
    for item in node or []:
        for k in ("name", "technology"):
            if item.get(k) == key:
                return item
        for k in ("index", "branch"):
            if str(item.get(k)) == key:
                return item
    return None


def check_numbers(section, doc, name):
    """Every element with a JSON field (data-f) and an exact value (data-v, or data-max on a
    duration curve), and every monthly bar's energy sent (data-sent), against the JSON."""
    checked = 0
    months = doc.get("months", [])
    for n in section.walk():
        field = n.attrs.get("data-f")
        value = n.attrs.get("data-v", n.attrs.get("data-max"))
        if field is None or value is None:
            continue
        # The holder names the JSON object or array; a row between it and the element (or the
        # holder itself) names the array's element.
        key, holder, a = None, None, n
        while a is not None and holder is None:
            if key is None and "data-key" in a.attrs:
                key = a.attrs["data-key"]
            if "data-json" in a.attrs:
                holder = a
            a = a.parent
        if holder is None:
            continue
        where = f"{holder.attrs['data-json']}[{key or ''}].{field}"
        obj = lookup(doc, holder.attrs["data-json"], key)
        if obj is None:
            fail(f"{name}: no JSON element for {where}")
            continue
        want = obj.get(field)
        if isinstance(want, list):
            want = want[months.index(n.attrs["data-month"])] if "data-month" in n.attrs else None
        if want is None or float(want) != float(value):
            fail(f"{name}: {where}: page {value}, JSON {want!r}")
        checked += 1
    # Loss bars carry the month's energy sent.
    for n in section.walk():
        if "data-sent" in n.attrs and "data-month" in n.attrs:
            block = n.ancestor(lambda a: "data-key" in a.attrs and "data-json" in a.attrs)
            obj = lookup(doc, block.attrs["data-json"], block.attrs["data-key"]) if block else None
            want = obj["monthly_sent_mwh"][months.index(n.attrs["data-month"])] if obj else None
            if want is None or float(n.attrs["data-sent"]) != float(want):
                fail(f"{name}: energy sent in {n.attrs['data-month']}: page {n.attrs['data-sent']}, JSON {want!r}")
            checked += 1
    return checked


def main(argv):
    dom_path, log_path, solve_path = argv[1:4]
    pairs = dict(a.split("=", 1) for a in argv[4:])
    tree = Tree()
    with open(dom_path, encoding="utf-8") as f:
        tree.feed(f.read())
    with open(solve_path, encoding="utf-8") as f:
        solve = json.load(f)
    html = next((n for n in tree.root.walk() if n.tag == "html"), None)
    if html is None or html.attrs.get("data-script") != "ok":
        fail("the page's script did not run to its end (no <html data-script=\"ok\">)")
    with open(log_path, encoding="utf-8", errors="replace") as f:
        console = [line.strip() for line in f if ":CONSOLE" in line or "Uncaught" in line]
    for line in console:
        fail("console: " + line)

    in_service = solve["summary"]["branches_in_service"]
    groups = [(g["name"], g.get("display_name") or g["name"]) for g in solve.get("rings", []) + solve.get("corridors", [])]
    maps = [n for n in tree.root.walk() if n.tag == "svg" and "map" in n.classes()]
    if not maps:
        fail("no map")
    for svg in maps:
        mid = svg.attrs.get("id")
        paths = [n for n in svg.walk() if n.tag == "path" and "br" in n.classes()]
        if len(paths) != in_service:
            fail(f"{mid}: {len(paths)} branch paths, {in_service} branches in service")
        if not any(n.tag == "g" and "legend" in n.classes() for n in svg.walk()):
            fail(f"{mid}: no legend")
        for gname, display in groups:
            labels = [n for n in svg.walk() if "grouplabel" in n.classes() and n.attrs.get("data-group") == gname]
            if not labels or not any(display in label.all_text() for label in labels):
                fail(f"{mid}: ring or corridor {gname!r} not labelled {display!r}")
    flow_map = next((m for m in maps if m.attrs.get("id") == "flow-svg"), None)
    sections = {n.attrs.get("id"): n for n in tree.root.walk() if n.tag == "section"}
    summary = [f"{len(maps)} maps, {in_service} branch paths each"]
    for name, path in pairs.items():
        if name not in sections:
            fail(f"no section {name!r}")
            continue
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        count = check_numbers(sections[name], doc, name)
        if name == "network" and flow_map is not None:
            for p in (n for n in flow_map.walk() if n.tag == "path" and "br" in n.classes()):
                row = doc["branches"][int(p.attrs["data-i"]) - 1]
                if float(p.attrs["data-p"]) != row["p_from_mw"]:
                    fail(f"branch {p.attrs['data-i']}: page {p.attrs['data-p']}, JSON {row['p_from_mw']}")
                if "data-l" in p.attrs and float(p.attrs["data-l"]) != row["loading_pct"]:
                    fail(f"branch {p.attrs['data-i']} loading: page {p.attrs['data-l']}, JSON {row['loading_pct']}")
                count += 1
        if count == 0:
            fail(f"{name}: no number to compare with the JSON")
        summary.append(f"{name}: {count} numbers equal to the JSON")
    for message in failures:
        print("FAIL " + message)
    if not failures:
        print("ok: " + "; ".join(summary) + f"; {len(groups)} rings and corridors labelled; console empty")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
