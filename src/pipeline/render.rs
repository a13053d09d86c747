//! Stage 4: the documents the checked inputs describe, rendered from their
//! templates into Typst sources (in parallel), each with its key; and the
//! packets whose every part rendered.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::jobs::{self, Document, Job, Packet};
use crate::render::{self, RenderError, Templates};
use crate::typeset::{self, Base, TypstError};

use super::check::Checked;
use super::errors::{BuildError, render_diagnostic, too_many_documents};
use super::keys::{base_key, document_key, packet_key};
use super::options::{BuildOptions, MAX_DOCUMENTS};
use super::parsed::Parsed;
use super::warm::{KeptSource, Renders, Reusable, templates_hash};

/// A document rendered to Typst, ready to typeset.
pub struct Rendered {
    pub doc: Document,
    /// Shared with the render cache of a long-lived process.
    pub source: Arc<render::Output>,
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
    /// Documents rendered (not kept from the last build).
    pub rendered_count: usize,
    /// Each document's source, parsed for its PDF and its Word file.
    pub parsed: Parsed,
}

/// Checks, then renders every document whose inputs are valid.
pub fn render_all(root: &Path, options: &BuildOptions) -> Result<Session, BuildError> {
    render_all_with(root, options, None)
}

/// The same, keeping each file's parse and each document's source in `warm`
/// for the next build, and using what it kept from the last.
pub fn render_all_with(
    root: &Path,
    options: &BuildOptions,
    mut warm: Option<&mut super::Warm>,
) -> Result<Session, BuildError> {
    let started = Instant::now();
    let last_parsed = warm.as_deref_mut().map(|w| std::mem::take(&mut w.parsed));
    let parsed = Parsed::with_last(last_parsed.unwrap_or_default());
    let (mut inputs_cache, renders) = match warm {
        Some(warm) => (Some(&mut warm.inputs), Some(&mut warm.renders)),
        None => (None, None),
    };
    let mut checked = super::check::check_with(root, options, inputs_cache.as_deref_mut())?;
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
        rendered_count: 0,
        templates,
        parsed,
    };
    match render::environment(&session.templates) {
        Err(e) => {
            let d = render_diagnostic(&mut session.checked.sources, &session.templates, &e);
            session.checked.diagnostics.push(d);
        }
        Ok(env) => {
            let unchanged = |name: &str| inputs_cache.as_ref().is_some_and(|c| c.unchanged(name));
            render_jobs(&mut session, &env, options, renders, &unchanged)
        }
    }
    session.render_time = started.elapsed() - check_time;
    Ok(session)
}

/// Renders the workspace's documents, then keys its packets.
fn render_jobs(
    session: &mut Session,
    env: &minijinja::Environment<'static>,
    options: &BuildOptions,
    cache: Option<&mut Renders>,
    unchanged: &Unchanged<'_>,
) {
    let mut all = jobs::for_workspace(&session.checked.workspace, options.threads());
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
    render_documents(
        session,
        env,
        options,
        (cache, unchanged),
        &base_key,
        documents,
    );
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

/// Whether an input file (by name) is the same as at the last build.
type Unchanged<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// Renders `documents` (or keeps the last build's sources of those whose
/// input files are unchanged), keys them, and keeps this build's sources in
/// the cache for the next.
fn render_documents(
    session: &mut Session,
    env: &minijinja::Environment<'static>,
    options: &BuildOptions,
    (cache, unchanged): (Option<&mut Renders>, &Unchanged<'_>),
    base_key: &str,
    documents: Vec<Document>,
) {
    // Only a long-lived process reuses sources, by the files they read.
    let templates = cache.as_ref().map(|_| templates_hash(&session.templates));
    let keyed_with = format!("{base_key} {}", !options.no_docx);
    let reusable = cache
        .as_deref()
        .zip(templates)
        .map(|(c, t)| c.reusable(t, &keyed_with, unchanged));
    let names = |doc: &Document| -> Vec<String> {
        let sources = &session.checked.sources;
        match cache {
            Some(_) => doc
                .inputs
                .iter()
                .map(|f| sources.name(*f).to_string())
                .collect(),
            None => vec![],
        }
    };
    // The longest sources of the last build first: the threads then end together.
    let documents: Vec<ToRender> = documents
        .into_iter()
        .map(|d| {
            let inputs = names(&d);
            let length = cache.as_deref().map_or(0, |c| c.last_length(&d.stem));
            (d, inputs, length)
        })
        .collect();
    let keys = Keys {
        base: base_key,
        docx: !options.no_docx,
    };
    let results = render_in_parallel(env, documents, options.threads(), reusable, keys);
    let mut kept = Vec::new();
    for (doc, inputs, result) in results {
        match result {
            Ok((source, key)) => {
                let source = match source {
                    Source::Rendered(source) => {
                        session.rendered_count += 1;
                        source
                    }
                    Source::Kept(source) => source,
                };
                if cache.is_some() {
                    kept.push(KeptSource {
                        stem: doc.stem.clone(),
                        template: doc.template,
                        inputs,
                        source: source.clone(),
                        key: key.clone(),
                    });
                }
                session.rendered.push(Rendered { doc, source, key });
            }
            Err(e) => {
                let d = render_diagnostic(&mut session.checked.sources, &session.templates, &e);
                session.checked.diagnostics.push(d);
            }
        }
    }
    if let (Some(cache), Some(templates)) = (cache, templates) {
        cache.replace(templates, keyed_with, kept);
    }
}

/// A document to render, with the names of its input files and the length
/// of its last source (0 when unknown).
type ToRender = (Document, Vec<String>, usize);

/// One document rendered (or its source kept) and keyed, with the names of
/// its input files.
type RenderResult = (Document, Vec<String>, Result<(Source, String), RenderError>);

enum Source {
    Rendered(Arc<render::Output>),
    Kept(Arc<render::Output>),
}

/// What a document's key is made with besides the document.
#[derive(Clone, Copy)]
struct Keys<'a> {
    base: &'a str,
    docx: bool,
}

/// Renders and keys `documents` on `threads` threads, the longest last
/// time first, reusing the last build's source (and key) where nothing it
/// reads changed; the results in the documents' order. Each context is
/// dropped once rendered: the source stands for it now.
fn render_in_parallel(
    env: &minijinja::Environment<'static>,
    documents: Vec<ToRender>,
    threads: usize,
    reusable: Option<Reusable>,
    keys: Keys<'_>,
) -> Vec<RenderResult> {
    let threads = threads.clamp(1, documents.len().max(1));
    let mut order: Vec<usize> = (0..documents.len()).collect();
    // Stable: a first build (nothing known) keeps the documents' order.
    order.sort_by_key(|&i| std::cmp::Reverse(documents[i].2));
    let slots: Vec<Mutex<Option<ToRender>>> = documents
        .into_iter()
        .map(|job| Mutex::new(Some(job)))
        .collect();
    let render_one = |(mut doc, inputs, _): ToRender| -> RenderResult {
        let context = std::mem::replace(&mut doc.context, minijinja::Value::UNDEFINED);
        let kept = reusable.and_then(|r| r.get(&doc.stem, doc.template, &inputs));
        let result = match kept {
            Some((source, Some(key))) => Ok((Source::Kept(source), key)),
            Some((source, None)) => {
                let key = document_key(keys.base, &doc, &source.text, keys.docx);
                Ok((Source::Kept(source), key))
            }
            None => render::render(env, doc.template, context).map(|o| {
                let key = document_key(keys.base, &doc, &o.text, keys.docx);
                (Source::Rendered(Arc::new(o)), key)
            }),
        };
        (doc, inputs, result)
    };
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, RenderResult)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let job = slots[i].lock().ok().and_then(|mut slot| slot.take());
                        if let Some(job) = job {
                            done.push((i, render_one(job)));
                        }
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// The Word file of one rendered document: the same source evaluated for it.
pub fn word(session: &Session, doc: &Rendered) -> Result<Vec<u8>, Vec<TypstError>> {
    let main = session.parsed.source(&doc.doc.stem, &doc.source.text);
    let tree = typeset::word_tree_parsed(&session.base, main, doc.doc.date)?;
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
    let main = session.parsed.source(&doc.doc.stem, &doc.source.text);
    typeset::layout_parsed(&session.base, main, doc.doc.date)
}
