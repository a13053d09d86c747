//! `thidua import`: a nominee list (or a list of achievements) from a
//! spreadsheet merged into a unit's file. The workbook is read (`sheet`),
//! the list found in it (`layout`), its rows read (`rows`), matched with the
//! unit's nominations by CCCD or name (`merge`; achievements by their text,
//! `achievements`), and the file edited in place (`edit`): new entries
//! appended, changed values replaced, nothing else touched.

mod achievements;
mod edit;
mod layout;
mod merge;
mod rows;
mod sheet;

use std::path::{Path, PathBuf};

use crate::diag::{CellRef, Diagnostic, Text};
use crate::model::Workspace;
use crate::source::Sources;

pub use rows::{Kind, Row, Skipped};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("không đọc được bảng tính {0}: {1}")]
    Read(String, String),
    #[error("không có đơn vị `{0}` (hoặc tệp của nó còn lỗi: sửa bằng `thidua check` trước)")]
    Unit(String),
    #[error("không biết danh sách đề nghị hình thức nào: ghi --award ID ({0})")]
    Award(String),
}

impl ImportError {
    /// The message in both languages.
    pub fn text(&self) -> Text {
        match self {
            ImportError::Read(file, e) => Text::new(
                self.to_string(),
                format!("cannot read the spreadsheet {file}: {e}"),
            ),
            ImportError::Unit(id) => Text::new(
                self.to_string(),
                format!(
                    "no unit `{id}` (or its file has errors: fix them with `thidua check` first)"
                ),
            ),
            ImportError::Award(why) => Text::new(
                self.to_string(),
                format!("which award does the list propose? give --award ID ({why})"),
            ),
        }
    }
}

/// What to import.
pub struct Request<'a> {
    /// The spreadsheet, and its name as diagnostics show it.
    pub sheet: &'a Path,
    pub shown: String,
    pub unit: &'a str,
    pub award: Option<&'a str>,
}

/// A nominee added or updated: its row, id, name and changed fields
/// (field, old value, new value).
#[derive(Debug, Clone)]
pub struct Change {
    pub row: u32,
    pub id: String,
    pub name: String,
    pub fields: Vec<(&'static str, Option<String>, String)>,
    /// Changes not written (a `person: { … }` on one line), for the user.
    pub by_hand: Vec<(&'static str, Option<String>, String)>,
}

/// What a merge did to the unit's file: its text after, and its entries by fate.
#[derive(Default)]
pub struct Merged {
    pub text: String,
    pub added: Vec<Change>,
    pub updated: Vec<Change>,
    pub unchanged: Vec<Change>,
}

/// Rows set aside, with their reasons, and problems at their cells.
pub struct Notes {
    pub skipped: Vec<Skipped>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What the import does (or, with `--dry-run`, would do).
pub struct Plan {
    pub sheet_name: String,
    pub award: String,
    /// The unit's file, and its text after the import (`None`: unchanged).
    pub unit_file: PathBuf,
    pub text: Option<String>,
    /// Rows read under the header, blank ones included.
    pub read: usize,
    pub added: Vec<Change>,
    pub updated: Vec<Change>,
    pub unchanged: Vec<Change>,
    pub skipped: Vec<Skipped>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Plans the import of `request` into the checked workspace under `root`.
pub fn plan(
    root: &Path,
    workspace: &Workspace,
    sources: &Sources,
    request: &Request,
) -> Result<Plan, ImportError> {
    let sheets = sheet::read(request.sheet)
        .map_err(|e| ImportError::Read(request.shown.clone(), e.to_string()))?;
    let unit = workspace
        .unit(request.unit)
        .ok_or_else(|| ImportError::Unit(request.unit.to_string()))?;
    let mut diagnostics = vec![];
    let cell = |sheet: &str, row: u32, column: u32| CellRef {
        file: request.shown.clone(),
        sheet: sheet.to_string(),
        row,
        column,
    };
    let found = sheets.iter().find_map(|s| layout::find(s).map(|l| (s, l)));
    let Some((sheet, layout)) = found else {
        let first = sheets
            .first()
            .map_or("Sheet1".to_string(), |s| s.name.clone());
        diagnostics.push(no_list().in_cell(cell(&first, 1, 1)));
        return Ok(Plan::empty(
            first,
            root.join(sources.name(unit.file)),
            diagnostics,
        ));
    };
    for (at, what) in unread(&sheets, sheet, &layout) {
        diagnostics.push(what.in_cell(cell(&at.0, at.1, at.2)));
    }
    let text = sources.text(unit.file);
    let mut notes = Notes {
        skipped: vec![],
        diagnostics,
    };
    let cell_of = |row, column| cell(&sheet.name, row, column);
    let (award, merged) = match layout.kind {
        layout::ListKind::Achievements => {
            let campaign = workspace.campaign.as_ref().map(|c| &c.value);
            let list = (sheet, &layout);
            let m = achievements::merge(text, &unit.value, campaign, list, &mut notes, cell_of);
            (String::new(), m)
        }
        layout::ListKind::Nominees => {
            let award = award_of(workspace, sheet, &layout, request.award)?;
            let rows = rows::read(&request.shown, sheet, &layout, &mut notes);
            let m = merge::merge(text, &unit.value, &award, rows, &mut notes, cell_of);
            (award, m)
        }
    };
    let Merged {
        text: edited,
        added,
        updated,
        unchanged,
    } = merged;
    let Notes {
        mut skipped,
        diagnostics,
    } = notes;
    skipped.sort_by_key(|s| s.row);
    Ok(Plan {
        sheet_name: sheet.name.clone(),
        award,
        unit_file: root.join(sources.name(unit.file)),
        text: (edited != text).then_some(edited),
        read: sheet.rows.len().saturating_sub(layout.header_end as usize),
        added,
        updated,
        unchanged,
        skipped,
        diagnostics,
    })
}

impl Plan {
    /// A plan that changes nothing.
    fn empty(sheet_name: String, unit_file: PathBuf, diagnostics: Vec<Diagnostic>) -> Self {
        Plan {
            sheet_name,
            award: String::new(),
            unit_file,
            text: None,
            read: 0,
            added: vec![],
            updated: vec![],
            unchanged: vec![],
            skipped: vec![],
            diagnostics,
        }
    }
}

/// TD0401: no sheet holds a list.
fn no_list() -> Diagnostic {
    Diagnostic::error(
        "TD0401",
        Text::new(
            "không tìm thấy dòng tiêu đề của danh sách (cột “Họ và tên” cùng các cột như “Năm sinh”, “Chức vụ”, “Tóm tắt thành tích”) trong 20 dòng đầu của trang tính nào",
            "no list header (a “Họ và tên” column with others such as “Năm sinh”, “Chức vụ”, “Tóm tắt thành tích”) in the first 20 rows of any sheet",
        ),
    )
    .help(Text::new(
        "dùng danh sách có dòng tiêu đề cột, như danh-sach.xlsx mà thidua ghi",
        "use a list with a header row, such as the danh-sach.xlsx thidua writes",
    ))
}

/// TD0405: what is not read, with where (sheet, row, column): the other
/// sheets, and the list's columns that no field reads.
fn unread(
    sheets: &[sheet::Sheet],
    sheet: &sheet::Sheet,
    layout: &layout::Layout,
) -> Vec<((String, u32, u32), Diagnostic)> {
    let mut out = vec![];
    for other in sheets
        .iter()
        .filter(|s| s.name != sheet.name && s.width() > 0)
    {
        let text = Text::new(
            format!(
                "trang tính “{}” không được đọc: chỉ đọc danh sách ở trang “{}”",
                other.name, sheet.name
            ),
            format!(
                "sheet “{}” is not read: only the list on “{}” is",
                other.name, sheet.name
            ),
        );
        out.push((
            (other.name.clone(), 1, 1),
            Diagnostic::warning("TD0405", text),
        ));
    }
    for (column, header) in &layout.ignored {
        let text = Text::new(
            format!("cột “{header}” không được đọc"),
            format!("column “{header}” is not read"),
        );
        out.push((
            (sheet.name.clone(), layout.header_end, *column),
            Diagnostic::warning("TD0405", text),
        ));
    }
    out
}

/// The award the list proposes: `--award`, or the award whose name its
/// title holds (`DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA …`), the longest.
fn award_of(
    workspace: &Workspace,
    sheet: &sheet::Sheet,
    layout: &layout::Layout,
    given: Option<&str>,
) -> Result<String, ImportError> {
    let awards: Vec<(&str, &str)> = workspace
        .campaign
        .iter()
        .flat_map(|c| c.value.awards.iter())
        .map(|a| (a.id.value.as_str(), a.name.as_str()))
        .collect();
    let ids = awards
        .iter()
        .map(|(id, _)| *id)
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(given) = given {
        return awards
            .iter()
            .find(|(id, _)| *id == given)
            .map(|(id, _)| id.to_string())
            .ok_or_else(|| {
                ImportError::Award(format!("`{given}` không có trong kế hoạch; có: {ids}"))
            });
    }
    let title: String = (1..layout.header_end)
        .flat_map(|r| (1..=sheet.width()).map(move |c| (r, c)))
        .map(|(r, c)| sheet.get(r, c).text())
        .collect::<Vec<_>>()
        .join(" ");
    let title = layout::words(&title);
    awards
        .iter()
        .filter(|(_, name)| title.contains(&layout::words(name)))
        .max_by_key(|(_, name)| name.len())
        .map(|(id, _)| id.to_string())
        .ok_or_else(|| {
            ImportError::Award(format!(
                "tiêu đề bảng tính không nêu tên hình thức nào; có: {ids}"
            ))
        })
}
