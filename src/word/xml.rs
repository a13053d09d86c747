//! The model → `word/document.xml`, elements in the order the schema wants.
//! Sizes: twentieths of a point (twips) for space, half-points for text.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::model::{
    A4, Align, Block, Cell, Layout, Merge, Para, Run, RunText, Section, Style, Table,
};

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(super) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The page header's relationship id (`document.xml.rels`).
pub const HEADER_ID: &str = "rIdHeader";
/// Distance of the page number from the top edge of the page.
const HEADER_DISTANCE: f64 = 28.35;
/// A rule: half a point, like the layout library's `rule-stroke`.
const RULE_EIGHTHS: &str = "4";
/// Cell margins of a data table (the layout library's `table-inset`, 4 pt).
const CELL_MARGIN: f64 = 4.0;

pub(super) fn twips(pt: f64) -> String {
    format!("{}", (pt * 20.0).round() as i64)
}

pub(super) fn half_points(pt: f64) -> String {
    format!("{}", (pt * 2.0).round() as i64)
}

/// A line pitch in Word's 240ths of a line.
pub(super) fn lines(n: f64) -> String {
    format!("{}", (n * 240.0).round() as i64)
}

/// Characters XML 1.0 cannot hold; inputs refuse them, this never writes them.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

pub(super) struct Xml(Writer<Vec<u8>>);

impl Xml {
    pub(super) fn new() -> Self {
        let mut w = Writer::new(Vec::new());
        let _ = w.write_event(Event::Decl(BytesDecl::new(
            "1.0",
            Some("UTF-8"),
            Some("yes"),
        )));
        Self(w)
    }

    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        start.extend_attributes(attrs.iter().copied());
        // Writing into a Vec cannot fail.
        let _ = self.0.write_event(Event::Start(start));
    }

    pub(super) fn close(&mut self, name: &str) {
        let _ = self.0.write_event(Event::End(BytesEnd::new(name)));
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut start = BytesStart::new(name);
        start.extend_attributes(attrs.iter().copied());
        let _ = self.0.write_event(Event::Empty(start));
    }

    pub(super) fn text(&mut self, text: &str) {
        let _ = self
            .0
            .write_event(Event::Text(BytesText::new(&xml_text(text))));
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.0.into_inner()
    }
}

/// `word/document.xml`.
pub fn document(layout: &Layout, sections: &[Section]) -> Vec<u8> {
    let mut x = Xml::new();
    x.open("w:document", &[("xmlns:w", W), ("xmlns:r", R)]);
    x.open("w:body", &[]);
    for (i, section) in sections.iter().enumerate() {
        let mut after_table = false;
        for block in &section.blocks {
            match block {
                // A table keeps a paragraph's space from the text under it,
                // as the layout library's table block does.
                Block::Para(p) if after_table && p.before == 0.0 => para(
                    &mut x,
                    &Para {
                        before: layout.paragraph_spacing,
                        ..p.clone()
                    },
                ),
                _ => block_xml(&mut x, block),
            }
            after_table = matches!(block, Block::Table(_));
        }
        if i + 1 < sections.len() {
            // A section ends with a paragraph carrying its properties.
            x.open("w:p", &[]);
            x.open("w:pPr", &[]);
            x.empty("w:pStyle", &[("w:val", "Block")]);
            x.empty(
                "w:spacing",
                &[
                    ("w:before", "0"),
                    ("w:after", "0"),
                    ("w:line", "20"),
                    ("w:lineRule", "exact"),
                ],
            );
            section_properties(&mut x, layout, section);
            x.close("w:pPr");
            x.close("w:p");
        } else {
            section_properties(&mut x, layout, section);
        }
    }
    x.close("w:body");
    x.close("w:document");
    x.finish()
}

fn section_properties(x: &mut Xml, layout: &Layout, section: &Section) {
    x.open("w:sectPr", &[]);
    x.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", HEADER_ID)],
    );
    let (w, h) = if section.flipped { (A4.1, A4.0) } else { A4 };
    let (w, h) = (twips(w), twips(h));
    let mut size = vec![("w:w", w.as_str()), ("w:h", h.as_str())];
    if section.flipped {
        size.push(("w:orient", "landscape"));
    }
    x.empty("w:pgSz", &size);
    let m = [
        twips(layout.margin_top),
        twips(layout.margin_right),
        twips(layout.margin_bottom),
        twips(layout.margin_left),
        twips(HEADER_DISTANCE),
    ];
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &m[0]),
            ("w:right", &m[1]),
            ("w:bottom", &m[2]),
            ("w:left", &m[3]),
            ("w:header", &m[4]),
            ("w:footer", "0"),
            ("w:gutter", "0"),
        ],
    );
    if section.restart_numbering {
        x.empty("w:pgNumType", &[("w:start", "1")]);
    }
    // No number on a section's first page: the header is for pages 2 on.
    x.empty("w:titlePg", &[]);
    x.close("w:sectPr");
}

fn block_xml(x: &mut Xml, block: &Block) {
    match block {
        Block::Para(p) => para(x, p),
        Block::Table(t) => table(x, t),
    }
}

fn style_id(style: Style) -> String {
    match style {
        Style::Body => "Normal".into(),
        Style::Heading(level) => format!("Heading{}", level.clamp(1, 4)),
        Style::Centred => "Centred".into(),
        Style::Block => "Block".into(),
    }
}

fn para(x: &mut Xml, p: &Para) {
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", &style_id(p.style))]);
    if p.keep_next {
        x.empty("w:keepNext", &[]);
    }
    if p.rule.is_some() {
        x.open("w:pBdr", &[]);
        x.empty(
            "w:bottom",
            &[
                ("w:val", "single"),
                ("w:sz", RULE_EIGHTHS),
                ("w:space", "0"),
                ("w:color", "000000"),
            ],
        );
        x.close("w:pBdr");
    }
    let (before, after) = (twips(p.before), twips(p.after));
    let mut spacing = vec![("w:before", before.as_str()), ("w:after", after.as_str())];
    let line = p.line.or(p.rule.map(|_| 2.0)).map(twips);
    if let Some(line) = &line {
        spacing.push(("w:line", line));
        spacing.push(("w:lineRule", "exact"));
    }
    x.empty("w:spacing", &spacing);
    if let Some(rule) = p.rule {
        let side = twips(((rule.within - rule.width) / 2.0).max(0.0));
        x.empty(
            "w:ind",
            &[("w:left", &side), ("w:right", &side), ("w:firstLine", "0")],
        );
    }
    if let Some(align) = p.align {
        let v = match align {
            Align::Justify => "both",
            Align::Left => "left",
            Align::Center => "center",
        };
        x.empty("w:jc", &[("w:val", v)]);
    }
    if p.rule.is_some() || p.line.is_some() {
        // The mark of an empty paragraph sets its height: keep it small.
        x.open("w:rPr", &[]);
        x.empty("w:sz", &[("w:val", "2")]);
        x.close("w:rPr");
    }
    x.close("w:pPr");
    for r in &p.runs {
        run(x, r);
    }
    x.close("w:p");
}

fn run(x: &mut Xml, r: &Run) {
    x.open("w:r", &[]);
    if r.bold || r.italic || r.size.is_some() {
        x.open("w:rPr", &[]);
        if r.bold {
            x.empty("w:b", &[]);
            x.empty("w:bCs", &[]);
        }
        if r.italic {
            x.empty("w:i", &[]);
            x.empty("w:iCs", &[]);
        }
        if let Some(size) = r.size {
            let v = half_points(size);
            x.empty("w:sz", &[("w:val", &v)]);
            x.empty("w:szCs", &[("w:val", &v)]);
        }
        x.close("w:rPr");
    }
    match &r.text {
        RunText::Break => x.empty("w:br", &[]),
        RunText::Text(t) => {
            x.open("w:t", &[("xml:space", "preserve")]);
            x.text(t);
            x.close("w:t");
        }
    }
    x.close("w:r");
}

fn table(x: &mut Xml, t: &Table) {
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    let total: f64 = t.widths.iter().sum();
    x.empty("w:tblW", &[("w:w", &twips(total)), ("w:type", "dxa")]);
    x.empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
    x.open("w:tblBorders", &[]);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        match t.ruled {
            true => x.empty(
                side,
                &[
                    ("w:val", "single"),
                    ("w:sz", RULE_EIGHTHS),
                    ("w:space", "0"),
                    ("w:color", "000000"),
                ],
            ),
            false => x.empty(side, &[("w:val", "nil")]),
        }
    }
    x.close("w:tblBorders");
    x.empty("w:tblLayout", &[("w:type", "fixed")]);
    let margin = twips(if t.ruled { CELL_MARGIN } else { 0.0 });
    x.open("w:tblCellMar", &[]);
    for side in ["w:top", "w:left", "w:bottom", "w:right"] {
        x.empty(side, &[("w:w", &margin), ("w:type", "dxa")]);
    }
    x.close("w:tblCellMar");
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for w in &t.widths {
        x.empty("w:gridCol", &[("w:w", &twips(*w))]);
    }
    x.close("w:tblGrid");
    for row in &t.rows {
        x.open("w:tr", &[]);
        x.open("w:trPr", &[]);
        // A row never splits across pages, as on the PDF's pages.
        x.empty("w:cantSplit", &[]);
        if row.header {
            x.empty("w:tblHeader", &[]);
        }
        x.close("w:trPr");
        let mut column = 0;
        for c in &row.cells {
            let width: f64 = t.widths.iter().skip(column).take(c.span).sum();
            column += c.span;
            cell(x, c, width, row.header);
        }
        x.close("w:tr");
    }
    x.close("w:tbl");
}

fn cell(x: &mut Xml, c: &Cell, width: f64, header: bool) {
    x.open("w:tc", &[]);
    x.open("w:tcPr", &[]);
    x.empty("w:tcW", &[("w:w", &twips(width)), ("w:type", "dxa")]);
    if c.span > 1 {
        x.empty("w:gridSpan", &[("w:val", &c.span.to_string())]);
    }
    match c.merge {
        Merge::Restart => x.empty("w:vMerge", &[("w:val", "restart")]),
        Merge::Continue => x.empty("w:vMerge", &[]),
        Merge::None => {}
    }
    if header {
        x.empty("w:vAlign", &[("w:val", "center")]);
    }
    x.close("w:tcPr");
    for b in &c.blocks {
        block_xml(x, b);
    }
    // A cell ends with a paragraph.
    if !matches!(c.blocks.last(), Some(Block::Para(_))) {
        para(
            x,
            &Para {
                style: Style::Block,
                ..Para::default()
            },
        );
    }
    x.close("w:tc");
}
