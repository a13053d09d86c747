//! The YAML parser's syntax errors in the words of the person who made them:
//! what they wrote and how to write it instead (TD0001), for the mistakes a
//! clerk editing YAML by hand makes. Others keep the parser's own words.

use std::ops::Range;

use granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource};

use crate::diag::Text;

/// The message and help for a syntax error this module knows, by its kind.
pub(super) fn explained(err: &Error) -> Option<(Text, Text)> {
    let (vi, en, help_vi, help_en) = match err {
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("");
            return Some((
                Text::new(
                    format!("khóa `{key}` ghi hai lần trong cùng một khối"),
                    format!("the key `{key}` is written twice in one mapping"),
                ),
                Text::new(
                    "giữ một dòng: xóa dòng thừa hoặc gộp hai giá trị làm một",
                    "keep one line: delete the extra one or merge the two values",
                ),
            ));
        }
        Error::MultipleDocuments { .. } => (
            "tệp có nhiều tài liệu YAML (dòng `---` giữa tệp)",
            "the file holds several YAML documents (a `---` line inside it)",
            "mỗi tệp một tài liệu: chuyển phần sau `---` sang một tệp riêng, hoặc xóa dòng `---`",
            "one document per file: move what follows `---` into a file of its own, or delete the line",
        ),
        Error::UnknownAnchor { .. } => (
            "`*` mở đầu một bí danh (alias) chưa khai báo",
            "`*` starts an alias to an anchor that is not declared",
            "giá trị bắt đầu bằng `*` hoặc `&` đặt trong dấu nháy: \"*Ghi chú\"",
            "quote a value that starts with `*` or `&`: \"*Note\"",
        ),
        _ => match parser_kind(err)? {
            ErrorKind::UnexpectedCharacter { character } => return Some(reserved(*character)),
            kind => scanned(kind)?,
        },
    };
    Some((Text::new(vi, en), Text::new(help_vi, help_en)))
}

/// The kind of a syntax error the YAML parser itself raised.
fn parser_kind(err: &Error) -> Option<&ErrorKind> {
    let Error::ExternalMessage { source, .. } = err else {
        return None;
    };
    match source.as_ref() {
        ExternalMessageSource::Parser(scan) => Some(scan.kind()),
        _ => None,
    }
}

/// A value that starts with a character YAML reserves (`@`, `` ` ``, `%`).
fn reserved(character: char) -> (Text, Text) {
    (
        Text::new(
            format!(
                "giá trị không được bắt đầu bằng `{character}`: YAML dành ký tự này cho việc khác"
            ),
            format!("a value cannot start with `{character}`: YAML reserves it"),
        ),
        Text::new(
            format!("đặt giá trị trong dấu nháy: \"{character}…\""),
            format!("quote the value: \"{character}…\""),
        ),
    )
}

/// The error relocated where its cause is, when YAML stumbled past it: a
/// quote or a bracket left open, a list dash with no space after it.
pub(super) fn located(
    err: &Error,
    text: &str,
    at: &Range<usize>,
) -> Option<(Text, Text, Range<usize>)> {
    unclosed_quote(err, text, at)
        .or_else(|| unclosed_bracket(err, text, at))
        .or_else(|| dash_without_space(err, text, at))
        .or_else(|| key_under_value(err, text, at))
        .or_else(|| tab(err, text, at))
}

/// `key: value` on a line indented deeper than the `key: value` above it:
/// YAML reads the line as the rest of the value above, and stumbles on its
/// `: `. Mostly a list item's `- ` left out (`id: x` then `  text: …`).
fn key_under_value(
    err: &Error,
    text: &str,
    at: &Range<usize>,
) -> Option<(Text, Text, Range<usize>)> {
    if !matches!(parser_kind(err)?, ErrorKind::MappingValueNotAllowed) {
        return None;
    }
    let here = text.get(..at.start)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[here..].split('\n').next()?;
    let indent = line.len() - line.trim_start_matches(' ').len();
    let key = line[indent..].split_once(": ").map(|(k, _)| k)?;
    let is_key =
        |k: &str| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    // The error is this line's first `: `, after a bare key.
    if !is_key(key) || here + indent + key.len() != at.start.min(here + line.len()) {
        return None;
    }
    let above = text[..here.saturating_sub(1)]
        .rsplit('\n')
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
    let above_indent = above.len() - above.trim_start_matches(' ').len();
    let (above_key, value) = above[above_indent..].split_once(": ")?;
    if above_indent >= indent || !is_key(above_key) || value.trim().is_empty() {
        return None;
    }
    Some((
        Text::new(
            format!(
                "khóa `{key}` thụt lề sâu hơn khóa `{above_key}` ở dòng trên: YAML đọc dòng này là phần tiếp theo của giá trị `{}`",
                value.trim()
            ),
            format!(
                "the key `{key}` is indented deeper than `{above_key}` on the line above: YAML reads this line as the rest of the value `{}`",
                value.trim()
            ),
        ),
        Text::new(
            format!(
                "các khóa của một khối thụt lề bằng nhau; nếu `{above_key}` mở đầu một mục danh sách, viết `- ` trước nó (`- {above_key}: …`)"
            ),
            format!(
                "keys of one mapping are indented alike; if `{above_key}` starts a list item, write `- ` before it (`- {above_key}: …`)"
            ),
        ),
        here + indent..here + indent + key.len(),
    ))
}

/// A tab in the indentation: YAML may report it at the end of the line
/// above (where the value it was reading ends), so it is found from there.
fn tab(err: &Error, text: &str, at: &Range<usize>) -> Option<(Text, Text, Range<usize>)> {
    let kind = parser_kind(err)?;
    if !matches!(
        kind,
        ErrorKind::TabNotAllowed
            | ErrorKind::TabInBlockIndentation
            | ErrorKind::TabInIndentation
            | ErrorKind::TabAtBlockScalarStart
            | ErrorKind::TabInPlainScalar
    ) {
        return None;
    }
    let line_start = text.get(..at.start)?.rfind('\n').map_or(0, |i| i + 1);
    // This line and the next two: past them the tab is not this error's.
    let window = text[line_start..]
        .split_inclusive('\n')
        .take(3)
        .map(str::len)
        .sum::<usize>();
    let tab = line_start + text[line_start..line_start + window].find('\t')?;
    let (vi, en, help_vi, help_en) = scanned(kind)?;
    Some((Text::new(vi, en), Text::new(help_vi, help_en), tab..tab + 1))
}

/// `-id: x` where `- id: x` was meant: YAML reads `-id` as a key's text.
fn dash_without_space(
    err: &Error,
    text: &str,
    at: &Range<usize>,
) -> Option<(Text, Text, Range<usize>)> {
    let kind = parser_kind(err)?;
    if !matches!(kind, ErrorKind::MappingValueNotAllowed) {
        return None;
    }
    // The error's line, or the one before: YAML takes `-id: x` for a key and
    // stumbles on the item's next line.
    let here = text.get(..at.start)?.rfind('\n').map_or(0, |i| i + 1);
    let above = text[..here.saturating_sub(1)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let glued = |start: usize| {
        let line = text[start..].split('\n').next()?;
        let dash = start + line.find(|c: char| c != ' ')?;
        let next = text[dash..].chars().nth(1)?;
        (text[dash..].starts_with('-') && !next.is_whitespace() && next != '-').then_some(dash)
    };
    let dash = glued(here).or_else(|| glued(above).filter(|_| here > 0))?;
    Some((
        Text::new(
            "dấu `-` mở đầu một mục danh sách cần một dấu cách theo sau",
            "the `-` that starts a list item needs a space after it",
        ),
        Text::new(
            "viết `- ` rồi nội dung, ví dụ `- id: …`",
            "write `- ` then the item, e.g. `- id: …`",
        ),
        dash..dash + 1,
    ))
}

/// The scanner's and parser's own errors: message, then help, in both languages.
fn scanned(kind: &ErrorKind) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    use ErrorKind::*;
    Some(match kind {
        TabNotAllowed
        | TabInBlockIndentation
        | TabInIndentation
        | TabAtBlockScalarStart
        | TabInPlainScalar => (
            "ký tự tab ở chỗ YAML chỉ nhận dấu cách",
            "a tab where YAML accepts only spaces",
            "thay tab bằng dấu cách (các khóa cùng khối thụt lề bằng nhau)",
            "replace the tab with spaces (keys of one mapping indented alike)",
        ),
        UnclosedQuotedScalar => (
            "dấu nháy mở ở đây chưa được đóng",
            "the quote opened here is not closed",
            "thêm dấu nháy đóng ở cuối giá trị; dấu nháy kép bên trong viết \\\"",
            "close the quote at the end of the value; write a double quote inside it as \\\"",
        ),
        InvalidTrailingSingleQuotedScalar | InvalidTrailingDoubleQuotedScalar => (
            "có chữ sau dấu nháy đóng giá trị",
            "text follows the quote that closes the value",
            "đặt cả giá trị trong một cặp dấu nháy; nếu giá trị chứa dấu nháy kép, bao bằng nháy đơn: 'Tổ \"A\" số 1'",
            "quote the whole value; if it holds double quotes, wrap it in single ones: 'Team \"A\" no. 1'",
        ),
        InvalidColonPlacement => (
            "dấu `:` không đúng chỗ trong ngoặc `[…]` hoặc `{…}`: thường do ngoặc mở ở dòng trên chưa đóng",
            "a `:` out of place inside `[…]` or `{…}`: most often a bracket above is not closed",
            "đóng mỗi `[` bằng `]`, mỗi `{` bằng `}` trên cùng dòng; giá trị có `: ` trong ngoặc đặt trong dấu nháy",
            "close each `[` with `]` and `{` with `}` on its line; quote a value holding `: ` inside brackets",
        ),
        MappingValueNotAllowed => (
            "dấu `:` theo sau là dấu cách trong một giá trị: YAML đọc như một khóa mới",
            "a `:` followed by a space inside a value: YAML reads it as a new key",
            "đặt giá trị trong dấu nháy: \"Nội dung: …\"",
            "quote the value: \"Content: …\"",
        ),
        UnclosedFlowCollection { .. }
        | MismatchedFlowCollectionEnd { .. }
        | MisplacedFlowCollectionEnd
        | ExpectedFlowSequenceSeparator
        | ExpectedFlowMappingSeparator => (
            "ngoặc `[…]` hoặc `{…}` không khớp",
            "a `[…]` or `{…}` does not close properly",
            "đóng mỗi `[` bằng `]`, mỗi `{` bằng `}`; giá trị có dấu phẩy trong ngoặc đặt trong dấu nháy",
            "close each `[` with `]` and `{` with `}`; quote a value holding a comma",
        ),
        InvalidIndentation
        | InvalidBlockScalarIndent
        | InvalidQuotedScalarIndent
        | ExpectedBlockMappingKey
        | ExpectedBlockSequenceEntry => (
            "thụt lề không khớp với các dòng cùng khối",
            "the indentation does not match the lines of its block",
            "các khóa cùng một khối thụt lề bằng nhau (cùng số dấu cách), khối con thụt sâu hơn",
            "indent the keys of one mapping alike (the same spaces), nested ones deeper",
        ),
        _ => return None,
    })
}

/// A quote left open: YAML reads on, across lines, to the next quote and
/// then finds text after it, which it reports there. The error belongs at
/// the opening quote: message, help and where it is.
fn unclosed_quote(
    err: &Error,
    text: &str,
    at: &Range<usize>,
) -> Option<(Text, Text, Range<usize>)> {
    let kind = parser_kind(err)?;
    let quote = match kind {
        ErrorKind::InvalidTrailingDoubleQuotedScalar => '"',
        ErrorKind::InvalidTrailingSingleQuotedScalar => '\'',
        _ => return None,
    };
    let before = text.get(..at.start)?;
    let closing = before.rfind(quote)?;
    // The opening quote: the one before, not escaped (`\"` in double quotes).
    let mut opening = before.get(..closing)?.rfind(quote)?;
    while quote == '"' && opening > 0 && text[..opening].ends_with('\\') {
        opening = text[..opening].rfind(quote)?;
    }
    if !text[opening..closing].contains('\n') {
        return None;
    }
    let line = text[..closing].matches('\n').count() + 1;
    Some((
        Text::new(
            format!(
                "dấu nháy mở ở đây không được đóng trên dòng này: YAML đọc tiếp các dòng sau, đến dấu nháy ở dòng {line}"
            ),
            format!(
                "the quote opened here is not closed on its line: YAML reads on, to the quote on line {line}"
            ),
        ),
        Text::new(
            "thêm dấu nháy đóng ở cuối giá trị, trên cùng dòng",
            "close the quote at the end of the value, on the same line",
        ),
        opening..opening + 1,
    ))
}

/// A `[` or `{` left open: YAML reads on into the next lines and stumbles
/// there (often on the next key's `:`). The error belongs at the bracket.
fn unclosed_bracket(
    err: &Error,
    text: &str,
    at: &Range<usize>,
) -> Option<(Text, Text, Range<usize>)> {
    let kind = parser_kind(err)?;
    use ErrorKind::*;
    if !matches!(
        kind,
        InvalidColonPlacement
            | UnclosedFlowCollection { .. }
            | ExpectedFlowSequenceSeparator
            | ExpectedFlowMappingSeparator
    ) {
        return None;
    }
    let open = innermost_open(text.get(..at.start)?)?;
    let error_line_start = text[..at.start].rfind('\n').map_or(0, |i| i + 1);
    if open >= error_line_start {
        return None;
    }
    let bracket = &text[open..open + 1];
    Some((
        Text::new(
            format!(
                "ngoặc `{bracket}` mở ở đây chưa được đóng trên dòng này: YAML đọc tiếp sang các dòng sau"
            ),
            format!(
                "the `{bracket}` opened here is not closed on its line: YAML reads on into the next lines"
            ),
        ),
        Text::new(
            "đóng `[` bằng `]`, `{` bằng `}` ở cuối giá trị; giá trị có dấu phẩy trong ngoặc đặt trong dấu nháy",
            "close `[` with `]` and `{` with `}` at the end of the value; quote a value holding a comma",
        ),
        open..open + 1,
    ))
}

/// Where the innermost `[` or `{` still open at the end of `text` is, quotes
/// and comments skipped.
fn innermost_open(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut after_space = true;
    while let Some((i, c)) = chars.next() {
        match c {
            '[' | '{' => open.push(i),
            ']' | '}' => {
                open.pop();
            }
            '"' | '\'' => {
                while let Some((_, d)) = chars.next() {
                    if d == '\\' && c == '"' {
                        chars.next();
                    } else if d == c {
                        break;
                    }
                }
            }
            '#' if after_space => {
                while chars.peek().is_some_and(|(_, d)| *d != '\n') {
                    chars.next();
                }
            }
            _ => {}
        }
        after_space = c.is_whitespace();
    }
    open.pop()
}

#[cfg(test)]
mod tests {
    use super::innermost_open;

    #[test]
    fn the_bracket_left_open_is_found_past_quotes_and_comments() {
        let text = "a: [b, c]\nd: [e, {f: g}\n";
        assert_eq!(innermost_open(text), Some(text.rfind('[').unwrap()));
        let text = "a: \"[\" # {\nb: 'x]' \nc: {d";
        assert_eq!(innermost_open(text), Some(text.rfind('{').unwrap()));
        assert_eq!(innermost_open("a: [b]\n"), None);
    }
}
