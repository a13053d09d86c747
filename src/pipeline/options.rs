//! What a build is asked to do.

use std::sync::Arc;

use crate::output;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Also write each document's `.typ` and the layout library under `output/`.
    pub keep_typst: bool,
    /// Write no `.docx` beside the PDFs (`--no-docx`).
    pub no_docx: bool,
    /// Blanks (number, day) are errors: the moment of issue.
    pub final_: bool,
    /// Documents typeset at once; `None`: one per core.
    pub jobs: Option<usize>,
    /// Told `(done, total)` after each document, from any thread.
    pub progress: Option<Progress>,
    /// Typeset every document, even those whose key matches the last build.
    pub force: bool,
    /// Build only shard `k` of `n` (1-based), for CI matrices.
    pub shard: Option<Shard>,
    /// At most this many documents; `None`: [`MAX_DOCUMENTS`].
    pub max_documents: Option<usize>,
    /// Compilations a memoised layout outlives; `None`: [`crate::typeset::EVICT_MAX_AGE`].
    /// `watch` keeps more ([`crate::typeset::WATCH_EVICT_MAX_AGE`]).
    pub memo_age: Option<usize>,
    /// Fault injection for tests: typesetting the document at this stem panics.
    #[doc(hidden)]
    pub panic_on: Option<String>,
}

/// More documents than this is an error rather than a build that runs for hours.
pub const MAX_DOCUMENTS: usize = 100_000;

impl BuildOptions {
    /// Threads for rendering and typesetting: `--jobs`, or one per core.
    pub fn threads(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }
}

/// A progress callback; the command line draws a bar with it.
#[derive(Clone)]
pub struct Progress(pub Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// A stable share of the documents: those whose stem hashes to `k - 1` mod `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// `2/4` → shard 2 of 4.
    pub fn parse(text: &str) -> Option<Shard> {
        let (k, n) = text.split_once('/')?;
        let (k, n) = (k.trim().parse().ok()?, n.trim().parse().ok()?);
        (n >= 1 && (1..=n).contains(&k)).then_some(Shard { k, n })
    }

    /// Whether the document at `stem` belongs to this shard. By the stem, so a
    /// document stays in its shard however its content changes.
    pub fn holds(&self, stem: &str) -> bool {
        let digest = output::sha256_hex(stem.as_bytes());
        let head = u64::from_str_radix(&digest[..16], 16).unwrap_or(0);
        head % self.n as u64 == (self.k - 1) as u64
    }

    /// The manifest a shard writes instead of `manifest.json`.
    pub fn manifest_name(&self) -> String {
        format!("manifest.shard-{}-of-{}.json", self.k, self.n)
    }
}
