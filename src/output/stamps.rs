//! The stamps cache (`output/.thidua-stamps.json`): how the next build
//! knows an output is still what this one wrote without reading it back.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::manifest::Manifest;
use super::sha256_hex;

/// What a build knows of the files it wrote: size, modification time and
/// hash. The next build trusts a file whose size and time are unchanged
/// without reading it back, as make and cargo do. A local cache, not part of
/// the output's contract.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Stamps {
    files: std::collections::BTreeMap<String, Stamp>,
    /// The digest of the inputs of the build that wrote them, when it was
    /// clean: the next build with the same digest has nothing to do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    inputs: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Stamp {
    len: u64,
    modified_ns: u128,
    sha256: String,
}

fn stamp_of(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos()))
}

impl Stamps {
    /// Beside the manifest in `output/`.
    pub const FILE: &'static str = ".thidua-stamps.json";

    pub fn read(out_dir: &Path) -> Stamps {
        std::fs::read_to_string(out_dir.join(Self::FILE))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Whether `rel` (relative to `root`) still holds the bytes hashing to
    /// `sha256`: by its stamp when recorded and unchanged, else by reading it.
    pub fn intact(&self, root: &Path, rel: &str, sha256: &str) -> bool {
        let path = root.join(rel);
        if let (Some(stamp), Some((len, modified_ns))) = (self.files.get(rel), stamp_of(&path))
            && stamp.sha256 == sha256
            && stamp.len == len
            && stamp.modified_ns == modified_ns
        {
            return true;
        }
        std::fs::read(&path).is_ok_and(|bytes| sha256_hex(&bytes) == sha256)
    }

    /// Stamps every file the manifest lists, as it is on disk now.
    pub fn of(root: &Path, manifest: &Manifest) -> Stamps {
        let mut files = std::collections::BTreeMap::new();
        let listed = manifest.documents.iter().flat_map(|d| {
            std::iter::once((&d.path, &d.sha256))
                .chain(d.side_files().map(|a| (&a.path, &a.sha256)))
        });
        for (rel, sha256) in listed {
            if let Some((len, modified_ns)) = stamp_of(&root.join(rel)) {
                files.insert(
                    rel.clone(),
                    Stamp {
                        len,
                        modified_ns,
                        sha256: sha256.clone(),
                    },
                );
            }
        }
        Stamps {
            files,
            inputs: None,
        }
    }

    /// The same stamps, recording the inputs' digest of a clean build.
    pub fn with_inputs(mut self, digest: Option<String>) -> Stamps {
        self.inputs = digest;
        self
    }

    /// The inputs' digest recorded by the last clean build.
    pub fn inputs(&self) -> Option<&str> {
        self.inputs.as_deref()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
