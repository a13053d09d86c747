//! Diagnostics: what is wrong, where (file, line, column), and how to fix it,
//! in Vietnamese by default and English on request, printed for people
//! (rustc style), for tools (JSON) or for GitHub annotations.

use std::io::{self, IsTerminal, Write};
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term;
use serde::Serialize;

use crate::source::{FileId, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// Between the two languages of a [`Text::packed`] message (ASCII unit separator).
const PACK_SEPARATOR: char = '\u{1f}';

/// A text in both languages the tool speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// Both languages in one string, for serde's custom errors, which carry
    /// a single message; [`Text::unpacked`] splits it again.
    pub fn packed(&self) -> String {
        format!("{}{PACK_SEPARATOR}{}", self.vi, self.en)
    }

    /// A message from [`Text::packed`], or the same text in both languages.
    pub fn unpacked(message: &str) -> Self {
        match message.split_once(PACK_SEPARATOR) {
            Some((vi, en)) => Self::new(vi, en),
            None => Self::new(message, message),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// One problem found in the inputs, the templates or the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `TD0002`; documented in `docs/rules.md`.
    pub code: &'static str,
    pub severity: Severity,
    pub file: Option<FileId>,
    /// Byte range in the file's (NFC-normalised) text.
    pub span: Option<Range<usize>>,
    /// A spreadsheet's cell, for a problem in a list being imported.
    pub cell: Option<CellRef>,
    pub message: Text,
    pub help: Option<Text>,
}

/// A cell of a spreadsheet: `danh-sach.xlsx!Danh sách!E7`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// The spreadsheet's path as the user gave it.
    pub file: String,
    pub sheet: String,
    /// 1-based, as Excel numbers rows and columns (A = 1).
    pub row: u32,
    pub column: u32,
}

impl CellRef {
    /// `E7`.
    pub fn a1(&self) -> String {
        let (mut n, mut letters) = (self.column, Vec::new());
        while n > 0 {
            letters.push(b'A' + ((n - 1) % 26) as u8);
            n = (n - 1) / 26;
        }
        letters.reverse();
        format!("{}{}", String::from_utf8_lossy(&letters), self.row)
    }

    /// `Danh sách!E7`, the cell as Excel names it within its workbook.
    pub fn in_sheet(&self) -> String {
        format!("{}!{}", self.sheet, self.a1())
    }
}

impl Diagnostic {
    pub fn error(code: &'static str, message: Text) -> Self {
        Self {
            code,
            severity: Severity::Error,
            file: None,
            span: None,
            cell: None,
            message,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: Text) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.file = Some(file);
        self.span = Some(span);
        self
    }

    pub fn in_file(mut self, file: FileId) -> Self {
        self.file = Some(file);
        self
    }

    pub fn in_cell(mut self, cell: CellRef) -> Self {
        self.cell = Some(cell);
        self
    }

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
    /// A GitLab Code Quality report (JSON), shown on merge requests.
    Gitlab,
}

/// A diagnostic resolved to its file name and 1-based line and column.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    pub code: &'static str,
    pub severity: Severity,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// 1-based line and column just after the span.
    pub end: Option<[usize; 2]>,
    pub message: String,
    pub help: Option<String>,
    /// For a spreadsheet: the cell within its workbook, `Danh sách!E7`
    /// (`file` is the workbook, `line` and `column` the row and column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

pub fn locate(diag: &Diagnostic, sources: &Sources, lang: Lang) -> Located {
    if let Some(cell) = &diag.cell {
        return Located {
            code: diag.code,
            severity: diag.severity,
            file: Some(cell.file.clone()),
            line: Some(cell.row as usize),
            column: Some(cell.column as usize),
            end: None,
            message: diag.message.get(lang).to_string(),
            help: diag.help.as_ref().map(|h| h.get(lang).to_string()),
            cell: Some(cell.in_sheet()),
        };
    }
    let file = diag.file.map(|f| sources.name(f).to_string());
    let (start, end) = match (diag.file, &diag.span) {
        (Some(f), Some(span)) => (
            Some(sources.line_col(f, span.start)),
            Some(sources.line_col(f, span.end)),
        ),
        _ => (None, None),
    };
    Located {
        code: diag.code,
        severity: diag.severity,
        file,
        line: start.map(|p| p.0),
        column: start.map(|p| p.1),
        end: end.map(|p| [p.0, p.1]),
        message: diag.message.get(lang).to_string(),
        help: diag.help.as_ref().map(|h| h.get(lang).to_string()),
        cell: None,
    }
}

/// Sorts by file and position (a spreadsheet's by row, then column), errors
/// before warnings at the same place.
pub fn sort(diags: &mut [Diagnostic], sources: &Sources) {
    diags.sort_by_key(|d| {
        (
            d.file
                .map(|f| sources.name(f).to_string())
                .or_else(|| d.cell.as_ref().map(|c| format!("{}!{}", c.file, c.sheet))),
            d.span.as_ref().map(|s| s.start).or_else(|| {
                d.cell
                    .as_ref()
                    .map(|c| ((c.row as usize) << 16) + c.column as usize)
            }),
            d.severity,
            d.code,
        )
    });
}

/// Prints every diagnostic to stderr (human, github) or stdout (json), then
/// the counts for people.
pub fn emit(diags: &[Diagnostic], sources: &Sources, format: Format, lang: Lang) -> io::Result<()> {
    match format {
        Format::Json => {
            let located: Vec<Located> = diags.iter().map(|d| locate(d, sources, lang)).collect();
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &located)?;
            writeln!(out)
        }
        Format::Github => {
            let mut out = io::stdout().lock();
            for d in diags {
                writeln!(out, "{}", github_line(&locate(d, sources, lang)))?;
            }
            Ok(())
        }
        Format::Gitlab => {
            let report: Vec<serde_json::Value> = diags
                .iter()
                .map(|d| gitlab_issue(&locate(d, sources, lang)))
                .collect();
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)
        }
        Format::Human => emit_human(diags, sources, lang),
    }
}

/// One issue of a GitLab Code Quality report: its fingerprint is stable for
/// the same problem at the same place, so GitLab can tell new from fixed.
fn gitlab_issue(d: &Located) -> serde_json::Value {
    use sha2::{Digest, Sha256};
    let path = d.file.clone().unwrap_or_else(|| "inputs".to_string());
    let line = d.line.unwrap_or(1);
    let mut h = Sha256::new();
    for piece in [d.code, &path, &line.to_string(), &d.message] {
        h.update(piece.as_bytes());
        h.update([0]);
    }
    let mut description = format!("{}: {}", d.code, d.message);
    if let Some(help) = &d.help {
        description.push_str(" — ");
        description.push_str(help);
    }
    serde_json::json!({
        "description": description,
        "check_name": d.code,
        "fingerprint": format!("{:x}", h.finalize()),
        "severity": match d.severity {
            Severity::Error => "major",
            Severity::Warning => "minor",
        },
        "location": { "path": path, "lines": { "begin": line } },
    })
}

fn github_line(d: &Located) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", escape_github_property(file)));
    }
    if let Some(line) = d.line {
        props.push(format!("line={line}"));
    }
    if let Some(col) = d.column {
        props.push(format!("col={col}"));
    }
    if let Some([line, col]) = d.end {
        props.push(format!("endLine={line}"));
        props.push(format!("endColumn={col}"));
    }
    props.push(format!("title={}", d.code));
    let mut message = format!("{}: {}", d.code, d.message);
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help);
    }
    format!(
        "::{level} {}::{}",
        props.join(","),
        escape_github_data(&message)
    )
}

// GitHub workflow commands percent-encode these characters.
fn escape_github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_github_property(s: &str) -> String {
    escape_github_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

fn emit_human(diags: &[Diagnostic], sources: &Sources, lang: Lang) -> io::Result<()> {
    use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
    let choice = if io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut out = StandardStream::stderr(choice);
    let config = term::Config::default();
    for d in diags {
        let mut cs_diag = match d.severity {
            Severity::Error => cs::Diagnostic::error(),
            Severity::Warning => cs::Diagnostic::warning(),
        }
        .with_code(d.code)
        .with_message(d.message.get(lang));
        if let Some(cell) = &d.cell {
            let where_ = match lang {
                Lang::Vi => "ô",
                Lang::En => "cell",
            };
            cs_diag =
                cs_diag.with_notes(vec![format!("{where_}: {}!{}", cell.file, cell.in_sheet())]);
        }
        match (d.file, &d.span) {
            (Some(file), Some(span)) => {
                cs_diag = cs_diag.with_labels(vec![cs::Label::primary(file.0, span.clone())]);
            }
            (Some(file), None) => {
                let where_ = match lang {
                    Lang::Vi => "tệp",
                    Lang::En => "file",
                };
                cs_diag = cs_diag.with_notes(vec![format!("{where_}: {}", sources.name(file))]);
            }
            _ => {}
        }
        if let Some(help) = &d.help {
            let prefix = match lang {
                Lang::Vi => "cách sửa",
                Lang::En => "help",
            };
            cs_diag.notes.push(format!("{prefix}: {}", help.get(lang)));
        }
        term::emit_to_write_style(&mut out, &config, sources, &cs_diag)
            .map_err(|e| io::Error::other(e.to_string()))?;
    }
    Ok(())
}

/// The closing line: how many errors and warnings.
pub fn summary(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match lang {
        Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!("{errors} error(s), {warnings} warning(s)"),
    }
}

/// Closest candidate by edit distance, for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_words_only() {
        let keys = ["content_items", "period", "subjects"];
        assert_eq!(closest("perod", keys), Some("period"));
        assert_eq!(closest("contentitems", keys), Some("content_items"));
        assert_eq!(closest("zzzzzz", keys), None);
    }

    #[test]
    fn cells_are_named_as_excel_names_them() {
        let cell = |row, column| CellRef {
            file: "ds.xlsx".into(),
            sheet: "Danh sách".into(),
            row,
            column,
        };
        assert_eq!(cell(7, 5).a1(), "E7");
        assert_eq!(cell(1, 26).a1(), "Z1");
        assert_eq!(cell(2, 27).a1(), "AA2");
        assert_eq!(cell(3, 703).in_sheet(), "Danh sách!AAA3");
    }

    #[test]
    fn github_annotations_escape_their_data() {
        let located = Located {
            code: "TD0001",
            severity: Severity::Error,
            file: Some("inputs/a,b.yaml".into()),
            line: Some(3),
            column: Some(5),
            end: None,
            message: "50% sai\ndòng hai".into(),
            help: None,
            cell: None,
        };
        assert_eq!(
            github_line(&located),
            "::error file=inputs/a%2Cb.yaml,line=3,col=5,title=TD0001::TD0001: 50%25 sai%0Adòng hai"
        );
    }
}
