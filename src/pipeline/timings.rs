//! Where the time of a build went (`--timings`).

use std::time::Duration;

/// Typesetting, PDF and writing are summed over documents (they run in
/// parallel); `total` is wall time.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub check: Duration,
    pub render: Duration,
    pub layout: Duration,
    pub pdf: Duration,
    /// Evaluating for and writing the Word files.
    pub word: Duration,
    pub write: Duration,
    /// Joining packets from their parts' files.
    pub packets: Duration,
    pub total: Duration,
    /// The slowest documents (layout and PDF), slowest first.
    pub slowest: Vec<(String, Duration)>,
    /// Documents rendered from their templates; the others' sources were
    /// kept from the last build of a long-lived process (`watch`).
    pub rendered: usize,
    /// Packet parts copied from the packet's last file rather than parsed.
    pub parts_copied: usize,
    /// Of those, parts copied whole with their file's unchanged head (`watch`).
    pub parts_verbatim: usize,
    /// Documents laid out ahead, for Typst's memo only, by a long-lived
    /// process's first build (`watch`).
    pub warmed_up: usize,
}

/// Time spent on one document, by stage.
#[derive(Debug, Default, Clone, Copy)]
pub struct DocTimes {
    pub layout: Duration,
    pub pdf: Duration,
    pub word: Duration,
    pub write: Duration,
}

impl Timings {
    /// Adds one document's times.
    pub fn add(&mut self, stem: &str, times: DocTimes) {
        self.layout += times.layout;
        self.pdf += times.pdf;
        self.word += times.word;
        self.write += times.write;
        self.slowest
            .push((stem.to_string(), times.layout + times.pdf));
    }

    /// Keeps the five slowest documents, slowest first.
    pub fn keep_slowest(&mut self) {
        self.slowest
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        self.slowest.truncate(5);
    }
}
