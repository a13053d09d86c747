//! The semantic tree Typst evaluates for the Word file (`data-nd30` elements
//! of the layout library, paragraphs, headings, tables) → sections of Word
//! paragraphs and tables. Every measurement comes from the element's `data-*`
//! attributes, that is from the layout library's constants.

use typst_html::{HtmlDocument, HtmlElement, HtmlNode, tag};

use super::WordError;
use super::model::{Align, Block, Layout, Para, Rule, Run, RunText, Section, Style};
use super::tree::{Ctx, Format, attr, elements, inline, lines, mark, paragraph, space};
use super::{blocks, table};

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
        if let Some(table) = table::read(el, None, ctx, node_blocks) {
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
        "header" => out.push(Block::Table(blocks::header(el, ctx, node_blocks))),
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
                    && let Some(table) = table::read(child, columns, ctx, node_blocks)
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
        "footer" | "signatures" => blocks::signatures(el, ctx, pt("data-above"), out),
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

fn find_mark<'a>(el: &'a HtmlElement, kind: &str) -> Option<&'a HtmlElement> {
    if mark(el) == Some(kind) {
        return Some(el);
    }
    elements(el).find_map(|e| find_mark(e, kind))
}
