//! Stage 5: typesetting on worker threads, each taking the next document:
//! Typst's own rayon work cannot steal another document into a waiting
//! thread, so a thread holds one document at a time (bounded memory) and its
//! timings are its own. A panic while typesetting one document is that
//! document's error; the others are still written.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::Instant;

use crate::output::packet::Prepared;
use crate::output::{self, Attachment, ManifestEntry};
use crate::typeset::{self, TypstError};

use super::errors::BuildError;
use super::options::BuildOptions;
use super::render::{Rendered, Session, typeset, word};
use super::timings::DocTimes;
use super::{locked, pdf_path, write, write_if_changed};

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
        /// The PDF parsed ahead for the packets holding it.
        prepared: Option<Prepared>,
    },
    Failed(Vec<TypstError>),
    /// Unchanged since the last build: its files are kept as they are.
    Reused(ManifestEntry),
    /// Typst (or thidua) panicked on this document; the build goes on.
    Panicked(String),
}

/// In what order the workers take the documents, and when they make the
/// Word files.
pub struct Schedule {
    /// Indexes into `docs`, in the order they are taken.
    pub order: Vec<usize>,
    /// The first worker takes from the end of `order` instead: with the
    /// longest first, short documents are not all kept waiting behind long
    /// ones.
    pub both_ends: bool,
    /// For each document, whether its PDF is parsed for its packets right
    /// after it is written, on its worker (see [`Prepared`]); empty for none.
    pub prepare: Vec<bool>,
    /// For each document, whether its Word file waits for every PDF, so
    /// that the PDFs (and the packets joining them) come first; empty for
    /// none. For a small warm build only: Typst's memo then keeps each
    /// document's evaluation to the build's end, while a large build would
    /// evaluate each document again.
    pub words_last: Vec<bool>,
}

impl Schedule {
    /// The documents in their order, each Word file right after its PDF.
    pub fn in_order(total: usize) -> Self {
        Self {
            order: (0..total).collect(),
            both_ends: false,
            prepare: vec![],
            words_last: vec![],
        }
    }
}

/// Opens once what must precede this build's writes is on disk (the
/// manifest no longer listing what it rewrites), which is done beside the
/// first layouts; every output is written after. Stays shut when that failed.
#[derive(Default)]
pub struct Gate {
    open: Mutex<Option<bool>>,
    decided: Condvar,
}

impl Gate {
    /// Whether writing may go ahead, once decided.
    pub fn wait(&self) -> bool {
        let mut open = locked(&self.open);
        loop {
            if let Some(open) = *open {
                return open;
            }
            open = self.decided.wait(open).unwrap_or_else(|e| e.into_inner());
        }
    }

    pub fn decide(&self, open: bool) {
        *locked(&self.open) = Some(open);
        self.decided.notify_all();
    }

    /// Waits for the gate; shut, the write of `path` fails (the build then
    /// reports why it was shut).
    fn pass(&self, path: &Path) -> Result<(), BuildError> {
        match self.wait() {
            true => Ok(()),
            false => Err(BuildError::Write {
                path: path.to_path_buf(),
                source: std::io::Error::other("manifest chưa cập nhật được trước khi ghi"),
            }),
        }
    }
}

/// A PDF on disk: its document's index, SHA-256, and the PDF parsed ahead.
pub type Written = (usize, String, Option<Prepared>);

type Slot = Mutex<Option<Result<(DocResult, DocTimes), BuildError>>>;

/// Typesets (or reuses) each of `docs`, `reused[i]` standing for `docs[i]`
/// when its files are still good; results in the order of `docs`. `events`
/// runs on the calling thread while the workers go on; it receives each PDF
/// written (its index and SHA-256) as soon as it is on disk.
pub fn run(
    (root, gate): (&Path, &Gate),
    session: &Session,
    docs: &[&Rendered],
    reused: &[Option<ManifestEntry>],
    options: &BuildOptions,
    schedule: &Schedule,
    events: impl FnOnce(mpsc::Receiver<Written>),
) -> Vec<Result<(DocResult, DocTimes), BuildError>> {
    let total = docs.len();
    let threads = options.threads().min(total.max(1));
    let shared = Shared {
        root,
        gate,
        session,
        docs,
        reused,
        options,
        schedule,
        left: Mutex::new(0..schedule.order.len()),
        done: AtomicUsize::new(0),
        words: Mutex::new(Words {
            queue: VecDeque::new(),
            active: 0,
            // One thread is left to the packets being joined on the calling one.
            limit: threads.saturating_sub(1).max(1),
        }),
        slots: (0..total).map(|_| Mutex::new(None)).collect(),
    };
    let (tx, rx) = mpsc::channel::<Written>();
    std::thread::scope(|scope| {
        for worker in 0..threads {
            let tx = tx.clone();
            let shared = &shared;
            scope.spawn(move || shared.work(schedule.both_ends && worker == 0, &tx));
        }
        drop(tx);
        events(rx);
    });
    (shared.slots.into_iter())
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

/// What the workers share: the documents, what is left to take, and the
/// results.
struct Shared<'a> {
    root: &'a Path,
    gate: &'a Gate,
    session: &'a Session,
    docs: &'a [&'a Rendered],
    reused: &'a [Option<ManifestEntry>],
    options: &'a BuildOptions,
    schedule: &'a Schedule,
    /// What is left of `schedule.order`: taken from the front, or the back.
    left: Mutex<std::ops::Range<usize>>,
    done: AtomicUsize,
    words: Mutex<Words>,
    slots: Vec<Slot>,
}

impl Shared<'_> {
    /// One worker: PDFs while any is left, then Word files.
    fn work(&self, from_back: bool, tx: &mpsc::Sender<Written>) {
        let mut making_words = false;
        loop {
            let k = match from_back {
                true => locked(&self.left).next_back(),
                false => locked(&self.left).next(),
            };
            if let Some(&i) = k.and_then(|k| self.schedule.order.get(k)) {
                self.pdf(i, tx);
                continue;
            }
            let Some(i) = locked(&self.words).next(&mut making_words) else {
                break;
            };
            let built = locked(&self.slots[i]).take();
            if let Some(built) = built {
                let result = with_word(self.root, self.session, self.docs[i], built);
                store(&self.slots[i], result);
            }
        }
    }

    /// The PDF of document `i`, told to `tx` once written; its Word file
    /// then, or queued for after every PDF.
    fn pdf(&self, i: usize, tx: &mpsc::Sender<Written>) {
        let (doc, options) = (self.docs[i], self.options);
        let prepare = self.schedule.prepare.get(i).is_some_and(|p| *p);
        let reused = self.reused[i].clone();
        let at = (self.root, self.gate);
        let mut result = pdf_task(at, self.session, doc, reused, options, prepare);
        let word = match &mut result {
            Ok((
                DocResult::Written {
                    sha256, prepared, ..
                },
                _,
            )) => {
                let _ = tx.send((i, sha256.clone(), prepared.take()));
                !options.no_docx
            }
            _ => false,
        };
        if !word {
            self.session.parsed.done(&doc.doc.stem);
        }
        let result = with_sheet(self.root, doc, result);
        let words_last = self.schedule.words_last.get(i).is_some_and(|w| *w);
        let result = match word && !words_last {
            true => with_word(self.root, self.session, doc, result),
            false => result,
        };
        store(&self.slots[i], result);
        if word && words_last {
            locked(&self.words).queue.push_back(i);
        }
        if let Some(progress) = &options.progress {
            (progress.0)(
                self.done.fetch_add(1, Ordering::Relaxed) + 1,
                self.docs.len(),
            );
        }
    }
}

/// The Word files left to make, after the PDFs, by at most `limit` threads
/// at once.
struct Words {
    queue: VecDeque<usize>,
    active: usize,
    limit: usize,
}

impl Words {
    /// The next Word file for a thread to make, or `None` when it should
    /// stop: nothing is left, or enough threads make them. A thread that
    /// makes them stops only once nothing is left, so none is forgotten.
    fn next(&mut self, making: &mut bool) -> Option<usize> {
        if !*making && self.active >= self.limit {
            return None;
        }
        let Some(i) = self.queue.pop_front() else {
            if *making {
                self.active -= 1;
                *making = false;
            }
            return None;
        };
        if !*making {
            self.active += 1;
            *making = true;
        }
        Some(i)
    }
}

fn store(slot: &Slot, result: Result<(DocResult, DocTimes), BuildError>) {
    *locked(slot) = Some(result);
}

/// One document's source kept (with `--keep-typst`), then its PDF reused or
/// typeset and written.
fn pdf_task(
    (root, gate): (&Path, &Gate),
    session: &Session,
    doc: &Rendered,
    reused: Option<ManifestEntry>,
    options: &BuildOptions,
    prepare: bool,
) -> Result<(DocResult, DocTimes), BuildError> {
    // The source is kept whether or not the PDF is rebuilt.
    if options.keep_typst {
        let path = root.join("output").join(format!("{}.typ", doc.doc.stem));
        gate.pass(&path)?;
        write_if_changed(&path, doc.source.text.as_bytes())?;
    }
    match reused {
        Some(entry) => Ok((DocResult::Reused(entry), DocTimes::default())),
        None => build_pdf((root, gate), session, doc, options, prepare),
    }
}

/// Typesets one document, exports it and writes it (and, with `prepare`,
/// parses it for its packets): its spreadsheet is made by [`with_sheet`], its
/// Word file by [`with_word`].
fn build_pdf(
    (root, gate): (&Path, &Gate),
    session: &Session,
    doc: &Rendered,
    options: &BuildOptions,
    prepare: bool,
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
    gate.pass(&root.join(&rel_path))?;
    let started = Instant::now();
    write(&root.join(&rel_path), &bytes)?;
    if options.no_docx {
        // The Word file of an earlier build would no longer match the PDF.
        write_docx(root, &doc.doc.stem, None)?;
    }
    times.write = started.elapsed();
    let sha256 = output::sha256_hex(&bytes);
    // Not parsed here, the part is parsed when its packet is joined.
    let prepared = prepare
        .then(|| output::packet::prepare(&rel_path, &sha256, &bytes).ok())
        .flatten();
    Ok((
        DocResult::Written {
            path: rel_path,
            pages,
            sha256,
            attachments: vec![],
            docx: None,
            word_errors: vec![],
            prepared,
        },
        times,
    ))
}

/// Writes the spreadsheet of a document whose PDF is written and told to
/// the packets (a list of 1,900 rows takes 40–50 ms: the packets holding
/// the list are not kept waiting for it).
fn with_sheet(
    root: &Path,
    doc: &Rendered,
    built: Result<(DocResult, DocTimes), BuildError>,
) -> Result<(DocResult, DocTimes), BuildError> {
    let (mut result, mut times) = built?;
    let (Some(list), DocResult::Written { attachments, .. }) = (&doc.doc.list, &mut result) else {
        return Ok((result, times));
    };
    let started = Instant::now();
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
    times.write += started.elapsed();
    Ok((result, times))
}

/// Makes and writes the Word file of a document whose PDF is written; a
/// panic while making it is that file's problem: the PDF stands.
fn with_word(
    root: &Path,
    session: &Session,
    doc: &Rendered,
    built: Result<(DocResult, DocTimes), BuildError>,
) -> Result<(DocResult, DocTimes), BuildError> {
    let (mut result, mut times) = built?;
    let DocResult::Written {
        docx, word_errors, ..
    } = &mut result
    else {
        return Ok((result, times));
    };
    let started = Instant::now();
    let bytes = match caught(|| word(session, doc)) {
        Ok(Ok(bytes)) => Some(bytes),
        Ok(Err(errors)) => {
            *word_errors = errors;
            None
        }
        Err(message) => {
            *word_errors = vec![panicked_word(message)];
            None
        }
    };
    times.word = started.elapsed();
    session.parsed.done(&doc.doc.stem);
    let started = Instant::now();
    *docx = write_docx(root, &doc.doc.stem, bytes)?;
    times.write += started.elapsed();
    Ok((result, times))
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
