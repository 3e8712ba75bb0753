//! Tests of [`super`] (the PDF reader), on small PDFs built in memory;
//! compiled only under #[cfg(test)] (see the module declaration in pdf.rs).

use super::*;
use pdf_extract::{Dictionary, Document, Object, Stream, dictionary};

/// A one-page PDF with this content and these resources, saved.
fn pdf(content: &str, resources: impl FnOnce(&mut Document) -> Dictionary) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let resources = resources(&mut doc);
    let contents = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
    let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages,
    "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    "Contents" => contents, "Resources" => resources });
    let tree = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
    doc.objects.insert(pages, Object::Dictionary(tree));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn helvetica() -> Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    "Encoding" => "WinAnsiEncoding" }
}

#[test]
fn a_label_form_drawn_at_two_places_is_read_twice() {
    let bytes = pdf(
        "q 1 0 0 1 72 700 cm /L Do Q q 1 0 0 1 72 400 cm /L Do Q",
        |doc| {
            let form = doc.add_object(Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => helvetica() } } },
                b"BT /F1 12 Tf 0 5 Td (KNOCKOUT) Tj ET".to_vec(),
            ));
            dictionary! { "XObject" => dictionary! { "L" => form } }
        },
    );
    let text = extract(&bytes).unwrap();
    assert_eq!(
        text.pages[0].split_whitespace().collect::<Vec<_>>(),
        ["KNOCKOUT", "KNOCKOUT"]
    );
    assert_eq!(text.second_reader_pages, vec![1]);
}

/// A composite font of the test TrueType program, without a text map,
/// with this encoding.
fn program_font(doc: &mut Document, encoding: Object) -> Dictionary {
    let program = super::super::pdf_font_program::tests::test_program();
    let file = doc.add_object(Stream::new(
        dictionary! { "Length1" => i64::try_from(program.len()).unwrap() },
        program,
    ));
    composite(
        doc,
        Composite {
            subtype: "CIDFontType2",
            base: "Subset",
            ordering: "Identity",
            supplement: 0,
            dw: 600,
            extra: Some(vec![("FontFile2", file.into())]),
            encoding,
            to_unicode: None,
        },
    )
}

/// A composite (Type0) font, as the page resources' `/F1`: a CIDFont of
/// `subtype` in Adobe's `ordering`, with a descriptor carrying `extra`
/// (none when `extra` is `None`), shown through `encoding`, with a text
/// map when given.
struct Composite<'a> {
    subtype: &'a str,
    base: &'a str,
    ordering: &'a str,
    supplement: i64,
    dw: i64,
    extra: Option<Vec<(&'a str, Object)>>,
    encoding: Object,
    to_unicode: Option<Object>,
}

fn composite(doc: &mut Document, c: Composite) -> Dictionary {
    let mut cid_font = dictionary! {
        "Type" => "Font", "Subtype" => c.subtype, "BaseFont" => c.base,
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal(c.ordering), "Supplement" => c.supplement },
        "DW" => c.dw,
    };
    if let Some(extra) = c.extra {
        let mut descriptor = dictionary! {
            "Type" => "FontDescriptor", "FontName" => c.base, "Flags" => 4,
            "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()],
            "ItalicAngle" => 0, "Ascent" => 900, "Descent" => -200, "CapHeight" => 700,
            "StemV" => 80,
        };
        for (k, v) in extra {
            descriptor.set(k, v);
        }
        cid_font.set("FontDescriptor", doc.add_object(descriptor));
    }
    let cid_font = doc.add_object(cid_font);
    let mut font = dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => c.base,
        "Encoding" => c.encoding, "DescendantFonts" => vec![cid_font.into()],
    };
    if let Some(map) = c.to_unicode {
        font.set("ToUnicode", map);
    }
    let font = doc.add_object(font);
    dictionary! { "Font" => dictionary! { "F1" => font } }
}

#[test]
fn a_font_program_reached_through_its_own_encoding_cmap_names_the_codes() {
    let bytes = pdf("BT /F1 12 Tf 72 700 Td (AB) Tj ET", |doc| {
        let encoding = doc.add_object(Stream::new(
            dictionary! { "Type" => "CMap", "CMapName" => "Own" },
            b"1 begincodespacerange <00> <ff> endcodespacerange\n\
              2 begincidrange <41> <42> 1 <43> <43> 3 endcidrange"
                .to_vec(),
        ));
        program_font(doc, encoding.into())
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "Hi");
}

#[test]
fn a_japanese_cff_font_without_a_text_map_is_read_by_adobes_table() {
    // CIDs 843 and 845 of Adobe-Japan1: "あい".
    let bytes = pdf("BT /F1 12 Tf 72 700 Td <034B034D> Tj ET", |doc| {
        let mut held = vec![0u8; 106];
        held[105] = 0x14;
        let cid_set = doc.add_object(Stream::new(dictionary! {}, held));
        composite(
            doc,
            Composite {
                subtype: "CIDFontType0",
                base: "Mincho",
                ordering: "Japan1",
                supplement: 7,
                dw: 1000,
                extra: Some(vec![("CIDSet", cid_set.into())]),
                encoding: "Identity-H".into(),
                to_unicode: None,
            },
        )
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "あい");
    assert!(text.second_reader_pages.is_empty());
}

#[test]
fn a_core_font_named_but_not_embedded_is_read_by_the_standard_glyph_order() {
    // Glyphs 0x33 0x2F 0x24 0x31 of Arial: "PLAN"; the file's text map
    // is an encoding CMap that maps nothing to text.
    let bytes = pdf("BT /F1 20 Tf 10 20 Td <0033002F00240031> Tj ET", |doc| {
        let useless = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              1 begincidrange <0000> <FFFF> 0 endcidrange"
                .to_vec(),
        ));
        composite(
            doc,
            Composite {
                subtype: "CIDFontType2",
                base: "ArialBlack,Bold",
                ordering: "Identity",
                supplement: 0,
                dw: 700,
                extra: Some(Vec::new()),
                encoding: "Identity-H".into(),
                to_unicode: Some(useless.into()),
            },
        )
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "PLAN");
}

#[test]
fn superscripts_stay_on_their_line_and_apart_from_the_next_word() {
    // Word sets "Bakarov³" as a 6.5-point "3" raised 4.6 points, the
    // pen a little back; an affiliation line opens with a raised "1";
    // a subscript stays in its formula, an isotope's mass number with
    // its element.
    let bytes = pdf(
        "BT /F1 10 Tf 1 0 0 1 72 700 Tm (Bakarov) Tj \
         /F1 6.5 Tf 1 0 0 1 108.5 704.6 Tm (3) Tj \
         /F1 10 Tf 1 0 0 1 112.1 700 Tm (, and Toropov) Tj \
         /F1 6.5 Tf 1 0 0 1 72 684.6 Tm (1) Tj \
         /F1 10 Tf 1 0 0 1 75.6 680 Tm (Shanghai) Tj \
         /F1 10 Tf 1 0 0 1 72 660 Tm (H) Tj \
         /F1 6.5 Tf 1 0 0 1 79.22 658 Tm (2) Tj \
         /F1 10 Tf 1 0 0 1 82.83 660 Tm (O) Tj \
         /F1 10 Tf 1 0 0 1 72 640 Tm (The ) Tj \
         /F1 6.5 Tf 1 0 0 1 92.01 644.6 Tm (1) Tj \
         /F1 10 Tf 1 0 0 1 95.62 640 Tm (H NMR) Tj ET",
        |_| dictionary! { "Font" => dictionary! { "F1" => helvetica() } },
    );
    let text = extract(&bytes).unwrap();
    let lines: Vec<&str> = text.pages[0]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        lines,
        ["Bakarov3, and Toropov", "1 Shanghai", "H2O", "The 1H NMR"]
    );
}

#[test]
fn a_word_gap_inside_one_string_is_a_space() {
    // A subset font puts "y" at code 32, so the word spacing of
    // justified text moves the pen on after it, inside the string.
    let bytes = pdf("BT /F1 10 Tf 3 Tw 72 700 Td (deliver is) Tj ET", |doc| {
        let encoding = doc.add_object(dictionary! { "Type" => "Encoding",
        "BaseEncoding" => "WinAnsiEncoding",
        "Differences" => vec![32.into(), Object::Name(b"y".to_vec())] });
        dictionary! { "Font" => dictionary! { "F1" => dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => encoding } } }
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "delivery is");
    // Letter spacing (0.15 of the font size) is not a word gap.
    let bytes = pdf("BT /F1 10 Tf 1.5 Tc 72 700 Td (STUDY) Tj ET", |_| {
        dictionary! { "Font" => dictionary! { "F1" => helvetica() } }
    });
    assert_eq!(extract(&bytes).unwrap().pages[0].trim(), "STUDY");
}

#[test]
fn an_images_pixels_are_never_read_as_text() {
    // Raw pixels that happen to spell text operators: the PDF reader
    // parsed whatever `Do` named as content and read "ghost".
    let bytes = pdf(
        "BT /F1 10 Tf 72 700 Td (real) Tj ET q 100 0 0 100 72 500 cm /Im1 Do Q",
        |doc| {
            let image = doc.add_object(Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 4,
                "Height" => 9, "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
                b"BT /F1 10 Tf 72 600 Td (ghost) Tj ET".to_vec(),
            ));
            dictionary! { "Font" => dictionary! { "F1" => helvetica() },
            "XObject" => dictionary! { "Im1" => image } }
        },
    );
    let text = extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "real");
}

#[test]
fn a_glyph_drawn_on_itself_three_times_or_more_is_read_once() {
    // Fake bold glyph by glyph: each letter of "2012 Report" drawn four
    // times, 0.2 points apart, before the next (a Chinese annual report
    // draws "年" so); "off" with its "ff" drawn twice on one spot stays.
    let mut content = String::new();
    let mut x = 72.0;
    for c in "2012 Report".chars() {
        // Helvetica's widths at 12 points.
        let advance = 12.0
            * match c {
                ' ' | 't' => 0.278,
                'r' => 0.333,
                'R' => 0.722,
                _ => 0.556,
            };
        if c == ' ' {
            x += advance;
            continue;
        }
        for k in 0..4 {
            content.push_str(&format!(
                "BT /F1 12 Tf {:.2} 700 Td ({c}) Tj ET ",
                x + 0.2 * f64::from(k)
            ));
        }
        x += advance;
    }
    content.push_str("BT /F1 12 Tf 72 680 Td (o) Tj ET BT /F1 12 Tf 78.7 680 Td (f) Tj ET ");
    content.push_str("BT /F1 12 Tf 78.8 680 Td (f) Tj ET BT /F1 12 Tf 82.2 680 Td (ice) Tj ET");
    let bytes = pdf(&content, |_| {
        dictionary! { "Font" => dictionary! { "F1" => helvetica() } }
    });
    let text = extract(&bytes).unwrap();
    let lines: Vec<&str> = text.pages[0]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines, ["2012 Report", "office"]);
    assert_eq!(text.overprinted, vec![(1, 30)]);
}

#[test]
fn a_line_in_another_size_is_set_apart_when_it_reads_as_a_block_of_its_own() {
    // A 14-point heading as long as a line, then 12-point text, a line
    // with a larger symbol inside a sentence, and a reference whose
    // second line goes on after an initial.
    let bytes = pdf(
        "BT /F1 14 Tf 1 0 0 1 72 700 Tm (The Administration Needs to Implement the Strategy) Tj \
         /F1 12 Tf 1 0 0 1 72 684 Tm (In April 2023, we reported that the goals of the) Tj \
         1 0 0 1 72 670 Tm (strategy are sound, as the sum) Tj \
         /F1 16 Tf 1 0 0 1 72 655 Tm (Q equals the total and) Tj \
         /F1 12 Tf 1 0 0 1 72 640 Tm (More text follows here. M. J. Carey, I.) Tj \
         1 0 0 1 72 626 Tm (Manolescu wrote it.) Tj ET",
        |_| dictionary! { "Font" => dictionary! { "F1" => helvetica() } },
    );
    let text = extract(&bytes).unwrap();
    assert_eq!(
        text.pages[0].trim(),
        "The Administration Needs to Implement the Strategy\n\nIn April 2023, we reported that the goals of the\nstrategy are sound, as the sum\nQ equals the total and\nMore text follows here. M. J. Carey, I.\nManolescu wrote it."
    );
}

#[test]
fn a_cell_drawn_to_the_left_on_about_the_same_line_is_its_own_word() {
    // A table's second row is drawn 3 points lower, back at the left
    // edge: pdf-extract breaks lines only when the pen drops 5 points.
    let bytes = pdf(
        "BT /F1 10 Tf 1 0 0 1 72 700 Tm (- acidoses tubulaires) Tj \
         1 0 0 1 72 697 Tm (- dilution) Tj \
         1 0 0 1 200 697 Tm (e) Tj 1 0 0 1 198 699 Tm (') Tj ET",
        |_| dictionary! { "Font" => dictionary! { "F1" => helvetica() } },
    );
    let text = extract(&bytes).unwrap();
    // The accent set back over its letter stays on it.
    assert_eq!(text.pages[0].trim(), "- acidoses tubulaires - dilution e'");
}

#[test]
fn a_table_turned_a_quarter_keeps_its_word_gaps_and_lines() {
    // A landscape table's note: the lines run up the page, the words
    // set apart by the pen (no space glyphs), the next line to the
    // right.
    let bytes = pdf(
        "BT /F1 10 Tf 0 1 -1 0 300 100 Tm [(the)-300(following)-300(information)] TJ \
         0 1 -1 0 312 100 Tm [(is)-300(provided)] TJ ET",
        |_| dictionary! { "Font" => dictionary! { "F1" => helvetica() } },
    );
    let text = extract(&bytes).unwrap();
    let lines: Vec<&str> = text.pages[0]
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines, ["the following information", "is provided"]);
}

/// A Japanese font pdf-extract cannot read (90ms-RKSJ-H, no program):
/// only the second reader reads its pages.
fn shift_jis_font(doc: &mut Document) -> Dictionary {
    composite(
        doc,
        Composite {
            subtype: "CIDFontType0",
            base: "MS-Mincho",
            ordering: "Japan1",
            supplement: 2,
            dw: 500,
            extra: None,
            encoding: "90ms-RKSJ-H".into(),
            to_unicode: None,
        },
    )
}

#[test]
fn the_second_reader_sees_word_gaps_at_any_font_size() {
    // pdf-extract cannot read a 90ms-RKSJ-H font; the words are set
    // apart by the pen at 12 points, as TeX and Distiller set them.
    let bytes = pdf("BT /F1 12 Tf 72 700 Td [(on)-300(time)] TJ ET", |doc| {
        shift_jis_font(doc)
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(text.second_reader_pages, vec![1]);
    assert_eq!(text.pages[0].trim(), "on time");
}

#[test]
fn fake_bold_on_a_page_only_the_second_reader_reads_is_read_once() {
    // pdf-extract cannot read a 90ms-RKSJ-H font; the word is drawn a
    // second time a third of a point to the right.
    let bytes = pdf(
        "BT /F1 12 Tf 72 700 Td (Report) Tj ET BT /F1 12 Tf 72.3 700 Td (Report) Tj ET \
         BT /F1 12 Tf 72 680 Td (on time) Tj ET",
        shift_jis_font,
    );
    let text = extract(&bytes).unwrap();
    assert_eq!(text.second_reader_pages, vec![1]);
    assert_eq!(text.pages[0].trim(), "Report\non time");
    assert_eq!(text.overprinted, vec![(1, 6)]);
}

#[test]
fn a_composite_truetype_font_without_a_text_map_is_read_by_its_program() {
    let bytes = pdf("BT /F1 12 Tf 72 700 Td <00010002> Tj ET", |doc| {
        program_font(doc, "Identity-H".into())
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "Hi");
    assert!(text.second_reader_pages.is_empty());
}

#[test]
fn codes_of_an_embedded_unicode_cmap_are_their_own_text() {
    // "研究 cm" in UTF-8, shown through Adobe's UniJIS-UTF8-H embedded
    // whole, without a text map.
    let bytes = pdf("BT /F1 12 Tf 72 700 Td <E7A094E7A9B620636D> Tj ET", |doc| {
        let encoding = doc.add_object(Stream::new(
            dictionary! { "Type" => "CMap", "CMapName" => "UniJIS-UTF8-H" },
            b"4 begincodespacerange <00> <7f> <c080> <dfbf> <e08080> <efbfbf>\n\
              <f0808080> <f7bfbfbf> endcodespacerange\n\
              2 begincidrange <20> <7e> 1 <e7a094> <e7a9b6> 3000 endcidrange"
                .to_vec(),
        ));
        composite(
            doc,
            Composite {
                subtype: "CIDFontType2",
                base: "Mincho",
                ordering: "Japan1",
                supplement: 6,
                dw: 1000,
                extra: None,
                encoding: encoding.into(),
                to_unicode: None,
            },
        )
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(
        text.pages[0].split_whitespace().collect::<String>(),
        "研究cm"
    );
}

/// A PDF showing "Example", encrypted (for a password Thema does not
/// know) with this filter for its streams and strings.
fn encrypted(filter: &str) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let content = b"BT /F1 24 Tf 72 720 Td (Example) Tj ET".to_vec();
    let contents = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages,
    "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    "Contents" => contents,
    "Resources" => dictionary! { "Font" => dictionary! { "F1" => helvetica() } } });
    let tree = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
    doc.objects.insert(pages, Object::Dictionary(tree));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    let bytes =
        |n: usize, b: u8| Object::String(vec![b; n], pdf_extract::StringFormat::Hexadecimal);
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 5, "R" => 6, "Length" => 256, "P" => -4,
        "CF" => dictionary! { "StdCF" => dictionary! {
            "AuthEvent" => "EFOpen", "CFM" => "AESV3", "Length" => 32 } },
        "StmF" => filter, "StrF" => filter, "EFF" => "StdCF",
        "O" => bytes(48, 0x11), "U" => bytes(48, 0x22), "OE" => bytes(32, 0x33),
        "UE" => bytes(32, 0x44), "Perms" => bytes(16, 0x55),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set("ID", vec![bytes(16, 1), bytes(16, 1)]);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_file_whose_password_guards_only_its_attachments_is_read() {
    let text = extract(&encrypted("Identity")).unwrap();
    assert_eq!(text.pages[0].trim(), "Example");
    assert_eq!(
        extract(&encrypted("StdCF")).err(),
        Some(PdfError::Encrypted)
    );
}

#[test]
fn a_composite_font_with_its_own_one_byte_encoding_is_read() {
    let bytes = pdf("BT /F1 12 Tf 72 700 Td <0102030304> Tj ET", |doc| {
        let encoding = doc.add_object(Stream::new(
            dictionary! { "Type" => "CMap", "CMapName" => "Own-H" },
            b"1 begincodespacerange <00> <5c> endcodespacerange\n\
              1 begincidrange <00> <5c> 0 endcidrange"
                .to_vec(),
        ));
        let to_unicode = doc.add_object(Stream::new(
            dictionary! {},
            b"1 begincodespacerange <00> <FF> endcodespacerange\n\
              4 beginbfchar <01> <0048> <02> <0065> <03> <006C> <04> <006F> endbfchar"
                .to_vec(),
        ));
        composite(
            doc,
            Composite {
                subtype: "CIDFontType2",
                base: "ArialMT",
                ordering: "Identity",
                supplement: 0,
                dw: 556,
                extra: Some(Vec::new()),
                encoding: encoding.into(),
                to_unicode: Some(to_unicode.into()),
            },
        )
    });
    let text = extract(&bytes).unwrap();
    assert_eq!(text.pages[0].trim(), "Hello");
    assert_eq!(text.second_reader_pages, vec![1]);
}
