//! Stages 1–3: load the inputs, then run every rule over them.

use std::path::Path;

use crate::diag::Diagnostic;
use crate::load::{self, LoadError};
use crate::model::Workspace;
use crate::rules;
use crate::source::{FileId, Sources};

use super::options::BuildOptions;

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
    pub fn inputs_clean(&self, inputs: &[FileId]) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.file.is_none_or(|f| inputs.contains(&f)))
    }
}

/// Loads and validates every input.
pub fn check(root: &Path, options: &BuildOptions) -> Result<Checked, LoadError> {
    check_with(root, options, None)
}

/// The same, parsing again only the files that changed since `cache` saw them.
pub(super) fn check_with(
    root: &Path,
    options: &BuildOptions,
    cache: Option<&mut load::Cache>,
) -> Result<Checked, LoadError> {
    let loaded = match cache {
        Some(cache) => load::load_cached(root, cache)?,
        None => load::load_workspace(root)?,
    };
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
