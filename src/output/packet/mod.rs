//! A packet: already-built PDFs joined into one file, each part from its own
//! first page with a top-level bookmark. Parts are copied, not typeset again,
//! and one part at a time: a packet of thousands of reports costs the memory
//! of one report. Given the packet's last file and its [`Layout`], a part
//! whose PDF is unchanged is copied from that file instead of parsed again.

mod layout;
mod writer;

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

pub use layout::Layout;
use layout::Placed;
use writer::PdfWriter;

#[derive(Debug, thiserror::Error)]
pub enum PacketError {
    #[error("không đọc được tệp PDF thành phần {part}: {message}")]
    Part { part: String, message: String },
    #[error("không ghi được hồ sơ: {0}")]
    Write(String),
}

/// One document to join: its bookmark, its path (shown in errors) and its
/// PDF's SHA-256 (as the manifest lists it).
pub struct Part {
    pub title: String,
    pub path: String,
    pub sha256: String,
}

/// The joined PDF, its page count, and where its parts lie in it.
pub struct Joined {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub layout: Layout,
    /// Parts copied from the last file rather than parsed.
    pub copied: usize,
}

/// The packet's last file and where its parts lay in it.
pub struct Previous<'a> {
    pub pdf: &'a [u8],
    pub layout: &'a Layout,
}

/// Fixed object numbers of the packet's own objects; parts follow.
const CATALOG: u32 = 1;
const PAGES: u32 = 2;
const OUTLINES: u32 = 3;
const INFO: u32 = 4;

/// Joins `parts`, each part's PDF read by `read` when it is needed, into
/// one PDF titled `title` and dated `date` (no clock is read: the bytes depend
/// on the inputs only). With `previous`, parts whose hash it holds are copied
/// from it; the result is byte for byte the one a join without it gives.
pub fn join(
    title: &str,
    date: NaiveDate,
    parts: &[Part],
    mut read: impl FnMut(usize) -> Result<Vec<u8>, PacketError>,
    previous: Option<Previous>,
) -> Result<Joined, PacketError> {
    if let Some(previous) = previous.filter(|p| p.layout.len == p.pdf.len())
        && let Some(joined) = join_with(title, date, parts, &mut read, Some(previous))?
    {
        return Ok(joined);
    }
    join_with(title, date, parts, &mut read, None)?
        .ok_or_else(|| PacketError::Write("không ghép được hồ sơ".to_string()))
}

/// `None` when `previous` turned out not to hold what its layout says.
fn join_with(
    title: &str,
    date: NaiveDate,
    parts: &[Part],
    read: &mut impl FnMut(usize) -> Result<Vec<u8>, PacketError>,
    previous: Option<Previous>,
) -> Result<Option<Joined>, PacketError> {
    let first_item = INFO + 1;
    // About the last file's size: the bytes are not copied again as they grow.
    let mut writer = PdfWriter::with_capacity(
        previous
            .as_ref()
            .map_or(0, |p| p.pdf.len() + p.pdf.len() / 8),
    );
    let mut next_id = first_item + parts.len() as u32;
    let mut kids: Vec<Object> = Vec::new();
    let mut bookmarks: Vec<(String, ObjectId)> = Vec::new();
    let kept: HashMap<&str, &Placed> = previous
        .as_ref()
        .map(|p| p.layout.by_hash())
        .unwrap_or_default();
    let mut layout = Layout::default();
    let mut copied = 0;
    for (index, part) in parts.iter().enumerate() {
        let placed = match (kept.get(part.sha256.as_str()), &previous) {
            (Some(old), Some(previous)) => match writer.copy_placed(previous.pdf, old, next_id) {
                Some(placed) => {
                    copied += 1;
                    placed
                }
                None => return Ok(None),
            },
            _ => {
                let pdf = read(index)?;
                writer.copy_part(part, &pdf, next_id)?
            }
        };
        next_id = placed.base + placed.span;
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
    writer.write(PAGES, &Object::Dictionary(tree))?;
    writer.outline(first_item, &bookmarks)?;
    writer.info(title, date)?;
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference((PAGES, 0)));
    catalog.set("Outlines", Object::Reference((OUTLINES, 0)));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    writer.write(CATALOG, &Object::Dictionary(catalog))?;
    let pdf = writer.finish()?;
    layout.len = pdf.len();
    Ok(Some(Joined {
        pdf,
        pages: page_count,
        layout,
        copied,
    }))
}

impl PdfWriter {
    /// Copies a part's pages and what they need, numbered from `base`.
    fn copy_part(&mut self, part: &Part, pdf: &[u8], base: u32) -> Result<Placed, PacketError> {
        let unreadable = |message: String| PacketError::Part {
            part: part.path.clone(),
            message,
        };
        let mut doc = Document::load_mem(pdf).map_err(|e| unreadable(e.to_string()))?;
        doc.renumber_objects_with(base);
        let span = doc.max_id + 1 - base;
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let Some(&first) = pages.first() else {
            return Err(unreadable("không có trang nào".to_string()));
        };
        // What the pages need (content, fonts, images), and nothing of the
        // part's own catalog, page tree, outline, metadata or structure tree.
        let mut needed: BTreeSet<ObjectId> = BTreeSet::new();
        let mut stack: Vec<ObjectId> = pages.clone();
        while let Some(id) = stack.pop() {
            if !needed.insert(id) {
                continue;
            }
            if let Some(object) = doc.objects.get(&id) {
                references(object, pages.contains(&id), &mut stack);
            }
        }
        let mut objects = Vec::with_capacity(needed.len());
        for id in &needed {
            let Some(object) = doc.objects.get_mut(id) else {
                continue;
            };
            if pages.contains(id)
                && let Object::Dictionary(page) = object
            {
                page.set("Parent", Object::Reference((PAGES, 0)));
                page.remove(b"StructParents");
            }
            objects.push(self.write_part_object(id.0, object, base)?);
        }
        Ok(Placed {
            sha256: part.sha256.clone(),
            base,
            span,
            first: first.0 - base,
            pages: pages.iter().map(|p| p.0 - base).collect(),
            objects,
        })
    }

    /// Copies a part placed in the last file, numbered from `base` now.
    fn copy_placed(&mut self, old: &[u8], placed: &Placed, base: u32) -> Option<Placed> {
        let mut objects = Vec::with_capacity(placed.objects.len());
        for object in &placed.objects {
            objects.push(self.copy_object(old, object, placed.base, base)?);
        }
        Some(Placed {
            sha256: placed.sha256.clone(),
            base,
            span: placed.span,
            first: placed.first,
            pages: placed.pages.clone(),
            objects,
        })
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

/// Pushes the objects `object` refers to; a page's `/Parent` (its old page
/// tree) is not followed.
fn references(object: &Object, is_page: bool, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, false, out)),
        Object::Dictionary(dict) => {
            for (key, value) in dict.iter() {
                if is_page && key.as_slice() == b"Parent" {
                    continue;
                }
                references(value, false, out);
            }
        }
        Object::Stream(stream) => references(&Object::Dictionary(stream.dict.clone()), false, out),
        _ => {}
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
