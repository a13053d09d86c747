//! What a long-lived process (`watch`) keeps of each input file between
//! builds: its bytes and what reading and parsing them gave. A file whose
//! bytes are unchanged is not normalised or parsed again; its diagnostics are
//! given again, pointing at its new place among the sources.

use std::collections::{HashMap, HashSet};

use super::kinds::Parsed;
use crate::diag::Diagnostic;
use crate::source::FileId;

/// By the name a file has among the sources (`inputs/units/x.yaml`).
#[derive(Default)]
pub struct Cache {
    files: HashMap<String, Entry>,
    /// The files read by the build under way: the others are forgotten at its end.
    seen: HashSet<String>,
    /// The files this build found as the last one left them.
    unchanged: HashSet<String>,
}

struct Entry {
    bytes: Vec<u8>,
    /// The NFC text, as the sources hold it.
    text: String,
    parsed: Parsed,
    /// All of them in this one file.
    diagnostics: Vec<Diagnostic>,
}

/// What the cache gives back for an unchanged file.
pub(super) struct Hit {
    pub text: String,
    pub parsed: Parsed,
    pub diagnostics: Vec<Diagnostic>,
}

impl Cache {
    /// Whether the last build read this file with the same bytes.
    pub fn unchanged(&self, name: &str) -> bool {
        self.unchanged.contains(name)
    }

    /// Starts a build.
    pub(super) fn begin(&mut self) {
        self.seen.clear();
        self.unchanged.clear();
    }

    /// The file's last result, when its bytes are the same.
    pub(super) fn get(&mut self, name: &str, bytes: &[u8], file: FileId) -> Option<Hit> {
        self.seen.insert(name.to_string());
        let entry = self.files.get(name).filter(|e| e.bytes == bytes)?;
        self.unchanged.insert(name.to_string());
        let diagnostics = entry
            .diagnostics
            .iter()
            .cloned()
            .map(|mut d| {
                d.file = Some(file);
                d
            })
            .collect();
        Some(Hit {
            text: entry.text.clone(),
            parsed: entry.parsed.clone(),
            diagnostics,
        })
    }

    pub(super) fn put(
        &mut self,
        name: &str,
        bytes: Vec<u8>,
        text: &str,
        parsed: &Parsed,
        diagnostics: &[Diagnostic],
    ) {
        let entry = Entry {
            bytes,
            text: text.to_string(),
            parsed: parsed.clone(),
            diagnostics: diagnostics.to_vec(),
        };
        self.files.insert(name.to_string(), entry);
    }

    /// Forgets the files this build did not read (deleted or renamed).
    pub(super) fn sweep(&mut self) {
        self.files.retain(|name, _| self.seen.contains(name));
    }
}
