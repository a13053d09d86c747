//! A packet: already-built PDFs joined into one file, each part from its own
//! first page with a top-level bookmark. Parts are copied, not typeset again,
//! one part at a time and straight to the file: a packet of thousands of
//! reports costs the memory of one report. Given the packet's last file and
//! its [`Layout`], a part whose PDF is unchanged is copied from that file
//! instead of parsed again.

mod layout;
mod part;
mod scan;
#[cfg(test)]
mod tests;
mod writer;

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

pub use layout::Layout;
use layout::Placed;
use writer::PdfWriter;

use super::AtomicFile;

#[derive(Debug, thiserror::Error)]
pub enum PacketError {
    #[error("không đọc được tệp PDF thành phần {part}: {message}")]
    Part { part: String, message: String },
    #[error("không ghi được hồ sơ: {0}")]
    Write(String),
}

/// One document to join: its bookmark and its path.
pub struct Part {
    pub title: String,
    pub path: String,
}

/// The joined PDF as written: its page count, SHA-256, and where its parts
/// lie in it.
pub struct Joined {
    pub pages: usize,
    pub sha256: String,
    pub layout: Layout,
    /// Parts copied from the last file rather than parsed.
    pub copied: usize,
    /// Of those, parts copied whole, where they were (`Placed::after`).
    pub verbatim: usize,
}

/// The packet's last file, open, and where its parts lay in it.
pub struct Previous {
    pub file: File,
    pub layout: Layout,
}

/// A part's PDF parsed ahead, by the thread that wrote it, into the objects a
/// packet holds: joining then only moves their numbers, as for a part copied
/// from the last file.
pub struct Prepared {
    bytes: Vec<u8>,
    placed: Placed,
}

/// Numbers of prepared parts start here, above any packet's own objects.
const PREPARED_BASE: u32 = 1 << 30;

/// Prepares the part at `path`, whose PDF `pdf` hashes to `sha256`.
pub fn prepare(path: &str, sha256: &str, pdf: &[u8]) -> Result<Prepared, PacketError> {
    let part = Part {
        title: String::new(),
        path: path.to_string(),
    };
    let mut writer = PdfWriter::new(Vec::new())?;
    let placed = writer.copy_part(&part, sha256, pdf, PREPARED_BASE)?;
    Ok(Prepared {
        bytes: writer.into_inner(),
        placed,
    })
}

/// Fixed object numbers of the packet's own objects; parts follow.
const CATALOG: u32 = 1;
const PAGES: u32 = 2;
const OUTLINES: u32 = 3;
const INFO: u32 = 4;
const FIRST_ITEM: u32 = INFO + 1;

/// A packet being joined into its file, part after part as the parts are
/// built. The file holds the parts last first (the page tree keeps their
/// order): a packet opens with its summary documents, which most edits
/// change, and goes on with one report per nominee, which most edits leave
/// alone; so the bulk is written while the summaries are still typeset. No
/// clock is read: the bytes depend on the parts only, and with `previous`
/// (parts whose hash it holds are copied from it) they are the bytes a
/// join without it gives.
pub struct Joining {
    path: PathBuf,
    title: String,
    date: NaiveDate,
    parts: Vec<Part>,
    previous: Option<Previous>,
    writer: PdfWriter<AtomicFile>,
    /// How many parts are written, counted from the last.
    written: usize,
    next_id: u32,
    placed: Vec<Option<Placed>>,
    /// The parts of `previous`, by their PDF's hash.
    kept: HashMap<String, usize>,
    copied: usize,
    /// Everything written so far is the last file's own bytes, where they
    /// were: a part of it lying right after them can be copied whole.
    unchanged_so_far: bool,
    verbatim_parts: usize,
    /// The bytes of a part copied from `previous`, read in one piece.
    buffer: Vec<u8>,
}

impl Joining {
    /// Starts the packet's temporary file beside `path`; it is renamed onto
    /// `path` by [`Joining::finish`], and removed if the joining is dropped.
    pub fn start(
        path: &Path,
        title: &str,
        date: NaiveDate,
        parts: Vec<Part>,
        previous: Option<Previous>,
    ) -> Result<Self, PacketError> {
        let whole =
            |p: &Previous| (p.file.metadata()).is_ok_and(|m| m.len() == p.layout.len as u64);
        let previous = previous.filter(whole);
        Ok(Self {
            kept: previous
                .as_ref()
                .map(|p| p.layout.by_hash())
                .unwrap_or_default(),
            writer: PdfWriter::new(AtomicFile::create(path).map_err(write_error)?)?,
            path: path.to_path_buf(),
            title: title.to_string(),
            date,
            next_id: FIRST_ITEM + parts.len() as u32,
            placed: parts.iter().map(|_| None).collect(),
            parts,
            previous,
            written: 0,
            copied: 0,
            unchanged_so_far: true,
            verbatim_parts: 0,
            buffer: Vec::new(),
        })
    }

    /// Writes the next parts (from the last towards the first) as long as
    /// `built` holds their PDF's SHA-256 (by path); a part not copied from
    /// the last file is read by `read`. True once every part is written.
    pub fn advance(
        &mut self,
        built: &HashMap<String, String>,
        prepared: &HashMap<String, Prepared>,
        mut read: impl FnMut(&Part) -> Result<Vec<u8>, PacketError>,
    ) -> Result<bool, PacketError> {
        while self.written < self.parts.len() {
            let index = self.parts.len() - 1 - self.written;
            let part = &self.parts[index];
            let Some(sha256) = built.get(&part.path) else {
                return Ok(false);
            };
            let kept =
                (self.previous.as_ref()).and_then(|p| p.layout.parts.get(*self.kept.get(sha256)?));
            let verbatim = match (kept, &self.previous) {
                (Some(old), Some(previous))
                    if self.unchanged_so_far && old.base == self.next_id =>
                {
                    match self.writer.copy_verbatim(&previous.file, old) {
                        Ok(copied) => copied,
                        // Cut short since, say: written again without it.
                        Err(_) => {
                            self.restart()?;
                            continue;
                        }
                    }
                }
                _ => false,
            };
            let placed = match (kept, &self.previous) {
                (Some(old), _) if verbatim => {
                    self.copied += 1;
                    self.verbatim_parts += 1;
                    old.clone()
                }
                (Some(old), Some(previous)) => {
                    let copy = (self.writer).copy_from_file(
                        &previous.file,
                        old,
                        self.next_id,
                        &mut self.buffer,
                    )?;
                    match copy {
                        Some(placed) => {
                            self.copied += 1;
                            placed
                        }
                        None => {
                            self.restart()?;
                            continue;
                        }
                    }
                }
                _ => match prepared
                    .get(&part.path)
                    .filter(|p| p.placed.sha256 == *sha256)
                {
                    Some(ahead) => (self.writer)
                        .copy_placed(&ahead.bytes, 0, &ahead.placed, self.next_id)?
                        .ok_or_else(|| {
                            PacketError::Write(format!("không ghép được {}", part.path))
                        })?,
                    None => {
                        let pdf = read(part)?;
                        (self.writer).copy_part(part, sha256, &pdf, self.next_id)?
                    }
                },
            };
            // Bytes copied verbatim keep the file as it was up to here.
            self.unchanged_so_far &= verbatim;
            self.next_id = placed.base + placed.span;
            self.placed[index] = Some(Placed {
                after: Some(self.writer.resume()),
                ..placed
            });
            self.written += 1;
        }
        Ok(true)
    }

    /// The last file did not hold what its layout said: everything is
    /// written again without it.
    fn restart(&mut self) -> Result<(), PacketError> {
        self.previous = None;
        self.kept.clear();
        self.writer = PdfWriter::new(AtomicFile::create(&self.path).map_err(write_error)?)?;
        self.written = 0;
        self.next_id = FIRST_ITEM + self.parts.len() as u32;
        self.placed.iter_mut().for_each(|p| *p = None);
        self.copied = 0;
        self.unchanged_so_far = true;
        self.verbatim_parts = 0;
        Ok(())
    }

    /// Writes the page tree, bookmarks, information and catalog, and renames
    /// the file onto its path. Every part must be written.
    pub fn finish(mut self) -> Result<Joined, PacketError> {
        let mut kids: Vec<Object> = Vec::new();
        let mut bookmarks: Vec<(String, ObjectId)> = Vec::new();
        let mut layout = Layout::default();
        for (part, placed) in self.parts.iter().zip(std::mem::take(&mut self.placed)) {
            let placed = placed
                .ok_or_else(|| PacketError::Write(format!("thiếu phần {} của hồ sơ", part.path)))?;
            bookmarks.push((part.title.clone(), (placed.base + placed.first, 0)));
            kids.extend(
                placed
                    .pages
                    .iter()
                    .map(|p| Object::Reference((placed.base + p, 0))),
            );
            layout.parts.push(placed);
        }
        let page_count = kids.len();
        let mut tree = Dictionary::new();
        tree.set("Type", Object::Name(b"Pages".to_vec()));
        tree.set("Count", Object::Integer(page_count as i64));
        tree.set("Kids", Object::Array(kids));
        let writer = &mut self.writer;
        writer.write(PAGES, &Object::Dictionary(tree))?;
        writer.outline(FIRST_ITEM, &bookmarks)?;
        writer.info(&self.title, self.date)?;
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((PAGES, 0)));
        catalog.set("Outlines", Object::Reference((OUTLINES, 0)));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        writer.write(CATALOG, &Object::Dictionary(catalog))?;
        let written = self.writer.finish()?;
        written.out.commit().map_err(write_error)?;
        layout.len = written.len;
        Ok(Joined {
            pages: page_count,
            sha256: written.sha256,
            layout,
            copied: self.copied,
            verbatim: self.verbatim_parts,
        })
    }
}

impl<W: Write> PdfWriter<W> {
    /// Copies a part placed in the last file, numbered from `base` now; its
    /// bytes are read into `buffer` in one piece. `Ok(None)` when the file
    /// does not hold what the layout says.
    fn copy_from_file(
        &mut self,
        mut old: &File,
        placed: &Placed,
        base: u32,
        buffer: &mut Vec<u8>,
    ) -> Result<Option<Placed>, PacketError> {
        let Some(range) = placed.range() else {
            return Ok(None);
        };
        buffer.resize(range.len(), 0);
        let fetched =
            old.seek(SeekFrom::Start(range.start as u64)).is_ok() && old.read_exact(buffer).is_ok();
        if !fetched {
            return Ok(None);
        }
        self.copy_placed(buffer, range.start, placed, base)
    }

    /// Copies a placed part, whose bytes from `start` on are `bytes`,
    /// numbered from `base` now.
    fn copy_placed(
        &mut self,
        bytes: &[u8],
        start: usize,
        placed: &Placed,
        base: u32,
    ) -> Result<Option<Placed>, PacketError> {
        let mut objects = Vec::with_capacity(placed.objects.len());
        for object in &placed.objects {
            let at = object.at.checked_sub(start);
            let Some(bytes) = at.and_then(|at| bytes.get(at..at + object.len as usize)) else {
                return Ok(None);
            };
            match self.copy_object(bytes, object, placed.base, base)? {
                Some(copied) => objects.push(copied),
                None => return Ok(None),
            }
        }
        Ok(Some(Placed {
            sha256: placed.sha256.clone(),
            base,
            span: placed.span,
            first: placed.first,
            pages: placed.pages.clone(),
            objects,
            after: None,
        }))
    }

    /// One top-level bookmark per part, numbered from `first_item`.
    fn outline(
        &mut self,
        first_item: u32,
        bookmarks: &[(String, ObjectId)],
    ) -> Result<(), PacketError> {
        for (i, (title, page)) in bookmarks.iter().enumerate() {
            let id = first_item + i as u32;
            let mut item = Dictionary::new();
            item.set("Title", text_string(title));
            item.set("Parent", Object::Reference((OUTLINES, 0)));
            if i > 0 {
                item.set("Prev", Object::Reference((id - 1, 0)));
            }
            if i + 1 < bookmarks.len() {
                item.set("Next", Object::Reference((id + 1, 0)));
            }
            item.set(
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"Fit".to_vec()),
                ]),
            );
            self.write(id, &Object::Dictionary(item))?;
        }
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        if !bookmarks.is_empty() {
            outlines.set("First", Object::Reference((first_item, 0)));
            outlines.set(
                "Last",
                Object::Reference((first_item + bookmarks.len() as u32 - 1, 0)),
            );
        }
        outlines.set("Count", Object::Integer(bookmarks.len() as i64));
        self.write(OUTLINES, &Object::Dictionary(outlines))
    }

    /// The document information: title, producer, and the date as given.
    fn info(&mut self, title: &str, date: NaiveDate) -> Result<(), PacketError> {
        let mut info = Dictionary::new();
        info.set("Title", text_string(title));
        info.set(
            "Producer",
            text_string(&format!("thidua {}", env!("CARGO_PKG_VERSION"))),
        );
        info.set(
            "CreationDate",
            Object::String(
                format!("D:{}000000Z", date.format("%Y%m%d")).into_bytes(),
                StringFormat::Literal,
            ),
        );
        self.write(INFO, &Object::Dictionary(info))
    }
}

/// A PDF text string: UTF-16BE with its byte-order mark, so Vietnamese prints.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn write_error(e: std::io::Error) -> PacketError {
    PacketError::Write(e.to_string())
}
