//! Each row matched with a nomination of the award (a person by CCCD, else
//! by name; a collective by name): a match's changed values edited in place,
//! a new nominee appended in the file's own layout.

use crate::diag::{CellRef, Diagnostic, Text};
use crate::model::unit::{Gender, Nomination, Unit};

use super::rows::{Kind, Row, Skipped};
use super::{Change, Merged, Notes, edit, layout};

/// Matches each row with a nomination of the award (a person by CCCD, else
/// by name; a collective by name) and edits the file.
pub fn merge(
    text: &str,
    unit: &Unit,
    award: &str,
    rows: Vec<Row>,
    notes: &mut Notes,
    cell: impl Fn(u32, u32) -> CellRef,
) -> Merged {
    let mut out = Merged::default();
    let mut edits = vec![];
    let mut taken: Vec<String> = unit
        .nominations
        .iter()
        .map(|n| n.id.value.clone())
        .collect();
    let mut matched: Vec<String> = vec![];
    let mut new_items = String::new();
    let item_indent = edit::sequence_end(text, "nominations").map_or(2, |(_, indent, _)| indent);
    for row in rows {
        let row = match own_row(row, unit) {
            Ok(row) => row,
            Err(skip) => {
                notes.skipped.push(skip);
                continue;
            }
        };
        match find(unit, award, &row) {
            Some(n) if matched.contains(&n.id.value) => {
                let found = repeated(&row, &n.id.value).in_cell(cell(row.row, 2));
                notes.diagnostics.push(found);
                notes.skipped.push(Skipped {
                    row: row.row,
                    reason: Text::new("trùng dòng trên", "repeats a row above"),
                });
            }
            Some(n) => {
                matched.push(n.id.value.clone());
                let (change, mut these) = update(text, n, &row);
                if !change.by_hand.is_empty() {
                    notes
                        .diagnostics
                        .push(by_hand(&change).in_cell(cell(row.row, 2)));
                }
                edits.append(&mut these);
                match change.fields.is_empty() {
                    true => out.unchanged.push(change),
                    false => out.updated.push(change),
                }
            }
            None => {
                let id = fresh_id("dn", &row.name, &taken);
                taken.push(id.clone());
                new_items.push_str(&item(&id, award, &row, item_indent));
                out.added.push(Change {
                    row: row.row,
                    id,
                    name: row.name.clone(),
                    fields: vec![],
                    by_hand: vec![],
                });
            }
        }
    }
    if !new_items.is_empty() {
        edits.push(append(text, "nominations", &new_items));
    }
    out.text = edit::apply(text, edits);
    out
}

/// A row of this unit, its position without the unit's name (the list
/// prints `position, unit`); another unit's row (a consolidated list) is skipped.
fn own_row(mut row: Row, unit: &Unit) -> Result<Row, Skipped> {
    if let Some(of) = &row.unit
        && layout::words(of) != layout::words(&unit.name)
    {
        return Err(Skipped {
            row: row.row,
            reason: Text::new(
                format!("của đơn vị khác: {of}"),
                format!("another unit's: {of}"),
            ),
        });
    }
    if let Some(p) = &row.position
        && let Some(own) = p.strip_suffix(&format!(", {}", unit.name))
    {
        row.position = Some(own.to_string());
    }
    Ok(row)
}

/// TD0407: changes the import cannot write (a one-line `person: { … }`).
fn by_hand(change: &Change) -> Diagnostic {
    let list = change
        .by_hand
        .iter()
        .map(|(k, old, new)| format!("{k}: {} → {new}", old.as_deref().unwrap_or("—")))
        .collect::<Vec<_>>()
        .join("; ");
    Diagnostic::warning(
        "TD0407",
        Text::new(
            format!(
                "đề nghị `{}` viết `person` trên một dòng nên không sửa tự động: {list}",
                change.id
            ),
            format!(
                "nomination `{}` writes `person` on one line, so it is not edited: {list}",
                change.id
            ),
        ),
    )
    .help(Text::new(
        "sửa tay các giá trị này, hoặc viết `person:` thành nhiều dòng rồi nhập lại",
        "edit these by hand, or write `person:` over several lines and import again",
    ))
}

/// TD0406: a row naming a nominee a row above already named.
fn repeated(row: &Row, id: &str) -> Diagnostic {
    Diagnostic::error(
        "TD0406",
        Text::new(
            format!("“{}” đã có ở một dòng trên (đề nghị `{id}`)", row.name),
            format!(
                "“{}” is already on a row above (nomination `{id}`)",
                row.name
            ),
        ),
    )
    .help(Text::new("xóa dòng trùng", "delete the repeated row"))
}

/// The edit that appends `items` to the file's sequence `key:` (a
/// `key: []` becomes their block; a file without one gets it).
pub(super) fn append(text: &str, key: &str, items: &str) -> edit::Edit {
    let items = items.trim_end_matches('\n');
    match edit::sequence_end(text, key) {
        Some((end, _, true)) => {
            let line_start = text[..end].rfind('\n').map_or(0, |i| i + 1);
            edit::Edit {
                at: line_start..end,
                text: format!("{key}:\n{items}"),
            }
        }
        Some((end, _, false)) => edit::Edit {
            at: end..end,
            text: format!("\n{items}"),
        },
        None => edit::Edit {
            at: text.len()..text.len(),
            text: format!(
                "{}{key}:\n{items}\n",
                if text.ends_with('\n') { "" } else { "\n" }
            ),
        },
    }
}

/// The nomination of `award` a row stands for.
fn find<'u>(unit: &'u Unit, award: &str, row: &Row) -> Option<&'u Nomination> {
    let same = |a: &str, b: &str| layout::words(a) == layout::words(b);
    let mut of_award = unit.nominations.iter().filter(|n| n.award.value == award);
    match row.kind {
        Kind::Person => {
            let people: Vec<&Nomination> = of_award.filter(|n| n.person.is_some()).collect();
            row.cccd
                .as_ref()
                .and_then(|c| {
                    people
                        .iter()
                        .find(|n| n.person.as_ref().is_some_and(|p| &p.cccd.value == c))
                })
                .or_else(|| {
                    people.iter().find(|n| {
                        n.person
                            .as_ref()
                            .is_some_and(|p| same(&p.full_name, &row.name))
                    })
                })
                .copied()
        }
        Kind::Collective => of_award.find(|n| {
            n.collective
                .as_ref()
                .is_some_and(|c| same(&c.name, &row.name))
        }),
    }
}

/// The edits that bring nomination `n` to the row's values: each changed
/// value replaced where it is written, a missing one added to its mapping.
fn update(text: &str, n: &Nomination, row: &Row) -> (Change, Vec<edit::Edit>) {
    let mut change = Change {
        row: row.row,
        id: n.id.value.clone(),
        name: row.name.clone(),
        fields: vec![],
        by_hand: vec![],
    };
    let mut edits = vec![];
    let id_at = crate::source::span(text, &n.id).start;
    let item_start = text[..id_at].rfind('\n').map_or(0, |i| i + 1);
    let key_at = item_start + text[item_start..id_at].find("id:").unwrap_or(0);
    let item = edit::Block::at(text, key_at, text.len());
    let gender = |g: Gender| match g {
        Gender::Male => "nam".to_string(),
        Gender::Female => "nữ".to_string(),
    };
    // (key, value in the file, value in the list, written quoted)
    let mut person_fields = vec![];
    if let Some(p) = &n.person {
        person_fields = vec![
            (
                "full_name",
                p.full_name.clone(),
                Some(row.name.clone()),
                true,
            ),
            (
                "birth_year",
                p.birth_year.value.to_string(),
                row.birth_year.map(|y| y.to_string()),
                false,
            ),
            (
                "gender",
                gender(p.gender.value),
                row.gender.map(gender),
                false,
            ),
            ("cccd", p.cccd.value.clone(), row.cccd.clone(), true),
            ("position", p.position.clone(), row.position.clone(), true),
        ];
    }
    match item.nested("person") {
        Some(at) => {
            let person = edit::Block::at(text, at, text.len());
            for (key, old, new, quoted) in person_fields {
                set(&person, key, old, new, quoted, &mut edits, &mut change);
            }
        }
        // `person: { … }` on one line is not edited: its changes are told.
        None => {
            for (key, old, new, _) in person_fields {
                if let Some(new) = new.filter(|new| *new != old) {
                    change.by_hand.push((key, Some(old), new));
                }
            }
        }
    }
    let summary = row.summary.clone();
    set(
        &item,
        "summary",
        n.summary.clone(),
        summary,
        true,
        &mut edits,
        &mut change,
    );
    (change, edits)
}

/// Replaces `key`'s value in `block` by `new` when it differs (or adds the
/// key after the block's last), and records the change.
fn set(
    block: &edit::Block,
    key: &'static str,
    old: String,
    new: Option<String>,
    quoted: bool,
    edits: &mut Vec<edit::Edit>,
    change: &mut Change,
) {
    let Some(new) = new.filter(|new| *new != old) else {
        return;
    };
    let written = if quoted {
        edit::scalar(&new)
    } else {
        new.clone()
    };
    match block.value(key) {
        Some(at) => edits.push(edit::Edit { at, text: written }),
        None => {
            if let Some((end, indent)) = block.end() {
                edits.push(edit::Edit {
                    at: end..end,
                    text: format!("\n{}{key}: {written}", " ".repeat(indent)),
                });
            }
        }
    }
    change.fields.push((key, Some(old), new));
}

/// A new nomination in YAML, at the file's indentation of items; what the
/// list does not give is named in a comment, for `check` to ask for.
fn item(id: &str, award: &str, row: &Row, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut lines = vec![format!("{pad}- id: {id}"), format!("{pad}  award: {award}")];
    let q = |v: &str| edit::scalar(v);
    match row.kind {
        Kind::Person => {
            lines.push(format!("{pad}  person:"));
            lines.push(format!("{pad}    full_name: {}", q(&row.name)));
            if let Some(g) = row.gender {
                lines.push(format!(
                    "{pad}    gender: {}",
                    if g == Gender::Male { "nam" } else { "nữ" }
                ));
            }
            if let Some(y) = row.birth_year {
                lines.push(format!("{pad}    birth_year: {y}"));
            }
            if let Some(c) = &row.cccd {
                lines.push(format!("{pad}    cccd: {}", q(c)));
            }
            if let Some(p) = &row.position {
                lines.push(format!("{pad}    position: {}", q(p)));
            }
            lines.push(format!(
                "{pad}    # Danh sách không có, cần bổ sung: staff_kind, leader, direct_worker, discipline"
            ));
        }
        Kind::Collective => {
            lines.push(format!("{pad}  collective:"));
            lines.push(format!("{pad}    name: {}", q(&row.name)));
            lines.push(format!("{pad}    # Danh sách không có, cần bổ sung: kind"));
        }
    }
    lines.push(format!(
        "{pad}  # Danh sách không có, cần bổ sung: criteria (và achievements nếu có)"
    ));
    if let Some(s) = &row.summary {
        lines.push(format!("{pad}  summary: {}", q(s)));
    }
    lines.join("\n") + "\n"
}

/// `prefix-` and the name in ASCII (`Nguyễn Thị Ánh` → `dn-nguyen-thi-anh`), unique.
pub(super) fn fresh_id(prefix: &str, name: &str, taken: &[String]) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'd',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        })
        .collect();
    let slug = ascii
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = format!("{prefix}-{}", if slug.is_empty() { "moi" } else { &slug });
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}
