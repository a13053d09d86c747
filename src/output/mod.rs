//! Stage 6: files on disk. Every write goes to a temporary file in the same
//! folder and is renamed over the target, so a reader (or a crash) sees the
//! old file or the new one, never half of one.

pub mod packet;
pub mod xlsx;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Writes `bytes` to `path` atomically, creating its folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".thidua-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Temporary files are private (0600); outputs are ordinary files.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    // No fsync: the rename is what makes a build killed at any moment leave
    // the old file or the new one (tested); flushing every one of thousands
    // of files to the disk cost seconds and guards only against power loss.
    test_hook::operation(|| tmp.persist(path).map_err(|e| e.error))?;
    Ok(())
}

/// Removes a file a build or a merge no longer wants (a kill point of
/// [`test_hook`], like every write through [`write_atomic`]).
pub fn remove_file(path: &Path) -> std::io::Result<()> {
    test_hook::operation(|| std::fs::remove_file(path))
}

/// A test hook, for `tests/crash.rs` only: deterministic kill points.
///
/// With `THIDUA_TEST_ABORT_AFTER_WRITES=k` in its environment, the process
/// completes `k` file operations — writes through [`write_atomic`], removals
/// through [`remove_file`] — and dies in the middle of the next one (a write's
/// temporary file written but not yet renamed, a removal not yet done) by
/// `std::process::abort()`: as abrupt as SIGKILL, no destructor runs, the
/// temporary stays behind. An environment variable because the test runs the
/// `thidua` binary as a subprocess; a kill after a counted number of files
/// lands where the test says, which a SIGKILL after a random delay did not.
///
/// Unset (always, outside that test) it costs a `LazyLock` read and an
/// atomic increment per file. Set, the operations are serialised, so that
/// "`k` completed" is exact with several threads writing.
#[doc(hidden)]
pub mod test_hook {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{LazyLock, Mutex};

    /// The variable's name.
    pub const VAR: &str = "THIDUA_TEST_ABORT_AFTER_WRITES";

    static LIMIT: LazyLock<Option<usize>> =
        LazyLock::new(|| std::env::var(VAR).ok()?.trim().parse().ok());

    /// Operations completed so far, in this process.
    static DONE: AtomicUsize = AtomicUsize::new(0);

    /// Held from the count to the operation, when the hook is set.
    static SERIAL: Mutex<()> = Mutex::new(());

    /// How many file operations this process has completed: what a test
    /// reads around an in-process run to learn how many kill points it has.
    pub fn operations() -> usize {
        DONE.load(Ordering::SeqCst)
    }

    /// Runs `op`, the step that makes a file operation take effect, unless
    /// the process is to die before it.
    pub(crate) fn operation<T>(op: impl FnOnce() -> T) -> T {
        let Some(limit) = *LIMIT else {
            let out = op();
            DONE.fetch_add(1, Ordering::SeqCst);
            return out;
        };
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        if DONE.load(Ordering::SeqCst) >= limit {
            std::process::abort();
        }
        let out = op();
        DONE.fetch_add(1, Ordering::SeqCst);
        out
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `output/manifest.json`: what the build wrote. A contract for scripts
/// (`../shared/spec/interfaces.md`): keys are added, never renamed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub generator: String,
    pub documents: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManifestEntry {
    /// Relative to the workspace, `/`-separated.
    pub path: String,
    pub kind: String,
    pub unit: Option<String>,
    pub title: String,
    pub pages: usize,
    pub sha256: String,
    pub inputs: Vec<String>,
    /// Files written beside the PDF: a list's `.xlsx`, a packet's `packet.json`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// A hash of everything the document depends on; equal keys, equal files.
    #[serde(default)]
    pub key: String,
    /// For a packet: its parts in order, from which `packet.json` is written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PacketPartRef>,
}

/// A part of a packet as the manifest records it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PacketPartRef {
    pub title: String,
    pub kind: String,
    /// The part's own PDF, relative to the workspace.
    pub path: String,
}

/// A file written beside a document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Attachment {
    pub path: String,
    pub sha256: String,
}

/// `packet.json`: the parts of a packet, in order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PacketIndex {
    /// The packet's PDF, relative to the workspace.
    pub packet: String,
    pub title: String,
    pub sha256: String,
    pub pages: usize,
    pub parts: Vec<PacketPart>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PacketPart {
    /// The bookmark's title.
    pub title: String,
    pub kind: String,
    /// The part's own PDF, relative to the workspace.
    pub path: String,
    /// SHA-256 of the part's own PDF.
    pub sha256: String,
    pub pages: usize,
    /// Where the part starts in the packet (1-based).
    pub first_page: usize,
}

impl Manifest {
    pub fn new(mut documents: Vec<ManifestEntry>) -> Self {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        Self {
            generator: format!("thidua {}", env!("CARGO_PKG_VERSION")),
            documents,
        }
    }

    /// Its entries by path.
    pub fn by_path(&self) -> std::collections::HashMap<&str, &ManifestEntry> {
        self.documents
            .iter()
            .map(|d| (d.path.as_str(), d))
            .collect()
    }

    /// The manifest at `path`, if there is a readable one.
    pub fn read(path: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(path).ok()?;
        serde_json::from_str(&text).ok()
    }

    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).unwrap_or_default();
        json.push('\n');
        json
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/doc.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["doc.pdf".to_string()]);
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}

/// What a build knows of the files it wrote: size, modification time and
/// hash. The next build trusts a file whose size and time are unchanged
/// without reading it back, as make and cargo do. A local cache, not part of
/// the output's contract.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Stamps {
    files: std::collections::BTreeMap<String, Stamp>,
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
        if let (Some(stamp), Some((len, modified_ns))) = (self.files.get(rel), stamp_of(&path)) {
            if stamp.sha256 == sha256 && stamp.len == len && stamp.modified_ns == modified_ns {
                return true;
            }
        }
        std::fs::read(&path).is_ok_and(|bytes| sha256_hex(&bytes) == sha256)
    }

    /// Stamps every file the manifest lists, as it is on disk now.
    pub fn of(root: &Path, manifest: &Manifest) -> Stamps {
        let mut files = std::collections::BTreeMap::new();
        let listed = manifest.documents.iter().flat_map(|d| {
            std::iter::once((&d.path, &d.sha256))
                .chain(d.attachments.iter().map(|a| (&a.path, &a.sha256)))
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
        Stamps { files }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
