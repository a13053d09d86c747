//! The semantic tree's leaves and the context blocks are read in: the
//! element helpers, inline runs, a paragraph in its context's style. Shared
//! by `read` (the dispatch) and the two-column blocks and tables it calls.

use typst_html::{HtmlElement, HtmlNode, tag};

use super::model::{Align, Block, Layout, Para, Run, RunText, Style};

/// Reads nodes as blocks into `out`: `read::node_blocks`, handed to the
/// readers of blocks and tables, which hold other blocks (cells).
pub type ReadBlocks = fn(&[HtmlNode], &Ctx, &mut Vec<Block>);

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
    pub(super) fn new(layout: &'a Layout, flipped: bool) -> Self {
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

/// A paragraph of `runs` in the context's style.
pub(super) fn paragraph(runs: Vec<Run>, ctx: &Ctx) -> Para {
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
pub(super) fn merged(runs: Vec<Run>) -> Vec<Run> {
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
