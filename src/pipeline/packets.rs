//! Packets: a dossier joined from its parts' PDFs (copied, not typeset
//! again), written part by part as the parts are built, with `packet.json`
//! beside it listing each part. Only the manifest is read, so
//! `merge-manifests` joins the packets of a sharded build the same way.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::jobs::Packet;
use crate::output::packet::{Joining, Prepared};
use crate::output::{self, Attachment, IndexedPart, ManifestEntry, PacketIndex, PartRef};
use crate::source::Sources;

use super::errors::BuildError;
use super::layouts::Layouts;
use super::render::RenderedPacket;
use super::{pdf_path, write_if_changed};

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

/// What the packets' joins did.
#[derive(Debug, Default)]
pub struct Joins {
    /// Packets kept unchanged from the last build.
    pub kept: usize,
    /// Parts copied from packets' last files rather than parsed.
    pub copied: usize,
    /// Of those, parts copied whole with the unchanged head of their file.
    pub verbatim: usize,
}

/// A packet joined anew: its path, pages, SHA-256 and what was copied.
struct Made {
    path: String,
    pages: usize,
    sha256: String,
    copied: usize,
    verbatim: usize,
}

/// Joins every packet whose parts are all listed in `entries` (or keeps it
/// where `reused` has it unchanged) and lists it; the paths joined anew go
/// to `joined`.
pub fn join_all(
    root: &Path,
    sources: &Sources,
    packets: &[&RenderedPacket],
    reused: Vec<Option<ManifestEntry>>,
    entries: &mut Vec<ManifestEntry>,
    joined: &mut Vec<String>,
) -> Result<Joins, BuildError> {
    let mut joiner = Joiner::new(root, sources, packets, reused, None);
    // Packets are no one's parts: what is built now is all a packet may join.
    for entry in entries.iter() {
        joiner.record(&entry.path, &entry.sha256);
    }
    joiner.finish(entries, joined)
}

/// Joins packets as their parts are built: each one is written part after
/// part as they come (see [`output::packet::Joining`]), while the workers
/// typeset the rest.
pub struct Joiner<'a> {
    root: &'a Path,
    sources: &'a Sources,
    packets: Vec<&'a RenderedPacket>,
    reused: Vec<Option<ManifestEntry>>,
    /// Each built part's PDF hash, by path.
    built: HashMap<String, String>,
    /// Parts parsed ahead by the workers, by path.
    prepared: HashMap<String, Prepared>,
    /// For each part, the packets holding it.
    holding: HashMap<String, Vec<usize>>,
    /// The packets being written.
    joining: Vec<Option<Joining>>,
    /// Each packet joined.
    joined: Vec<Option<Made>>,
    layouts: Option<&'a mut Layouts>,
    /// The first failed join: the build stops with it once the workers end.
    error: Option<BuildError>,
    /// Time spent joining.
    pub time: Duration,
}

impl<'a> Joiner<'a> {
    /// With `layouts`, unchanged parts are copied from packets' last files
    /// (and the new files' layouts kept).
    pub fn new(
        root: &'a Path,
        sources: &'a Sources,
        packets: &[&'a RenderedPacket],
        reused: Vec<Option<ManifestEntry>>,
        layouts: Option<&'a mut Layouts>,
    ) -> Self {
        let mut holding: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, rendered) in packets.iter().enumerate() {
            for part in &rendered.packet.parts {
                holding.entry(pdf_path(&part.stem)).or_default().push(i);
            }
        }
        Self {
            root,
            sources,
            joining: packets.iter().map(|_| None).collect(),
            joined: packets.iter().map(|_| None).collect(),
            packets: packets.to_vec(),
            reused,
            built: HashMap::new(),
            prepared: HashMap::new(),
            holding,
            layouts,
            error: None,
            time: Duration::ZERO,
        }
    }

    /// Records a part as built, without writing anything yet.
    pub fn record(&mut self, path: &str, sha256: &str) {
        self.built.insert(path.to_string(), sha256.to_string());
    }

    /// Whether the document at `path` is a part of a packet to join.
    pub fn wants(&self, path: &str) -> bool {
        let joined = |&i: &usize| self.reused[i].is_none();
        self.holding.get(path).is_some_and(|p| p.iter().any(joined))
    }

    /// Writes what the parts recorded so far allow, in every packet.
    pub fn start(&mut self) {
        for i in 0..self.packets.len() {
            self.advance(i);
        }
    }

    /// Records a part as built (and parsed ahead, when it was) and writes on
    /// every packet holding it.
    pub fn built(&mut self, path: &str, sha256: &str, prepared: Option<Prepared>) {
        self.record(path, sha256);
        if let Some(prepared) = prepared {
            self.prepared.insert(path.to_string(), prepared);
        }
        let holding = self.holding.get(path).cloned().unwrap_or_default();
        for i in holding {
            self.advance(i);
        }
    }

    fn advance(&mut self, i: usize) {
        if self.error.is_some() || self.joined[i].is_some() || self.reused[i].is_some() {
            return;
        }
        let started = Instant::now();
        if let Err(e) = self.try_advance(i) {
            self.joining[i] = None;
            self.error = Some(e);
        }
        self.time += started.elapsed();
    }

    /// Starts the packet once its last part is built (nothing is written
    /// before), writes what is built, and finishes it once all is.
    fn try_advance(&mut self, i: usize) -> Result<(), BuildError> {
        let packet = &self.packets[i].packet;
        let path = pdf_path(&packet.stem);
        let full = self.root.join(&path);
        let failed = |e: output::packet::PacketError| BuildError::Write {
            path: full.clone(),
            source: std::io::Error::other(e.to_string()),
        };
        if self.joining[i].is_none() {
            let last = packet.parts.last().map(|p| pdf_path(&p.stem));
            if !last.is_some_and(|last| self.built.contains_key(&last)) {
                return Ok(());
            }
            let parts = (packet.parts.iter())
                .map(|p| output::packet::Part {
                    title: p.title.clone(),
                    path: pdf_path(&p.stem),
                })
                .collect();
            let previous = (self.layouts.as_deref_mut()).and_then(|l| l.take(self.root, &path));
            let joining = Joining::start(&full, &packet.title, packet.date, parts, previous);
            self.joining[i] = Some(joining.map_err(failed)?);
        }
        let Some(joining) = self.joining[i].as_mut() else {
            return Ok(());
        };
        let root = self.root;
        let read = |part: &output::packet::Part| {
            std::fs::read(root.join(&part.path)).map_err(|e| output::packet::PacketError::Part {
                part: part.path.clone(),
                message: e.to_string(),
            })
        };
        if !joining
            .advance(&self.built, &self.prepared, read)
            .map_err(failed)?
        {
            return Ok(());
        }
        let Some(joining) = self.joining[i].take() else {
            return Ok(());
        };
        let joined = joining.finish().map_err(failed)?;
        if let Some(layouts) = self.layouts.as_deref_mut() {
            layouts.keep(self.root, &path, joined.layout);
        }
        self.joined[i] = Some(Made {
            path,
            pages: joined.pages,
            sha256: joined.sha256,
            copied: joined.copied,
            verbatim: joined.verbatim,
        });
        Ok(())
    }

    /// Joins what is complete and not joined yet, and lists every packet
    /// kept or joined in `entries` (in the packets' order), the paths joined
    /// anew in `joined`; a packet with a part not built is not written.
    pub fn finish(
        mut self,
        entries: &mut Vec<ManifestEntry>,
        joined: &mut Vec<String>,
    ) -> Result<Joins, BuildError> {
        self.start();
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut joins = Joins::default();
        for ((rendered, reused), made) in self.packets.iter().zip(self.reused).zip(self.joined) {
            let packet = &rendered.packet;
            let inputs: Vec<String> = packet
                .inputs
                .iter()
                .map(|f| self.sources.name(*f).to_string())
                .collect();
            let entry = match (reused, made) {
                (Some(entry), _) => {
                    joins.kept += 1;
                    ManifestEntry {
                        title: packet.title.clone(),
                        inputs,
                        parts: part_refs(packet),
                        ..entry
                    }
                }
                (None, Some(made)) => {
                    joins.copied += made.copied;
                    joins.verbatim += made.verbatim;
                    joined.push(made.path.clone());
                    ManifestEntry {
                        path: made.path,
                        kind: crate::jobs::DocKind::Packet.to_string(),
                        unit: packet.unit.clone(),
                        title: packet.title.clone(),
                        pages: made.pages,
                        sha256: made.sha256,
                        inputs,
                        attachments: vec![],
                        docx: None,
                        key: rendered.key.clone(),
                        parts: part_refs(packet),
                    }
                }
                (None, None) => continue,
            };
            entries.push(entry);
            archive(self.root, packet, entries)?;
        }
        Ok(joins)
    }
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
