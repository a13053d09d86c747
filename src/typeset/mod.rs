//! Stage 5: Typst sources → laid-out pages → PDF/A-2b, in-process.

pub mod inspect;
mod world;

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_html::HtmlDocument;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

pub use crate::fonts::{FAMILY, FILES as FONT_FILES};
pub use typst::syntax::Source;
pub use world::{Base, DocWorld, MAIN_ID};

/// How old (in compilations) a memoised result may grow before it is evicted.
/// Eviction is global: at 0, the other thread's documents evicted what a
/// paged table laid out between its layout passes; 1 keeps that and took a
/// full build of 2,331 documents from 55–59 s to 49–51 s for 30 MB more,
/// while 3 to 30 saved nothing more and cost up to 140 MB (BENCHMARKS.md).
pub const EVICT_MAX_AGE: usize = 1;

/// What `watch` keeps through a build of many documents (a template
/// changed): the last ones typeset, the province's long lists among them,
/// stay memoised for the next save.
pub const WATCH_EVICT_MAX_AGE: usize = 10;

/// When memoised results are evicted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Memo {
    /// After each compilation, those this many compilations old.
    Compilations(usize),
    /// Only when the build ends ([`end_build`]), keeping what it used: a
    /// long-lived process rebuilding a few documents keeps exactly one
    /// save's layout for the next. Measured (BENCHMARKS.md): an age in
    /// compilations kept several saves of a 260-page list, past 1 GiB.
    Build,
}

/// The base's policy; `THIDUA_EVICT_MAX_AGE` when set, for measuring the
/// policy (BENCHMARKS.md), not for users.
fn memo(base: &Base) -> Memo {
    static AGE: std::sync::LazyLock<Option<usize>> = std::sync::LazyLock::new(|| {
        std::env::var("THIDUA_EVICT_MAX_AGE")
            .ok()
            .and_then(|v| v.parse().ok())
    });
    AGE.map_or(base.memo(), Memo::Compilations)
}

/// Ends a build: under [`Memo::Build`], evicts what it did not use.
pub fn end_build(base: &Base) {
    if memo(base) == Memo::Build {
        typst::comemo::evict(1);
    }
}

/// Where a Typst error points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorFile {
    /// The document's generated main source.
    Main,
    /// A file of the templates folder, e.g. `lib/nd30.typ`.
    Template(String),
    Unknown,
}

/// A Typst error, located in the file it points into.
#[derive(Debug, Clone)]
pub struct TypstError {
    pub file: ErrorFile,
    pub range: Option<Range<usize>>,
    pub message: String,
    pub hints: Vec<String>,
}

/// A document's main source, parsed. `last`, the same document's source as
/// an earlier build parsed it, is edited instead where the text differs, and
/// Typst parses again only there, as `typst watch` does (a list of 1,900 rows
/// takes tens of milliseconds to parse from nothing).
pub fn parse(text: String, last: Option<Source>) -> Source {
    match last {
        Some(mut source) => {
            if source.text() != text {
                source.replace(&text);
            }
            source
        }
        None => Source::new(*MAIN_ID, text),
    }
}

/// Lays out one document. Its date is what `datetime.today()` answers.
pub fn layout(
    base: &Base,
    source: String,
    date: NaiveDate,
) -> Result<PagedDocument, Vec<TypstError>> {
    layout_parsed(base, parse(source, None), date)
}

/// Lays out one document whose source is parsed.
pub fn layout_parsed(
    base: &Base,
    main: Source,
    date: NaiveDate,
) -> Result<PagedDocument, Vec<TypstError>> {
    compile(DocWorld::new(base, main, today(date)), base)
}

/// Evaluates one document for its Word file: the same source, the layout
/// library emitting its semantic elements (`data-nd30`) instead of pages.
pub fn word_tree(
    base: &Base,
    source: String,
    date: NaiveDate,
) -> Result<HtmlDocument, Vec<TypstError>> {
    word_tree_parsed(base, parse(source, None), date)
}

/// The same, of a parsed source.
pub fn word_tree_parsed(
    base: &Base,
    main: Source,
    date: NaiveDate,
) -> Result<HtmlDocument, Vec<TypstError>> {
    compile(DocWorld::new(base, main, today(date)).for_word(), base)
}

fn today(date: NaiveDate) -> Datetime {
    Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("a valid constant date"))
}

fn compile<D: typst::foundations::Output>(
    world: DocWorld,
    base: &Base,
) -> Result<D, Vec<TypstError>> {
    let result = typst::compile::<D>(&world).output;
    // Evict on success and on failure alike, so memory stays bounded.
    if let Memo::Compilations(age) = memo(base) {
        typst::comemo::evict(age);
    }
    result.map_err(|errors| {
        errors
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| locate(&world, d))
            .collect()
    })
}

fn locate(world: &DocWorld, diag: &SourceDiagnostic) -> TypstError {
    let file = match diag.span.id() {
        Some(id) if id == *MAIN_ID => ErrorFile::Main,
        Some(id) => ErrorFile::Template(id.vpath().get_without_slash().to_string()),
        None => ErrorFile::Unknown,
    };
    TypstError {
        file,
        range: world.range(diag.span),
        message: diag.message.to_string(),
        hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
    }
}

/// Exports laid-out pages as PDF/A-2b. `ident` names the document stably (its
/// output path), so the PDF's identifier does not depend on the machine.
pub fn pdf(document: &PagedDocument, ident: &str) -> Result<Vec<u8>, Vec<TypstError>> {
    let standards = PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| {
        vec![TypstError {
            file: ErrorFile::Unknown,
            range: None,
            message: e.message().to_string(),
            hints: vec![],
        }]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("thidua {}", env!("CARGO_PKG_VERSION")))),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors
            .iter()
            .map(|d| TypstError {
                file: ErrorFile::Unknown,
                range: None,
                message: d.message.to_string(),
                hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
            })
            .collect()
    })
}
