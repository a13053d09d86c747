//! Limits on what a value may hold, checked where it is written: TD0015 (a
//! text too long to lay out) and TD0017 (a character the fonts lack).

use super::MAX_TEXT_CHARS;
use crate::diag::{Diagnostic, Text};
use crate::source::FileId;

/// TD0015: text values longer than [`MAX_TEXT_CHARS`]; TD0017: characters
/// the embedded fonts cannot show. Each located where it is written (the
/// value found by its opening words).
pub(super) fn text_problems(
    model: &impl serde::Serialize,
    text: &str,
    file: FileId,
) -> Vec<Diagnostic> {
    fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let Ok(tree) = serde_json::to_value(model) else {
        return vec![];
    };
    let mut all = Vec::new();
    strings(&tree, &mut all);
    let opening_of = |s: &str| {
        let opening: String = s.chars().take(40).collect();
        text.find(&opening)
    };
    let mut out = Vec::new();
    for s in all {
        let count = s.chars().count();
        if count > MAX_TEXT_CHARS {
            let at = opening_of(s).map_or(0..0, |i| {
                i..i + s.chars().take(40).map(char::len_utf8).sum::<usize>()
            });
            out.push(
                Diagnostic::error(
                    "TD0015",
                    Text::new(
                        format!("văn bản dài {count} ký tự, quá giới hạn {MAX_TEXT_CHARS} ký tự của một mục"),
                        format!("a text of {count} characters, over the limit of {MAX_TEXT_CHARS} for one field"),
                    ),
                )
                .at(file, at)
                .help(Text::new(
                    "chia thành nhiều đoạn (mỗi đoạn một mục trong danh sách)",
                    "split it into several paragraphs (one list item each)",
                )),
            );
        }
        if let Some(bad) = s.chars().find(|c| !crate::fonts::displayable(*c)) {
            let at = bad_char_at(text, s, bad, opening_of(s));
            let code = format!("U+{:04X}", bad as u32);
            let (message, help) = if bad.is_control() {
                (
                    Text::new(
                        format!("ký tự điều khiển {code} không được có trong văn bản"),
                        format!("control character {code} cannot be in a document"),
                    ),
                    Text::new(
                        "xóa ký tự này (trong chuỗi có ngoặc kép, xóa mã thoát như `\\a`, `\\x01`)",
                        "delete it (in a double-quoted string, the escape such as `\\a`, `\\x01`)",
                    ),
                )
            } else {
                (
                    Text::new(
                        format!(
                            "ký tự `{bad}` ({code}) không có trong phông chữ của văn bản (Liberation Serif)"
                        ),
                        format!(
                            "character `{bad}` ({code}) is not in the documents' font (Liberation Serif)"
                        ),
                    ),
                    Text::new(
                        "thay bằng chữ Việt, chữ Latinh hoặc dấu câu thông thường; văn bản hành chính không dùng ký tự này",
                        "use Vietnamese or Latin letters and ordinary punctuation instead",
                    ),
                )
            };
            out.push(Diagnostic::error("TD0017", message).at(file, at).help(help));
        }
    }
    out
}

/// Where `bad`, a character of the value `s`, is written in `text`: the
/// character itself, or, when the file writes it as an escape (`"\a"` in
/// a double-quoted string), the escape after the words before it.
fn bad_char_at(text: &str, s: &str, bad: char, opening: Option<usize>) -> std::ops::Range<usize> {
    let before: String = s.chars().take_while(|c| *c != bad).collect();
    let from = opening.or_else(|| {
        let start: String = before.chars().take(40).collect();
        (!start.is_empty()).then(|| text.find(&start)).flatten()
    });
    let Some(from) = from else {
        return text.find(bad).map_or(0..0, |i| i..i + bad.len_utf8());
    };
    if let Some(i) = text[from..].find(bad) {
        return from + i..from + i + bad.len_utf8();
    }
    let escape = from + before.len();
    match text.get(escape..escape + 2) {
        Some(e) if e.starts_with('\\') => escape..escape + 2,
        _ => from..from + before.len().max(1).min(text.len() - from),
    }
}
