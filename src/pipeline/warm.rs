//! What a long-lived process (`watch`) keeps from one build for the next, so
//! that a save redoes only what it changed:
//! - each input file's parse, by its bytes (`load::Cache`);
//! - each document's rendered source, reused while every input file the
//!   document reads is unchanged (a change to one unit's file renders only
//!   that unit's documents and the province-wide ones that list it);
//! - where each packet's parts lie in its file (`Layouts`, also kept on disk
//!   for one-off builds), so that a packet is joined again copying its
//!   unchanged parts from the last file.
//!
//! Typst's own memoised layout is kept by the typesetter (`memo_age`).

use std::collections::HashMap;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::load;
use crate::render::{self, Templates};

#[derive(Default)]
pub struct Warm {
    /// Whether a build has filled it (then an unchanged workspace may be
    /// skipped as any build's is).
    pub(super) primed: bool,
    pub(super) inputs: load::Cache,
    pub(super) renders: Renders,
    pub(super) packets: Layouts,
    /// The sources of the documents the last build typeset, parsed.
    pub(super) parsed: HashMap<String, crate::typeset::Source>,
}

use super::layouts::Layouts;

/// A document's rendered source, kept for the next build with what it was
/// rendered from and its key.
pub(super) struct KeptSource {
    pub stem: String,
    pub template: &'static str,
    /// The names of the input files it read.
    pub inputs: Vec<String>,
    pub source: Arc<render::Output>,
    /// Its key ([`super::keys::document_key`]): a document whose inputs are
    /// unchanged has the same, which hashing its source again (a tenth of a
    /// save's rendering) would only confirm.
    pub key: String,
}

/// The last build's rendered sources, by document stem.
#[derive(Default)]
pub(super) struct Renders {
    /// Every template's name and text, hashed: when they change, nothing is kept.
    templates: [u8; 32],
    /// What the keys were made with besides each document (the base key and
    /// whether Word files are made): when it changes, no key is kept.
    keyed_with: String,
    sources: HashMap<String, KeptSource>,
}

impl Renders {
    /// What may be reused in a build by `templates` whose keys are made
    /// `keyed_with`, where `unchanged` tells an input file the last build
    /// read with the same bytes.
    pub(super) fn reusable<'a>(
        &'a self,
        templates: [u8; 32],
        keyed_with: &str,
        unchanged: &'a (dyn Fn(&str) -> bool + Sync),
    ) -> Reusable<'a> {
        let same_templates = self.templates == templates;
        Reusable {
            renders: same_templates.then_some(self),
            same_keys: self.keyed_with == keyed_with,
            unchanged,
        }
    }

    /// The length of the source last rendered for `stem`: how long it
    /// takes to render again, as far as this build can tell.
    pub(super) fn last_length(&self, stem: &str) -> usize {
        self.sources.get(stem).map_or(0, |k| k.source.text.len())
    }

    /// Keeps this build's sources (and only them) for the next.
    pub(super) fn replace(
        &mut self,
        templates: [u8; 32],
        keyed_with: String,
        rendered: Vec<KeptSource>,
    ) {
        self.templates = templates;
        self.keyed_with = keyed_with;
        self.sources = rendered.into_iter().map(|k| (k.stem.clone(), k)).collect();
    }
}

/// The last build's sources, as this build may use them.
#[derive(Clone, Copy)]
pub(super) struct Reusable<'a> {
    renders: Option<&'a Renders>,
    same_keys: bool,
    unchanged: &'a (dyn Fn(&str) -> bool + Sync),
}

impl Reusable<'_> {
    /// The source rendered last time for `stem`, when it came from the same
    /// template and the same input files, none of them changed since; with
    /// its key when the keys are made as they were.
    pub(super) fn get(
        &self,
        stem: &str,
        template: &str,
        inputs: &[String],
    ) -> Option<(Arc<render::Output>, Option<String>)> {
        let kept = self.renders?.sources.get(stem)?;
        let same = kept.template == template
            && kept.inputs == inputs
            && inputs.iter().all(|name| (self.unchanged)(name));
        same.then(|| {
            let key = self.same_keys.then(|| kept.key.clone());
            (kept.source.clone(), key)
        })
    }
}

/// Every template's name and text, hashed.
pub(super) fn templates_hash(templates: &Templates) -> [u8; 32] {
    let mut h = Sha256::new();
    for (name, file) in templates.jinja().chain(templates.library()) {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(file.text.as_bytes());
        h.update([0]);
    }
    h.finalize().into()
}

/// At most this many pages are laid out ahead by [`warm_up`]. Measured
/// (BENCHMARKS.md, "Edit in watch"): the synthetic province's two 260-page
/// lists, 2.5 s on two threads when `watch` starts, bring its first save
/// from about 3 s to about 1 s.
const WARM_UP_PAGES: usize = 600;

/// Lays out, without writing anything, the documents any unit's edit lays
/// out again (those reading most of the units' files, the longest first)
/// that a long-lived process's first build reused instead of laying out,
/// up to [`WARM_UP_PAGES`] with those it laid out: Typst's memo then holds
/// them for the first save, as it holds the last save's for the next.
/// Returns how many were laid out.
pub(super) fn warm_up(
    session: &super::Session,
    manifest: &crate::output::Manifest,
    rewritten: &[String],
    options: &super::BuildOptions,
) -> usize {
    let units = session.checked.workspace.units.len();
    let pages: HashMap<&str, usize> = (manifest.documents.iter())
        .map(|e| (e.path.as_str(), e.pages))
        .collect();
    let candidates: Vec<(&super::Rendered, Candidate)> = (session.rendered.iter())
        .filter(|r| units > 1 && r.doc.inputs.len() > units / 2 + 1)
        .filter_map(|r| {
            let path = super::pdf_path(&r.doc.stem);
            let candidate = Candidate {
                pages: *pages.get(path.as_str())?,
                laid_out: rewritten.contains(&path),
            };
            Some((r, candidate))
        })
        .collect();
    let chosen = ahead(
        &candidates.iter().map(|(_, c)| *c).collect::<Vec<_>>(),
        WARM_UP_PAGES,
    );
    let wanted: Vec<&super::Rendered> = chosen.iter().map(|&i| candidates[i].0).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..options.threads().min(wanted.len()) {
            scope.spawn(|| {
                while let Some(doc) =
                    wanted.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    // Only the memo is wanted: errors (and a panic, which a
                    // build reports as the document's error) are the build's.
                    let lay_out = || super::typeset(session, doc);
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(lay_out));
                }
            });
        }
    });
    wanted.len()
}

/// A document [`warm_up`] may lay out: its pages last time, and whether the
/// build just laid it out (then it is in Typst's memo already).
#[derive(Debug, Clone, Copy)]
struct Candidate {
    pages: usize,
    laid_out: bool,
}

/// Which candidates to lay out ahead: the longest first, until the next
/// would pass `budget` pages. Those the build laid out count against the
/// budget too: the memo holds at most `budget` pages of them either way.
/// Measured (BENCHMARKS.md, "Memory of a save"): laying out the province's
/// 169-page minutes after the build had laid out its two lists kept 290 MB
/// more into the first save.
fn ahead(candidates: &[Candidate], budget: usize) -> Vec<usize> {
    let laid_out: usize = (candidates.iter())
        .filter(|c| c.laid_out)
        .map(|c| c.pages)
        .sum();
    let mut left = budget.saturating_sub(laid_out);
    let mut order: Vec<usize> = (0..candidates.len())
        .filter(|&i| !candidates[i].laid_out)
        .collect();
    // Stable: equal lengths keep the session's order of documents.
    order.sort_by_key(|&i| std::cmp::Reverse(candidates[i].pages));
    let mut chosen = Vec::new();
    for i in order {
        let Some(rest) = left.checked_sub(candidates[i].pages) else {
            break;
        };
        left = rest;
        chosen.push(i);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::{Candidate, ahead};

    fn c(pages: usize, laid_out: bool) -> Candidate {
        Candidate { pages, laid_out }
    }

    #[test]
    fn the_longest_that_fit_are_laid_out_ahead() {
        let candidates = [c(10, false), c(258, false), c(169, false), c(256, false)];
        assert_eq!(ahead(&candidates, 600), vec![1, 3]);
        assert_eq!(ahead(&candidates, 700), vec![1, 3, 2, 0]);
    }

    #[test]
    fn what_the_build_laid_out_counts_against_the_budget() {
        // The build rewrote the two lists: the 169-page minutes no longer fit.
        let candidates = [c(10, false), c(258, true), c(169, false), c(256, true)];
        assert!(ahead(&candidates, 600).is_empty());
        assert_eq!(ahead(&candidates, 700), vec![2, 0]);
        let all = [c(258, true), c(256, true)];
        assert!(ahead(&all, 600).is_empty());
    }
}
