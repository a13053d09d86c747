//! TD0019: a comment written `#word` right after a plain value on its line.
//! YAML ends the value at ` #`, so `full_name: Nguyễn #Văn` prints `Nguyễn`;
//! a clerk who wrote it meant the `#` as part of the name, and would
//! otherwise learn it only from the printed document.

use granit_parser::{Event, Parser, Placement, ScalarStyle};

use crate::diag::{Diagnostic, Text};
use crate::source::FileId;

/// Each same-line comment that starts with no space right after a plain
/// value. A file YAML cannot read is TD0001's, not this check's.
pub(super) fn cut_values(text: &str, file: FileId) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Parsing again costs as much as the first parse: only for a file with
    // a ` #` glued to a word somewhere (in a comment, a quoted or a block
    // value as well), which the parser then tells apart.
    let glued = |(i, _): &(usize, &str)| {
        text[i + 2..].starts_with(|c: char| !c.is_whitespace() && c != '#')
    };
    if !text.match_indices(" #").any(|m| glued(&m)) {
        return out;
    }
    // The last event, when it was a plain value: the value, its line and end.
    let mut plain: Option<(String, usize, Option<usize>)> = None;
    for next in Parser::new_from_str(text) {
        let Ok((event, span)) = next else {
            break;
        };
        let mut last = None;
        match event {
            Event::Scalar(value, ScalarStyle::Plain, ..) if !value.is_empty() => {
                last = Some((value.into_owned(), span.end.line(), span.end.byte_offset()));
            }
            Event::Comment(body, Placement::Right) => {
                let glued = body.starts_with(|c: char| !c.is_whitespace() && c != '#');
                let start = span.start.byte_offset();
                let end = span.end.byte_offset();
                // Nothing but spaces between: `key: #x` is an empty value.
                if let (Some((value, line, Some(after))), true, Some(start), Some(end)) =
                    (&plain, glued, start, end)
                    && *line == span.start.line()
                    && text
                        .get(*after..start)
                        .is_some_and(|gap| gap.trim().is_empty())
                {
                    let comment = text.get(start..end).unwrap_or("#");
                    out.push(cut(file, start..end, value, comment));
                }
            }
            _ => {}
        }
        plain = last;
    }
    out
}

fn cut(file: FileId, at: std::ops::Range<usize>, value: &str, comment: &str) -> Diagnostic {
    let whole = format!("{value} {comment}");
    Diagnostic::warning(
        "TD0019",
        Text::new(
            format!("giá trị `{value}` dừng trước `{comment}`: trong YAML, dấu cách rồi `#` mở đầu chú thích, phần sau không được in"),
            format!("the value `{value}` ends before `{comment}`: in YAML a space then `#` starts a comment, which is not printed"),
        ),
    )
    .at(file, at)
    .help(Text::new(
        format!("nếu `#` thuộc giá trị, đặt cả giá trị trong dấu nháy: \"{whole}\"; nếu là chú thích, viết `# ` (có dấu cách)"),
        format!("if the `#` belongs to the value, quote the whole value: \"{whole}\"; if it is a comment, write `# ` (with a space)"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> usize {
        cut_values(text, FileId(0)).len()
    }

    #[test]
    fn only_a_comment_glued_to_a_plain_value_is_reported() {
        assert_eq!(cuts("a: Nguyễn #Văn\n"), 1);
        assert_eq!(cuts("- Tổ #1\n"), 1, "a list item");
        assert_eq!(cuts("a: \"Nguyễn #Văn\"\n"), 0, "quoted");
        assert_eq!(cuts("a: |\n  Nguyễn #Văn\n"), 0, "a block value keeps it");
        assert_eq!(cuts("a: Nguyễn # chú thích\n"), 0, "a comment as written");
        assert_eq!(cuts("a: Nguyễn ## x\n"), 0);
        assert_eq!(cuts("a: #x\n"), 0, "an empty value is TD0003's");
        assert_eq!(cuts("a: [b, c] #x\n"), 0, "after a list");
        assert_eq!(cuts("a: b\n#x\n"), 0, "a comment on its own line");
        assert_eq!(cuts("a: [b #x\n"), 0, "a file YAML cannot read");
    }
}
