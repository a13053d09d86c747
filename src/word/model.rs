//! What the Word file holds, in Word's own terms: sections of paragraphs and
//! tables, every measurement in points. `read` builds it from the semantic
//! tree Typst evaluates; `xml` writes it as WordprocessingML.

/// The page and text settings of the whole document, read from the layout
/// library's constants (`data-*` on its `document` element).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub font: String,
    pub margin_top: f64,
    pub margin_bottom: f64,
    pub margin_left: f64,
    pub margin_right: f64,
    pub body_size: f64,
    pub heading_size: f64,
    pub table_size: f64,
    pub first_line_indent: f64,
    pub paragraph_spacing: f64,
    pub page_number_size: f64,
    /// The left column of the header and footer, as a share of the text width.
    pub header_left: f64,
    /// Line pitch of body text and of blocks (header, tables), in lines of Word's "single".
    pub body_lines: f64,
    pub block_lines: f64,
}

/// A4, in points.
pub const A4: (f64, f64) = (595.28, 841.89);

impl Layout {
    /// The width text runs in, on a portrait or landscape page.
    pub fn text_width(&self, flipped: bool) -> f64 {
        let paper = if flipped { A4.1 } else { A4.0 };
        paper - self.margin_left - self.margin_right
    }
}

/// A run of pages with one orientation; an attached list starts its own,
/// numbered from 1.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub flipped: bool,
    pub restart_numbering: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Justify,
    Left,
    Center,
}

/// Which paragraph style a paragraph takes, so that a paragraph typed in
/// Word after it is laid out the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Body text: justified, first-line indent.
    #[default]
    Body,
    /// A section heading of level 1–4.
    Heading(u8),
    /// A body line centred, without indent (`Kính gửi: …`, `QUYẾT ĐỊNH:`).
    Centred,
    /// Lines of a header, title, footer or table cell: no indent, single spacing.
    Block,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Para {
    pub style: Style,
    pub runs: Vec<Run>,
    /// `None`: the style's own alignment.
    pub align: Option<Align>,
    pub before: f64,
    pub after: f64,
    pub keep_next: bool,
    /// A rule of this width (pt), centred, drawn under the paragraph's space:
    /// the paragraph is empty and its indents shorten its bottom border.
    pub rule: Option<Rule>,
    /// An exact line height (pt) for a paragraph that only makes space.
    pub line: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub width: f64,
    /// The width of the column the rule is centred in.
    pub within: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub text: RunText,
    pub bold: bool,
    pub italic: bool,
    /// `None`: the paragraph style's size.
    pub size: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum RunText {
    #[default]
    Break,
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column widths, pt.
    pub widths: Vec<f64>,
    pub rows: Vec<Row>,
    /// A data table has ruled cells; a layout table (header, signatures) none.
    pub ruled: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Repeated at the top of every page.
    pub header: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Grid columns it covers.
    pub span: usize,
    pub merge: Merge,
    pub blocks: Vec<Block>,
}

/// A cell's part in a vertical merge (a header cell over two rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Merge {
    #[default]
    None,
    Restart,
    Continue,
}
