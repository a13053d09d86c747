//! Reading laid-out pages back: every text run and rule with its page,
//! position, size and style. Tests measure the layout with this, and check
//! what a document says, without a PDF reader.

use typst::layout::{Frame, FrameItem, Point};
use typst::text::{FontStyle, FontWeight};
use typst::visualize::Geometry;
use typst_layout::PagedDocument;

/// A run of text as placed on a page. Lengths are in points from the page's
/// top-left corner; `y` is the baseline.
#[derive(Debug, Clone)]
pub struct PlacedText {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
    pub text: String,
    /// Where each glyph starts: its first byte in `text` and its x on the page.
    pub glyph_x: Vec<(usize, f64)>,
}

impl PlacedText {
    /// The x on the page where the character at byte `at` of `text` starts
    /// (the run's end for `at == text.len()`): blanks can be measured.
    pub fn x_at(&self, at: usize) -> f64 {
        self.glyph_x
            .iter()
            .find(|(byte, _)| *byte >= at)
            .map_or(self.x + self.width, |(_, x)| *x)
    }
}

/// A straight line (a rule) as placed on a page.
#[derive(Debug, Clone)]
pub struct PlacedRule {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub length: f64,
}

/// Everything placed on the pages, in drawing order.
#[derive(Debug, Clone, Default)]
pub struct Placed {
    pub texts: Vec<PlacedText>,
    pub rules: Vec<PlacedRule>,
    /// Page sizes (width, height) in points.
    pub pages: Vec<(f64, f64)>,
}

pub fn placed(document: &PagedDocument) -> Placed {
    let mut out = Placed::default();
    for (index, page) in document.pages().iter().enumerate() {
        let size = page.frame.size();
        out.pages.push((size.x.to_pt(), size.y.to_pt()));
        walk(&page.frame, Point::zero(), index + 1, &mut out);
    }
    out
}

fn walk(frame: &Frame, origin: Point, page: usize, out: &mut Placed) {
    for (pos, item) in frame.items() {
        let at = origin + *pos;
        match item {
            FrameItem::Group(group) => {
                let shifted = at + Point::new(group.transform.tx, group.transform.ty);
                walk(&group.frame, shifted, page, out);
            }
            FrameItem::Text(text) => {
                let variant = text.font.info().variant;
                let mut x = at.x;
                let glyph_x = text
                    .glyphs
                    .iter()
                    .map(|g| {
                        let start = (g.range().start, (x + g.x_offset.at(text.size)).to_pt());
                        x += g.x_advance.at(text.size);
                        start
                    })
                    .collect();
                out.texts.push(PlacedText {
                    page,
                    x: at.x.to_pt(),
                    y: at.y.to_pt(),
                    width: text.width().to_pt(),
                    size: text.size.to_pt(),
                    bold: variant.weight >= FontWeight::BOLD,
                    italic: variant.style != FontStyle::Normal,
                    text: text.text.to_string(),
                    glyph_x,
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(to) = shape.geometry {
                    out.rules.push(PlacedRule {
                        page,
                        x: at.x.to_pt(),
                        y: at.y.to_pt(),
                        length: to.x.to_pt().hypot(to.y.to_pt()),
                    });
                }
            }
            _ => {}
        }
    }
}

impl Placed {
    /// The text of each line, top to bottom, page by page: runs on the same
    /// baseline joined by a space, in reading order.
    pub fn lines(&self) -> Vec<String> {
        let mut runs: Vec<&PlacedText> = self.texts.iter().collect();
        runs.sort_by(|a, b| {
            (a.page, a.y.round() as i64, a.x as i64).cmp(&(b.page, b.y.round() as i64, b.x as i64))
        });
        let mut lines: Vec<(usize, i64, String)> = Vec::new();
        for run in runs {
            let key = (run.page, run.y.round() as i64);
            match lines.last_mut() {
                Some((page, y, text)) if (*page, *y) == key => {
                    text.push(' ');
                    text.push_str(&run.text);
                }
                _ => lines.push((key.0, key.1, run.text.clone())),
            }
        }
        lines.into_iter().map(|(_, _, t)| t).collect()
    }

    /// All text with every kind of whitespace removed: for "contains" checks
    /// that must not depend on where lines break.
    pub fn compact_text(&self) -> String {
        compact(
            &self
                .texts
                .iter()
                .map(|t| t.text.as_str())
                .collect::<String>(),
        )
    }

    /// The runs whose text contains `needle`.
    pub fn find(&self, needle: &str) -> Vec<&PlacedText> {
        self.texts
            .iter()
            .filter(|t| t.text.contains(needle))
            .collect()
    }
}

/// `text` without whitespace (including no-break spaces).
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
