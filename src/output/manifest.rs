//! `output/manifest.json` and `packet.json`: what a build wrote, for the
//! scripts and people who read it (a contract: `../shared/spec/interfaces.md`).

use std::path::Path;

use serde::{Deserialize, Serialize};

/// `output/manifest.json`: what the build wrote. A contract for scripts
/// (`../shared/spec/interfaces.md`): keys are added, never renamed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub generator: String,
    pub documents: Vec<ManifestEntry>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
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
    /// The document's Word file, written beside its PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docx: Option<Attachment>,
    /// A hash of everything the document depends on; equal keys, equal files.
    #[serde(default)]
    pub key: String,
    /// For a packet: its parts in order, from which `packet.json` is written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<PartRef>,
}

impl ManifestEntry {
    /// Every file written beside the PDF: attachments and the Word file.
    pub fn side_files(&self) -> impl Iterator<Item = &Attachment> {
        self.attachments.iter().chain(&self.docx)
    }
}

/// A part of a packet as the manifest records it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PartRef {
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
    pub parts: Vec<IndexedPart>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IndexedPart {
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
