//! The layout library's two-column blocks, as borderless Word tables: the
//! header (ô 1–4) and the signatures with or without Nơi nhận (ô 7, 9b).

use typst_html::HtmlElement;

use super::model::{Align, Block, Cell, Para, Row, Style, Table};
use super::tree::{Ctx, ReadBlocks, attr, elements, lines, mark, space};

/// The header: issuing bodies | Quốc hiệu and Tiêu ngữ; Số | place and date.
pub fn header(el: &HtmlElement, ctx: &Ctx, read: ReadBlocks) -> Table {
    let widths = columns(ctx);
    let gap = attr(el, "data-gap").and_then(|v| v.parse::<f64>().ok());
    let cell = |kind: &str, column: usize, above: Option<f64>| {
        let inner = ctx.within(widths[column], Align::Center);
        let mut blocks = vec![];
        for part in elements(el).filter(|e| mark(e) == Some(kind)) {
            read(&part.children, &inner, &mut blocks);
        }
        space(&mut blocks, 0, above, None);
        Cell {
            span: 1,
            blocks,
            ..Cell::default()
        }
    };
    Table {
        rows: vec![
            Row {
                cells: vec![cell("bodies", 0, None), cell("nation", 1, None)],
                header: false,
            },
            Row {
                cells: vec![cell("number", 0, gap), cell("place-date", 1, gap)],
                header: false,
            },
        ],
        widths,
        ruled: false,
    }
}

/// Nơi nhận | signer (`footer`), or two signers (`signatures`): each signer's
/// first lines (authority, title) leave the signature space under them.
pub fn signatures(el: &HtmlElement, ctx: &Ctx, above: Option<f64>, out: &mut Vec<Block>) {
    let widths = columns(ctx);
    let room = attr(el, "data-signature-space").and_then(|v| v.parse::<f64>().ok());
    if mark(el) == Some("signatures") {
        return two_signers(el, ctx, &widths, room, above, out);
    }
    let cells: Vec<Cell> = elements(el)
        .zip(&widths)
        .map(|(part, width)| {
            let align = match mark(part) {
                Some("recipients") => Align::Left,
                _ => Align::Center,
            };
            let inner = ctx.within(*width, align);
            let parts: Vec<&HtmlElement> = elements(part).collect();
            let mut blocks = vec![];
            for (i, lines_el) in parts.iter().enumerate() {
                let mut para = lines(lines_el, &inner);
                if mark(part) == Some("signer") && i == 0 && parts.len() > 1 {
                    para.after = room.unwrap_or(0.0);
                }
                blocks.push(Block::Para(para));
            }
            Cell {
                span: 1,
                blocks,
                ..Cell::default()
            }
        })
        .collect();
    // No page holds the signature alone: the paragraph before it comes along.
    if let Some(Block::Para(last)) = out.last_mut() {
        last.keep_next = true;
    }
    if let Some(above) = above {
        // Space above a table is an empty paragraph's.
        out.push(Block::Para(Para {
            style: Style::Block,
            before: above,
            line: Some(1.0),
            keep_next: true,
            ..Para::default()
        }));
    }
    let start = out.len();
    out.push(Block::Table(Table {
        rows: vec![Row {
            cells,
            header: false,
        }],
        widths,
        ruled: false,
    }));
    space(out, start, None, None);
}

/// Two signers: their titles side by side, the names level under them after
/// the signature space, as the layout library's grid sets them.
fn two_signers(
    el: &HtmlElement,
    ctx: &Ctx,
    widths: &[f64],
    room: Option<f64>,
    above: Option<f64>,
    out: &mut Vec<Block>,
) {
    let signers: Vec<Vec<&HtmlElement>> = elements(el).map(|s| elements(s).collect()).collect();
    let row = |line: usize, before: f64| Row {
        header: false,
        cells: signers
            .iter()
            .zip(widths)
            .map(|(lines_of, width)| Cell {
                span: 1,
                blocks: lines_of
                    .get(line)
                    .map(|l| {
                        let mut para = lines(l, &ctx.within(*width, Align::Center));
                        para.before = before;
                        vec![Block::Para(para)]
                    })
                    .unwrap_or_default(),
                ..Cell::default()
            })
            .collect(),
    };
    if let Some(Block::Para(last)) = out.last_mut() {
        last.keep_next = true;
    }
    out.push(Block::Para(Para {
        style: Style::Block,
        before: above.unwrap_or(0.0),
        line: Some(1.0),
        keep_next: true,
        ..Para::default()
    }));
    out.push(Block::Table(Table {
        rows: vec![row(0, 0.0), row(1, room.unwrap_or(0.0))],
        widths: widths.to_vec(),
        ruled: false,
    }));
}

/// The header's and footer's two columns.
fn columns(ctx: &Ctx) -> Vec<f64> {
    let left = ctx.width * ctx.layout.header_left;
    vec![left, ctx.width - left]
}
