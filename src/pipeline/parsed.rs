//! Each document's main source, parsed once for its PDF and its Word file.
//! A long-lived process keeps the sources of the documents a save typeset,
//! and parses the next save's text of them again only where it changed
//! (`typeset::parse`): measured, a list of 1,900 rows took about 40 ms to
//! parse from nothing, twice a save (BENCHMARKS.md).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::locked;
use crate::typeset::{self, Source};

#[derive(Default)]
pub struct Parsed {
    /// The last build's sources, by document stem (a long-lived process's).
    last: Mutex<HashMap<String, Source>>,
    /// This build's, until the document's Word file is made; then kept for
    /// the next build when `keep`.
    now: Mutex<HashMap<String, Source>>,
    keep: AtomicBool,
}

impl Parsed {
    /// With the sources a long-lived process kept from its last build.
    pub fn with_last(last: HashMap<String, Source>) -> Self {
        Self {
            last: Mutex::new(last),
            ..Self::default()
        }
    }

    /// Keeps this build's sources for the next: a long-lived process's build
    /// of a few documents (a large one would hold every source it parsed).
    pub fn keep(&self) {
        self.keep.store(true, Ordering::Relaxed);
    }

    /// The document `stem`'s source of `text`, parsed.
    pub fn source(&self, stem: &str, text: &str) -> Source {
        if let Some(source) = locked(&self.now).get(stem)
            && source.text() == text
        {
            return source.clone();
        }
        let last = locked(&self.last).remove(stem);
        let source = typeset::parse(text.to_string(), last);
        locked(&self.now).insert(stem.to_string(), source.clone());
        source
    }

    /// The document `stem` is made, Word file and all: its source is dropped
    /// unless kept for the next build.
    pub fn done(&self, stem: &str) {
        if !self.keep.load(Ordering::Relaxed) {
            locked(&self.now).remove(stem);
        }
    }

    /// What the next build starts from: this build's sources when kept.
    pub fn into_kept(self) -> HashMap<String, Source> {
        match self.keep.into_inner() {
            true => self.now.into_inner().unwrap_or_else(|e| e.into_inner()),
            false => HashMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Parsed;
    use crate::typeset;

    fn list(summary: &str) -> String {
        let rows: Vec<String> = (0..200)
            .map(|n| {
                format!(
                    "(number: \"{n}\", summary: \"{}\"),",
                    if n == 120 { summary } else { "Hoàn thành" }
                )
            })
            .collect();
        format!(
            "#import \"/lib/nd30.typ\": *\n#let rows = (\n{}\n)\n",
            rows.join("\n")
        )
    }

    #[test]
    fn an_edited_source_parses_as_a_fresh_one() {
        let first = typeset::parse(list("Tích cực"), None);
        let edited = typeset::parse(list("Tích cực #tham [gia] \"x\""), Some(first));
        let fresh = typeset::parse(list("Tích cực #tham [gia] \"x\""), None);
        assert_eq!(edited.text(), fresh.text());
        assert!(edited.root().spanless_eq(fresh.root()));
    }

    #[test]
    fn a_build_keeps_its_sources_only_when_told() {
        let parsed = Parsed::default();
        let a = parsed.source("a", &list("một"));
        // The Word file's compilation gets the PDF's parse.
        assert!(
            parsed
                .source("a", &list("một"))
                .root()
                .spanless_eq(a.root())
        );
        parsed.done("a");
        assert!(parsed.into_kept().is_empty());

        let parsed = Parsed::default();
        parsed.keep();
        parsed.source("a", &list("một"));
        parsed.done("a");
        let kept = parsed.into_kept();
        assert_eq!(kept["a"].text(), list("một"));

        // The next build edits the kept source.
        let next = Parsed::with_last(kept);
        let b = next.source("a", &list("hai"));
        assert_eq!(b.text(), list("hai"));
        assert!(
            b.root()
                .spanless_eq(typeset::parse(list("hai"), None).root())
        );
    }
}
