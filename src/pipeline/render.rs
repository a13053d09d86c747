//! Stage 4: the documents the checked inputs describe, rendered from their
//! templates into Typst sources (in parallel), each with its key; and the
//! packets whose every part rendered.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::jobs::{self, Document, Job, Packet};
use crate::render::{self, RenderError, Templates};
use crate::typeset::{self, Base, TypstError};

use super::check::{Checked, check};
use super::errors::{BuildError, render_diagnostic, too_many_documents};
use super::keys::{base_key, document_key, packet_key};
use super::options::{BuildOptions, MAX_DOCUMENTS};

/// A document rendered to Typst, ready to typeset.
pub struct Rendered {
    pub doc: Document,
    pub source: render::Output,
    /// Everything the output depends on, hashed (see [`super::keys`]).
    pub key: String,
}

/// A packet to join from documents already built, with its key.
pub struct RenderedPacket {
    pub packet: Packet,
    pub key: String,
}

/// What stays the same for every document of a build.
pub struct Session {
    pub checked: Checked,
    pub templates: Templates,
    pub base: Base,
    pub rendered: Vec<Rendered>,
    /// Packets whose every part rendered.
    pub packets: Vec<RenderedPacket>,
    /// Every document the inputs describe, rendered or not (by stem): what
    /// is not planned any more is removed from `output/`.
    pub planned: BTreeSet<String>,
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
    let base = Base::new(templates.library().map(|(name, f)| (name, f.text.as_str())))
        .with_memo_age(options.memo_age.unwrap_or(crate::typeset::EVICT_MAX_AGE));
    let mut session = Session {
        checked,
        base,
        rendered: vec![],
        packets: vec![],
        planned: BTreeSet::new(),
        check_time,
        render_time: Duration::ZERO,
        templates,
    };
    match render::environment(&session.templates) {
        Err(e) => {
            let d = render_diagnostic(&mut session.checked.sources, &session.templates, &e);
            session.checked.diagnostics.push(d);
        }
        Ok(env) => render_jobs(&mut session, &env, options),
    }
    session.render_time = started.elapsed() - check_time;
    Ok(session)
}

/// Renders the workspace's documents, then keys its packets.
fn render_jobs(
    session: &mut Session,
    env: &minijinja::Environment<'static>,
    options: &BuildOptions,
) {
    let mut all = jobs::for_workspace(&session.checked.workspace);
    let limit = options.max_documents.unwrap_or(MAX_DOCUMENTS);
    if all.len() > limit {
        session
            .checked
            .diagnostics
            .push(too_many_documents(all.len(), limit));
        // Nothing is built, and nothing already written is removed.
        session
            .planned
            .extend(all.drain(..).map(|job| job.stem().to_string()));
    }
    session
        .planned
        .extend(all.iter().map(|job| job.stem().to_string()));
    let (mut documents, mut packets) = (Vec::new(), Vec::new());
    for job in all {
        match job {
            Job::Document(d) if session.checked.inputs_clean(&d.inputs) => documents.push(d),
            Job::Document(_) => {}
            Job::Packet(p) => packets.push(p),
        }
    }
    let base_key = base_key(&session.templates);
    for (doc, result) in render_in_parallel(env, documents, options.threads()) {
        match result {
            Ok(source) => {
                let key = document_key(&base_key, &doc, &source.text, !options.no_docx);
                session.rendered.push(Rendered { doc, source, key });
            }
            Err(e) => {
                let d = render_diagnostic(&mut session.checked.sources, &session.templates, &e);
                session.checked.diagnostics.push(d);
            }
        }
    }
    let keys: HashMap<&str, &str> = session
        .rendered
        .iter()
        .map(|r| (r.doc.stem.as_str(), r.key.as_str()))
        .collect();
    // A packet is joined when every part rendered; a missing part was reported already.
    let keyed: Vec<RenderedPacket> = packets
        .into_iter()
        .filter_map(|packet| {
            let parts: Option<Vec<&str>> = packet
                .parts
                .iter()
                .map(|p| keys.get(p.stem.as_str()).copied())
                .collect();
            let key = packet_key(&base_key, &packet, &parts?);
            Some(RenderedPacket { packet, key })
        })
        .collect();
    session.packets = keyed;
}

/// Renders `documents` on `threads` threads, in order. Each context is
/// dropped once rendered: the source stands for it now.
fn render_in_parallel(
    env: &minijinja::Environment<'static>,
    documents: Vec<Document>,
    threads: usize,
) -> Vec<(Document, Result<render::Output, RenderError>)> {
    let threads = threads.clamp(1, documents.len().max(1));
    let chunk = documents.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<Document>> = Vec::new();
    let mut documents = documents.into_iter().peekable();
    while documents.peek().is_some() {
        chunks.push(documents.by_ref().take(chunk).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .into_iter()
                        .map(|mut doc| {
                            let context =
                                std::mem::replace(&mut doc.context, minijinja::Value::UNDEFINED);
                            let result = render::render(env, doc.template, context);
                            (doc, result)
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

/// The Word file of one rendered document: the same source evaluated for it.
pub fn word(session: &Session, doc: &Rendered) -> Result<Vec<u8>, Vec<TypstError>> {
    let tree = typeset::word_tree(&session.base, doc.source.text.clone(), doc.doc.date)?;
    crate::word::docx(&tree, &doc.doc.title, doc.doc.date).map_err(|e| {
        vec![TypstError {
            file: typeset::ErrorFile::Unknown,
            range: None,
            message: e.to_string(),
            hints: vec![],
        }]
    })
}

/// Typesets one rendered document.
pub fn typeset(session: &Session, doc: &Rendered) -> Result<PagedDocument, Vec<TypstError>> {
    typeset::layout(&session.base, doc.source.text.clone(), doc.doc.date)
}
