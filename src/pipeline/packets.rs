//! Packets: a dossier joined from its parts' PDFs (copied, not typeset
//! again), once every part is built, with `packet.json` beside it listing
//! each part. Only the manifest is read, so `merge-manifests` joins the
//! packets of a sharded build the same way.

use std::collections::HashMap;
use std::path::Path;

use crate::jobs::Packet;
use crate::output::{self, Attachment, IndexedPart, ManifestEntry, PacketIndex, PartRef};
use crate::source::Sources;

use super::errors::BuildError;
use super::render::RenderedPacket;
use super::warm::Layouts;
use super::{pdf_path, write, write_if_changed};

/// The parts recorded in a packet's manifest entry.
pub fn part_refs(packet: &Packet) -> Vec<PartRef> {
    packet
        .parts
        .iter()
        .map(|p| PartRef {
            title: p.title.clone(),
            kind: p.kind.to_string(),
            path: pdf_path(&p.stem),
        })
        .collect()
}

/// Joins every packet whose parts are all listed in `entries` (or keeps it
/// where `reused` has it unchanged) and lists it. Returns how many were
/// reused and how many parts were copied from packets' last files; the
/// paths joined anew go to `joined`.
pub fn join_all(
    root: &Path,
    sources: &Sources,
    packets: &[&RenderedPacket],
    reused: Vec<Option<ManifestEntry>>,
    entries: &mut Vec<ManifestEntry>,
    joined: &mut Vec<String>,
    mut layouts: Option<&mut Layouts>,
) -> Result<(usize, usize), BuildError> {
    let (mut count, mut copied) = (0, 0);
    // Packets are no one's parts: what is built now is all a packet may join.
    let built: HashMap<String, String> = entries
        .iter()
        .map(|e| (e.path.clone(), e.sha256.clone()))
        .collect();
    for (rendered, reused_entry) in packets.iter().zip(reused) {
        let packet = &rendered.packet;
        let inputs: Vec<String> = packet
            .inputs
            .iter()
            .map(|f| sources.name(*f).to_string())
            .collect();
        if let Some(entry) = reused_entry {
            count += 1;
            entries.push(ManifestEntry {
                title: packet.title.clone(),
                inputs,
                parts: part_refs(packet),
                ..entry
            });
            archive(root, packet, entries)?;
            continue;
        }
        if let Some((path, pages, sha256, parts)) =
            join(root, packet, &built, layouts.as_deref_mut())?
        {
            copied += parts;
            joined.push(path.clone());
            entries.push(ManifestEntry {
                path,
                kind: crate::jobs::DocKind::Packet.to_string(),
                unit: packet.unit.clone(),
                title: packet.title.clone(),
                pages,
                sha256,
                inputs,
                attachments: vec![],
                docx: None,
                key: rendered.key.clone(),
                parts: part_refs(packet),
            });
            archive(root, packet, entries)?;
        }
    }
    Ok((count, copied))
}

/// Writes `ho-so.zip` beside a national submission's packet (the last of
/// `entries`): every part's PDF and Word file, in order.
fn archive(root: &Path, packet: &Packet, entries: &mut [ManifestEntry]) -> Result<(), BuildError> {
    if !packet.archive {
        return Ok(());
    }
    let by_path: HashMap<&str, &ManifestEntry> =
        entries.iter().map(|e| (e.path.as_str(), e)).collect();
    let mut files = Vec::new();
    for (i, part) in packet.parts.iter().enumerate() {
        let name = output::dossier::part_name(i + 1, &part.stem);
        let pdf = pdf_path(&part.stem);
        let docx = by_path.get(pdf.as_str()).and_then(|e| e.docx.as_ref());
        let own = [(pdf.clone(), "pdf")]
            .into_iter()
            .chain(docx.map(|d| (d.path.clone(), "docx")));
        for (path, ext) in own {
            let bytes = std::fs::read(root.join(&path)).map_err(|source| BuildError::Write {
                path: root.join(&path),
                source,
            })?;
            files.push((format!("{name}.{ext}"), bytes));
        }
    }
    let zip = output::dossier::archive(&files).map_err(|e| BuildError::Write {
        path: root.join(pdf_path(&packet.stem)),
        source: std::io::Error::other(e.to_string()),
    })?;
    let rel = pdf_path(&packet.stem).replace("packet.pdf", "ho-so.zip");
    write_if_changed(&root.join(&rel), &zip)?;
    if let Some(entry) = entries.last_mut() {
        entry.attachments.push(Attachment {
            path: rel,
            sha256: output::sha256_hex(&zip),
        });
    }
    Ok(())
}

/// Joins a packet from its parts' files; `None` when a part was not built.
/// With `layouts`, unchanged parts are copied from the packet's last file.
/// Returns the packet's path, pages, SHA-256 and parts copied.
fn join(
    root: &Path,
    packet: &Packet,
    built: &HashMap<String, String>,
    layouts: Option<&mut Layouts>,
) -> Result<Option<(String, usize, String, usize)>, BuildError> {
    let parts: Option<Vec<output::packet::Part>> = packet
        .parts
        .iter()
        .map(|p| {
            let path = pdf_path(&p.stem);
            let sha256 = built.get(&path)?.clone();
            Some(output::packet::Part {
                title: p.title.clone(),
                path,
                sha256,
            })
        })
        .collect();
    let Some(parts) = parts else {
        return Ok(None);
    };
    let path = pdf_path(&packet.stem);
    let last = layouts.as_deref().and_then(|l| l.last(root, &path));
    let previous = last
        .as_ref()
        .map(|(pdf, layout)| output::packet::Previous { pdf, layout });
    let read = |i: usize| {
        let part: &output::packet::Part = &parts[i];
        std::fs::read(root.join(&part.path)).map_err(|e| output::packet::PacketError::Part {
            part: part.path.clone(),
            message: e.to_string(),
        })
    };
    let joined = output::packet::join(&packet.title, packet.date, &parts, read, previous);
    let joined = joined.map_err(|e| BuildError::Write {
        path: root.join(&path),
        source: std::io::Error::other(e.to_string()),
    })?;
    write(&root.join(&path), &joined.pdf)?;
    if let Some(layouts) = layouts {
        layouts.keep(root, &path, joined.layout);
    }
    let sha256 = output::sha256_hex(&joined.pdf);
    Ok(Some((path, joined.pages, sha256, joined.copied)))
}

/// Writes `packet.json` beside every packet whose parts are all listed, and
/// records it as the packet's attachment.
pub fn attach_indexes(root: &Path, entries: &mut [ManifestEntry]) -> Result<(), BuildError> {
    let by_path: HashMap<String, (String, usize)> = entries
        .iter()
        .map(|e| (e.path.clone(), (e.sha256.clone(), e.pages)))
        .collect();
    for entry in entries.iter_mut().filter(|e| !e.parts.is_empty()) {
        entry.attachments.retain(|a| !a.path.ends_with(".json"));
        let mut parts = Vec::new();
        let mut first_page = 1;
        for part in &entry.parts {
            let Some((sha256, pages)) = by_path.get(&part.path) else {
                break;
            };
            parts.push(IndexedPart {
                title: part.title.clone(),
                kind: part.kind.clone(),
                path: part.path.clone(),
                sha256: sha256.clone(),
                pages: *pages,
                first_page,
            });
            first_page += pages;
        }
        if parts.len() != entry.parts.len() {
            continue;
        }
        let index = PacketIndex {
            packet: entry.path.clone(),
            title: entry.title.clone(),
            sha256: entry.sha256.clone(),
            pages: entry.pages,
            parts,
        };
        let mut json = serde_json::to_string_pretty(&index).unwrap_or_default();
        json.push('\n');
        let rel = entry.path.replace(".pdf", ".json");
        write_if_changed(&root.join(&rel), json.as_bytes())?;
        entry.attachments.push(Attachment {
            sha256: output::sha256_hex(json.as_bytes()),
            path: rel,
        });
    }
    Ok(())
}
