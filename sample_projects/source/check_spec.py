#!/usr/bin/env python3
"""Sanity checks for spec.ron (the sample project spec).

Run from anywhere: `python3 sample_projects/source/check_spec.py`.
Parses the small RON subset used by spec.ron (structs/tuples, lists, maps,
strings, numbers, identifiers, // comments) and verifies that
  * every coded quote is an exact substring of its document's .txt file
    (for a .pdf document, the .txt with the same stem), 40-300 characters,
    on one line; for PDFs it is also found on a single page of the
    `pdftotext` output when pdftotext is installed (whitespace-normalised);
  * every code path exists in the codebook, and every category, reviewer and
    attribute value is declared;
  * document texts are 2,500-5,000 characters.
Prints codings per document / reviewer / category and document prevalence per
factor. Exit status 1 on any error.
"""
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Parser:
    TOKEN = re.compile(
        r'\s+|//[^\n]*|/\*.*?\*/'          # whitespace, comments
        r'|(?P<str>"(?:[^"\\]|\\.)*")'
        r'|(?P<num>-?\d+(?:\.\d+)?)'
        r'|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)'
        r'|(?P<punct>[()\[\]{}:,])',
        re.S,
    )

    def __init__(self, text):
        self.toks = []
        pos = 0
        while pos < len(text):
            m = self.TOKEN.match(text, pos)
            if not m:
                raise SyntaxError(f"unexpected character at offset {pos}: {text[pos:pos+20]!r}")
            pos = m.end()
            for kind in ("str", "num", "ident", "punct"):
                if m.group(kind) is not None:
                    self.toks.append((kind, m.group(kind)))
        self.i = 0

    def peek(self, k=0):
        return self.toks[self.i + k] if self.i + k < len(self.toks) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise SyntaxError(f"expected {value!r}, got {tok[1]!r} (token {self.i})")
        self.i += 1
        return tok

    def value(self):
        kind, tok = self.peek()
        if kind == "str":
            self.take()
            body = tok[1:-1]
            return re.sub(r'\\(u\{[0-9a-fA-F]+\}|.)', _unescape, body)
        if kind == "num":
            self.take()
            return float(tok) if "." in tok else int(tok)
        if kind == "ident":
            self.take()
            if self.peek()[1] == "(":  # named struct / enum variant
                return self.value()
            return {"true": True, "false": False}.get(tok, tok)
        if tok == "[":
            self.take("[")
            items = []
            while self.peek()[1] != "]":
                items.append(self.value())
                if self.peek()[1] == ",":
                    self.take(",")
            self.take("]")
            return items
        if tok == "{":
            self.take("{")
            items = {}
            while self.peek()[1] != "}":
                key = self.value()
                self.take(":")
                items[key] = self.value()
                if self.peek()[1] == ",":
                    self.take(",")
            self.take("}")
            return items
        if tok == "(":
            self.take("(")
            if self.peek()[0] == "ident" and self.peek(1)[1] == ":":
                items = {}
                while self.peek()[1] != ")":
                    key = self.take()[1]
                    self.take(":")
                    items[key] = self.value()
                    if self.peek()[1] == ",":
                        self.take(",")
                self.take(")")
                return items
            items = []
            while self.peek()[1] != ")":
                items.append(self.value())
                if self.peek()[1] == ",":
                    self.take(",")
            self.take(")")
            return tuple(items)
        raise SyntaxError(f"unexpected token {tok!r}")


def _unescape(m):
    s = m.group(1)
    simple = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "0": "\0"}
    if s in simple:
        return simple[s]
    if s.startswith("u{"):
        return chr(int(s[2:-1], 16))
    return s


# Factor names as Figure 1 of the seed rapid evidence synthesis names them.
EXPECTED = {
    "Relational factors": [
        "Vision and purpose", "Leadership", "Working relationships and trust",
        "Professional identities and boundaries", "Involving patients and the public",
        "Primary care and GP involvement",
    ],
    "Organisational factors": [
        "Resources", "Funding and financial mechanisms",
        "Professional development and shared learning", "Multidisciplinary teams",
        "Co-location", "Care navigators and case managers", "Information governance",
    ],
}


def main():
    spec = Parser((HERE / "spec.ron").read_text(encoding="utf-8")).value()
    errors = []

    def err(msg):
        errors.append(msg)

    # codebook
    paths = set()

    def walk(node, prefix):
        path = f"{prefix} > {node['name']}" if prefix else node["name"]
        if path in paths:
            err(f"duplicate code path {path}")
        paths.add(path)
        if not node.get("description"):
            err(f"code {path} has no description")
        for child in node.get("children", []):
            walk(child, path)

    for group in spec["codebook"]:
        walk(group, "")
    for group, factors in EXPECTED.items():
        for f in factors:
            if f"{group} > {f}" not in paths:
                err(f"codebook lacks seed factor {group} > {f}")

    reviewers = {r["id"] for r in spec["reviewers"]}
    categories = set(spec["categories"])
    attrs = {a["name"]: a for a in spec["attributes"]}
    pdftotext = shutil.which("pdftotext")

    per_doc = []
    by_reviewer = Counter()
    by_category = Counter()
    prevalence = defaultdict(lambda: defaultdict(set))  # reviewer -> code prefix -> docs
    total = 0

    for doc in spec["documents"]:
        file = doc["file"]
        stem = file.rsplit(".", 1)[0]
        txt_path = HERE / f"{stem}.txt"
        if not (HERE / file).exists():
            err(f"{file}: file missing")
        if not txt_path.exists():
            err(f"{file}: {stem}.txt missing")
            continue
        text = txt_path.read_text(encoding="utf-8")
        if not 2500 <= len(text) <= 5000:
            err(f"{stem}.txt: {len(text)} characters (want 2,500-5,000)")
        if text.split("\n", 1)[0].strip() != doc["title"]:
            err(f"{file}: title does not match the first line of the .txt")
        pdf_text = None
        if file.endswith(".pdf") and pdftotext:
            out = subprocess.run([pdftotext, str(HERE / file), "-"], capture_output=True, text=True)
            pdf_text = " ".join(out.stdout.split())
            # pdftotext separates pages with form feeds
            pdf_pages = [" ".join(page.split()) for page in out.stdout.split("\f")]
        for name, value in doc["attributes"].items():
            a = attrs.get(name)
            if a is None:
                err(f"{file}: unknown attribute {name}")
            elif a["kind"] == "choice" and value not in a["choices"]:
                err(f"{file}: {name}={value!r} not among the choices")
            elif a["kind"] == "number" and not re.fullmatch(r"-?\d+(\.\d+)?", value):
                err(f"{file}: {name}={value!r} is not a number")
        counts = Counter()
        for c in doc["codings"]:
            q = c["quote"]
            where = f"{file}: quote {q[:50]!r}"
            if q not in text:
                err(f"{where}: not a substring of {stem}.txt")
            if not 40 <= len(q) <= 300:
                err(f"{where}: length {len(q)} (want 40-300)")
            if "\n" in q:
                err(f"{where}: spans a line break")
            if pdf_text is not None and " ".join(q.split()) not in pdf_text:
                err(f"{where}: not found in pdftotext output")
            elif pdf_text is not None and not any(" ".join(q.split()) in pg for pg in pdf_pages):
                err(f"{where}: spans a page break in the PDF")
            if c["code"] not in paths:
                err(f"{where}: unknown code {c['code']!r}")
            if c["category"] not in categories:
                err(f"{where}: unknown category {c['category']!r}")
            if c["reviewer"] not in reviewers:
                err(f"{where}: unknown reviewer {c['reviewer']!r}")
            counts[c["reviewer"]] += 1
            by_reviewer[c["reviewer"]] += 1
            by_category[c["category"]] += 1
            parts = c["code"].split(" > ")
            for k in range(1, len(parts) + 1):
                prevalence[c["reviewer"]][" > ".join(parts[:k])].add(stem[:2])
            total += 1
        per_doc.append((file, sum(counts.values()), dict(counts)))

    print(f"{len(spec['documents'])} documents, {total} codings, {len(paths)} codes")
    for file, n, counts in per_doc:
        print(f"  {file:45s} {n:3d}  {counts}")
    print("per reviewer:", dict(by_reviewer))
    print("per category:", dict(by_category))
    print("prevalence (rev-ab, rolled up, documents):")
    for path in sorted(paths, key=lambda p: (p.split(" > ")[0], -len(prevalence['rev-ab'][p]))):
        docs = sorted(prevalence["rev-ab"][path])
        print(f"  {len(docs):2d}  {path}  {','.join(docs)}")

    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  -", e)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
