//! Fonts whose letters pdf-extract got wrong, or whose pages it lost,
//! built here byte by byte so the tests need no outside file.

use pdf_extract::{Dictionary, Document, Object, Stream, dictionary};

/// A CFF font program with the glyphs V, a, l, s and Lslash, encoded by
/// StandardEncoding (byte E8 is Lslash there, egrave in WinAnsiEncoding).
fn cff_program() -> Vec<u8> {
    fn index(items: &[&[u8]]) -> Vec<u8> {
        let mut out = u16::try_from(items.len()).unwrap().to_be_bytes().to_vec();
        if items.is_empty() {
            return out;
        }
        out.push(1); // offSize
        let mut off = 1u8;
        out.push(off);
        for it in items {
            off += u8::try_from(it.len()).unwrap();
            out.push(off);
        }
        for it in items {
            out.extend_from_slice(it);
        }
        out
    }
    let int5 = |v: i32| {
        let mut b = vec![29];
        b.extend_from_slice(&v.to_be_bytes());
        b
    };
    let sids: [u16; 5] = [55, 66, 77, 84, 140]; // V a l s Lslash
    let header = [1u8, 0, 4, 1];
    let name = index(&[b"Foo"]);
    let top_len = 2 + 1 + 2 + 23;
    let charset_at = header.len() + name.len() + top_len + 2 + 2;
    let mut charset = vec![0u8];
    for s in sids {
        charset.extend_from_slice(&s.to_be_bytes());
    }
    let charstrings_at = charset_at + charset.len();
    let glyph: &[u8] = &[14]; // endchar
    let charstrings = index(&[glyph; 6]);
    let private_at = charstrings_at + charstrings.len();
    let mut top = int5(i32::try_from(charset_at).unwrap());
    top.push(15);
    top.extend(int5(i32::try_from(charstrings_at).unwrap()));
    top.push(17);
    top.extend(int5(0));
    top.extend(int5(i32::try_from(private_at).unwrap()));
    top.push(18);
    let top_index = index(&[&top]);
    assert_eq!(top_index.len(), top_len);
    let mut out = header.to_vec();
    out.extend(name);
    out.extend(top_index);
    out.extend([0, 0, 0, 0]); // String INDEX, Global Subr INDEX
    out.extend(charset);
    out.extend(charstrings);
    out
}

/// A one-page PDF showing `text` in the font `font` makes (it may add
/// objects of its own, such as a font program).
fn pdf_with_font(font: impl FnOnce(&mut Document) -> Dictionary, text: &[u8]) -> Vec<u8> {
    let mut content = b"BT /F1 12 Tf 72 700 Td (".to_vec();
    for &b in text {
        content.extend(format!("\\{b:03o}").bytes());
    }
    content.extend(b") Tj ET");
    pdf_with_content(font, content)
}

/// A one-page PDF with this content stream and font /F1.
fn pdf_with_content(font: impl FnOnce(&mut Document) -> Dictionary, content: Vec<u8>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = font(&mut doc);
    let font_id = doc.add_object(font);
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn widths() -> Object {
    Object::Array((0..=255).map(|_| Object::Integer(500)).collect())
}

/// pdf-extract alone, without Thema's font layer: the text it gives.
fn raw_pdf_extract(bytes: &[u8]) -> Option<String> {
    let doc = Document::load_mem(bytes).ok()?;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut s = String::new();
        let mut sink = pdf_extract::PlainTextOutput::new(&mut s);
        pdf_extract::output_doc_page(&doc, &mut sink, 1).ok()?;
        Some(s)
    }))
    .ok()
    .flatten()
}

#[test]
fn codes_left_out_of_the_written_map_read_as_thema_reads_them() {
    // Thema's rewritten simple fonts map only the codes whose text differs
    // from WinAnsiEncoding; pdf-extract must give the others exactly as
    // Thema's own WinAnsi table does.
    use thema::io::pdf_fonts::win_ansi_agrees;
    let codes: Vec<u8> = (0x21..=0xFFu8)
        .filter(|&c| win_ansi_agrees(usize::from(c)))
        .collect();
    let bytes = pdf_with_font(
        |_| {
            dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                "Encoding" => "WinAnsiEncoding", "FirstChar" => 0, "LastChar" => 255,
                "Widths" => widths(),
            }
        },
        &codes,
    );
    let read: String = raw_pdf_extract(&bytes)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let win = thema::io::pdf_glyphs::BaseEncoding::WinAnsi.table();
    let expected: String = codes
        .iter()
        .map(|&c| win[usize::from(c)].clone().unwrap())
        .collect();
    assert_eq!(read, expected);
    assert_eq!(codes.len(), 94 + 95 - 3);
}

#[test]
fn the_encoding_the_pdf_names_wins_over_the_font_programs_own() {
    let bytes = pdf_with_font(
        |doc| {
            let program = doc.add_object(Stream::new(
                dictionary! { "Subtype" => "Type1C" },
                cff_program(),
            ));
            let descriptor = doc.add_object(dictionary! {
                "Type" => "FontDescriptor", "FontName" => "ABCDEF+Foo", "Flags" => 32,
                "FontBBox" => vec![0.into(), 0.into(), 500.into(), 700.into()],
                "ItalicAngle" => 0, "Ascent" => 700, "Descent" => -200, "CapHeight" => 700,
                "StemV" => 80, "FontFile3" => program,
            });
            dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "ABCDEF+Foo",
                "FirstChar" => 0, "LastChar" => 255, "Widths" => widths(),
                "Encoding" => "WinAnsiEncoding", "FontDescriptor" => descriptor,
            }
        },
        b"Vall\xE8s",
    );
    // The fixture shows the fault: pdf-extract alone reads the CFF's encoding.
    let raw = raw_pdf_extract(&bytes).unwrap();
    assert!(raw.contains("VallŁs"), "{raw:?}");
    let text = thema::io::pdf::extract(&bytes).unwrap();
    assert!(text.pages[0].contains("Vallès"), "{:?}", text.pages);
}

#[test]
fn a_font_named_with_standard_encoding_no_longer_loses_the_page() {
    let font = dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
        "Encoding" => "StandardEncoding",
    };
    let bytes = pdf_with_font(|_| font, b"don\x27t \xE8");
    assert_eq!(
        raw_pdf_extract(&bytes),
        None,
        "pdf-extract alone loses the page"
    );
    let text = thema::io::pdf::extract(&bytes).unwrap();
    assert!(text.pages[0].contains("don’t Ł"), "{:?}", text.pages);
    assert!(text.failed_pages.is_empty());
}

#[test]
fn a_japanese_page_pdf_extract_cannot_read_is_read_by_the_second_reader() {
    let bytes = pdf_with_font(
        |doc| {
            let descriptor = doc.add_object(dictionary! {
                "Type" => "FontDescriptor", "FontName" => "MS-Mincho", "Flags" => 4,
                "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()],
                "ItalicAngle" => 0, "Ascent" => 880, "Descent" => -120, "CapHeight" => 700, "StemV" => 80,
            });
            let cid_font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "MS-Mincho",
                "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
                    "Ordering" => Object::string_literal("Japan1"), "Supplement" => 2 },
                "FontDescriptor" => descriptor, "DW" => 1000,
            });
            dictionary! {
                "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "MS-Mincho",
                "Encoding" => "90ms-RKSJ-H", "DescendantFonts" => vec![cid_font.into()],
            }
        },
        // "日本語の研究 ABC" in Shift_JIS.
        b"\x93\xFA\x96\x7B\x8C\xEA\x82\xCC\x8C\xA4\x8B\x86 ABC",
    );
    assert_eq!(
        raw_pdf_extract(&bytes),
        None,
        "pdf-extract alone loses the page"
    );
    let text = thema::io::pdf::extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "日本語の研究 ABC");
    assert_eq!(text.second_reader_pages, vec![1]);
    assert!(text.failed_pages.is_empty());
    // The import says which page the second reader read.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("japanese.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    assert!(imported.doc.text.contains("日本語の研究 ABC"));
    let note = imported.notes.join("; ");
    assert!(
        note.contains("page 1 was read by Thema's second PDF reader"),
        "{note}"
    );
}

#[test]
fn a_pdf_without_its_cross_reference_table_and_with_a_wrong_length_is_rebuilt() {
    let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
    let good = pdf_with_font(|_| font, b"Rebuilt from the ruins");
    // Junk before the header, the table and trailer cut off, and every
    // stream's declared length wrong.
    let cut = good.windows(4).rposition(|w| w == b"xref").unwrap();
    let mut bad = b"GARBAGE FROM A MAIL GATEWAY\r\n".to_vec();
    let body = String::from_utf8_lossy(&good[..cut]).replace("/Length ", "/Length 1");
    bad.extend_from_slice(body.as_bytes());
    assert!(
        Document::load_mem(&bad).is_err(),
        "the fixture must be unreadable as it is"
    );
    let text = thema::io::pdf::extract(&bad).unwrap();
    assert!(text.repaired);
    assert_eq!(text.pages.len(), 1);
    assert!(
        text.pages[0].contains("Rebuilt from the ruins"),
        "{:?}",
        text.pages
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ruins.pdf");
    std::fs::write(&path, &bad).unwrap();
    let notes = thema::io::import::import_file(&path)
        .unwrap()
        .notes
        .join("; ");
    assert!(
        notes.contains("Thema rebuilt it by scanning the file"),
        "{notes}"
    );
}

/// A PDF whose pages each show the given lines, top to bottom.
pub fn pdf_with_lines(pages: &[Vec<String>]) -> Vec<u8> {
    let contents: Vec<String> = pages
        .iter()
        .map(|lines| {
            let mut content = String::from("BT /F1 10 Tf 14 TL 72 760 Td\n");
            for l in lines {
                content.push_str(&format!(
                    "({}) Tj T*\n",
                    l.replace('(', "\\(").replace(')', "\\)")
                ));
            }
            content.push_str("ET");
            content
        })
        .collect();
    pdf_of_pages(&contents)
}

/// A PDF of pages with these content streams, Helvetica as /F1.
fn pdf_of_pages(contents: &[String]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let pages: Vec<(String, Object)> = contents.iter().map(|c| (c.clone(), font.into())).collect();
    pdf_of(doc, &pages, 612)
}

/// `doc` saved with these pages, each its content and its font /F1, all
/// `width` points wide (US Letter's height).
pub(crate) fn pdf_of(mut doc: Document, pages: &[(String, Object)], width: i64) -> Vec<u8> {
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for (content, font) in pages {
        let c = doc.add_object(Stream::new(dictionary! {}, content.clone().into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c,
            "MediaBox" => vec![0.into(), 0.into(), width.into(), 792.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font.clone() } },
        });
        kids.push(page.into());
    }
    let count = i64::try_from(kids.len()).unwrap();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn running_headers_and_footers_leave_the_text_for_the_documents_memo() {
    let pages: Vec<Vec<String>> = (1..=4)
        .map(|n| {
            vec![
                "Salehi et al. BMC Health Services Research".to_owned(),
                format!(
                    "Managers on page {n} said the budget was the barrier they met most often."
                ),
                format!("Page {n} of 4"),
            ]
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("salehi.pdf");
    std::fs::write(&path, pdf_with_lines(&pages)).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    let text = &imported.doc.text;
    assert!(!text.contains("Salehi et al."), "{text}");
    assert!(!text.contains("of 4"), "{text}");
    assert!(
        text.contains("Managers on page 3 said the budget was the barrier they met most often.")
    );
    assert_eq!(imported.doc.page_starts.len(), 3);
    let memo = &imported.doc.memo;
    assert!(
        memo.contains(
            "\u{201c}Salehi et al. BMC Health Services Research\u{201d} — pages 1\u{2013}4"
        ),
        "{memo}"
    );
    assert!(
        memo.contains("\u{201c}Page 1 of 4\u{201d} — pages 1\u{2013}4"),
        "{memo}"
    );
    let notes = imported.notes.join("; ");
    assert!(notes.contains("8 running header and footer lines (repeated from page to page) were moved out of the text into the document's memo"), "{notes}");
}

/// A PDF whose pages show pieces of text at (x, y).
pub(crate) fn pdf_with_placed_text(pages: &[Vec<(f64, f64, String)>]) -> Vec<u8> {
    let contents: Vec<String> = pages
        .iter()
        .map(|p| {
            let ops: Vec<String> = p
                .iter()
                .map(|(x, y, t)| format!("1 0 0 1 {x} {y} Tm ({t}) Tj"))
                .collect();
            format!("BT /F1 10 Tf\n{}\nET", ops.join("\n"))
        })
        .collect();
    pdf_of_pages(&contents)
}

const SENTENCES: [&str; 4] = [
    "Nurses said the new rota left no time",
    "for the handover they had relied on,",
    "and managers agreed that the budget",
    "was the barrier they met most often.",
];

#[test]
fn margin_line_numbers_of_a_manuscript_and_a_transcript_leave_the_text() {
    // A manuscript: each line's number drawn in the margin beside it,
    // numbered on across pages (12 lines, then 5 on a short last page).
    let page = |from: usize, n: usize| -> Vec<(f64, f64, String)> {
        (0..n)
            .flat_map(|k| {
                let y = 700.0 - 14.0 * f64::from(u32::try_from(k).unwrap());
                let number = from + k;
                [
                    (40.0, y, number.to_string()),
                    (72.0, y, SENTENCES[(number - 1) % 4].to_owned()),
                ]
            })
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("manuscript.pdf");
    std::fs::write(&path, pdf_with_placed_text(&[page(1, 12), page(13, 5)])).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    let text = &imported.doc.text;
    assert!(
        text.contains("Nurses said the new rota left no time for the handover they had relied on, and managers agreed that the budget was the barrier they met most often."),
        "{text}"
    );
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
    assert!(
        imported.doc.memo.contains("Line numbers Thema moved out of the text at import: 1\u{2013}12 on page 1; 13\u{2013}17 on page 2."),
        "{}",
        imported.doc.memo
    );
    let notes = imported.notes.join("; ");
    assert!(notes.contains("line numbers in the margin were moved out of the text into the document's memo (1\u{2013}12 on page 1; 13\u{2013}17 on page 2)"), "{notes}");
    // Page 2 starts where its text starts.
    let start = imported.doc.page_starts[0];
    let page2: String = text.chars().skip(start).take(6).collect();
    assert_eq!(page2, "Nurses");

    // A transcript: the column of 1–25 drawn first, then the text.
    let mut placed: Vec<(f64, f64, String)> = (1..=25u32)
        .map(|n| (40.0, 720.0 - 24.0 * f64::from(n), n.to_string()))
        .collect();
    placed.extend((1..=8u32).map(|k| {
        (
            72.0,
            720.0 - 24.0 * f64::from(k),
            SENTENCES[usize::try_from(k - 1).unwrap() % 4].to_owned(),
        )
    }));
    let path = dir.path().join("transcript.pdf");
    std::fs::write(&path, pdf_with_placed_text(&[placed])).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    assert!(
        !imported.doc.text.chars().any(|c| c.is_ascii_digit()),
        "{}",
        imported.doc.text
    );
    assert!(
        imported.doc.memo.contains("1\u{2013}25 on page 1"),
        "{}",
        imported.doc.memo
    );
}

#[test]
fn fake_bold_text_drawn_on_itself_is_read_once_and_said() {
    // A heading drawn three times, each copy shifted by 0.3 pt (the way
    // some producers fake a bold face), then a plain sentence.
    let mut placed: Vec<(f64, f64, String)> = [0.0, 0.3, 0.6]
        .iter()
        .map(|d| (72.0 + d, 720.0 + d, "Barriers to joint working".to_owned()))
        .collect();
    placed.push((72.0, 690.0, "Staff said the effect was small.".to_owned()));
    let bytes = pdf_with_placed_text(&[placed]);
    // pdf-extract alone reads every copy.
    let raw = raw_pdf_extract(&bytes).unwrap_or_default();
    assert_eq!(raw.matches("joint").count(), 3, "{raw}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fake_bold.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    assert_eq!(
        imported.doc.text,
        "Barriers to joint working\n\nStaff said the effect was small."
    );
    let notes = imported.notes.join("; ");
    assert!(
        notes.contains("on page 1, text drawn two or more times on top of itself (a shadow or \"fake bold\") was read once: 44 repeated characters left out"),
        "{notes}"
    );
}

#[test]
fn letters_of_a_font_without_widths_all_stay_though_they_share_one_spot() {
    // No /Widths: every glyph leaves the pen where it was, so repeated
    // letters overlap without being copies.
    let sentence = b"Missing value for startxref and junk before magic header";
    let bytes = pdf_with_font(
        |_| dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "NoMetrics" },
        sentence,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no_widths.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(
        letters(&imported.doc.text),
        letters(std::str::from_utf8(sentence).unwrap())
    );
    assert!(!imported.notes.join(" ").contains("fake bold"));
}

#[test]
fn comments_and_form_fields_go_to_the_memo_not_the_text() {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 10 Tf 72 700 Td (Managers named the budget as the main barrier.) Tj ET".to_vec(),
    ));
    let lit = |s: &str| Object::String(s.as_bytes().to_vec(), pdf_extract::StringFormat::Literal);
    let note = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Text", "T" => lit("CD"),
        "Contents" => lit("Second reviewer: code as Funding?"),
        "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
    });
    let field = doc.add_object(dictionary! {
        "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx", "T" => lit("Setting"),
        "V" => lit("Rural county"), "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
    });
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "Annots" => vec![note.into(), field.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annotated.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let imported = thema::io::import::import_file(&path).unwrap();
    assert_eq!(
        imported.doc.text,
        "Managers named the budget as the main barrier."
    );
    assert_eq!(
        imported.doc.memo,
        "Comments and form fields in the PDF (not part of its text):\n\
         • p. 1 — Comment (Text) by CD: Second reviewer: code as Funding?\n\
         • p. 1 — Form field \u{201c}Setting\u{201d}: Rural county"
    );
    let notes = imported.notes.join("; ");
    assert!(notes.contains("2 annotations (comments, form fields and what annotations draw) on page 1 are not part of the text; they were put in the document's memo"), "{notes}");
}

#[test]
fn text_after_a_comment_in_the_content_stream_is_read() {
    let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
    let content = b"BT                    %\n/F1 12 Tf 72 700 Td  %\n(Before the comment) Tj 0 -14 Td    %\n  (After the comment) Tj ET".to_vec();
    let bytes = pdf_with_content(|_| font, content);
    let raw = raw_pdf_extract(&bytes).unwrap_or_default();
    assert!(
        !raw.contains("After the comment"),
        "the library alone stops at the comment: {raw:?}"
    );
    let text = thema::io::pdf::extract(&bytes).unwrap();
    assert!(
        text.pages[0].contains("Before the comment"),
        "{:?}",
        text.pages
    );
    assert!(
        text.pages[0].contains("After the comment"),
        "{:?}",
        text.pages
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Thema's CMap reader, xref rebuilder and PDF reading never panic or
    /// hang on damaged input: bytes flipped, cut or inserted anywhere in
    /// a valid one-page PDF (its fonts, streams and table).
    #[test]
    fn damaged_pdfs_and_cmaps_never_panic(
        cut in 0usize..2000,
        flips in proptest::collection::vec((0usize..2000, proptest::prelude::any::<u8>()), 0..12),
        junk in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
    ) {
        let font = dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => dictionary! { "Differences" => vec![Object::Integer(65), Object::Name(b"Lslash".to_vec())] } };
        let mut bytes = pdf_with_font(|_| font, b"Appraisal AB");
        for (at, b) in &flips {
            let n = bytes.len();
            bytes[at % n] = *b;
        }
        let at = cut % bytes.len();
        bytes.splice(at..at, junk.iter().copied());
        bytes.truncate(bytes.len().max(1) - (cut % 50).min(bytes.len() - 1));
        let _ = thema::io::pdf::extract(&bytes);
        let _ = thema::io::pdf_repair::rebuild_xref(&bytes);
        let cmap = thema::io::pdf_cmap::CMap::parse(&bytes);
        let _ = cmap.write_to_unicode();
        let _ = cmap.split_codes(&junk);
    }
}
