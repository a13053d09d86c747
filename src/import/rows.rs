//! The rows under the header: each a nominee, a section heading
//! (`I. Tập thể`, `II. Cá nhân`, a unit's name in a consolidated list), a
//! total, or blank. Every row is accounted for: read into a nominee, or
//! skipped with its reason; every problem located at its cell.

use crate::diag::{CellRef, Diagnostic, Text};
use crate::model::unit::Gender;

use super::Notes;
use super::layout::{Field, Layout, words};
use super::sheet::{Sheet, Value};

/// Whether a row names a collective or a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Collective,
    Person,
}

/// A nominee as the list gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row of the sheet.
    pub row: u32,
    pub kind: Kind,
    pub name: String,
    pub birth_year: Option<i32>,
    pub gender: Option<Gender>,
    pub cccd: Option<String>,
    pub position: Option<String>,
    /// The proposing unit, in a consolidated list.
    pub unit: Option<String>,
    pub summary: Option<String>,
}

/// A row not read as a nominee, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub row: u32,
    pub reason: Text,
}

/// Reads every row under the header of `sheet`; what is set aside goes to `out`.
pub fn read(file: &str, sheet: &Sheet, layout: &Layout, out: &mut Notes) -> Vec<Row> {
    let mut rows = vec![];
    let cell = |row: u32, column: u32| CellRef {
        file: file.to_string(),
        sheet: sheet.name.clone(),
        row,
        column,
    };
    let mut section: Option<Kind> = None;
    for row in layout.header_end + 1..=sheet.rows.len() as u32 {
        let filled: Vec<(u32, String)> = (1..=sheet.width())
            .filter(|c| !sheet.covered.contains(&(row, *c)))
            .map(|c| (c, sheet.get(row, c).text()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let skip = |reason: Text| Skipped { row, reason };
        let Some((_, first)) = filled.first() else {
            out.skipped.push(skip(Text::new("dòng trống", "blank row")));
            continue;
        };
        let first_words = words(first);
        if first_words.starts_with("tổng") || first_words.starts_with("cộng") {
            out.skipped
                .push(skip(Text::new("dòng tổng cộng", "total row")));
            continue;
        }
        let name_column = layout.column(Field::Name).unwrap_or(1);
        let name = sheet.get(row, name_column).text();
        let has_data = filled
            .iter()
            .any(|(c, _)| *c != name_column && Some(*c) != layout.column(Field::Number));
        if filled.len() == 1 || (name.is_empty() && !has_data) {
            let reason = heading(first, &mut section);
            out.skipped.push(skip(reason));
            continue;
        }
        if name.is_empty() {
            out.diagnostics
                .push(nameless().in_cell(cell(row, name_column)));
            out.skipped.push(skip(Text::new("không có tên", "no name")));
            continue;
        }
        let mut problems = vec![];
        let parsed = nominee(sheet, layout, row, section, &mut problems);
        let had_error = problems
            .iter()
            .any(|(_, d): &(u32, Diagnostic)| d.is_error());
        for (column, d) in problems {
            out.diagnostics.push(d.in_cell(cell(row, column)));
        }
        match parsed {
            Some(r) if !had_error => rows.push(Row { name, ..r }),
            _ => out.skipped.push(skip(Text::new(
                "có lỗi, xem thông báo",
                "has errors, see above",
            ))),
        }
    }
    rows
}

/// A group heading: `I. Tập thể` and `II. Cá nhân` say what the rows under
/// them are; another (a unit's name in a consolidated list) says nothing.
fn heading(first: &str, section: &mut Option<Kind>) -> Text {
    let words = words(first);
    let heading = strip_numbering(&words);
    if heading.starts_with("tập thể") {
        *section = Some(Kind::Collective);
        Text::new("tiêu đề nhóm tập thể", "heading of the collectives")
    } else if heading.starts_with("cá nhân") {
        *section = Some(Kind::Person);
        Text::new("tiêu đề nhóm cá nhân", "heading of the individuals")
    } else {
        Text::new(
            format!("tiêu đề nhóm “{first}”"),
            format!("group heading “{first}”"),
        )
    }
}

/// TD0402: data without a name.
fn nameless() -> Diagnostic {
    Diagnostic::error(
        "TD0402",
        Text::new(
            "dòng có số liệu nhưng không có tên",
            "a row with data but no name",
        ),
    )
    .help(Text::new(
        "ghi họ và tên hoặc tên tập thể, hoặc xóa dòng",
        "write the name, or delete the row",
    ))
}

/// `I. Tập thể` → `tập thể`; `1. …`, `a) …` likewise.
fn strip_numbering(text: &str) -> &str {
    let t = text.trim_start();
    let after = t
        .find(['.', ')'])
        .filter(|i| *i <= 5 && t[..*i].chars().all(|c| c.is_alphanumeric()))
        .map(|i| &t[i + 1..])
        .unwrap_or(t);
    after.trim_start()
}

/// The fields of a nominee's row; problems as (column, diagnostic).
fn nominee(
    sheet: &Sheet,
    layout: &Layout,
    row: u32,
    section: Option<Kind>,
    problems: &mut Vec<(u32, Diagnostic)>,
) -> Option<Row> {
    let text = |f: Field| {
        layout
            .column(f)
            .map(|c| sheet.get(row, c).text())
            .filter(|t| !t.is_empty())
    };
    let mut birth_year = None;
    let mut gender = None;
    if let Some(c) = layout.column(Field::BirthGender) {
        let t = sheet.get(row, c).text();
        if !t.is_empty() {
            let (year, g) = t.split_once(',').unwrap_or((t.as_str(), ""));
            birth_year = year_of(year.trim(), c, problems);
            gender = gender_of(g.trim(), c, problems);
        }
    }
    if let Some(c) = layout.column(Field::Birth) {
        let t = sheet.get(row, c).text();
        if !t.is_empty() {
            birth_year = year_of(&t, c, problems);
        }
    }
    if let Some(c) = layout.column(Field::Gender) {
        let t = sheet.get(row, c).text();
        if !t.is_empty() {
            gender = gender_of(&t, c, problems);
        }
    }
    for (field, g) in [
        (Field::BirthMale, Gender::Male),
        (Field::BirthFemale, Gender::Female),
    ] {
        if let Some(c) = layout.column(field) {
            let t = sheet.get(row, c).text();
            if !t.is_empty() {
                birth_year = year_of(&t, c, problems);
                gender = Some(g);
            }
        }
    }
    let cccd = layout
        .column(Field::Cccd)
        .and_then(|c| cccd_of(sheet.get(row, c), c, problems));
    let kind = match section {
        Some(k) => k,
        None if birth_year.is_some() || gender.is_some() || cccd.is_some() => Kind::Person,
        None => Kind::Collective,
    };
    Some(Row {
        row,
        kind,
        name: String::new(),
        birth_year,
        gender,
        cccd,
        position: text(Field::Position),
        unit: text(Field::Unit),
        summary: text(Field::Summary),
    })
}

fn year_of(text: &str, column: u32, problems: &mut Vec<(u32, Diagnostic)>) -> Option<i32> {
    // `1988`, or a date whose year is last (`14/3/1988`) or first (`1988-03-14`).
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .collect();
    match digits.as_slice() {
        [year] => year.parse().ok(),
        _ => {
            let help = (
                "ghi năm sinh bốn chữ số, ví dụ 1988",
                "write a four-digit year, e.g. 1988",
            );
            problems.push((
                column,
                unreadable(("năm sinh", "year of birth"), text, help),
            ));
            None
        }
    }
}

fn gender_of(text: &str, column: u32, problems: &mut Vec<(u32, Diagnostic)>) -> Option<Gender> {
    match words(text).as_str() {
        "nam" => Some(Gender::Male),
        "nữ" | "nu" => Some(Gender::Female),
        "" => None,
        _ => {
            let help = ("ghi Nam hoặc Nữ", "write Nam or Nữ");
            problems.push((column, unreadable(("giới tính", "gender"), text, help)));
            None
        }
    }
}

/// TD0403: a cell whose value (`what`, in both languages) cannot be read,
/// with how to write it.
pub(super) fn unreadable(what: (&str, &str), value: &str, help: (&str, &str)) -> Diagnostic {
    Diagnostic::error(
        "TD0403",
        Text::new(
            format!("không đọc được {} “{value}”", what.0),
            format!("cannot read the {} “{value}”", what.1),
        ),
    )
    .help(Text::new(help.0, help.1))
}

/// A CCCD of 12 digits. Excel may have stored it as a number and lost its
/// leading zero: it is put back, and the user told.
fn cccd_of(value: &Value, column: u32, problems: &mut Vec<(u32, Diagnostic)>) -> Option<String> {
    let text: String = value
        .text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if text.is_empty() {
        return None;
    }
    if text.len() == 12 && text.chars().all(|c| c.is_ascii_digit()) {
        return Some(text);
    }
    if matches!(value, Value::Number(_))
        && text.len() == 11
        && text.chars().all(|c| c.is_ascii_digit())
    {
        let fixed = format!("0{text}");
        problems.push((
            column,
            Diagnostic::warning(
                "TD0404",
                Text::new(
                    format!("số CCCD {text} được lưu dạng số nên mất số 0 ở đầu; đã đọc là {fixed}"),
                    format!("CCCD {text} was stored as a number and lost its leading zero; read as {fixed}"),
                ),
            )
            .help(Text::new(
                "định dạng cột CCCD là Văn bản (Text) trong Excel để giữ số 0 ở đầu",
                "format the CCCD column as Text in Excel to keep leading zeros",
            )),
        ));
        return Some(fixed);
    }
    problems.push((
        column,
        Diagnostic::error(
            "TD0403",
            Text::new(
                format!("số CCCD “{text}” không phải 12 chữ số"),
                format!("CCCD “{text}” is not 12 digits"),
            ),
        )
        .help(Text::new(
            "ghi đủ 12 chữ số của căn cước công dân",
            "write the 12 digits of the citizen ID",
        )),
    ));
    None
}
