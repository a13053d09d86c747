//! A build with nothing to do decides so before loading anything: when the
//! inputs, the templates, the options and the tool are those of the last
//! build, that build was clean (no diagnostic to show again), and every file
//! its manifest lists is still what it wrote, the last manifest stands. The
//! digest lives in the stamps file (`output/.thidua-stamps.json`), which is
//! local to a machine like the stamps themselves.
//!
//! The digest is a cache key, not an output: it may read the clock-free
//! identity of the running executable (its length and modification time) so
//! that a rebuilt tool never reuses a stale decision.

use std::path::Path;
use std::time::Instant;

use sha2::{Digest, Sha256};

use super::options::BuildOptions;
use super::{BuildReport, Timings};
use crate::output::{Manifest, Stamps};
use crate::source::Sources;

/// The digest of everything a build reads, or `None` when this build must
/// not be skipped (`--force`, a shard, or `--keep-typst`, which writes more).
pub fn digest(root: &Path, options: &BuildOptions) -> Option<String> {
    if options.force || options.shard.is_some() || options.keep_typst || options.panic_on.is_some()
    {
        return None;
    }
    let mut h = Sha256::new();
    h.update(concat!("thidua ", env!("CARGO_PKG_VERSION"), "\0").as_bytes());
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    h.update(format!("{}:{}\0", meta.len(), modified.as_nanos()).as_bytes());
    h.update(
        format!(
            "final={} max={:?} docx={}\0",
            options.final_, options.max_documents, !options.no_docx
        )
        .as_bytes(),
    );
    for folder in ["inputs", "templates"] {
        let dir = root.join(folder);
        if !dir.exists() {
            h.update(format!("no {folder}\0").as_bytes());
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.ok()?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(root).ok()?;
            h.update(rel.to_string_lossy().as_bytes());
            h.update([0]);
            h.update(std::fs::read(entry.path()).ok()?);
            h.update([0]);
        }
    }
    Some(format!("{:x}", h.finalize()))
}

/// The last build's report, when this build has nothing to do.
pub fn skip(root: &Path, digest: &str, started: Instant) -> Option<BuildReport> {
    let out_dir = root.join("output");
    let stamps = Stamps::read(&out_dir);
    if stamps.inputs() != Some(digest) {
        return None;
    }
    let manifest = Manifest::read(&out_dir.join("manifest.json"))?;
    let intact = manifest.documents.iter().all(|d| {
        stamps.intact(root, &d.path, &d.sha256)
            && d.side_files()
                .all(|a| stamps.intact(root, &a.path, &a.sha256))
    });
    if !intact {
        return None;
    }
    let timings = Timings {
        total: started.elapsed(),
        ..Timings::default()
    };
    Some(BuildReport {
        sources: Sources::default(),
        diagnostics: Vec::new(),
        reused: manifest.documents.len(),
        manifest,
        timings,
        rewritten: Vec::new(),
    })
}

/// Forgets the last clean build's digest before this build changes anything
/// in `output/`: a build killed midway must not be skipped by the next one.
pub fn forget(out_dir: &Path, stamps: &Stamps) -> Result<(), super::BuildError> {
    if stamps.inputs().is_none() {
        return Ok(());
    }
    super::write_if_changed(
        &out_dir.join(Stamps::FILE),
        stamps.clone().with_inputs(None).to_json().as_bytes(),
    )
}
