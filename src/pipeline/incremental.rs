//! What the last build left, and what of it this build keeps: a document
//! whose key and files are unchanged is neither typeset nor rewritten; one
//! whose inputs are invalid now keeps its last good file; one that is no
//! longer planned is removed. Writes are ordered so that a build killed at
//! any moment leaves a manifest whose every entry is true of the files.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::output::{Manifest, ManifestEntry, Stamps};

use super::errors::BuildError;
use super::options::Shard;
use super::{stem_of, write};

/// The last build's manifest (of this shard) and the stamps of its files.
pub struct Previous {
    pub manifest: Option<Manifest>,
    pub stamps: Stamps,
}

impl Previous {
    pub fn read(out_dir: &Path, manifest_name: &str) -> Self {
        Self {
            manifest: Manifest::read(&out_dir.join(manifest_name)),
            stamps: Stamps::read(out_dir),
        }
    }

    /// The last build's entries by path.
    pub fn by_path(&self) -> Option<HashMap<&str, &ManifestEntry>> {
        self.manifest.as_ref().map(Manifest::by_path)
    }
}

/// The previous build's entry for the document at `path` when its key is
/// unchanged and its files are still what that build wrote.
pub fn unchanged(
    root: &Path,
    stamps: &Stamps,
    previous: &HashMap<&str, &ManifestEntry>,
    path: &str,
    key: &str,
) -> Option<ManifestEntry> {
    let entry = *previous.get(path)?;
    if entry.key != key {
        return None;
    }
    let own_files = |e: &ManifestEntry| {
        e.attachments
            .iter()
            // A packet's index and archive are written anew each build.
            .filter(|a| !a.path.ends_with(".json") && !a.path.ends_with(".zip"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let files_intact = stamps.intact(root, &entry.path, &entry.sha256)
        && own_files(entry)
            .iter()
            .chain(&entry.docx)
            .all(|a| stamps.intact(root, &a.path, &a.sha256));
    files_intact.then(|| ManifestEntry {
        attachments: own_files(entry),
        ..entry.clone()
    })
}

/// Before any document is replaced, the manifest stops listing it (and any
/// document no longer planned): a build killed from here on leaves a
/// manifest true of every file it lists.
pub fn unlist(
    manifest_path: &Path,
    previous: &Manifest,
    rebuilt: &BTreeSet<String>,
    planned: &BTreeSet<String>,
) -> Result<(), BuildError> {
    if rebuilt.is_empty() {
        return Ok(());
    }
    let kept: Vec<ManifestEntry> = previous
        .documents
        .iter()
        .filter(|e| {
            stem_of(&e.path).is_some_and(|s| planned.contains(s)) && !rebuilt.contains(&e.path)
        })
        .cloned()
        .collect();
    write(manifest_path, Manifest::new(kept).to_json().as_bytes())
}

/// Documents of the last build this one did not write: kept and listed while
/// still planned (their inputs are invalid now, or they are another shard's),
/// removed from `output/` when no input describes them any more.
pub fn carry_over(
    root: &Path,
    previous: &Manifest,
    planned: &BTreeSet<String>,
    shard: Option<Shard>,
    entries: &mut Vec<ManifestEntry>,
) {
    let built: BTreeSet<String> = entries.iter().map(|e| e.path.clone()).collect();
    for old in &previous.documents {
        if built.contains(&old.path) {
            continue;
        }
        let stem = stem_of(&old.path).unwrap_or(&old.path);
        if planned.contains(stem) && shard.is_none_or(|s| s.holds(stem)) {
            entries.push(old.clone());
        } else if !planned.contains(stem) {
            remove_outputs(root, old, stem);
        }
    }
}

/// Deletes what an earlier build wrote for a document that no longer exists.
fn remove_outputs(root: &Path, entry: &ManifestEntry, stem: &str) {
    let mut paths = vec![entry.path.clone(), format!("output/{stem}.typ")];
    paths.extend(entry.side_files().map(|a| a.path.clone()));
    for path in paths {
        let _ = std::fs::remove_file(root.join(path));
    }
}

/// Temporary files a killed build left behind (`write_atomic` names them
/// `.thidua-*.tmp`): never a document, always safe to delete.
pub fn remove_stale_temporaries(out_dir: &Path) {
    for entry in walkdir::WalkDir::new(out_dir).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(".thidua-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
