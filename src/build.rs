//! The pipeline, stage after stage: load → rules → render → typeset → output.
//! Commands call these; tests call them too.

use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Text};
use crate::documents::{self, DocJob};
use crate::load::{self, LoadError};
use crate::source::{FileId, Sources};
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
    /// Typeset every document, even those whose key matches the last build.
    pub force: bool,
    /// Build only shard `k` of `n` (1-based), for CI matrices.
    pub shard: Option<Shard>,
    /// At most this many documents; `None`: [`MAX_DOCUMENTS`].
    pub max_documents: Option<usize>,
    /// Fault injection for tests: typesetting the document at this stem panics.
    #[doc(hidden)]
    pub panic_on: Option<String>,
}

/// More documents than this is an error rather than a build that runs for hours.
pub const MAX_DOCUMENTS: usize = 100_000;

/// A stable share of the documents: those whose stem hashes to `k - 1` mod `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// `2/4` → shard 2 of 4.
    pub fn parse(text: &str) -> Option<Shard> {
        let (k, n) = text.split_once('/')?;
        let (k, n) = (k.trim().parse().ok()?, n.trim().parse().ok()?);
        (n >= 1 && (1..=n).contains(&k)).then_some(Shard { k, n })
    }

    /// Whether the document at `stem` belongs to this shard. By the stem, so a
    /// document stays in its shard however its content changes.
    pub fn holds(&self, stem: &str) -> bool {
        let digest = output::sha256_hex(stem.as_bytes());
        let head = u64::from_str_radix(&digest[..16], 16).unwrap_or(0);
        head % self.n as u64 == (self.k - 1) as u64
    }

    /// The manifest a shard writes instead of `manifest.json`.
    pub fn manifest_name(&self) -> String {
        format!("manifest.shard-{}-of-{}.json", self.k, self.n)
    }
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
    /// Joining packets from their parts' files.
    pub packets: Duration,
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
    /// A hash of everything the output depends on: the generated source, the
    /// list, the date, the layout library, the fonts and the tool's version.
    /// Equal keys give byte-identical files.
    pub key: String,
}

/// A packet to join from documents already built.
pub struct Packet {
    pub job: DocJob,
    /// Its key: the parts' keys and titles, in order, with its own title and date.
    pub key: String,
}

/// What stays the same for every document of a build.
pub struct Session {
    pub checked: Checked,
    pub templates: Templates,
    pub base: Base,
    pub rendered: Vec<Rendered>,
    /// Packets whose every part rendered.
    pub packets: Vec<Packet>,
    /// Every document the inputs describe, rendered or not (by stem): what
    /// is not planned any more is removed from `output/`.
    pub planned: std::collections::BTreeSet<String>,
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
        checked
            .diagnostics
            .push(Diagnostic::error("TD0010", e.text()));
    }
    let base = Base::new(templates.library().map(|(name, f)| (name, f.text.as_str())));
    let base_key = base_key(&templates);
    let mut rendered: Vec<Rendered> = Vec::new();
    let mut packets: Vec<Packet> = Vec::new();
    let mut planned = std::collections::BTreeSet::new();
    match render::environment(&templates) {
        Err(e) => {
            let d = render_diagnostic(&mut checked.sources, &templates, &e);
            checked.diagnostics.push(d);
        }
        Ok(env) => {
            let mut jobs = documents::plan_jobs(&checked.workspace);
            let limit = options.max_documents.unwrap_or(MAX_DOCUMENTS);
            if jobs.len() > limit {
                checked.diagnostics.push(
                    Diagnostic::error(
                        "TD0016",
                        Text::new(
                            format!("các tệp đầu vào mô tả {} văn bản, quá giới hạn {limit} văn bản của một lần dựng", jobs.len()),
                            format!("the inputs describe {} documents, over the limit of {limit} for one build", jobs.len()),
                        ),
                    )
                    .help(Text::new(
                        "dựng theo từng phần: `thidua build --shard K/N`, hoặc tách thành nhiều không gian làm việc",
                        "build in shards (`thidua build --shard K/N`) or split the workspace",
                    )),
                );
                // Nothing is built, and nothing already written is removed.
                planned.extend(jobs.drain(..).map(|job| job.stem));
            }
            let (packet_jobs, documents): (Vec<DocJob>, Vec<DocJob>) =
                jobs.into_iter().partition(|job| !job.parts.is_empty());
            planned.extend(documents.iter().map(|job| job.stem.clone()));
            let clean: Vec<DocJob> = documents
                .into_iter()
                .filter(|job| checked.inputs_clean(&job.inputs))
                .collect();
            for (job, result) in render_in_parallel(&env, clean, options.jobs) {
                match result {
                    Ok(source) => {
                        let key = doc_key(&base_key, &job, &source.text);
                        rendered.push(Rendered { job, source, key })
                    }
                    Err(e) => {
                        let d = render_diagnostic(&mut checked.sources, &templates, &e);
                        checked.diagnostics.push(d);
                    }
                }
            }
            for job in packet_jobs {
                planned.insert(job.stem.clone());
                // A packet is joined when every part rendered; a missing part was reported already.
                let keys: Option<Vec<&str>> = job
                    .parts
                    .iter()
                    .map(|p| {
                        rendered
                            .iter()
                            .find(|r| r.job.stem == p.stem)
                            .map(|r| r.key.as_str())
                    })
                    .collect();
                if let Some(keys) = keys {
                    let key = packet_key(&base_key, &job, &keys);
                    packets.push(Packet { job, key });
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
        packets,
        planned,
    })
}

/// Renders `jobs` on `threads` threads (one per core by default), in order.
/// Each context is dropped once rendered: the source stands for it now.
fn render_in_parallel(
    env: &minijinja::Environment<'static>,
    jobs: Vec<DocJob>,
    threads: Option<usize>,
) -> Vec<(DocJob, Result<render::Output, RenderError>)> {
    let threads = threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, jobs.len().max(1));
    let chunk = jobs.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<DocJob>> = Vec::new();
    let mut jobs = jobs.into_iter().peekable();
    while jobs.peek().is_some() {
        chunks.push(jobs.by_ref().take(chunk).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|mut job| {
                            let result = render::render(env, job.template, job.context.clone());
                            job.context = minijinja::Value::UNDEFINED;
                            (job, result)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// What every document depends on besides its own source.
fn base_key(templates: &Templates) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(concat!("thidua ", env!("CARGO_PKG_VERSION"), "\0").as_bytes());
    let mut library: Vec<_> = templates.library().collect();
    library.sort_by(|a, b| a.0.cmp(b.0));
    for (name, file) in library {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(file.text.as_bytes());
        h.update([0]);
    }
    for (name, bytes) in typeset::FONT_FILES {
        h.update(name.as_bytes());
        h.update(bytes);
    }
    format!("{:x}", h.finalize())
}

fn doc_key(base_key: &str, job: &DocJob, source: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for piece in [base_key, &job.stem, &job.date.to_string(), source] {
        h.update(piece.as_bytes());
        h.update([0]);
    }
    if let Some(list) = &job.list {
        h.update(serde_json::to_vec(list).unwrap_or_default());
    }
    format!("{:x}", h.finalize())
}

fn packet_key(base_key: &str, job: &DocJob, part_keys: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for piece in [base_key, &job.stem, &job.title, &job.date.to_string()] {
        h.update(piece.as_bytes());
        h.update([0]);
    }
    for (part, key) in job.parts.iter().zip(part_keys) {
        h.update(part.title.as_bytes());
        h.update([0]);
        h.update(key.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
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
        let start = e.line.map(|l| crate::source::offset_of(text, l, 1)).unwrap_or(0);
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
    typeset::layout(&session.base, doc.source.text.clone(), doc.job.date)
}

/// Maps a Typst error back to the template text that produced it.
fn typst_diagnostic(
    sources: &mut Sources,
    templates: &Templates,
    doc: &Rendered,
    e: &TypstError,
) -> Diagnostic {
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
    /// Documents whose key matched the last build: not typeset, not rewritten.
    pub reused: usize,
    /// The documents written by this build (typeset or joined), by path.
    pub rewritten: Vec<String>,
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
            write_if_changed(&out_dir.join(name), file.text.as_bytes())?;
        }
    }
    let manifest_name = options
        .shard
        .map_or("manifest.json".to_string(), |s| s.manifest_name());
    let previous = Manifest::read(&out_dir.join(&manifest_name));
    let stamps = output::Stamps::read(&out_dir);
    let selected: Vec<usize> = (0..session.rendered.len())
        .filter(|&i| {
            let stem = &session.rendered[i].job.stem;
            options.shard.is_none_or(|s| s.holds(stem))
        })
        .collect();
    // Documents keep their order (one unit's together, the province's long
    // lists last). Measured: typesetting the longest first cost a third more
    // CPU time (BENCHMARKS.md).
    // A shard's packets would need other shards' documents: packets are
    // joined by `merge-manifests` once every shard is in.
    let packets: Vec<&Packet> = match options.shard {
        Some(_) => vec![],
        None => session.packets.iter().collect(),
    };
    // Which documents are unchanged, decided before anything is written.
    let previous_by_path = previous.as_ref().map(Manifest::by_path);
    let reuse = |job: &DocJob, key: &str| match (&previous_by_path, options.force) {
        (Some(m), false) => unchanged(root, &stamps, m, &pdf_path(job), key),
        _ => None,
    };
    let reusable: Vec<Option<ManifestEntry>> = selected
        .iter()
        .map(|&k| reuse(&session.rendered[k].job, &session.rendered[k].key))
        .collect();
    let packet_reusable: Vec<Option<ManifestEntry>> =
        packets.iter().map(|p| reuse(&p.job, &p.key)).collect();
    remove_stale_temporaries(&out_dir);
    if let Some(previous) = &previous {
        // Before a document is replaced, the manifest stops listing it: a
        // build killed at any moment leaves a manifest whose every entry is
        // true of the files on disk.
        let rebuilt: std::collections::BTreeSet<String> = selected
            .iter()
            .map(|&k| &session.rendered[k].job)
            .zip(&reusable)
            .chain(packets.iter().map(|p| &p.job).zip(&packet_reusable))
            .filter(|(_, reused)| reused.is_none())
            .map(|(job, _)| pdf_path(job))
            .collect();
        if !rebuilt.is_empty() {
            let kept: Vec<ManifestEntry> = previous
                .documents
                .iter()
                .filter(|e| {
                    let stem = e
                        .path
                        .strip_prefix("output/")
                        .and_then(|p| p.strip_suffix(".pdf"));
                    let planned = stem.is_some_and(|s| session.planned.contains(s));
                    planned && !rebuilt.contains(&e.path)
                })
                .cloned()
                .collect();
            write(
                &out_dir.join(&manifest_name),
                Manifest::new(kept).to_json().as_bytes(),
            )?;
        }
    }
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let total = selected.len();
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
                    let Some(doc) = selected.get(i).map(|&k| &session.rendered[k]) else {
                        break;
                    };
                    // The source is kept whether or not the PDF is rebuilt.
                    let kept = match options.keep_typst {
                        true => write_if_changed(
                            &out_dir.join(format!("{}.typ", doc.job.stem)),
                            doc.source.text.as_bytes(),
                        ),
                        false => Ok(()),
                    };
                    let outcome = match (kept, reusable[i].clone()) {
                        (Err(e), _) => Err(e),
                        (Ok(()), reused) => match reused {
                            Some(entry) => Ok((Outcome::Reused(entry), DocTimes::default())),
                            None => build_one(root, &session, doc, options),
                        },
                    };
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
    let mut reused = 0;
    let mut rewritten = Vec::new();
    for (doc, outcome) in selected.iter().map(|&k| &session.rendered[k]).zip(outcomes) {
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
                path: {
                    rewritten.push(path.clone());
                    path
                },
                kind: doc.job.kind.to_string(),
                unit: doc.job.unit.clone(),
                title: doc.job.title.clone(),
                pages,
                sha256,
                inputs: doc.job.inputs.iter().map(|f| sources.name(*f).to_string()).collect(),
                attachments,
                key: doc.key.clone(),
                parts: packet_parts(&doc.job),
            }),
            Outcome::Reused(entry) => {
                reused += 1;
                entries.push(ManifestEntry {
                    title: doc.job.title.clone(),
                    kind: doc.job.kind.to_string(),
                    unit: doc.job.unit.clone(),
                    inputs: doc.job.inputs.iter().map(|f| sources.name(*f).to_string()).collect(),
                    parts: packet_parts(&doc.job),
                    ..entry
                });
            }
            Outcome::Failed(errors) => {
                for e in &errors {
                    new_diags.push(typst_diagnostic(&mut sources, &session.templates, doc, e));
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
    // Packets: joined from their parts' files, once every part is there.
    let join_started = Instant::now();
    reused += join_packets(
        root,
        &sources,
        &packets,
        packet_reusable,
        &mut entries,
        &mut rewritten,
    )?;
    timings.packets = join_started.elapsed();
    let write_started = Instant::now();
    // Documents kept from an earlier build (their inputs are invalid now, or
    // they are another shard's) stay listed while planned; the rest go.
    let built: std::collections::BTreeSet<String> =
        entries.iter().map(|e| e.path.clone()).collect();
    if let Some(previous) = &previous {
        for old in &previous.documents {
            if built.contains(&old.path) {
                continue;
            }
            let stem = old
                .path
                .strip_prefix("output/")
                .and_then(|p| p.strip_suffix(".pdf"))
                .unwrap_or(&old.path);
            if session.planned.contains(stem) && options.shard.is_none_or(|s| s.holds(stem)) {
                entries.push(old.clone());
            } else if !session.planned.contains(stem) {
                remove_outputs(root, old, stem);
            }
        }
    }
    attach_packet_indexes(root, &mut entries)?;
    timings.write += write_started.elapsed();
    timings
        .slowest
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    timings.slowest.truncate(5);
    let manifest = Manifest::new(entries);
    let write_started = Instant::now();
    write_if_changed(&out_dir.join(&manifest_name), manifest.to_json().as_bytes())?;
    if options.shard.is_none() {
        let stamps = output::Stamps::of(root, &manifest);
        write_if_changed(
            &out_dir.join(output::Stamps::FILE),
            stamps.to_json().as_bytes(),
        )?;
    }
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
        reused,
        rewritten,
    })
}

/// `output/<stem>.pdf`, relative to the workspace.
fn pdf_path(job: &DocJob) -> String {
    format!("output/{}.pdf", job.stem)
}

/// The packet parts recorded in a packet's manifest entry.
fn packet_parts(job: &DocJob) -> Vec<output::PacketPartRef> {
    job.parts
        .iter()
        .map(|p| output::PacketPartRef {
            title: p.title.clone(),
            kind: p.kind.to_string(),
            path: format!("output/{}.pdf", p.stem),
        })
        .collect()
}

/// Writes `packet.json` beside every packet whose parts are all listed, and
/// records it as the packet's attachment. Only the manifest is read, so
/// `merge-manifests` does the same for shards.
pub fn attach_packet_indexes(root: &Path, entries: &mut [ManifestEntry]) -> Result<(), BuildError> {
    let by_path: std::collections::HashMap<String, (String, usize)> = entries
        .iter()
        .map(|e| (e.path.clone(), (e.sha256.clone(), e.pages)))
        .collect();
    for entry in entries.iter_mut().filter(|e| !e.parts.is_empty()) {
        entry.attachments.retain(|a| !a.path.ends_with(".json"));
        let mut parts = Vec::new();
        let mut first_page = 1;
        for part in &entry.parts {
            let Some((sha256, pages)) = by_path.get(&part.path) else {
                break;
            };
            parts.push(PacketPart {
                title: part.title.clone(),
                kind: part.kind.clone(),
                path: part.path.clone(),
                sha256: sha256.clone(),
                pages: *pages,
                first_page,
            });
            first_page += pages;
        }
        if parts.len() != entry.parts.len() {
            continue;
        }
        let index = PacketIndex {
            packet: entry.path.clone(),
            title: entry.title.clone(),
            sha256: entry.sha256.clone(),
            pages: entry.pages,
            parts,
        };
        let mut json = serde_json::to_string_pretty(&index).unwrap_or_default();
        json.push('\n');
        let rel = entry.path.replace(".pdf", ".json");
        write_if_changed(&root.join(&rel), json.as_bytes())?;
        entry.attachments.push(Attachment {
            sha256: output::sha256_hex(json.as_bytes()),
            path: rel,
        });
    }
    Ok(())
}

/// The previous build's entry for the document at `path` when its key is
/// unchanged and its files are still what that build wrote.
fn unchanged(
    root: &Path,
    stamps: &output::Stamps,
    previous: &std::collections::HashMap<&str, &ManifestEntry>,
    path: &str,
    key: &str,
) -> Option<ManifestEntry> {
    let entry = *previous.get(path)?;
    if entry.key != key {
        return None;
    }
    let files_intact = stamps.intact(root, &entry.path, &entry.sha256)
        && entry
            .attachments
            .iter()
            .filter(|a| !a.path.ends_with(".json"))
            .all(|a| stamps.intact(root, &a.path, &a.sha256));
    files_intact.then(|| ManifestEntry {
        attachments: entry
            .attachments
            .iter()
            .filter(|a| !a.path.ends_with(".json"))
            .cloned()
            .collect(),
        ..entry.clone()
    })
}

/// Joins every packet whose parts are all listed in `entries` (reusing the
/// unchanged ones) and lists it; returns how many were reused.
fn join_packets(
    root: &Path,
    sources: &Sources,
    packets: &[&Packet],
    reusable: Vec<Option<ManifestEntry>>,
    entries: &mut Vec<ManifestEntry>,
    joined: &mut Vec<String>,
) -> Result<usize, BuildError> {
    let mut reused = 0;
    // Packets are no one's parts: what is built now is all a packet may join.
    let built: std::collections::HashSet<String> = entries.iter().map(|e| e.path.clone()).collect();
    for (packet, reused_entry) in packets.iter().zip(reusable) {
        let inputs: Vec<String> = packet
            .job
            .inputs
            .iter()
            .map(|f| sources.name(*f).to_string())
            .collect();
        if let Some(entry) = reused_entry {
            reused += 1;
            entries.push(ManifestEntry {
                title: packet.job.title.clone(),
                inputs,
                parts: packet_parts(&packet.job),
                ..entry
            });
            continue;
        }
        if let Some((path, pages, sha256)) = join_packet(root, packet, &built)? {
            joined.push(path.clone());
            entries.push(ManifestEntry {
                path,
                kind: packet.job.kind.to_string(),
                unit: packet.job.unit.clone(),
                title: packet.job.title.clone(),
                pages,
                sha256,
                inputs,
                attachments: vec![],
                key: packet.key.clone(),
                parts: packet_parts(&packet.job),
            });
        }
    }
    Ok(reused)
}

/// Joins a packet from its parts' files; `None` when a part was not built.
/// Returns the packet's path, pages and SHA-256.
fn join_packet(
    root: &Path,
    packet: &Packet,
    built: &std::collections::HashSet<String>,
) -> Result<Option<(String, usize, String)>, BuildError> {
    let parts = &packet.job.parts;
    let paths: Option<Vec<String>> = parts
        .iter()
        .map(|p| {
            let path = format!("output/{}.pdf", p.stem);
            built.contains(&path).then_some(path)
        })
        .collect();
    let Some(paths) = paths else {
        return Ok(None);
    };
    let joined = output::packet::join(&packet.job.title, packet.job.date, parts.len(), |i| {
        let pdf =
            std::fs::read(root.join(&paths[i])).map_err(|e| output::packet::PacketError::Part {
                part: paths[i].clone(),
                message: e.to_string(),
            })?;
        Ok(output::packet::PacketPart {
            title: parts[i].title.clone(),
            path: paths[i].clone(),
            pdf,
        })
    });
    let path = pdf_path(&packet.job);
    let joined = joined.map_err(|e| BuildError::Write {
        path: root.join(&path),
        source: std::io::Error::other(e.to_string()),
    })?;
    write(&root.join(&path), &joined.pdf)?;
    Ok(Some((path, joined.pages, output::sha256_hex(&joined.pdf))))
}

/// Temporary files a killed build left behind (`write_atomic` names them
/// `.thidua-*.tmp`): never a document, always safe to delete.
fn remove_stale_temporaries(out_dir: &Path) {
    for entry in walkdir::WalkDir::new(out_dir).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(".thidua-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Deletes what an earlier build wrote for a document that no longer exists.
fn remove_outputs(root: &Path, entry: &ManifestEntry, stem: &str) {
    let mut paths = vec![entry.path.clone(), format!("output/{stem}.typ")];
    paths.extend(entry.attachments.iter().map(|a| a.path.clone()));
    for path in paths {
        let _ = std::fs::remove_file(root.join(path));
    }
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
    /// Unchanged since the last build: its files are kept as they are.
    Reused(ManifestEntry),
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
    let rel_path = pdf_path(&doc.job);
    let typeset = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if options.panic_on.as_deref() == Some(doc.job.stem.as_str()) {
            panic!("lỗi thử nghiệm (panic_on)");
        }
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

/// Writes unless the file already holds exactly `bytes`: a build that changes
/// nothing rewrites nothing.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    write(path, bytes)
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    output::write_atomic(path, bytes).map_err(|source| BuildError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Why shard manifests could not be joined (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("không có tệp output/manifest.shard-K-of-N.json nào trong {0}")]
    NoShards(PathBuf),
    #[error("không đọc được {0}")]
    Unreadable(PathBuf),
    #[error("thiếu phần {missing} trên {n}: cần đủ các tệp manifest.shard-K-of-{n}.json")]
    Missing { missing: usize, n: usize },
    #[error("các phần không cùng số N: {0}")]
    MixedCounts(String),
    #[error("{path} có ở hai phần với nội dung khác nhau")]
    Conflict { path: String },
    #[error(transparent)]
    Build(#[from] BuildError),
}

impl MergeError {
    /// The message in both languages.
    pub fn text(&self) -> Text {
        let en = match self {
            MergeError::NoShards(dir) => {
                format!("no output/manifest.shard-K-of-N.json in {}", dir.display())
            }
            MergeError::Unreadable(p) => format!("cannot read {}", p.display()),
            MergeError::Missing { missing, n } => format!(
                "shard {missing} of {n} is missing: every manifest.shard-K-of-{n}.json is needed"
            ),
            MergeError::MixedCounts(names) => format!("the shards disagree on N: {names}"),
            MergeError::Conflict { path } => {
                format!("{path} is in two shards with different contents")
            }
            MergeError::Build(e) => return e.text(),
        };
        Text::new(self.to_string(), en)
    }
}

/// Joins the manifests of `--shard K/N` builds whose outputs were gathered
/// into `root/output/`: writes `manifest.json` and every packet's index, as
/// one full build would, and removes the shard manifests.
pub fn merge_manifests(root: &Path) -> Result<Manifest, MergeError> {
    let out_dir = root.join("output");
    let mut shards = Vec::new();
    if let Ok(dir) = std::fs::read_dir(&out_dir) {
        for entry in dir.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(spec) = name
                .strip_prefix("manifest.shard-")
                .and_then(|s| s.strip_suffix(".json"))
            else {
                continue;
            };
            let shard = spec
                .split_once("-of-")
                .and_then(|(k, n)| Shard::parse(&format!("{k}/{n}")))
                .ok_or_else(|| MergeError::Unreadable(entry.path()))?;
            let manifest = Manifest::read(&entry.path())
                .ok_or_else(|| MergeError::Unreadable(entry.path()))?;
            shards.push((shard, entry.path(), manifest));
        }
    }
    let Some(n) = shards.first().map(|(s, _, _)| s.n) else {
        return Err(MergeError::NoShards(out_dir));
    };
    if shards.iter().any(|(s, _, _)| s.n != n) {
        let names: Vec<String> = shards
            .iter()
            .map(|(s, _, _)| format!("{}/{}", s.k, s.n))
            .collect();
        return Err(MergeError::MixedCounts(names.join(", ")));
    }
    if let Some(missing) = (1..=n).find(|k| !shards.iter().any(|(s, _, _)| s.k == *k)) {
        // The shard manifests are removed last, once `manifest.json` is
        // written: a merge killed among those removals leaves some of them
        // and a merged manifest listing every entry of each. Finish that
        // merge, which a re-run would otherwise refuse for good.
        let merged = Manifest::read(&out_dir.join("manifest.json")).filter(|merged| {
            let listed = merged.by_path();
            shards.iter().all(|(_, _, shard)| {
                (shard.documents.iter()).all(|e| listed.get(e.path.as_str()) == Some(&e))
            })
        });
        if let Some(merged) = merged {
            for (_, path, _) in &shards {
                let _ = output::remove_file(path);
            }
            return Ok(merged);
        }
        return Err(MergeError::Missing { missing, n });
    }
    let mut entries: Vec<ManifestEntry> = Vec::new();
    for (_, _, manifest) in &shards {
        for entry in &manifest.documents {
            match entries.iter().find(|e| e.path == entry.path) {
                Some(seen) if seen.sha256 != entry.sha256 => {
                    return Err(MergeError::Conflict {
                        path: entry.path.clone(),
                    });
                }
                Some(_) => {}
                None => entries.push(entry.clone()),
            }
        }
    }
    // The packets, which no shard could join alone, from the workspace's inputs.
    let session = render_all(root, &BuildOptions::default()).map_err(MergeError::Build)?;
    // A merge killed midway leaves the temporary of the write it died in:
    // cleared here as a build clears them, else it stays in `output/` for good.
    remove_stale_temporaries(&out_dir);
    let previous = Manifest::read(&out_dir.join("manifest.json"));
    let stamps = output::Stamps::read(&out_dir);
    let packets: Vec<&Packet> = session.packets.iter().collect();
    let previous_by_path = previous.as_ref().map(Manifest::by_path);
    let reusable = packets
        .iter()
        .map(|p| {
            previous_by_path
                .as_ref()
                .and_then(|m| unchanged(root, &stamps, m, &pdf_path(&p.job), &p.key))
        })
        .collect();
    join_packets(
        root,
        &session.checked.sources,
        &packets,
        reusable,
        &mut entries,
        &mut Vec::new(),
    )?;
    attach_packet_indexes(root, &mut entries)?;
    let manifest = Manifest::new(entries);
    write_if_changed(
        &out_dir.join("manifest.json"),
        manifest.to_json().as_bytes(),
    )?;
    for (_, path, _) in &shards {
        let _ = output::remove_file(path);
    }
    Ok(manifest)
}
