//! The text of every file a diagnostic can point into (inputs and
//! templates), and positions in it: the leaf every stage may use.

use std::ops::Range;

use codespan_reporting::files::{self, Files, SimpleFile};
use serde_saphyr::{Location, Spanned};

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SimpleFile<String, String>>,
}

impl Sources {
    /// Adds a file; `name` is the path shown to users, relative to the workspace.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(SimpleFile::new(name.into(), text.into()));
        FileId(self.files.len() - 1)
    }

    /// How many files it holds: the next one added gets `FileId(len)`.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn name(&self, id: FileId) -> &str {
        self.files[id.0].name()
    }

    pub fn text(&self, id: FileId) -> &str {
        self.files[id.0].source()
    }

    pub fn find(&self, name: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.name() == name).map(FileId)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, byte: usize) -> (usize, usize) {
        let file = &self.files[id.0];
        let byte = clamp_to_char(file.source(), byte);
        let line = file.line_index((), byte).unwrap_or(0);
        let column = file.column_number((), line, byte).unwrap_or(1);
        (line + 1, column)
    }

    /// Byte offset of a 1-based line and column (in characters).
    pub fn offset(&self, id: FileId, line: usize, column: usize) -> usize {
        offset_of(self.text(id), line, column)
    }
}

/// Byte offset of a 1-based line and character column in `text`, clamped to it.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)
            .unwrap_or(text.len())
    };
    let rest = &text[line_start..];
    let in_line = rest
        .char_indices()
        .take_while(|(_, c)| *c != '\n')
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or_else(|| rest.find('\n').unwrap_or(rest.len()));
    line_start + in_line
}

/// The byte range of a spanned value in `text`.
pub fn span<T>(text: &str, spanned: &Spanned<T>) -> Range<usize> {
    location_range(text, &spanned.referenced)
}

pub fn location_range(text: &str, location: &Location) -> Range<usize> {
    if *location == Location::UNKNOWN {
        return 0..0;
    }
    let s = location.span();
    if let (Some(start), Some(len)) = (s.byte_offset(), s.byte_len()) {
        let start = (start as usize).min(text.len());
        let end = (start + len as usize).min(text.len());
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            return start..end;
        }
    }
    let start = offset_of(text, location.line() as usize, location.column() as usize);
    start..start
}

fn clamp_to_char(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

impl<'a> Files<'a> for Sources {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .get(id)
            .map(|f| f.name().as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.files
            .get(id)
            .map(|f| f.source().as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        self.files
            .get(id)
            .ok_or(files::Error::FileMissing)?
            .line_index((), byte_index)
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        self.files
            .get(id)
            .ok_or(files::Error::FileMissing)?
            .line_range((), line_index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_round_trip_with_vietnamese_text() {
        let mut sources = Sources::default();
        let id = sources.add("a.yaml", "kind: campaign\nname: Lạng Sơn\nid: x\n");
        let at = sources.offset(id, 2, 12);
        assert_eq!(&sources.text(id)[at..at + 4], "Sơn");
        assert_eq!(sources.line_col(id, at), (2, 12));
        assert_eq!(sources.offset(id, 9, 1), sources.text(id).len());
    }
}
