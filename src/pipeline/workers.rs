//! Stage 5: typesetting on worker threads, each taking the next document:
//! Typst's own rayon work cannot steal another document into a waiting
//! thread, so a thread holds one document at a time (bounded memory) and its
//! timings are its own. A panic while typesetting one document is that
//! document's error; the others are still written.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use crate::output::{self, Attachment, ManifestEntry};
use crate::typeset::{self, TypstError};

use super::errors::BuildError;
use super::options::BuildOptions;
use super::render::{Rendered, Session, typeset, word};
use super::timings::DocTimes;
use super::{pdf_path, write, write_if_changed};

/// What became of one document.
pub enum DocResult {
    Written {
        path: String,
        pages: usize,
        sha256: String,
        attachments: Vec<Attachment>,
        docx: Option<Attachment>,
        /// Why the Word file could not be made (the PDF is written).
        word_errors: Vec<TypstError>,
    },
    Failed(Vec<TypstError>),
    /// Unchanged since the last build: its files are kept as they are.
    Reused(ManifestEntry),
    /// Typst (or thidua) panicked on this document; the build goes on.
    Panicked(String),
}

/// Typesets (or reuses) each of `docs`, `reused[i]` standing for `docs[i]`
/// when its files are still good; results in the order of `docs`.
pub fn run(
    root: &Path,
    session: &Session,
    docs: &[&Rendered],
    reused: &[Option<ManifestEntry>],
    options: &BuildOptions,
) -> Vec<Result<(DocResult, DocTimes), BuildError>> {
    let out_dir = root.join("output");
    let total = docs.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<(DocResult, DocTimes), BuildError>>>> =
        (0..total).map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..options.threads().min(total.max(1)) {
            scope.spawn(|| {
                while let Some(i) =
                    Some(next.fetch_add(1, Ordering::Relaxed)).filter(|i| *i < total)
                {
                    let doc = docs[i];
                    // The source is kept whether or not the PDF is rebuilt.
                    let kept = match options.keep_typst {
                        true => write_if_changed(
                            &out_dir.join(format!("{}.typ", doc.doc.stem)),
                            doc.source.text.as_bytes(),
                        ),
                        false => Ok(()),
                    };
                    let result = match (kept, reused[i].clone()) {
                        (Err(e), _) => Err(e),
                        (Ok(()), Some(entry)) => {
                            Ok((DocResult::Reused(entry), DocTimes::default()))
                        }
                        (Ok(()), None) => build_one(root, session, doc, options),
                    };
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(result);
                    }
                    if let Some(progress) = &options.progress {
                        (progress.0)(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner().ok().flatten().unwrap_or_else(|| {
                Ok((
                    DocResult::Panicked("luồng xử lý dừng đột ngột".to_string()),
                    DocTimes::default(),
                ))
            })
        })
        .collect()
}

/// Typesets one document, exports it and writes it, then its spreadsheet and
/// its Word file: the PDF is on disk before the rest is made.
fn build_one(
    root: &Path,
    session: &Session,
    doc: &Rendered,
    options: &BuildOptions,
) -> Result<(DocResult, DocTimes), BuildError> {
    let mut times = DocTimes::default();
    let rel_path = pdf_path(&doc.doc.stem);
    let typeset = caught(|| {
        if options.panic_on.as_deref() == Some(doc.doc.stem.as_str()) {
            panic!("lỗi thử nghiệm (panic_on)");
        }
        let started = Instant::now();
        let pages = typeset(session, doc)?;
        times.layout = started.elapsed();
        let bytes = typeset::pdf(&pages, &rel_path)?;
        times.pdf = started.elapsed() - times.layout;
        Ok((pages.pages().len(), bytes))
    });
    let (pages, bytes) = match typeset {
        Ok(Ok(done)) => done,
        Ok(Err(errors)) => return Ok((DocResult::Failed(errors), times)),
        Err(message) => return Ok((DocResult::Panicked(message), times)),
    };
    let started = Instant::now();
    write(&root.join(&rel_path), &bytes)?;
    let mut attachments = Vec::new();
    if let Some(list) = &doc.doc.list {
        let rel = format!("output/{}.xlsx", doc.doc.stem);
        let sheet = match output::xlsx::list_xlsx(list, doc.doc.date) {
            Ok(sheet) => sheet,
            Err(e) => return Ok((DocResult::Panicked(format!("bảng tính {rel}: {e}")), times)),
        };
        write(&root.join(&rel), &sheet)?;
        attachments.push(Attachment {
            path: rel,
            sha256: output::sha256_hex(&sheet),
        });
    }
    times.write = started.elapsed();
    let started = Instant::now();
    // A panic while making the Word file is that file's problem: the PDF stands.
    let (docx, word_errors) = match options.no_docx {
        true => (None, vec![]),
        false => match caught(|| word(session, doc)) {
            Ok(Ok(bytes)) => (Some(bytes), vec![]),
            Ok(Err(errors)) => (None, errors),
            Err(message) => (None, vec![panicked_word(message)]),
        },
    };
    times.word = started.elapsed();
    let started = Instant::now();
    let docx = write_docx(root, &doc.doc.stem, docx)?;
    times.write += started.elapsed();
    Ok((
        DocResult::Written {
            path: rel_path,
            pages,
            sha256: output::sha256_hex(&bytes),
            attachments,
            docx,
            word_errors,
        },
        times,
    ))
}

/// Runs `f`, a panic in it turned into its message.
fn caught<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string())
    })
}

/// A panic while making a Word file, as the error its warning shows.
fn panicked_word(message: String) -> TypstError {
    TypstError {
        file: typeset::ErrorFile::Unknown,
        range: None,
        message: format!("lỗi nội bộ khi tạo tệp Word (panic: {message})"),
        hints: vec![],
    }
}

/// Writes the Word file beside the PDF; with Word files off (or not made),
/// removes the one an earlier build wrote.
fn write_docx(
    root: &Path,
    stem: &str,
    docx: Option<Vec<u8>>,
) -> Result<Option<Attachment>, BuildError> {
    let rel = format!("output/{stem}.docx");
    let Some(bytes) = docx else {
        let _ = std::fs::remove_file(root.join(&rel));
        return Ok(None);
    };
    write(&root.join(&rel), &bytes)?;
    Ok(Some(Attachment {
        path: rel,
        sha256: output::sha256_hex(&bytes),
    }))
}
