//! Failures of a build, as the user sees them: problems of the workspace
//! (a template that fails, a document Typst cannot lay out, an internal
//! error on one document) become located diagnostics; failures of the
//! machine (a file that cannot be written) end the build (exit code 2).

use std::ops::Range;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Text};
use crate::load::LoadError;
use crate::render::{self, RenderError, TemplateFile, Templates};
use crate::source::{FileId, Sources, offset_of};
use crate::typeset::{ErrorFile, TypstError};

/// Failures that are not problems of the inputs (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("không ghi được {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl BuildError {
    /// The message in both languages.
    pub fn text(&self) -> Text {
        match self {
            BuildError::Load(e) => e.text(),
            BuildError::Write { path, source } => Text::new(
                self.to_string(),
                format!("cannot write {}: {source}", path.display()),
            ),
        }
    }
}

/// TD0016: more documents than one build may make.
pub fn too_many_documents(count: usize, limit: usize) -> Diagnostic {
    Diagnostic::error(
        "TD0016",
        Text::new(
            format!("các tệp đầu vào mô tả {count} văn bản, quá giới hạn {limit} văn bản của một lần dựng"),
            format!("the inputs describe {count} documents, over the limit of {limit} for one build"),
        ),
    )
    .help(Text::new(
        "dựng theo từng phần: `thidua build --shard K/N`, hoặc tách thành nhiều không gian làm việc",
        "build in shards (`thidua build --shard K/N`) or split the workspace",
    ))
}

/// TD0013: Typst (or thidua) panicked on one document; the others are written.
pub fn panicked(stem: &str, message: &str) -> Diagnostic {
    Diagnostic::error(
        "TD0013",
        Text::new(
            format!("lỗi nội bộ khi dàn trang {stem}: {message}; các văn bản khác vẫn được ghi"),
            format!("internal error while typesetting {stem}: {message}; the other documents were written"),
        ),
    )
    .help(Text::new(
        "đây là lỗi của thidua, không phải của dữ liệu: hãy báo cho nhóm phát triển kèm tệp đầu vào",
        "this is a bug in thidua, not in the inputs: please report it with the input files",
    ))
}

/// The file id of a template, added to `sources` the first time it is cited.
fn template_source(sources: &mut Sources, templates: &Templates, name: &str) -> Option<FileId> {
    let shown = TemplateFile::display_path(name);
    if let Some(id) = sources.find(&shown) {
        return Some(id);
    }
    let file = templates.get(name)?;
    Some(sources.add(shown, file.text.clone()))
}

/// TD0011: a template that failed to render, at its line.
pub fn render_diagnostic(
    sources: &mut Sources,
    templates: &Templates,
    e: &RenderError,
) -> Diagnostic {
    let message = Text::new(
        format!("mẫu {} lỗi: {}", e.template, e.message),
        format!("template {} failed: {}", e.template, e.message),
    );
    let mut d = Diagnostic::error("TD0011", message).help(Text::new(
        "sửa mẫu trong templates/ (hoặc xóa bản ghi đè để dùng mẫu có sẵn)",
        "fix the template in templates/ (or delete the override to use the built-in one)",
    ));
    if let Some(file) = template_source(sources, templates, &e.template) {
        let text = sources.text(file);
        let start = e.line.map(|l| offset_of(text, l, 1)).unwrap_or(0);
        let end = text[start..]
            .find('\n')
            .map(|i| start + i)
            .unwrap_or(text.len());
        d = d.at(file, start..end);
    }
    d
}

/// TD0018: the Word file of `stem` could not be made (its PDF is written):
/// the Typst diagnostic `d` of the Word file's evaluation, as a warning.
pub fn word_warning(d: Diagnostic, stem: &str) -> Diagnostic {
    let (vi, en) = (d.message.vi.clone(), d.message.en.clone());
    Diagnostic {
        code: "TD0018",
        severity: crate::diag::Severity::Warning,
        message: Text::new(
            format!("không tạo được tệp Word của {stem} (PDF vẫn được ghi): {vi}"),
            format!("the Word file of {stem} could not be made (its PDF is written): {en}"),
        ),
        help: Some(Text::new(
            "thư viện trình bày ghi đè (templates/lib/nd30.typ) cần các nhánh `word` của bản có sẵn; hoặc dựng với --no-docx",
            "an overriding layout library (templates/lib/nd30.typ) needs the built-in one's `word` branches; or build with --no-docx",
        )),
        ..d
    }
}

/// TD0012: a Typst error, mapped back to the template text that produced it.
/// `stem` is the document's, `template` its template, `source` what that
/// template rendered.
pub fn typst_diagnostic(
    sources: &mut Sources,
    templates: &Templates,
    (stem, template, source): (&str, &str, &render::Output),
    e: &TypstError,
) -> Diagnostic {
    let mut message = e.message.clone();
    for hint in &e.hints {
        message.push_str(&format!(" ({hint})"));
    }
    let d = Diagnostic::error(
        "TD0012",
        Text::new(
            format!("Typst không dàn trang được {stem}: {message}"),
            format!("Typst could not lay out {stem}: {message}"),
        ),
    );
    let (name, range) = match (&e.file, &e.range) {
        (ErrorFile::Template(name), Some(range)) => (name.as_str(), range.clone()),
        (ErrorFile::Main, Some(range)) => match map_to_template(source, range.clone()) {
            Some((name, range)) => (name, range),
            None => (template, 0..0),
        },
        (ErrorFile::Main, None) => (template, 0..0),
        _ => return d,
    };
    let Some(file) = template_source(sources, templates, name) else {
        return d;
    };
    d.at(file, range).help(Text::new(
        "chạy `thidua build --keep-typst` để xem nguồn Typst đã sinh",
        "run `thidua build --keep-typst` to see the generated Typst source",
    ))
}

/// The template text that wrote `range` of the generated source: from the
/// first non-blank byte of the range to its last, when both come from one template.
fn map_to_template(source: &render::Output, range: Range<usize>) -> Option<(&str, Range<usize>)> {
    let text = &source.text;
    let end = range.end.min(text.len());
    let start = range.start.min(end);
    let blank = text[start..end].len() - text[start..end].trim_start().len();
    let start = start + blank;
    let (name, first) = source.origin(start)?;
    let last = source
        .origin(end.saturating_sub(1).max(start))
        .filter(|(n, r)| *n == name && r.end >= first.start);
    let range = match last {
        Some((_, last)) => first.start..last.end,
        None => first,
    };
    Some((name, range))
}
