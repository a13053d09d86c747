//! A workbook (`.xlsx`, `.xls`, `.ods`, through calamine) as grids of cells,
//! addressed as Excel addresses them (row 1, column A = 1), with the merged
//! ranges' value copied into every cell they cover.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

/// A cell's value as the sheet stores it: a number stays a number, so a CCCD
/// that Excel turned into one can be told apart.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
}

impl Value {
    /// The text a person reads in the cell.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
        }
    }
}

pub struct Sheet {
    pub name: String,
    /// `rows[r][c]` is the cell at row `r + 1`, column `c + 1`.
    pub rows: Vec<Vec<Value>>,
    /// Cells covered by a merged range other than its first: (row, column), 1-based.
    pub covered: Vec<(u32, u32)>,
}

impl Sheet {
    /// The cell at 1-based `row` and `column`.
    pub fn get(&self, row: u32, column: u32) -> &Value {
        self.rows
            .get(row as usize - 1)
            .and_then(|r| r.get(column as usize - 1))
            .unwrap_or(&Value::Empty)
    }

    pub fn width(&self) -> u32 {
        self.rows.iter().map(Vec::len).max().unwrap_or(0) as u32
    }
}

/// Every sheet of the workbook at `path`, in the workbook's order.
pub fn read(path: &Path) -> Result<Vec<Sheet>, calamine::Error> {
    let mut book = open_workbook_auto(path)?;
    let names = book.sheet_names();
    let mut sheets = Vec::new();
    for name in names {
        let range = book.worksheet_range(&name)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Value>> = vec![vec![]; top as usize];
        for row in range.rows() {
            let mut cells = vec![Value::Empty; left as usize];
            cells.extend(row.iter().map(value));
            rows.push(cells);
        }
        let merged = merged_ranges(&mut book, &name);
        let mut covered = Vec::new();
        for (r0, c0, r1, c1) in merged {
            let first = rows
                .get(r0 as usize)
                .and_then(|r| r.get(c0 as usize))
                .cloned()
                .unwrap_or(Value::Empty);
            for r in r0..=r1.min(r0 + 1000) {
                for c in c0..=c1.min(c0 + 100) {
                    if (r, c) == (r0, c0) {
                        continue;
                    }
                    if let Some(row) = rows.get_mut(r as usize) {
                        if row.len() <= c as usize {
                            row.resize(c as usize + 1, Value::Empty);
                        }
                        row[c as usize] = first.clone();
                        covered.push((r + 1, c + 1));
                    }
                }
            }
        }
        sheets.push(Sheet {
            name,
            rows,
            covered,
        });
    }
    Ok(sheets)
}

fn value(cell: &Data) -> Value {
    match cell {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Text(b.to_string()),
        Data::DateTime(d) => Value::Number(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Text(format!("#{e:?}")),
    }
}

/// Merged ranges (0-based, inclusive) of a sheet; ODS gives none.
fn merged_ranges<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> Vec<(u32, u32, u32, u32)> {
    let dims = match book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).ok(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
        _ => None,
    };
    dims.unwrap_or_default()
        .into_iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect()
}
