//! Stage 6: files on disk. Every write goes to a temporary file in the same
//! folder and is renamed over the target, so a reader (or a crash) sees the
//! old file or the new one, never half of one.

pub mod dossier;
mod manifest;
pub mod packet;
mod stamps;
pub mod xlsx;

pub use manifest::{Attachment, IndexedPart, Manifest, ManifestEntry, PacketIndex, PartRef};
pub use stamps::Stamps;

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Where packets' parts lie in their files, for the next build's joins.
pub const LAYOUTS_FILE: &str = ".thidua-layouts";

/// Files of `output/` that are caches local to the folder (file times,
/// layouts), not outputs: they differ between folders of the same outputs.
pub const LOCAL_CACHES: [&str; 2] = [Stamps::FILE, LAYOUTS_FILE];

/// Writes `bytes` to `path` atomically, creating its folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file written in pieces to a temporary file beside `path` and renamed
/// onto it by [`AtomicFile::commit`]; dropped before that, the temporary is
/// removed and `path` is as it was. For files too large to hold in memory.
pub struct AtomicFile {
    path: PathBuf,
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path`, creating its folder.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = tempfile::Builder::new()
            .prefix(".thidua-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        Ok(Self {
            path: path.to_path_buf(),
            tmp: std::io::BufWriter::with_capacity(1 << 18, tmp),
        })
    }

    /// Renames the finished file onto its path.
    pub fn commit(self) -> std::io::Result<()> {
        let tmp = self.tmp.into_inner().map_err(|e| e.into_error())?;
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
        let path = self.path;
        test_hook::operation(|| tmp.persist(&path).map_err(|e| e.error))?;
        Ok(())
    }

    /// Appends `range` of `from`, copied by the kernel (`copy_file_range`
    /// where the file system has it) rather than through this process.
    pub fn copy_range(&mut self, from: &File, range: Range<usize>) -> std::io::Result<()> {
        self.tmp.flush()?;
        let mut from = from;
        from.seek(SeekFrom::Start(range.start as u64))?;
        let len = range.len() as u64;
        let copied = std::io::copy(&mut from.take(len), &mut self.tmp.get_ref().as_file())?;
        if copied != len {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.tmp.write(bytes)
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.tmp.write_all(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
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
    hex(&Sha256::digest(bytes))
}

/// Bytes (a digest) in lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
