//! The unit's file edited, not rewritten: a matched nominee's changed values
//! replaced on their own lines, a new nominee appended to `nominations:` in
//! the file's own indentation; every other byte (comments, order, quoting,
//! blank lines) stays as it was.

use std::ops::Range;

/// One edit of the file's text.
#[derive(Debug, Clone)]
pub struct Edit {
    pub at: Range<usize>,
    pub text: String,
}

/// Applies `edits` (which do not overlap) to `text`.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| std::cmp::Reverse(e.at.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.at, &e.text);
    }
    out
}

/// A value as a YAML scalar that reads back as itself: a JSON string is a
/// YAML double-quoted scalar.
pub fn scalar(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_string())
}

/// The lines of `text` with their byte ranges (without the newline).
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = vec![];
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The key of a `key: value` line (after an optional `- `), with the byte
/// offset in the line where its value starts.
fn key_of(line: &str) -> Option<(&str, usize)> {
    let start = indent(line);
    let rest = &line[start..];
    let (rest, start) = match rest.strip_prefix("- ") {
        Some(r) => (r, start + 2),
        None => (rest, start),
    };
    let colon = rest.find(':')?;
    let key = &rest[..colon];
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let after = &rest[colon + 1..];
    if !after.is_empty() && !after.starts_with(' ') {
        return None;
    }
    let value_at = start + colon + 1 + (after.len() - after.trim_start().len());
    Some((key, value_at))
}

/// Where a mapping's keys are, inside `region` of `text`: the keys at
/// `key_indent`, each with the range of its value (to the end of its last
/// continuation line).
pub struct Block<'t> {
    text: &'t str,
    keys: Vec<(String, usize, Range<usize>)>,
}

impl<'t> Block<'t> {
    /// The keys of the mapping whose first key starts at byte `first_key`.
    pub fn at(text: &'t str, first_key: usize, end: usize) -> Self {
        let all = lines(text);
        let Some(first) = all
            .iter()
            .position(|l| l.contains(&first_key) || l.end == first_key)
        else {
            return Self { text, keys: vec![] };
        };
        let key_indent = first_key - all[first].start;
        let mut keys = vec![];
        let mut i = first;
        while i < all.len() && all[i].start < end {
            let line = &text[all[i].clone()];
            if is_blank_or_comment(line) {
                i += 1;
                continue;
            }
            let own = if i == first { key_indent } else { indent(line) };
            if own < key_indent
                || (i > first && line.trim_start().starts_with("- ") && indent(line) < key_indent)
            {
                break;
            }
            if own == key_indent
                && let Some((key, value_at)) = key_of(line)
            {
                // The value runs on over the lines indented deeper.
                let mut last = i;
                let mut j = i + 1;
                while j < all.len() && all[j].start < end {
                    let next = &text[all[j].clone()];
                    if !next.trim().is_empty() && indent(next) <= key_indent {
                        break;
                    }
                    if !next.trim().is_empty() {
                        last = j;
                    }
                    j += 1;
                }
                keys.push((key.to_string(), i, all[i].start + value_at..all[last].end));
                i = last + 1;
                continue;
            }
            i += 1;
        }
        Self { text, keys }
    }

    /// The range of `key`'s value.
    pub fn value(&self, key: &str) -> Option<Range<usize>> {
        self.keys
            .iter()
            .find(|(k, ..)| k == key)
            .map(|(_, _, r)| r.clone())
    }

    /// Whether `key`'s value is a block of its own (a nested mapping, not a flow one).
    pub fn nested(&self, key: &str) -> Option<usize> {
        let range = self.value(key)?;
        let value = &self.text[range.clone()];
        let first_line = value.lines().next().unwrap_or("");
        (first_line.trim().is_empty() || first_line.trim_start().starts_with('#'))
            .then(|| value.find('\n').map(|n| range.start + n + 1))
            .flatten()
            .map(|line_start| line_start + indent(&self.text[line_start..]))
    }

    /// Where a new key of this mapping goes (after its last value), and the
    /// indentation of its keys.
    pub fn end(&self) -> Option<(usize, usize)> {
        let (_, line, range) = self.keys.last()?;
        let all = lines(self.text);
        let line_text = &self.text[all[*line].clone()];
        let key_indent = indent(line_text)
            + if line_text.trim_start().starts_with("- ") {
                2
            } else {
                0
            };
        Some((range.end, key_indent))
    }
}

/// Where the items of the top-level sequence `key:` end, their indentation,
/// and whether it is written `key: []`; `None` when the file has no such key.
pub fn sequence_end(text: &str, key: &str) -> Option<(usize, usize, bool)> {
    let all = lines(text);
    let head = format!("{key}:");
    let key = all
        .iter()
        .position(|l| text[l.clone()].starts_with(&head))?;
    let inline_empty = text[all[key].clone()].trim_end().ends_with("[]");
    if inline_empty {
        return Some((all[key].end, 2, true));
    }
    let mut end = all[key].end;
    let mut item_indent = None;
    for l in &all[key + 1..] {
        let line = &text[l.clone()];
        if is_blank_or_comment(line) {
            continue;
        }
        if indent(line) == 0 && !line.starts_with("- ") {
            break;
        }
        if item_indent.is_none() && line.trim_start().starts_with("- ") {
            item_indent = Some(indent(line));
        }
        end = l.end;
    }
    Some((end, item_indent.unwrap_or(2), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIT: &str = "id: x\nnominations:\n  # the first\n  - id: a\n    person:\n      full_name: Lê Văn A   \n      position: >\n        Chuyên viên\n        phòng B\n    summary: Cũ.\n\nreport: {}\n";

    #[test]
    fn a_mapping_s_values_are_found_with_their_continuation_lines() {
        let at = UNIT.find("id: a").unwrap();
        let block = Block::at(UNIT, at, UNIT.find("report:").unwrap());
        assert_eq!(&UNIT[block.value("summary").unwrap()], "Cũ.");
        let person = block.nested("person").unwrap();
        let inner = Block::at(UNIT, person, UNIT.find("    summary").unwrap());
        assert_eq!(&UNIT[inner.value("full_name").unwrap()], "Lê Văn A   ");
        assert_eq!(
            &UNIT[inner.value("position").unwrap()],
            ">\n        Chuyên viên\n        phòng B"
        );
        let (end, indent, _) = sequence_end(UNIT, "nominations").unwrap();
        assert_eq!(&UNIT[..end].lines().last().unwrap().trim(), &"summary: Cũ.");
        assert_eq!(indent, 2);
        let edited = apply(
            UNIT,
            vec![Edit {
                at: block.value("summary").unwrap(),
                text: scalar("Mới \"x\""),
            }],
        );
        assert!(edited.contains("summary: \"Mới \\\"x\\\"\"\n\nreport: {}"));
        assert!(edited.contains("# the first"));
    }
}
