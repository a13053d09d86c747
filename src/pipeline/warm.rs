//! What a long-lived process (`watch`) keeps from one build for the next, so
//! that a save redoes only what it changed:
//! - each input file's parse, by its bytes (`load::Cache`);
//! - each document's rendered source, reused while every input file the
//!   document reads is unchanged (a change to one unit's file renders only
//!   that unit's documents and the province-wide ones that list it);
//! - where each packet's parts lie in its file, so that a packet is joined
//!   again copying its unchanged parts from the last file.
//!
//! Typst's own memoised layout is kept by the typesetter (`memo_age`). A
//! one-off build keeps nothing.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::load;
use crate::output::packet::{Layout, Previous};
use crate::render::{self, Templates};

#[derive(Default)]
pub struct Warm {
    /// Whether a build has filled it (then an unchanged workspace may be
    /// skipped as any build's is).
    pub(super) primed: bool,
    pub(super) inputs: load::Cache,
    pub(super) renders: Renders,
    pub(super) packets: Layouts,
}

/// Where each packet's parts lie in the file this process last wrote, and
/// that file's size and time: a file changed since by anyone else is not used.
#[derive(Default)]
pub(super) struct Layouts {
    by_path: HashMap<String, (Layout, Stamp)>,
}

type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl Layouts {
    /// Takes the packet's last file, open, and its layout, when the file is
    /// still the one written (it is kept again once the next is written).
    pub(super) fn take(&mut self, root: &Path, path: &str) -> Option<Previous> {
        let (layout, written) = self.by_path.remove(path)?;
        let file = root.join(path);
        if stamp(&file)? != written {
            return None;
        }
        let file = std::fs::File::open(&file).ok()?;
        Some(Previous { file, layout })
    }

    /// Keeps the layout of the file just written at `path`.
    pub(super) fn keep(&mut self, root: &Path, path: &str, layout: Layout) {
        match stamp(&root.join(path)) {
            Some(written) => self.by_path.insert(path.to_string(), (layout, written)),
            None => self.by_path.remove(path),
        };
    }
}

/// A document's stem, template, input files' names and rendered source.
pub(super) type KeptSource = (String, &'static str, Vec<String>, Arc<render::Output>);

/// The last build's rendered sources, by document stem.
#[derive(Default)]
pub(super) struct Renders {
    /// Every template's name and text, hashed: when they change, nothing is kept.
    templates: [u8; 32],
    sources: HashMap<String, Kept>,
}

struct Kept {
    template: &'static str,
    /// The names of the input files it read.
    inputs: Vec<String>,
    source: Arc<render::Output>,
}

impl Renders {
    /// What may be reused in a build by `templates`, where `unchanged` tells
    /// an input file the last build read with the same bytes.
    pub(super) fn reusable<'a>(
        &'a self,
        templates: [u8; 32],
        unchanged: &'a (dyn Fn(&str) -> bool + Sync),
    ) -> Reusable<'a> {
        let same_templates = self.templates == templates;
        Reusable {
            renders: same_templates.then_some(self),
            unchanged,
        }
    }

    /// Keeps this build's sources (and only them) for the next.
    pub(super) fn replace(&mut self, templates: [u8; 32], rendered: Vec<KeptSource>) {
        self.templates = templates;
        self.sources = rendered
            .into_iter()
            .map(|(stem, template, inputs, source)| {
                let kept = Kept {
                    template,
                    inputs,
                    source,
                };
                (stem, kept)
            })
            .collect();
    }
}

/// The last build's sources, as this build may use them.
#[derive(Clone, Copy)]
pub(super) struct Reusable<'a> {
    renders: Option<&'a Renders>,
    unchanged: &'a (dyn Fn(&str) -> bool + Sync),
}

impl Reusable<'_> {
    /// The source rendered last time for `stem`, when it came from the same
    /// template and the same input files, none of them changed since.
    pub(super) fn get(
        &self,
        stem: &str,
        template: &str,
        inputs: &[String],
    ) -> Option<Arc<render::Output>> {
        let kept = self.renders?.sources.get(stem)?;
        let same = kept.template == template
            && kept.inputs == inputs
            && inputs.iter().all(|name| (self.unchanged)(name));
        same.then(|| kept.source.clone())
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
