//! `word/styles.xml`, `header1.xml` and `settings.xml`: the paragraph styles
//! a typed paragraph takes (body, headings, centred and block lines), the
//! page number, Word's layout rules; from the layout library's measurements.

use super::model::Layout;
use super::xml::{R, W, Xml, half_points, lines, twips};

/// `word/styles.xml`.
pub fn styles(layout: &Layout) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:styles", &[("xmlns:w", W)]);
    defaults(&mut x, layout);
    let body_lines = lines(layout.body_lines);
    let after = twips(layout.paragraph_spacing);
    let indent = twips(layout.first_line_indent);
    style(
        &mut x,
        "Normal",
        "Normal",
        None,
        |x| {
            x.empty(
                "w:spacing",
                &[
                    ("w:after", &after),
                    ("w:line", &body_lines),
                    ("w:lineRule", "auto"),
                ],
            );
            x.empty("w:ind", &[("w:firstLine", &indent)]);
            x.empty("w:jc", &[("w:val", "both")]);
        },
        |_| {},
    );
    headings(&mut x, layout);
    style(
        &mut x,
        "Centred",
        "Centred",
        Some("Normal"),
        |x| {
            x.empty("w:ind", &[("w:firstLine", "0")]);
            x.empty("w:jc", &[("w:val", "center")]);
        },
        |_| {},
    );
    let block_lines = lines(layout.block_lines);
    style(
        &mut x,
        "Block",
        "Block",
        Some("Normal"),
        |x| {
            x.empty(
                "w:spacing",
                &[
                    ("w:after", "0"),
                    ("w:line", &block_lines),
                    ("w:lineRule", "auto"),
                ],
            );
            x.empty("w:ind", &[("w:firstLine", "0")]);
            x.empty("w:jc", &[("w:val", "left")]);
        },
        |_| {},
    );
    x.close("w:styles");
    x.finish()
}

/// The font, size and language every run starts from.
fn defaults(x: &mut Xml, layout: &Layout) {
    x.open("w:docDefaults", &[]);
    x.open("w:rPrDefault", &[]);
    x.open("w:rPr", &[]);
    let f = layout.font.as_str();
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", f),
            ("w:hAnsi", f),
            ("w:eastAsia", f),
            ("w:cs", f),
        ],
    );
    let size = half_points(layout.body_size);
    x.empty("w:sz", &[("w:val", &size)]);
    x.empty("w:szCs", &[("w:val", &size)]);
    x.empty(
        "w:lang",
        &[
            ("w:val", "vi-VN"),
            ("w:eastAsia", "en-US"),
            ("w:bidi", "ar-SA"),
        ],
    );
    x.close("w:rPr");
    x.close("w:rPrDefault");
    x.open("w:pPrDefault", &[]);
    x.open("w:pPr", &[]);
    x.empty(
        "w:spacing",
        &[("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")],
    );
    x.close("w:pPr");
    x.close("w:pPrDefault");
    x.close("w:docDefaults");
}

/// One paragraph style; a based style is followed by body text.
fn style(
    x: &mut Xml,
    id: &str,
    name: &str,
    based: Option<&str>,
    ppr: impl Fn(&mut Xml),
    rpr: impl Fn(&mut Xml),
) {
    let mut attrs = vec![("w:type", "paragraph"), ("w:styleId", id)];
    if id == "Normal" {
        attrs.push(("w:default", "1"));
    }
    x.open("w:style", &attrs);
    x.empty("w:name", &[("w:val", name)]);
    if let Some(b) = based {
        x.empty("w:basedOn", &[("w:val", b)]);
        x.empty("w:next", &[("w:val", "Normal")]);
    }
    x.empty("w:qFormat", &[]);
    x.open("w:pPr", &[]);
    ppr(x);
    x.close("w:pPr");
    x.open("w:rPr", &[]);
    rpr(x);
    x.close("w:rPr");
    x.close("w:style");
}

/// `word/header1.xml`: the page number, centred (a PAGE field).
pub fn header(layout: &Layout) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:hdr", &[("xmlns:w", W), ("xmlns:r", R)]);
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", "Block")]);
    x.empty("w:jc", &[("w:val", "center")]);
    x.close("w:pPr");
    let size = half_points(layout.page_number_size);
    let field_run = |x: &mut Xml, inner: &dyn Fn(&mut Xml)| {
        x.open("w:r", &[]);
        x.open("w:rPr", &[]);
        x.empty("w:sz", &[("w:val", &size)]);
        x.empty("w:szCs", &[("w:val", &size)]);
        x.close("w:rPr");
        inner(x);
        x.close("w:r");
    };
    field_run(&mut x, &|x| {
        x.empty("w:fldChar", &[("w:fldCharType", "begin")])
    });
    field_run(&mut x, &|x| {
        x.open("w:instrText", &[("xml:space", "preserve")]);
        x.text(" PAGE ");
        x.close("w:instrText");
    });
    field_run(&mut x, &|x| {
        x.empty("w:fldChar", &[("w:fldCharType", "separate")])
    });
    field_run(&mut x, &|x| {
        x.open("w:t", &[]);
        x.text("2");
        x.close("w:t");
    });
    field_run(&mut x, &|x| {
        x.empty("w:fldChar", &[("w:fldCharType", "end")])
    });
    x.close("w:p");
    x.close("w:hdr");
    x.finish()
}

/// `word/settings.xml`: Word 2013+ layout rules (table edges on the margin).
pub fn settings() -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:settings", &[("xmlns:w", W)]);
    x.empty("w:defaultTabStop", &[("w:val", "720")]);
    x.open("w:compat", &[]);
    x.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    x.close("w:compat");
    x.close("w:settings");
    x.finish()
}

/// Headings 1–4: keep with the next paragraph, in Word's outline.
fn headings(x: &mut Xml, layout: &Layout) {
    let heading_size = half_points(layout.heading_size);
    for level in 1..=4u8 {
        let outline = (level - 1).to_string();
        style(
            x,
            &format!("Heading{level}"),
            &format!("heading {level}"),
            Some("Normal"),
            |x| {
                x.empty("w:keepNext", &[]);
                x.empty("w:outlineLvl", &[("w:val", &outline)]);
            },
            |x| {
                // As the layout library's heading rule: levels 1–3 bold, 3 on italic.
                if level <= 3 {
                    x.empty("w:b", &[]);
                }
                if level >= 3 {
                    x.empty("w:i", &[]);
                }
                x.empty("w:sz", &[("w:val", &heading_size)]);
            },
        );
    }
}
