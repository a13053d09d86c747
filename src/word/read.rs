//! The semantic tree Typst evaluates for the Word file (`data-nd30` elements
//! of the layout library, paragraphs, headings, tables) → sections of Word
//! paragraphs and tables. Every measurement comes from the element's `data-*`
//! attributes, that is from the layout library's constants.

use typst_html::{HtmlDocument, HtmlElement, HtmlNode, tag};

use super::WordError;
use super::model::{Align, Block, Layout, Para, Rule, Run, RunText, Section, Style};
use super::table;

/// Reads the document element the layout library's `official-document` emits.
pub fn read(doc: &HtmlDocument) -> Result<(Layout, Vec<Section>), WordError> {
    let root = find_mark(doc.root(), "document").ok_or(WordError::NoDocument)?;
    let layout = layout(root)?;
    let flipped = attr(root, "data-flipped") == Some("true");
    let mut sections = vec![Section {
        flipped,
        restart_numbering: false,
        blocks: vec![],
    }];
    for child in &root.children {
        if let HtmlNode::Element(el) = child
            && mark(el) == Some("attached")
        {
            let flipped = attr(el, "data-flipped") == Some("true");
            let mut blocks = vec![];
            let ctx = Ctx::new(&layout, flipped);
            titled(el, &ctx, &mut blocks);
            sections.push(Section {
                flipped,
                restart_numbering: true,
                blocks,
            });
            continue;
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        let ctx = Ctx::new(&layout, section.flipped);
        node_blocks(std::slice::from_ref(child), &ctx, &mut section.blocks);
    }
    Ok((layout, sections))
}

/// Where blocks are being read: the width they run in, their alignment and
/// style, and whether they keep with what follows.
#[derive(Clone)]
pub(super) struct Ctx<'a> {
    pub layout: &'a Layout,
    pub width: f64,
    pub align: Option<Align>,
    pub style: Style,
    /// Text size of block lines with no size of their own (table cells).
    pub size: Option<f64>,
    pub keep: bool,
}

impl<'a> Ctx<'a> {
    fn new(layout: &'a Layout, flipped: bool) -> Self {
        Self {
            layout,
            width: layout.text_width(flipped),
            align: None,
            style: Style::Body,
            size: None,
            keep: false,
        }
    }

    pub fn within(&self, width: f64, align: Align) -> Self {
        Self {
            width,
            align: Some(align),
            style: Style::Block,
            ..self.clone()
        }
    }
}

fn layout(el: &HtmlElement) -> Result<Layout, WordError> {
    let num = |name: &'static str| {
        attr(el, name)
            .and_then(|v| v.parse::<f64>().ok())
            .ok_or(WordError::Attribute(name))
    };
    let share = attr(el, "data-header-left-width")
        .and_then(|v| v.strip_suffix('%'))
        .and_then(|v| v.parse::<f64>().ok())
        .ok_or(WordError::Attribute("data-header-left-width"))?;
    Ok(Layout {
        font: attr(el, "data-font")
            .unwrap_or("Times New Roman")
            .to_string(),
        margin_top: num("data-margin-top")?,
        margin_bottom: num("data-margin-bottom")?,
        margin_left: num("data-margin-left")?,
        margin_right: num("data-margin-right")?,
        body_size: num("data-body-size")?,
        heading_size: num("data-heading-size")?,
        table_size: num("data-table-size")?,
        first_line_indent: num("data-first-line-indent")?,
        paragraph_spacing: num("data-paragraph-spacing")?,
        page_number_size: num("data-page-number-size")?,
        header_left: share / 100.0,
        body_lines: num("data-body-lines")?,
        block_lines: num("data-block-lines")?,
    })
}

/// Reads `nodes` as blocks: block elements each make theirs, runs of inline
/// nodes between them make a paragraph.
pub(super) fn node_blocks(nodes: &[HtmlNode], ctx: &Ctx, out: &mut Vec<Block>) {
    let mut pending: Vec<Run> = vec![];
    for node in nodes {
        match node {
            HtmlNode::Element(el) if is_block(el) => {
                flush(&mut pending, ctx, out);
                element_blocks(el, ctx, out);
            }
            _ => inline(node, Format::default(), &mut pending),
        }
    }
    flush(&mut pending, ctx, out);
}

fn flush(runs: &mut Vec<Run>, ctx: &Ctx, out: &mut Vec<Block>) {
    if runs
        .iter()
        .all(|r| matches!(&r.text, RunText::Text(t) if t.trim().is_empty()))
    {
        runs.clear();
        return;
    }
    out.push(Block::Para(paragraph(std::mem::take(runs), ctx)));
}

/// A paragraph of `runs` in the context's style.
fn paragraph(runs: Vec<Run>, ctx: &Ctx) -> Para {
    let after = match ctx.style {
        Style::Block => 0.0,
        _ => ctx.layout.paragraph_spacing,
    };
    let runs = match ctx.size {
        Some(size) => runs
            .into_iter()
            .map(|r| Run {
                size: r.size.or(Some(size)),
                ..r
            })
            .collect(),
        None => runs,
    };
    Para {
        style: ctx.style,
        runs: merged(runs),
        align: ctx.align,
        after,
        keep_next: ctx.keep,
        ..Para::default()
    }
}

/// Neighbouring runs of one format as one run: Typst splits text at
/// punctuation, Word need not.
fn merged(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        if let Some(last) = out.last_mut()
            && (last.bold, last.italic, last.size) == (run.bold, run.italic, run.size)
            && let (RunText::Text(a), RunText::Text(b)) = (&mut last.text, &run.text)
        {
            a.push_str(b);
            continue;
        }
        out.push(run);
    }
    out
}

fn is_block(el: &HtmlElement) -> bool {
    let t = el.tag;
    [
        tag::p,
        tag::div,
        tag::table,
        tag::h2,
        tag::h3,
        tag::h4,
        tag::h5,
        tag::h6,
    ]
    .contains(&t)
}

fn element_blocks(el: &HtmlElement, ctx: &Ctx, out: &mut Vec<Block>) {
    let t = el.tag;
    if t == tag::p {
        let mut ctx = ctx.clone();
        if attr(el, "data-align") == Some("center") {
            ctx.style = Style::Centred;
            ctx.align = Some(Align::Center);
        }
        let mut runs = vec![];
        for child in &el.children {
            inline(child, Format::default(), &mut runs);
        }
        flush(&mut runs, &ctx, out);
    } else if let Some(level) = heading_level(el) {
        let mut runs = vec![];
        for child in &el.children {
            inline(child, Format::default(), &mut runs);
        }
        let ctx = Ctx {
            style: Style::Heading(level),
            keep: true,
            ..ctx.clone()
        };
        flush(&mut runs, &ctx, out);
    } else if t == tag::table {
        // A bare table (a template's own `table(…)`): equal columns.
        if let Some(table) = table::read(el, None, ctx) {
            out.push(Block::Table(table));
        }
    } else if t == tag::div {
        match mark(el) {
            Some(kind) => marked(kind, el, ctx, out),
            None => {
                let mut ctx = ctx.clone();
                match attr(el, "data-align") {
                    Some("center") => ctx.align = Some(Align::Center),
                    Some("left") => ctx.align = Some(Align::Left),
                    _ => {}
                }
                node_blocks(&el.children, &ctx, out);
            }
        }
    }
}

fn heading_level(el: &HtmlElement) -> Option<u8> {
    [tag::h2, tag::h3, tag::h4, tag::h5, tag::h6]
        .iter()
        .position(|t| *t == el.tag)
        .map(|i| i as u8 + 1)
}

/// A semantic element of the layout library.
fn marked(kind: &str, el: &HtmlElement, ctx: &Ctx, out: &mut Vec<Block>) {
    let pt = |name| attr(el, name).and_then(|v| v.parse::<f64>().ok());
    match kind {
        "lines" => out.push(Block::Para(lines(el, ctx))),
        "ruled" => ruled(el, ctx, out),
        "header" => out.push(Block::Table(super::blocks::header(el, ctx))),
        "title" => {
            let start = out.len();
            let ctx = ctx.within(ctx.width, Align::Center);
            node_blocks(&el.children, &ctx, out);
            space(out, start, pt("data-above"), pt("data-below"));
        }
        "list-title" | "attached" => titled(el, ctx, out),
        "table" => {
            let columns = attr(el, "data-columns");
            for child in elements(el) {
                if child.tag == tag::table
                    && let Some(table) = table::read(child, columns, ctx)
                {
                    out.push(Block::Table(table));
                }
            }
        }
        "keep" => {
            let ctx = Ctx {
                keep: true,
                ..ctx.clone()
            };
            node_blocks(&el.children, &ctx, out);
        }
        "footer" | "signatures" => super::blocks::signatures(el, ctx, pt("data-above"), out),
        "chart" => {
            let ctx = Ctx {
                size: Some(ctx.layout.table_size),
                ..ctx.within(ctx.width, Align::Center)
            };
            node_blocks(&el.children, &ctx, out);
        }
        _ => node_blocks(&el.children, ctx, out),
    }
}

/// A title block (a list's, an attached list's): its lines centred, the
/// space under it, then its body in the context's own style.
fn titled(el: &HtmlElement, ctx: &Ctx, out: &mut Vec<Block>) {
    let below = attr(el, "data-below").and_then(|v| v.parse::<f64>().ok());
    let centred = ctx.within(ctx.width, Align::Center);
    let start = out.len();
    let mut title_end = start;
    for child in &el.children {
        match child {
            HtmlNode::Element(e) if mark(e) == Some("lines") => {
                out.push(Block::Para(lines(e, &centred)));
                title_end = out.len();
            }
            other => node_blocks(std::slice::from_ref(other), ctx, out),
        }
    }
    if let Some(Block::Para(p)) = out.get_mut(title_end.saturating_sub(1))
        && title_end > start
    {
        p.after = below.unwrap_or(0.0);
    }
}

/// Sets the space above the first and below the last of `out[start..]`.
pub(super) fn space(out: &mut [Block], start: usize, above: Option<f64>, below: Option<f64>) {
    let start = start.min(out.len());
    let blocks = &mut out[start..];
    if let (Some(above), Some(Block::Para(p))) = (above, blocks.first_mut()) {
        p.before = above;
    }
    if let (Some(below), Some(Block::Para(p))) = (below, blocks.last_mut()) {
        p.after = below;
    }
}

/// `plain-lines`: one paragraph, lines broken, in the element's size and style.
pub(super) fn lines(el: &HtmlElement, ctx: &Ctx) -> Para {
    let format = Format {
        bold: attr(el, "data-weight") == Some("bold"),
        italic: attr(el, "data-style") == Some("italic"),
        size: attr(el, "data-size").and_then(|v| v.parse().ok()),
    };
    let mut runs = vec![];
    for child in &el.children {
        inline(child, format, &mut runs);
    }
    Para {
        keep_next: ctx.keep,
        ..paragraph(
            runs,
            &ctx.within(ctx.width, ctx.align.unwrap_or(Align::Center)),
        )
    }
}

/// Lines with a centred rule under them, `data-rule` points long.
fn ruled(el: &HtmlElement, ctx: &Ctx, out: &mut Vec<Block>) {
    for child in elements(el) {
        if mark(child) == Some("lines") {
            out.push(Block::Para(lines(child, ctx)));
        }
    }
    if let Some(width) = attr(el, "data-rule").and_then(|v| v.parse::<f64>().ok()) {
        out.push(Block::Para(Para {
            style: Style::Block,
            rule: Some(Rule {
                width,
                within: ctx.width,
            }),
            keep_next: ctx.keep,
            ..Para::default()
        }));
    }
}

/// Character formatting inherited down the inline tree.
#[derive(Clone, Copy, Default)]
pub(super) struct Format {
    pub bold: bool,
    pub italic: bool,
    pub size: Option<f64>,
}

/// Appends the runs of an inline node.
pub(super) fn inline(node: &HtmlNode, format: Format, runs: &mut Vec<Run>) {
    match node {
        HtmlNode::Text(text, _) => {
            let text: String = text
                .chars()
                .map(|c| if c == '\n' { ' ' } else { c })
                .collect();
            runs.push(Run {
                text: RunText::Text(text),
                bold: format.bold,
                italic: format.italic,
                size: format.size,
            })
        }
        HtmlNode::Element(el) => {
            let mut format = format;
            if el.tag == tag::br {
                runs.push(Run {
                    text: RunText::Break,
                    ..Run::default()
                });
                return;
            } else if el.tag == tag::strong {
                format.bold = true;
            } else if el.tag == tag::em {
                format.italic = !format.italic;
            }
            match attr(el, "data-weight") {
                Some("bold") => format.bold = true,
                Some("regular") => format.bold = false,
                _ => {}
            }
            match attr(el, "data-style") {
                Some("italic") => format.italic = true,
                Some("normal") => format.italic = false,
                _ => {}
            }
            if let Some(size) = attr(el, "data-size").and_then(|v| v.parse().ok()) {
                format.size = Some(size);
            }
            for child in &el.children {
                inline(child, format, runs);
            }
        }
        HtmlNode::Tag(_) | HtmlNode::Frame(_) => {}
    }
}

/// An attribute's value.
pub(super) fn attr<'a>(el: &'a HtmlElement, name: &str) -> Option<&'a str> {
    el.attrs
        .0
        .iter()
        .find(|(k, _)| &*k.resolve() == name)
        .map(|(_, v)| v.as_str())
}

/// The layout library's kind of a semantic element (`data-nd30`).
pub(super) fn mark(el: &HtmlElement) -> Option<&str> {
    attr(el, "data-nd30")
}

/// The element children of `el`.
pub(super) fn elements(el: &HtmlElement) -> impl Iterator<Item = &HtmlElement> {
    el.children.iter().filter_map(|c| match c {
        HtmlNode::Element(e) => Some(e),
        _ => None,
    })
}

fn find_mark<'a>(el: &'a HtmlElement, kind: &str) -> Option<&'a HtmlElement> {
    if mark(el) == Some(kind) {
        return Some(el);
    }
    elements(el).find_map(|e| find_mark(e, kind))
}
