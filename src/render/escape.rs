//! Escaping values for the place they land in a Typst source. A value never
//! becomes Typst syntax: every ASCII punctuation mark is backslash-escaped in
//! markup, so `#`, `$`, `*`, `_`, `@`, `<`, `[`, `//`, a leading `- `, `+ `,
//! `= ` or `1. ` all print as written.

/// Escapes `text` for Typst markup (inside `[...]` or at the top level).
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut previous_was_space = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            // A line break in a value stays a line break, never a paragraph break
            // or a list marker on the next line.
            '\r' | '\n' => {
                if ch == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\\n");
                previous_was_space = true;
                continue;
            }
            // Markup collapses runs of spaces; the decree's blanks (`Số:      /`) must stay.
            ' ' | '\t' if previous_was_space => out.push('\u{a0}'),
            ' ' | '\t' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        previous_was_space = matches!(ch, ' ' | '\t');
    }
    out
}

/// A Typst string literal, quotes included, holding `text` exactly.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_special_character() {
        assert_eq!(markup("Nguyễn #Văn $A_1"), "Nguyễn \\#Văn \\$A\\_1");
        assert_eq!(markup("- Ban TĐKT TW;"), "\\- Ban TĐKT TW\\;");
        assert_eq!(markup("NC_(PVD)."), "NC\\_\\(PVD\\)\\.");
        assert_eq!(markup("a//b"), "a\\/\\/b");
    }

    #[test]
    fn markup_keeps_runs_of_spaces_and_line_breaks() {
        assert_eq!(markup("Số:   /KH"), "Số\\: \u{a0}\u{a0}\\/KH");
        assert_eq!(markup("a\nb"), "a\\\nb");
        assert_eq!(markup("a\r\nb"), "a\\\nb");
    }

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(string("x\ny\u{1}"), "\"x\\ny\\u{1}\"");
    }
}
