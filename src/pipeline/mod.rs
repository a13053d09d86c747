//! The pipeline, stage after stage: check (load, model, rules) → render
//! (jobs, templates) → typeset (worker threads) → output (files, packets,
//! manifest). Commands and tests call [`build`]; the stages are the files of
//! this folder, in that order.

mod check;
mod errors;
mod incremental;
mod keys;
mod layouts;
mod merge;
mod noop;
mod options;
mod packets;
mod parsed;
mod render;
mod timings;
mod warm;
pub mod watch;
mod work;
mod workers;

use std::path::Path;
use std::time::Instant;

pub use check::{Checked, check};
pub use errors::BuildError;
pub use merge::{MergeError, merge_manifests};
pub use options::{BuildOptions, MAX_DOCUMENTS, Progress, Shard};
pub use render::{Rendered, RenderedPacket, Session, render_all, render_all_with, typeset, word};
pub use timings::Timings;
pub use warm::Warm;

use crate::diag::Diagnostic;
use crate::output::{self, Manifest, ManifestEntry};
use crate::source::Sources;
use crate::typeset;
use incremental::Previous;
use work::Work;
use workers::DocResult;

/// A warm build typesetting at most this many documents keeps Typst's
/// memoised results from its start to its end ([`typeset::Memo::Build`]):
/// enough for one unit's file saved, not for a template changed.
const WARM_DOCUMENTS: usize = 64;

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
    build_with(root, options, None)
}

/// The same, in a long-lived process: what `warm` kept from the last build is
/// used where the inputs are unchanged, and what this one makes is kept.
pub fn build_warm(
    root: &Path,
    options: &BuildOptions,
    warm: &mut Warm,
) -> Result<BuildReport, BuildError> {
    build_with(root, options, Some(warm))
}

fn build_with(
    root: &Path,
    options: &BuildOptions,
    mut warm: Option<&mut Warm>,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let (digest, skipped) = unchanged(root, options, warm.as_deref(), started);
    if let Some(report) = skipped {
        return Ok(report);
    }
    let mut session = render_all_with(root, options, warm.as_deref_mut())?;
    let out_dir = root.join("output");
    if options.keep_typst {
        for (name, file) in session.templates.library() {
            write_if_changed(&out_dir.join(name), file.text.as_bytes())?;
        }
    }
    let manifest_name = options
        .shard
        .map_or("manifest.json".to_string(), |s| s.manifest_name());
    let previous = Previous::read(&out_dir, &manifest_name);
    let work = Work::decide(root, &session, &previous, options);
    let small = warm.is_some() && work.rebuilt().len() <= WARM_DOCUMENTS;
    if small {
        session.base.set_memo(typeset::Memo::Build);
        session.parsed.keep();
    }
    // A long-lived process's own builds leave none: only its first looks.
    if warm.as_deref().is_none_or(|w| !w.primed) {
        incremental::remove_stale_temporaries(&out_dir);
    }
    let mut read_now = layouts::Layouts::default();
    let layouts = packet_layouts(warm.as_deref_mut(), &mut read_now, &out_dir, &work);
    let to_join = (&work, &previous, manifest_name.as_str());
    let mut done = typeset_and_join(root, &session, to_join, options, small, layouts)?;
    layouts.write(&out_dir)?;
    let write_started = Instant::now();
    if let Some(manifest) = &previous.manifest {
        incremental::carry_over(
            root,
            manifest,
            &session.planned,
            options.shard,
            &mut done.entries,
        );
    }
    packets::attach_indexes(root, &mut done.entries)?;
    let clean = session.checked.diagnostics.is_empty() && done.diagnostics.is_empty();
    // Only a clean build may be skipped next time: diagnostics are shown again.
    let digest = digest.filter(|_| clean);
    let entries = std::mem::take(&mut done.entries);
    let manifest = write_manifest(root, &manifest_name, entries, options, digest)?;
    done.timings.write += write_started.elapsed();
    if let Some(warm) = warm {
        if !warm.primed && small {
            done.timings.warmed_up = warm::warm_up(&session, &manifest, &done.rewritten, options);
        }
        warm.primed = true;
        warm.parsed = std::mem::take(&mut session.parsed).into_kept();
    }
    typeset::end_build(&session.base);
    Ok(done.report(session, manifest, started))
}

/// Where the packets' parts lie in their last files: kept by `watch` after
/// its first build, else read from `out_dir` (into `read_now`) when a packet
/// is to be joined.
fn packet_layouts<'a>(
    warm: Option<&'a mut Warm>,
    read_now: &'a mut layouts::Layouts,
    out_dir: &Path,
    work: &Work,
) -> &'a mut layouts::Layouts {
    match warm {
        Some(warm) if warm.primed => &mut warm.packets,
        Some(warm) => {
            warm.packets = layouts::Layouts::read(out_dir);
            &mut warm.packets
        }
        None if work.packets_reused.iter().any(Option::is_none) => {
            *read_now = layouts::Layouts::read(out_dir);
            read_now
        }
        None => read_now,
    }
}

/// What must be on disk before this build writes any output: the last
/// clean build's digest forgotten (a build killed midway is not skipped next
/// time) and the manifest no longer listing what this build rewrites (it
/// stays true of every file it lists, whenever the build is killed).
fn before_writes(
    out_dir: &Path,
    session: &Session,
    (work, previous, manifest_name): (&Work, &Previous, &str),
) -> Result<(), BuildError> {
    noop::forget(out_dir, &previous.stamps)?;
    if let Some(manifest) = &previous.manifest {
        incremental::unlist(
            &out_dir.join(manifest_name),
            manifest,
            &work.rebuilt(),
            &session.planned,
        )?;
    }
    Ok(())
}

/// Typesets the documents on the workers while this thread joins the
/// packets from their parts as they are written; `small` is a warm build's
/// few documents, scheduled for the soonest results. What must precede any
/// write ([`before_writes`]) is done beside the first layouts, and every
/// write waits for it.
fn typeset_and_join(
    root: &Path,
    session: &Session,
    (work, previous, manifest_name): (&Work, &Previous, &str),
    options: &BuildOptions,
    small: bool,
    layouts: &mut layouts::Layouts,
) -> Result<Done, BuildError> {
    let mut joiner = packets::Joiner::new(
        root,
        &session.checked.sources,
        &work.packets,
        work.packets_reused.clone(),
        Some(layouts),
    );
    let schedule = match small {
        true => work.longest_first(previous, &joiner),
        false => workers::Schedule::in_order(work.docs.len()),
    };
    for entry in work.reused.iter().flatten() {
        joiner.record(&entry.path, &entry.sha256);
    }
    let docs = &work.docs;
    let gate = workers::Gate::default();
    let out_dir = root.join("output");
    let (results, first) = std::thread::scope(|scope| {
        let first = scope.spawn(|| {
            let to_join = (work, previous, manifest_name);
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                before_writes(&out_dir, session, to_join)
            }));
            gate.decide(matches!(done, Ok(Ok(()))));
            done
        });
        let results = workers::run(
            (root, &gate),
            session,
            docs,
            &work.reused,
            options,
            &schedule,
            |written| {
                if !gate.wait() {
                    return;
                }
                joiner.start();
                for (i, sha256, prepared) in written {
                    joiner.built(&pdf_path(&docs[i].doc.stem), &sha256, prepared);
                }
            },
        );
        (results, first.join())
    });
    match first {
        Ok(Ok(done)) => done?,
        Ok(Err(panic)) | Err(panic) => std::panic::resume_unwind(panic),
    }
    let mut done = Done::new(session);
    for (doc, result) in work.docs.iter().zip(results) {
        done.record(session, doc, result?);
    }
    let join_started = Instant::now();
    let joined_before = joiner.time;
    let joins = joiner.finish(&mut done.entries, &mut done.rewritten)?;
    done.reused += joins.kept;
    done.timings.parts_copied = joins.copied;
    done.timings.parts_verbatim = joins.verbatim;
    done.timings.packets = joined_before + join_started.elapsed();
    Ok(done)
}

/// Writes the manifest and, for a whole build, the stamps (with the digest
/// that lets the next build be skipped).
fn write_manifest(
    root: &Path,
    manifest_name: &str,
    entries: Vec<ManifestEntry>,
    options: &BuildOptions,
    digest: Option<String>,
) -> Result<Manifest, BuildError> {
    let out_dir = root.join("output");
    let manifest = Manifest::new(entries);
    write_if_changed(&out_dir.join(manifest_name), manifest.to_json().as_bytes())?;
    if options.shard.is_none() {
        let stamps = output::Stamps::of(root, &manifest).with_inputs(digest);
        write_if_changed(
            &out_dir.join(output::Stamps::FILE),
            stamps.to_json().as_bytes(),
        )?;
    }
    Ok(manifest)
}

/// The digest of what a build reads, and the report of a build skipped
/// because it equals the last clean build's. A long-lived process's first
/// build is never skipped: it reads everything, so that its first save finds
/// the inputs parsed and the sources rendered.
fn unchanged(
    root: &Path,
    options: &BuildOptions,
    warm: Option<&Warm>,
    started: Instant,
) -> (Option<String>, Option<BuildReport>) {
    let digest = noop::digest(root, options);
    let may_skip = warm.is_none_or(|w| w.primed);
    let skipped = digest
        .as_deref()
        .filter(|_| may_skip)
        .and_then(|d| noop::skip(root, d, started));
    (digest, skipped)
}

/// What the workers made of the documents, gathered for the manifest.
struct Done {
    sources: Sources,
    entries: Vec<ManifestEntry>,
    diagnostics: Vec<Diagnostic>,
    timings: Timings,
    reused: usize,
    rewritten: Vec<String>,
}

impl Done {
    fn new(session: &Session) -> Self {
        Self {
            sources: session.checked.sources.clone(),
            entries: vec![],
            diagnostics: vec![],
            timings: Timings {
                check: session.check_time,
                render: session.render_time,
                rendered: session.rendered_count,
                ..Timings::default()
            },
            reused: 0,
            rewritten: vec![],
        }
    }

    fn record(
        &mut self,
        session: &Session,
        doc: &Rendered,
        (result, times): (DocResult, timings::DocTimes),
    ) {
        self.timings.add(&doc.doc.stem, times);
        let inputs = doc
            .doc
            .inputs
            .iter()
            .map(|f| self.sources.name(*f).to_string())
            .collect();
        let listed = |entry: ManifestEntry| ManifestEntry {
            title: doc.doc.title.clone(),
            kind: doc.doc.kind.to_string(),
            unit: doc.doc.unit.clone(),
            inputs,
            parts: vec![],
            ..entry
        };
        match result {
            DocResult::Written {
                path,
                pages,
                sha256,
                attachments,
                docx,
                word_errors,
                ..
            } => {
                for e in &word_errors {
                    let from = (doc.doc.stem.as_str(), doc.doc.template, &*doc.source);
                    let d =
                        errors::typst_diagnostic(&mut self.sources, &session.templates, from, e);
                    self.diagnostics
                        .push(errors::word_warning(d, &doc.doc.stem));
                }
                self.rewritten.push(path.clone());
                self.entries.push(listed(ManifestEntry {
                    path,
                    pages,
                    sha256,
                    attachments,
                    docx,
                    // Without its Word file the document is built again next time, and
                    // the warning shown again.
                    key: if word_errors.is_empty() {
                        doc.key.clone()
                    } else {
                        String::new()
                    },
                    ..ManifestEntry::default()
                }));
            }
            DocResult::Reused(entry) => {
                self.reused += 1;
                self.entries.push(listed(entry));
            }
            DocResult::Failed(errors) => {
                for e in &errors {
                    let from = (doc.doc.stem.as_str(), doc.doc.template, &*doc.source);
                    let d =
                        errors::typst_diagnostic(&mut self.sources, &session.templates, from, e);
                    self.diagnostics.push(d);
                }
            }
            DocResult::Panicked(message) => {
                self.diagnostics
                    .push(errors::panicked(&doc.doc.stem, &message));
            }
        }
    }

    fn report(mut self, session: Session, manifest: Manifest, started: Instant) -> BuildReport {
        self.timings.keep_slowest();
        let mut diagnostics = session.checked.diagnostics;
        diagnostics.extend(self.diagnostics);
        crate::diag::sort(&mut diagnostics, &self.sources);
        self.timings.total = started.elapsed();
        BuildReport {
            sources: self.sources,
            diagnostics,
            manifest,
            timings: self.timings,
            reused: self.reused,
            rewritten: self.rewritten,
        }
    }
}

/// A lock that a panicked holder did not spoil: what it guards is whole
/// between statements.
fn locked<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// `output/<stem>.pdf`, relative to the workspace.
fn pdf_path(stem: &str) -> String {
    format!("output/{stem}.pdf")
}

/// The stem of `output/<stem>.pdf`.
fn stem_of(path: &str) -> Option<&str> {
    path.strip_prefix("output/")
        .and_then(|p| p.strip_suffix(".pdf"))
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
