//! What a build will do, decided before anything is typeset: for each
//! document (and packet) of its shard, the last build's entry where its key
//! and files are unchanged; the order a small warm build typesets in.

use std::collections::BTreeSet;
use std::path::Path;

use crate::output::ManifestEntry;

use super::incremental::{self, Previous};
use super::options::BuildOptions;
use super::render::{Rendered, RenderedPacket, Session};
use super::{packets, pdf_path, workers};

/// From how many pages (at the last build) a document is long: its Word file
/// is made after every PDF of a small warm build.
const LONG_PAGES: usize = 20;

/// What this build will do: the documents of its shard with, for each, the
/// last build's entry where it can be kept; the packets likewise.
pub(super) struct Work<'a> {
    pub docs: Vec<&'a Rendered>,
    pub reused: Vec<Option<ManifestEntry>>,
    pub packets: Vec<&'a RenderedPacket>,
    pub packets_reused: Vec<Option<ManifestEntry>>,
}

impl<'a> Work<'a> {
    pub fn decide(
        root: &Path,
        session: &'a Session,
        previous: &Previous,
        options: &BuildOptions,
    ) -> Self {
        // Documents keep their order (one unit's together, the province's long
        // lists last). Measured: in a full build, typesetting the longest first
        // cost a third more CPU time (BENCHMARKS.md); a small warm build is
        // scheduled by `longest_first`.
        let docs: Vec<&Rendered> = session
            .rendered
            .iter()
            .filter(|r| options.shard.is_none_or(|s| s.holds(&r.doc.stem)))
            .collect();
        // A shard's packets would need other shards' documents: packets are
        // joined by `merge-manifests` once every shard is in.
        let packets: Vec<&RenderedPacket> = match options.shard {
            Some(_) => vec![],
            None => session.packets.iter().collect(),
        };
        let by_path = previous.by_path().filter(|_| !options.force);
        let reuse = |stem: &str, key: &str| {
            let map = by_path.as_ref()?;
            incremental::unchanged(root, &previous.stamps, map, &pdf_path(stem), key)
        };
        // Each check reads a file's times (thousands of them): on every thread.
        let chunk = docs.len().div_ceil(options.threads()).max(1);
        let reused = std::thread::scope(|scope| {
            let handles: Vec<_> = (docs.chunks(chunk))
                .map(|part| {
                    let reuse = &reuse;
                    scope.spawn(move || {
                        (part.iter())
                            .map(|r| reuse(&r.doc.stem, &r.key))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            (handles.into_iter())
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect::<Vec<Option<ManifestEntry>>>()
        });
        Self {
            reused,
            packets_reused: packets
                .iter()
                .map(|p| reuse(&p.packet.stem, &p.key))
                .collect(),
            docs,
            packets,
        }
    }

    /// The documents to typeset, those with the most pages last time first
    /// (the longest decides when the build ends), but one worker takes the
    /// shortest first (one unit's documents are not kept waiting behind the
    /// province's lists); each packet part parsed by its worker; the Word
    /// files of long documents after every PDF, a short one's (10-20 ms)
    /// right after its PDF rather than last (measured: a unit's Word files
    /// 0.56 -> 0.25 s after the save, the rest unchanged).
    pub fn longest_first(
        &self,
        previous: &Previous,
        joiner: &packets::Joiner,
    ) -> workers::Schedule {
        let pages: Vec<usize> = match previous.by_path() {
            Some(last) => (self.docs.iter())
                .map(|r| {
                    last.get(pdf_path(&r.doc.stem).as_str())
                        .map_or(0, |e| e.pages)
                })
                .collect(),
            None => vec![0; self.docs.len()],
        };
        let mut order: Vec<usize> = (0..self.docs.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(pages[i]));
        let prepare = (self.docs.iter())
            .map(|r| joiner.wants(&pdf_path(&r.doc.stem)))
            .collect();
        let words_last = pages.iter().map(|&p| p >= LONG_PAGES).collect();
        workers::Schedule {
            order,
            both_ends: true,
            prepare,
            words_last,
        }
    }

    /// The paths this build will write anew.
    pub fn rebuilt(&self) -> BTreeSet<String> {
        let docs = self.docs.iter().map(|r| &r.doc.stem).zip(&self.reused);
        let packets = self
            .packets
            .iter()
            .map(|p| &p.packet.stem)
            .zip(&self.packets_reused);
        docs.chain(packets)
            .filter(|(_, reused)| reused.is_none())
            .map(|(stem, _)| pdf_path(stem))
            .collect()
    }
}
