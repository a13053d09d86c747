//! A document's key: a hash of everything its output depends on. Equal keys
//! give byte-identical files, so an unchanged key means nothing to typeset.

use sha2::{Digest, Sha256};

use crate::jobs::{Document, Packet};
use crate::render::Templates;
use crate::typeset;

/// What every document depends on besides its own source: the tool's
/// version, the layout library and the fonts.
pub fn base_key(templates: &Templates) -> String {
    let mut h = Sha256::new();
    h.update(concat!("thidua ", env!("CARGO_PKG_VERSION"), "\0").as_bytes());
    let mut library: Vec<_> = templates.library().collect();
    library.sort_by(|a, b| a.0.cmp(b.0));
    for (name, file) in library {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(file.text.as_bytes());
        h.update([0]);
    }
    h.update(*FONTS);
    format!("{:x}", h.finalize())
}

/// The embedded fonts, hashed once per process: 1.5 MB, which a long-lived
/// process would otherwise hash again on every save.
static FONTS: std::sync::LazyLock<[u8; 32]> = std::sync::LazyLock::new(|| {
    let mut h = Sha256::new();
    for (name, bytes) in typeset::FONT_FILES {
        h.update(name.as_bytes());
        h.update(bytes);
    }
    h.finalize().into()
});

/// A document's key: the base, its stem and date, its generated source, its
/// list and whether it has a Word file.
pub fn document_key(base_key: &str, doc: &Document, source: &str, docx: bool) -> String {
    let mut h = Sha256::new();
    let word = if docx { "docx" } else { "" };
    for piece in [base_key, &doc.stem, &doc.date.to_string(), source, word] {
        h.update(piece.as_bytes());
        h.update([0]);
    }
    if let Some(list) = &doc.list {
        h.update(serde_json::to_vec(list).unwrap_or_default());
    }
    format!("{:x}", h.finalize())
}

/// A packet's key: the parts' keys and titles, in order, with its own title and date.
pub fn packet_key(base_key: &str, packet: &Packet, part_keys: &[&str]) -> String {
    let mut h = Sha256::new();
    for piece in [
        base_key,
        &packet.stem,
        &packet.title,
        &packet.date.to_string(),
    ] {
        h.update(piece.as_bytes());
        h.update([0]);
    }
    for (part, key) in packet.parts.iter().zip(part_keys) {
        h.update(part.title.as_bytes());
        h.update([0]);
        h.update(key.as_bytes());
        h.update([0]);
    }
    format!("{:x}", h.finalize())
}
