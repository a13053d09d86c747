//! `merge-manifests`: joins the manifests of `--shard K/N` builds gathered in
//! one `output/`, then joins the packets (a packet's parts lie in several
//! shards): the result equals one full build, byte for byte.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diag::Text;
use crate::output::{self, Manifest, ManifestEntry};

use super::errors::BuildError;
use super::incremental::{self, Previous};
use super::options::{BuildOptions, Shard};
use super::render::{RenderedPacket, render_all};
use super::{packets, pdf_path, write_if_changed};

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
    let shards = read_shards(&out_dir)?;
    let Some(n) = shards.first().map(|s| s.shard.n) else {
        return Err(MergeError::NoShards(out_dir));
    };
    if shards.iter().any(|s| s.shard.n != n) {
        let names: Vec<String> = shards
            .iter()
            .map(|s| format!("{}/{}", s.shard.k, s.shard.n))
            .collect();
        return Err(MergeError::MixedCounts(names.join(", ")));
    }
    if let Some(missing) = (1..=n).find(|k| !shards.iter().any(|s| s.shard.k == *k)) {
        return finish_interrupted(&out_dir, &shards).ok_or(MergeError::Missing { missing, n });
    }
    let mut entries = gather(&shards)?;
    // The packets, which no shard could join alone, from the workspace's inputs.
    let session = render_all(root, &BuildOptions::default()).map_err(MergeError::Build)?;
    // A merge killed midway leaves the temporary of the write it died in:
    // cleared here as a build clears them, else it stays in `output/` for good.
    incremental::remove_stale_temporaries(&out_dir);
    let previous = Previous::read(&out_dir, "manifest.json");
    let packets: Vec<&RenderedPacket> = session.packets.iter().collect();
    let by_path = previous.by_path();
    let reused = packets
        .iter()
        .map(|p| {
            let map = by_path.as_ref()?;
            incremental::unchanged(
                root,
                &previous.stamps,
                map,
                &pdf_path(&p.packet.stem),
                &p.key,
            )
        })
        .collect();
    let sources = &session.checked.sources;
    packets::join_all(
        root,
        sources,
        &packets,
        reused,
        &mut entries,
        &mut Vec::new(),
    )?;
    packets::attach_indexes(root, &mut entries)?;
    let manifest = Manifest::new(entries);
    write_if_changed(
        &out_dir.join("manifest.json"),
        manifest.to_json().as_bytes(),
    )?;
    for s in &shards {
        let _ = output::remove_file(&s.path);
    }
    Ok(manifest)
}

/// One shard's manifest, as found in `output/`.
struct ShardManifest {
    shard: Shard,
    path: PathBuf,
    manifest: Manifest,
}

/// Every `manifest.shard-K-of-N.json` of `out_dir`.
fn read_shards(out_dir: &Path) -> Result<Vec<ShardManifest>, MergeError> {
    let mut shards = Vec::new();
    let Ok(dir) = std::fs::read_dir(out_dir) else {
        return Ok(shards);
    };
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
        let manifest =
            Manifest::read(&entry.path()).ok_or_else(|| MergeError::Unreadable(entry.path()))?;
        shards.push(ShardManifest {
            shard,
            path: entry.path(),
            manifest,
        });
    }
    shards.sort_by_key(|s| s.shard.k);
    Ok(shards)
}

/// The shard manifests are removed last, once `manifest.json` is written: a
/// merge killed among those removals leaves some of them and a merged
/// manifest listing every entry of each. That merge is finished here (a
/// re-run would otherwise refuse for good); `None` when it is not that case.
fn finish_interrupted(out_dir: &Path, shards: &[ShardManifest]) -> Option<Manifest> {
    let merged = Manifest::read(&out_dir.join("manifest.json")).filter(|merged| {
        let listed = merged.by_path();
        shards
            .iter()
            .all(|s| (s.manifest.documents.iter()).all(|e| listed.get(e.path.as_str()) == Some(&e)))
    })?;
    for s in shards {
        let _ = output::remove_file(&s.path);
    }
    Some(merged)
}

/// The shards' entries, each once; two shards listing one path with
/// different contents is an error.
fn gather(shards: &[ShardManifest]) -> Result<Vec<ManifestEntry>, MergeError> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut entries = Vec::new();
    for entry in shards.iter().flat_map(|s| &s.manifest.documents) {
        match seen.get(&entry.path) {
            Some(sha) if *sha != entry.sha256 => {
                return Err(MergeError::Conflict {
                    path: entry.path.clone(),
                });
            }
            Some(_) => {}
            None => {
                seen.insert(entry.path.clone(), entry.sha256.clone());
                entries.push(entry.clone());
            }
        }
    }
    Ok(entries)
}
