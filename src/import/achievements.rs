//! A list of achievements (bảng thành tích: `Thành tích` | `Ngày` |
//! `Nội dung thi đua` …) merged into the unit's `achievements:`: a row
//! matched by its text has its day and content item brought up to date, a
//! new one is appended. The figures column is not read (the list prints
//! them without their labels).

use chrono::NaiveDate;

use crate::diag::{CellRef, Diagnostic, Text};
use crate::model::campaign::Campaign;
use crate::model::unit::{Achievement, Unit};

use super::layout::{Field, Layout, words};
use super::merge::{append, fresh_id};
use super::rows::Skipped;
use super::sheet::{Sheet, Value};
use super::{Change, Merged, Notes, edit};

/// An achievement as the list gives it.
struct Row {
    row: u32,
    text: String,
    date: Option<NaiveDate>,
    content_item: Option<String>,
}

/// Reads the rows under the header and merges them into `text`, the unit's file.
pub fn merge(
    text: &str,
    unit: &Unit,
    campaign: Option<&Campaign>,
    (sheet, layout): (&Sheet, &Layout),
    notes: &mut Notes,
    cell: impl Fn(u32, u32) -> CellRef,
) -> Merged {
    let mut out = Merged::default();
    let rows = read(sheet, layout, campaign, &cell, notes);
    let mut edits = vec![];
    let mut taken: Vec<String> = unit
        .achievements
        .iter()
        .map(|a| a.id.value.clone())
        .collect();
    let mut new_items = String::new();
    let indent = edit::sequence_end(text, "achievements").map_or(2, |(_, indent, _)| indent);
    for row in rows {
        let change = |id: &str| Change {
            row: row.row,
            id: id.to_string(),
            name: row.text.chars().take(60).collect(),
            fields: vec![],
            by_hand: vec![],
        };
        match unit
            .achievements
            .iter()
            .find(|a| words(&a.text) == words(&row.text))
        {
            Some(a) => {
                let mut c = change(&a.id.value);
                edits.extend(update(text, a, &row, &mut c));
                match c.fields.is_empty() {
                    true => out.unchanged.push(c),
                    false => out.updated.push(c),
                }
            }
            None => {
                let id = fresh_id("tt", &first_words(&row.text), &taken);
                taken.push(id.clone());
                new_items.push_str(&item(&id, &row, indent));
                out.added.push(change(&id));
            }
        }
    }
    if !new_items.is_empty() {
        edits.push(append(text, "achievements", &new_items));
    }
    out.text = edit::apply(text, edits);
    out
}

/// The edits that bring achievement `a` to the row's day and content item.
fn update(text: &str, a: &Achievement, row: &Row, change: &mut Change) -> Vec<edit::Edit> {
    let id_at = crate::source::span(text, &a.id).start;
    let line = text[..id_at].rfind('\n').map_or(0, |i| i + 1);
    let key_at = line + text[line..id_at].find("id:").unwrap_or(0);
    let block = edit::Block::at(text, key_at, text.len());
    let wanted = [
        (
            "date",
            a.date.value.0.to_string(),
            row.date.map(|d| d.to_string()),
        ),
        (
            "content_item",
            a.content_item.value.clone(),
            row.content_item.clone(),
        ),
    ];
    let mut edits = vec![];
    for (key, old, new) in wanted {
        if let (Some(new), Some(at)) = (new.filter(|n| *n != old), block.value(key)) {
            edits.push(edit::Edit {
                at,
                text: new.clone(),
            });
            change.fields.push((key, Some(old), new));
        }
    }
    edits
}

/// The first five words, for an id.
fn first_words(text: &str) -> String {
    text.split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A new achievement in YAML; what the list lacks named in a comment.
fn item(id: &str, row: &Row, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut lines = vec![format!("{pad}- id: {id}")];
    match &row.content_item {
        Some(c) => lines.push(format!("{pad}  content_item: {c}")),
        None => lines.push(format!(
            "{pad}  # Danh sách không có, cần bổ sung: content_item"
        )),
    }
    match row.date {
        Some(d) => lines.push(format!("{pad}  date: {d}")),
        None => lines.push(format!("{pad}  # Danh sách không có, cần bổ sung: date")),
    }
    lines.push(format!("{pad}  text: {}", edit::scalar(&row.text)));
    lines.join("\n") + "\n"
}

/// The rows: blank, total and heading rows skipped with their reason, bad
/// cells located.
fn read(
    sheet: &Sheet,
    layout: &Layout,
    campaign: Option<&Campaign>,
    cell: &impl Fn(u32, u32) -> CellRef,
    out: &mut Notes,
) -> Vec<Row> {
    let text_column = layout.column(Field::Summary).unwrap_or(1);
    let mut rows = vec![];
    for row in layout.header_end + 1..=sheet.rows.len() as u32 {
        let filled: Vec<String> = (1..=sheet.width())
            .filter(|c| !sheet.covered.contains(&(row, *c)))
            .map(|c| sheet.get(row, c).text())
            .filter(|t| !t.is_empty())
            .collect();
        let skip = |reason: Text| Skipped { row, reason };
        let text = sheet.get(row, text_column).text();
        if filled.is_empty() {
            out.skipped.push(skip(Text::new("dòng trống", "blank row")));
            continue;
        }
        if words(&filled[0]).starts_with("tổng") || filled.len() == 1 && text.is_empty() {
            out.skipped.push(skip(Text::new(
                "dòng tổng hoặc tiêu đề nhóm",
                "total or heading row",
            )));
            continue;
        }
        if text.is_empty() {
            out.diagnostics.push(
                Diagnostic::error(
                    "TD0402",
                    Text::new(
                        "dòng có số liệu nhưng không có nội dung thành tích",
                        "a row with data but no achievement",
                    ),
                )
                .in_cell(cell(row, text_column)),
            );
            out.skipped
                .push(skip(Text::new("không có nội dung", "no text")));
            continue;
        }
        let (date, content_item, bad) = values(sheet, layout, campaign, row, cell, out);
        match bad {
            true => out.skipped.push(skip(Text::new(
                "có lỗi, xem thông báo",
                "has errors, see above",
            ))),
            false => rows.push(Row {
                row,
                text,
                date,
                content_item,
            }),
        }
    }
    rows
}

/// A row's day and content item, and whether one could not be read.
fn values(
    sheet: &Sheet,
    layout: &Layout,
    campaign: Option<&Campaign>,
    row: u32,
    cell: &impl Fn(u32, u32) -> CellRef,
    out: &mut Notes,
) -> (Option<NaiveDate>, Option<String>, bool) {
    let mut bad = false;
    let date = layout.column(Field::Date).and_then(|c| {
        let value = sheet.get(row, c);
        if value.text().is_empty() {
            return None;
        }
        let date = date_of(value);
        if date.is_none() {
            bad = true;
            out.diagnostics
                .push(unreadable("ngày", "day", &value.text()).in_cell(cell(row, c)));
        }
        date
    });
    let content_item = layout.column(Field::ContentItem).and_then(|c| {
        let given = sheet.get(row, c).text();
        if given.is_empty() {
            return None;
        }
        let found = campaign.and_then(|camp| {
            camp.content_items
                .iter()
                .find(|i| i.id.value == given || words(&i.text) == words(&given))
                .map(|i| i.id.value.clone())
        });
        if found.is_none() {
            bad = true;
            out.diagnostics
                .push(unreadable("nội dung thi đua", "content item", &given).in_cell(cell(row, c)));
        }
        found
    });
    (date, content_item, bad)
}

/// TD0403 for a day or content item that cannot be read.
fn unreadable(vi: &str, en: &str, value: &str) -> Diagnostic {
    let help = (
        "ghi ngày dạng 25/7/2024; nội dung thi đua bằng mã hoặc đúng tên trong kế hoạch",
        "write a day as 25/7/2024; a content item by its id or its name in the plan",
    );
    super::rows::unreadable((vi, en), value, help)
}

/// `25/7/2024`, `2024-07-25`, or an Excel date (days since 1899-12-30).
fn date_of(value: &Value) -> Option<NaiveDate> {
    match value {
        Value::Number(n) if *n > 0.0 && *n < 2_958_466.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(*n as u64))
        }
        _ => {
            let t = value.text();
            NaiveDate::parse_from_str(&t, "%d/%m/%Y")
                .or_else(|_| NaiveDate::parse_from_str(&t, "%Y-%m-%d"))
                .ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Value, date_of};

    #[test]
    fn days_are_read_as_offices_write_them() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(date_of(&Value::Text("25/7/2024".into())), d(2024, 7, 25));
        assert_eq!(date_of(&Value::Text("2024-07-25".into())), d(2024, 7, 25));
        assert_eq!(date_of(&Value::Number(45498.0)), d(2024, 7, 25));
        assert_eq!(date_of(&Value::Text("tháng 7".into())), None);
    }
}
