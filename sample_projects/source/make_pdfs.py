#!/usr/bin/env python3
"""Generate the PDF versions of sample documents 04 and 08 from their .txt files.

Re-runnable: `python3 make_pdfs.py` (needs `pip install fpdf2`).
The .txt files are the single source of truth; every paragraph of the .txt
becomes one paragraph in the PDF, so coded quotes (which never span a blank
line) stay within one paragraph of the PDF as well.

The PDF uses the core Helvetica font, so the source text must be Latin-1.
A forced page break is inserted before a named section heading so that each
PDF has at least two pages.
"""
import datetime as dt
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent

# document stem -> headings that start on a new page
DOCUMENTS = {
    "04_year_two_evaluation_report": ["Findings"],
    "08_care_coordinator_evaluation": ["What coordinators do", "Recommendations"],
}


def is_heading(paragraph: str) -> bool:
    """Short single-line paragraphs without a final full stop are headings."""
    return (
        "\n" not in paragraph
        and len(paragraph) < 70
        and not paragraph.endswith((".", ":", '"'))
        and not paragraph[0].isdigit()
    )


def build(stem: str, breaks: list[str]) -> Path:
    text = (HERE / f"{stem}.txt").read_text(encoding="utf-8")
    text.encode("latin-1")  # fail loudly if a character would not render
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(auto=True, margin=25)
    pdf.set_title(paragraphs[0])
    pdf.set_author("Thema sample project (fictional)")
    pdf.set_creator("make_pdfs.py")
    # a fixed creation date keeps re-runs byte-stable
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()

    width = pdf.epw
    for i, para in enumerate(paragraphs):
        # join any soft-wrapped lines inside a paragraph
        para = " ".join(line.strip() for line in para.split("\n"))
        if i == 0:
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(width, 8, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        elif para in breaks:
            pdf.add_page()
            pdf.set_font("Helvetica", "B", 13)
            pdf.multi_cell(width, 7, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif is_heading(para):
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(width, 6.5, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(width, 5.8, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)

    out = HERE / f"{stem}.pdf"
    pdf.output(str(out))
    return out


def main() -> None:
    for stem, breaks in DOCUMENTS.items():
        out = build(stem, breaks)
        print(f"wrote {out.name}")


if __name__ == "__main__":
    main()
