//! The pipeline, stage after stage: load → rules → render → typeset → output.
//! Commands call these; tests call them too.

use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Text};
use crate::documents::{self, DocJob};
use crate::load::{self, FileId, LoadError, Sources};
use crate::model::Workspace;
use crate::output::{self, Attachment, Manifest, ManifestEntry, PacketIndex, PacketPart};
use crate::render::{self, RenderError, TemplateFile, Templates};
use crate::rules;
use crate::typeset::{self, Base, ErrorFile, TypstError};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Also write each document's `.typ` and the layout library under `output/`.
    pub keep_typst: bool,
    /// Blanks (number, day) are errors: the moment of issue.
    pub final_: bool,
    /// Documents typeset at once; `None`: one per core.
    pub jobs: Option<usize>,
    /// Told `(done, total)` after each document, from any thread.
    pub progress: Option<Progress>,
}

/// A progress callback; the command line draws a bar with it.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// Where the time of a build went. Typesetting, PDF and writing are summed
/// over documents (they run in parallel); `total` is wall time.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub check: Duration,
    pub render: Duration,
    pub layout: Duration,
    pub pdf: Duration,
    pub write: Duration,
    pub total: Duration,
    /// The slowest documents (layout and PDF), slowest first.
    pub slowest: Vec<(String, Duration)>,
}

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

/// The inputs, checked.
pub struct Checked {
    pub sources: Sources,
    pub workspace: Workspace,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }

    /// Whether every input of a document is free of errors.
    fn inputs_clean(&self, inputs: &[FileId]) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.file.is_none_or(|f| inputs.contains(&f)))
    }
}

/// Loads and validates every input.
pub fn check(root: &Path, options: &BuildOptions) -> Result<Checked, LoadError> {
    let loaded = load::load_workspace(root)?;
    let mut diagnostics = loaded.diagnostics;
    let incomplete = diagnostics.iter().any(|d| d.is_error());
    diagnostics.extend(rules::check(
        &loaded.workspace,
        &loaded.sources,
        options.final_,
        incomplete,
    ));
    crate::diag::sort(&mut diagnostics, &loaded.sources);
    Ok(Checked {
        sources: loaded.sources,
        workspace: loaded.workspace,
        diagnostics,
    })
}

/// A document rendered to Typst, ready to typeset.
pub struct Rendered {
    pub job: DocJob,
    pub source: render::Output,
    /// For a packet: its parts, as indexes into [`Session::rendered`].
    pub parts: Vec<usize>,
}

/// What stays the same for every document of a build.
pub struct Session {
    pub checked: Checked,
    pub templates: Templates,
    pub base: Base,
    pub rendered: Vec<Rendered>,
    pub check_time: Duration,
    pub render_time: Duration,
}

/// Checks, then renders every document whose inputs are valid.
pub fn render_all(root: &Path, options: &BuildOptions) -> Result<Session, BuildError> {
    let started = Instant::now();
    let mut checked = check(root, options)?;
    let check_time = started.elapsed();
    let (templates, template_errors) = Templates::for_workspace(root);
    for e in template_errors {
        checked.diagnostics.push(Diagnostic::error(
            "TD0010",
            Text::new(e.to_string(), e.to_string()),
        ));
    }
    let base = Base::new(templates.library().map(|(name, f)| (name, f.text.as_str())));
    let mut rendered = Vec::new();
    match render::environment(&templates) {
        Err(e) => {
            let d = render_diagnostic(&mut checked.sources, &templates, &e);
            checked.diagnostics.push(d);
        }
        Ok(env) => {
            let (packets, documents): (Vec<DocJob>, Vec<DocJob>) =
                documents::plan_jobs(&checked.workspace)
                    .into_iter()
                    .partition(|job| !job.parts.is_empty());
            for job in documents.into_iter().chain(packets) {
                if !checked.inputs_clean(&job.inputs) {
                    continue;
                }
                // A packet is built when every part is; a missing part was reported already.
                let Some(parts) = job
                    .parts
                    .iter()
                    .map(|p| {
                        rendered
                            .iter()
                            .position(|r: &Rendered| r.job.stem == p.stem)
                    })
                    .collect::<Option<Vec<usize>>>()
                else {
                    continue;
                };
                let context = if job.parts.is_empty() {
                    job.context.clone()
                } else {
                    packet_context(&job)
                };
                match render::render(&env, job.template, context) {
                    Ok(source) => rendered.push(Rendered { job, source, parts }),
                    Err(e) => {
                        let d = render_diagnostic(&mut checked.sources, &templates, &e);
                        checked.diagnostics.push(d);
                    }
                }
            }
        }
    }
    Ok(Session {
        check_time,
        render_time: started.elapsed() - check_time,
        checked,
        templates,
        base,
        rendered,
    })
}

/// What `packet.typ` sees: the title, the date and where each part is included from.
fn packet_context(job: &DocJob) -> minijinja::Value {
    let parts: Vec<minijinja::Value> = job
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| minijinja::context! { title => &p.title, path => typeset::part_path(i) })
        .collect();
    minijinja::context! {
        title => &job.title,
        date => job.date.format("%Y-%m-%d").to_string(),
        parts => parts,
    }
}

fn template_source(sources: &mut Sources, templates: &Templates, name: &str) -> Option<FileId> {
    let shown = TemplateFile::display_path(name);
    if let Some(id) = sources.find(&shown) {
        return Some(id);
    }
    let file = templates.get(name)?;
    Some(sources.add(shown, file.text.clone()))
}

fn render_diagnostic(sources: &mut Sources, templates: &Templates, e: &RenderError) -> Diagnostic {
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
        let start = e.line.map(|l| load::offset_of(text, l, 1)).unwrap_or(0);
        let end = text[start..]
            .find('\n')
            .map(|i| start + i)
            .unwrap_or(text.len());
        d = d.at(file, start..end);
    }
    d
}

/// Typesets one rendered document.
pub fn typeset(session: &Session, doc: &Rendered) -> Result<PagedDocument, Vec<TypstError>> {
    let parts = doc
        .parts
        .iter()
        .map(|&i| session.rendered[i].source.text.clone())
        .collect();
    typeset::layout(&session.base, doc.source.text.clone(), doc.job.date, parts)
}

/// Maps a Typst error back to the template text that produced it.
fn typst_diagnostic(
    sources: &mut Sources,
    templates: &Templates,
    session: &Session,
    doc: &Rendered,
    e: &TypstError,
) -> Diagnostic {
    // An error inside a packet's part is that part's error.
    let (doc, e) = match &e.file {
        ErrorFile::Part(i) => match doc.parts.get(*i).and_then(|&k| session.rendered.get(k)) {
            Some(part) => (
                part,
                &TypstError {
                    file: ErrorFile::Main,
                    ..e.clone()
                },
            ),
            None => (doc, e),
        },
        _ => (doc, e),
    };
    let mut message = e.message.clone();
    for hint in &e.hints {
        message.push_str(&format!(" ({hint})"));
    }
    let d = Diagnostic::error(
        "TD0012",
        Text::new(
            format!("Typst không dàn trang được {}: {message}", doc.job.stem),
            format!("Typst could not lay out {}: {message}", doc.job.stem),
        ),
    );
    let (name, range) = match (&e.file, &e.range) {
        (ErrorFile::Template(name), Some(range)) => (name.as_str(), range.clone()),
        (ErrorFile::Main, Some(range)) => match map_to_template(&doc.source, range.clone()) {
            Some((name, range)) => (name, range),
            None => (doc.job.template, 0..0),
        },
        (ErrorFile::Main, None) => (doc.job.template, 0..0),
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
fn map_to_template(
    source: &render::Output,
    range: std::ops::Range<usize>,
) -> Option<(&str, std::ops::Range<usize>)> {
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

/// What a build did.
pub struct BuildReport {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub manifest: Manifest,
    pub timings: Timings,
}

impl BuildReport {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

/// Checks, renders, typesets and writes every valid document and the manifest.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let session = render_all(root, options)?;
    let out_dir = root.join("output");
    if options.keep_typst {
        for (name, file) in session.templates.library() {
            write(&out_dir.join(name), file.text.as_bytes())?;
        }
    }
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let total = session.rendered.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<(Outcome, DocTimes), BuildError>>>> =
        (0..total).map(|_| Mutex::new(None)).collect();
    // Plain worker threads, each taking the next document: Typst's own rayon
    // work cannot steal another document into a waiting thread, so a thread
    // holds one document at a time (bounded memory) and its timings are its own.
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, total.max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(doc) = session.rendered.get(i) else {
                        break;
                    };
                    let outcome = build_one(root, &session, doc, options);
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(outcome);
                    }
                    if let Some(progress) = &options.progress {
                        (progress.0)(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    }
                }
            });
        }
    });
    let outcomes = slots.into_iter().map(|slot| {
        slot.into_inner().ok().flatten().unwrap_or_else(|| {
            Ok((
                Outcome::Panicked("luồng xử lý dừng đột ngột".to_string()),
                DocTimes::default(),
            ))
        })
    });
    let mut sources = session.checked.sources.clone();
    let mut entries = Vec::new();
    let mut new_diags = Vec::new();
    let mut timings = Timings {
        check: session.check_time,
        render: session.render_time,
        ..Timings::default()
    };
    for (doc, outcome) in session.rendered.iter().zip(outcomes) {
        let (outcome, times) = outcome?;
        timings.layout += times.layout;
        timings.pdf += times.pdf;
        timings.write += times.write;
        timings
            .slowest
            .push((doc.job.stem.clone(), times.layout + times.pdf));
        match outcome {
            Outcome::Written {
                path,
                pages,
                sha256,
                attachments,
            } => entries.push(ManifestEntry {
                path,
                kind: doc.job.kind.to_string(),
                unit: doc.job.unit.clone(),
                title: doc.job.title.clone(),
                pages,
                sha256,
                inputs: doc.job.inputs.iter().map(|f| sources.name(*f).to_string()).collect(),
                attachments,
            }),
            Outcome::Failed(errors) => {
                for e in &errors {
                    new_diags.push(typst_diagnostic(&mut sources, &session.templates, &session, doc, e));
                }
            }
            Outcome::Panicked(message) => new_diags.push(
                Diagnostic::error(
                    "TD0013",
                    Text::new(
                        format!("lỗi nội bộ khi dàn trang {}: {message}; các văn bản khác vẫn được ghi", doc.job.stem),
                        format!("internal error while typesetting {}: {message}; the other documents were written", doc.job.stem),
                    ),
                )
                .help(Text::new(
                    "đây là lỗi của thidua, không phải của dữ liệu: hãy báo cho nhóm phát triển kèm tệp đầu vào",
                    "this is a bug in thidua, not in the inputs: please report it with the input files",
                )),
            ),
        }
    }
    let write_started = Instant::now();
    for doc in session.rendered.iter().filter(|d| !d.job.parts.is_empty()) {
        if let Some(attachment) = write_packet_index(root, doc, &mut entries)? {
            if let Some(entry) = entries.iter_mut().find(|e| e.path == pdf_path(&doc.job)) {
                entry.attachments.push(attachment);
            }
        }
    }
    timings.write += write_started.elapsed();
    timings
        .slowest
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    timings.slowest.truncate(5);
    let manifest = Manifest::new(entries);
    let write_started = Instant::now();
    write(
        &out_dir.join("manifest.json"),
        manifest.to_json().as_bytes(),
    )?;
    timings.write += write_started.elapsed();
    let mut diagnostics = session.checked.diagnostics;
    diagnostics.extend(new_diags);
    crate::diag::sort(&mut diagnostics, &sources);
    timings.total = started.elapsed();
    Ok(BuildReport {
        sources,
        diagnostics,
        manifest,
        timings,
    })
}

/// `output/<stem>.pdf`, relative to the workspace.
fn pdf_path(job: &DocJob) -> String {
    format!("output/{}.pdf", job.stem)
}

/// `packet.json` beside a packet: each part with its own file's SHA-256 and
/// where it starts in the packet. Not written when the packet or a part failed.
fn write_packet_index(
    root: &Path,
    packet: &Rendered,
    entries: &mut [ManifestEntry],
) -> Result<Option<Attachment>, BuildError> {
    let find = |path: &str| entries.iter().find(|e| e.path == path);
    let Some(whole) = find(&pdf_path(&packet.job)) else {
        return Ok(None);
    };
    let mut parts = Vec::new();
    let mut first_page = 1;
    for part in &packet.job.parts {
        let path = format!("output/{}.pdf", part.stem);
        let Some(entry) = find(&path) else {
            return Ok(None);
        };
        parts.push(PacketPart {
            title: part.title.clone(),
            kind: part.kind.to_string(),
            path,
            sha256: entry.sha256.clone(),
            pages: entry.pages,
            first_page,
        });
        first_page += entry.pages;
    }
    let index = PacketIndex {
        packet: whole.path.clone(),
        title: whole.title.clone(),
        sha256: whole.sha256.clone(),
        pages: whole.pages,
        parts,
    };
    let mut json = serde_json::to_string_pretty(&index).unwrap_or_default();
    json.push('\n');
    let rel = format!("output/{}.json", packet.job.stem);
    write(&root.join(&rel), json.as_bytes())?;
    Ok(Some(Attachment {
        sha256: output::sha256_hex(json.as_bytes()),
        path: rel,
    }))
}

/// What became of one document.
enum Outcome {
    Written {
        path: String,
        pages: usize,
        sha256: String,
        attachments: Vec<Attachment>,
    },
    Failed(Vec<TypstError>),
    /// Typst (or thidua) panicked on this document; the build goes on.
    Panicked(String),
}

/// Time spent on one document, by stage.
#[derive(Debug, Default)]
struct DocTimes {
    layout: Duration,
    pdf: Duration,
    write: Duration,
}

fn build_one(
    root: &Path,
    session: &Session,
    doc: &Rendered,
    options: &BuildOptions,
) -> Result<(Outcome, DocTimes), BuildError> {
    let mut times = DocTimes::default();
    if options.keep_typst {
        write(
            &root.join("output").join(format!("{}.typ", doc.job.stem)),
            doc.source.text.as_bytes(),
        )?;
    }
    let rel_path = pdf_path(&doc.job);
    let typeset = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let started = Instant::now();
        let pages = typeset(session, doc)?;
        times.layout = started.elapsed();
        let bytes = typeset::pdf(&pages, &rel_path)?;
        times.pdf = started.elapsed() - times.layout;
        Ok::<_, Vec<TypstError>>((pages.pages().len(), bytes))
    }));
    let (pages, bytes) = match typeset {
        Ok(Ok(done)) => done,
        Ok(Err(errors)) => return Ok((Outcome::Failed(errors), times)),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_string());
            return Ok((Outcome::Panicked(message), times));
        }
    };
    let started = Instant::now();
    write(&root.join(&rel_path), &bytes)?;
    let mut attachments = Vec::new();
    if let Some(list) = &doc.job.list {
        let rel = format!("output/{}.xlsx", doc.job.stem);
        let sheet = match output::xlsx::list_xlsx(list, doc.job.date) {
            Ok(sheet) => sheet,
            Err(e) => return Ok((Outcome::Panicked(format!("bảng tính {rel}: {e}")), times)),
        };
        write(&root.join(&rel), &sheet)?;
        attachments.push(Attachment {
            path: rel,
            sha256: output::sha256_hex(&sheet),
        });
    }
    times.write = started.elapsed();
    Ok((
        Outcome::Written {
            path: rel_path,
            pages,
            sha256: output::sha256_hex(&bytes),
            attachments,
        },
        times,
    ))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    output::write_atomic(path, bytes).map_err(|source| BuildError::Write {
        path: path.to_path_buf(),
        source,
    })
}
