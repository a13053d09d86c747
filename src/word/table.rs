//! An HTML table (Typst's export of `table`) → a Word table: header rows
//! repeated, spans placed on the grid (a cell over two rows is a vertical
//! merge), column widths resolved from the layout library's columns.

use typst_html::{HtmlElement, tag};

use super::model::{Align, Block, Cell, Merge, Row, Style, Table};
use super::tree::{Ctx, ReadBlocks, attr, elements};

/// Width Word gives a column the layout library sizes `auto` (a number: TT).
const AUTO_COLUMN: f64 = 34.0;

pub fn read(
    el: &HtmlElement,
    columns: Option<&str>,
    ctx: &Ctx,
    read_blocks: ReadBlocks,
) -> Option<Table> {
    let source = source_rows(el);
    let cells: Vec<Vec<(usize, usize, &HtmlElement)>> = source
        .iter()
        .map(|(_, row)| {
            elements(row)
                .filter(|c| c.tag == tag::td || c.tag == tag::th)
                .map(|c| (span(c, "colspan"), span(c, "rowspan"), c))
                .collect()
        })
        .collect();
    let count = columns.map(|c| c.split(',').count()).unwrap_or_else(|| {
        cells
            .iter()
            .map(|r| r.iter().map(|c| c.0).sum::<usize>())
            .max()
            .unwrap_or(0)
    });
    if count == 0 || source.is_empty() {
        return None;
    }
    let widths = widths(columns, count, ctx.width);
    let grid = place(&cells, count);
    let mut rows: Vec<Row> = grid
        .iter()
        .zip(&source)
        .map(|(slots, (header, _))| Row {
            header: *header,
            cells: slots
                .iter()
                .map(|slot| cell(slot, &widths, ctx, read_blocks))
                .collect(),
        })
        .collect();
    for row in &mut rows {
        // A group row (one cell across the table) stays with the row under it.
        if !row.header && row.cells.len() == 1 && count > 1 {
            for block in &mut row.cells[0].blocks {
                if let Block::Para(p) = block {
                    p.keep_next = true;
                }
            }
        }
    }
    Some(Table {
        widths,
        rows,
        ruled: true,
    })
}

/// The table's rows in order, each with whether it is a header row.
fn source_rows(el: &HtmlElement) -> Vec<(bool, &HtmlElement)> {
    let mut rows = vec![];
    for part in elements(el) {
        if part.tag == tag::tr {
            rows.push((false, part));
        } else {
            let header = part.tag == tag::thead;
            rows.extend(
                elements(part)
                    .filter(|r| r.tag == tag::tr)
                    .map(|r| (header, r)),
            );
        }
    }
    rows
}

/// A grid slot as a Word cell: its blocks in table text, left by default.
fn cell(slot: &Slot, widths: &[f64], ctx: &Ctx, read_blocks: ReadBlocks) -> Cell {
    match slot {
        Slot::Start(column, colspan, rowspan, el) => {
            let width: f64 = widths[*column..column + colspan].iter().sum();
            let inner = Ctx {
                size: Some(ctx.layout.table_size),
                style: Style::Block,
                ..ctx.within(width, Align::Left)
            };
            let mut blocks: Vec<Block> = vec![];
            read_blocks(&el.children, &inner, &mut blocks);
            Cell {
                span: *colspan,
                merge: if *rowspan > 1 {
                    Merge::Restart
                } else {
                    Merge::None
                },
                blocks,
            }
        }
        Slot::Covered(colspan) => Cell {
            span: *colspan,
            merge: Merge::Continue,
            blocks: vec![],
        },
        Slot::Empty => Cell {
            span: 1,
            ..Cell::default()
        },
    }
}

fn span(el: &HtmlElement, name: &str) -> usize {
    attr(el, name)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(1)
        .max(1)
}

enum Slot<'a> {
    /// A cell starts here: its grid column, column and row spans.
    Start(usize, usize, usize, &'a HtmlElement),
    /// Covered by a cell of a row above (its column span).
    Covered(usize),
    Empty,
}

/// Places cells on the grid of `count` columns, left to right, skipping what
/// cells of rows above cover; spans are cut at the grid's edge.
fn place<'a>(rows: &[Vec<(usize, usize, &'a HtmlElement)>], count: usize) -> Vec<Vec<Slot<'a>>> {
    // covered[row][column]: the column span of the cell above covering it, at its first column.
    let mut covered: Vec<Vec<Option<usize>>> = vec![vec![None; count]; rows.len()];
    let mut taken: Vec<Vec<bool>> = vec![vec![false; count]; rows.len()];
    let mut grid = vec![];
    for (r, cells) in rows.iter().enumerate() {
        let mut slots = vec![];
        let mut column = 0;
        let mut cells = cells.iter();
        while column < count {
            if taken[r][column] {
                if let Some(colspan) = covered[r][column] {
                    slots.push(Slot::Covered(colspan));
                    column += colspan;
                } else {
                    column += 1;
                }
                continue;
            }
            let Some((colspan, rowspan, el)) = cells.next() else {
                slots.push(Slot::Empty);
                column += 1;
                continue;
            };
            let colspan = (*colspan).min(count - column);
            let rowspan = (*rowspan).min(rows.len() - r);
            for below in r + 1..r + rowspan {
                covered[below][column] = Some(colspan);
                taken[below][column..column + colspan].fill(true);
            }
            slots.push(Slot::Start(column, colspan, rowspan, el));
            column += colspan;
        }
        grid.push(slots);
    }
    grid
}

/// Column widths (pt) from the layout library's columns (`31.18pt`, `1fr`,
/// `auto`, `40%`), filling `width`; equal columns when there is none.
fn widths(columns: Option<&str>, count: usize, width: f64) -> Vec<f64> {
    let Some(spec) = columns else {
        return vec![width / count as f64; count];
    };
    enum W {
        Fixed(f64),
        Fr(f64),
    }
    let parsed: Vec<W> = spec
        .split(',')
        .map(|c| {
            let c = c.trim();
            if let Some(v) = c.strip_suffix("pt").and_then(|v| v.parse().ok()) {
                W::Fixed(v)
            } else if let Some(v) = c.strip_suffix('%').and_then(|v| v.parse::<f64>().ok()) {
                W::Fixed(width * v / 100.0)
            } else if let Some(v) = c.strip_suffix("fr").and_then(|v| v.parse().ok()) {
                W::Fr(v)
            } else {
                W::Fixed(AUTO_COLUMN)
            }
        })
        .collect();
    let fixed: f64 = parsed
        .iter()
        .map(|w| if let W::Fixed(v) = w { *v } else { 0.0 })
        .sum();
    let fr: f64 = parsed
        .iter()
        .map(|w| if let W::Fr(v) = w { *v } else { 0.0 })
        .sum();
    let rest = (width - fixed).max(0.0);
    let mut out: Vec<f64> = parsed
        .iter()
        .map(|w| match w {
            W::Fixed(v) => *v,
            W::Fr(v) if fr > 0.0 => rest * v / fr,
            W::Fr(_) => 0.0,
        })
        .collect();
    // Fixed columns wider than the page shrink to fit it.
    let total: f64 = out.iter().sum();
    if total > width && total > 0.0 {
        out.iter_mut().for_each(|w| *w *= width / total);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::widths;

    #[test]
    fn fractions_share_what_fixed_columns_leave() {
        let w = widths(Some("100pt,1fr,3fr,auto"), 4, 534.0);
        assert_eq!(w, vec![100.0, 100.0, 300.0, 34.0]);
        assert_eq!(widths(None, 3, 300.0), vec![100.0; 3]);
        let shrunk = widths(Some("400pt,400pt"), 2, 400.0);
        assert_eq!(shrunk, vec![200.0, 200.0]);
    }
}
