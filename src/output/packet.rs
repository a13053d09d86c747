//! A packet: already-built PDFs joined into one file, each part from its own
//! first page with a top-level bookmark. Parts are copied, not typeset again,
//! and one part at a time: a packet of thousands of reports costs the memory
//! of one report.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use chrono::NaiveDate;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat, Writer};

#[derive(Debug, thiserror::Error)]
pub enum PacketError {
    #[error("không đọc được tệp PDF thành phần {part}: {message}")]
    Part { part: String, message: String },
    #[error("không ghi được hồ sơ: {0}")]
    Write(String),
}

/// One document to join: its bookmark and its PDF.
pub struct Part {
    pub title: String,
    /// Shown in errors: the part's path.
    pub path: String,
    pub pdf: Vec<u8>,
}

/// The joined PDF and its page count.
pub struct Joined {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Fixed object numbers of the packet's own objects; parts follow.
const CATALOG: u32 = 1;
const PAGES: u32 = 2;
const OUTLINES: u32 = 3;
const INFO: u32 = 4;

/// Joins `parts`, read one by one from `next`, into one PDF titled `title`
/// and dated `date` (no clock is read: the bytes depend on the inputs only).
pub fn join(
    title: &str,
    date: NaiveDate,
    count: usize,
    mut next: impl FnMut(usize) -> Result<Part, PacketError>,
) -> Result<Joined, PacketError> {
    let first_item = INFO + 1;
    let mut writer = PdfWriter::new();
    let mut next_id = first_item + count as u32;
    let mut kids: Vec<Object> = Vec::new();
    let mut bookmarks: Vec<(String, ObjectId)> = Vec::new();
    for index in 0..count {
        let part = next(index)?;
        let (first, pages) = writer.copy_part(&part, &mut next_id)?;
        bookmarks.push((part.title, first));
        kids.extend(pages.into_iter().map(Object::Reference));
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
    Ok(Joined {
        pdf: writer.finish()?,
        pages: page_count,
    })
}

/// A PDF written object by object, with each object's offset for the
/// cross-reference table.
struct PdfWriter {
    out: Vec<u8>,
    offsets: BTreeMap<u32, usize>,
}

impl PdfWriter {
    fn new() -> Self {
        Self {
            out: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            offsets: BTreeMap::new(),
        }
    }

    fn write(&mut self, id: u32, object: &Object) -> Result<(), PacketError> {
        self.offsets.insert(id, self.out.len());
        let mut bytes = format!("{id} 0 obj").into_bytes();
        if Writer::need_separator(object) {
            bytes.push(b' ');
        } else {
            bytes.push(b'\n');
        }
        self.out.extend_from_slice(&bytes);
        Writer::write_object(&mut self.out, object)
            .map_err(|e| PacketError::Write(e.to_string()))?;
        self.out.extend_from_slice(b"\nendobj\n");
        Ok(())
    }

    /// Copies a part's pages and what they need, numbered from `next_id`;
    /// returns its first page and all its pages.
    fn copy_part(
        &mut self,
        part: &Part,
        next_id: &mut u32,
    ) -> Result<(ObjectId, Vec<ObjectId>), PacketError> {
        let mut doc = Document::load_mem(&part.pdf).map_err(|e| PacketError::Part {
            part: part.path.clone(),
            message: e.to_string(),
        })?;
        doc.renumber_objects_with(*next_id);
        *next_id = doc.max_id + 1;
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let Some(&first) = pages.first() else {
            return Err(PacketError::Part {
                part: part.path.clone(),
                message: "không có trang nào".to_string(),
            });
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
        for id in &needed {
            let Some(object) = doc.objects.get_mut(id) else {
                continue;
            };
            if pages.contains(id) {
                if let Object::Dictionary(page) = object {
                    page.set("Parent", Object::Reference((PAGES, 0)));
                    page.remove(b"StructParents");
                }
            }
            self.write(id.0, object)?;
        }
        Ok((first, pages))
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

    /// A classic cross-reference table (one section per run of numbers) and
    /// the trailer.
    fn finish(mut self) -> Result<Vec<u8>, PacketError> {
        let xref_at = self.out.len();
        let size = self.offsets.keys().last().map_or(1, |last| last + 1);
        let mut xref = "xref\n0 1\n0000000000 65535 f \n".to_string();
        let ids: Vec<u32> = self.offsets.keys().copied().collect();
        let mut run_start = 0;
        while run_start < ids.len() {
            let mut run_end = run_start;
            while run_end + 1 < ids.len() && ids[run_end + 1] == ids[run_end] + 1 {
                run_end += 1;
            }
            xref.push_str(&format!("{} {}\n", ids[run_start], run_end - run_start + 1));
            for id in &ids[run_start..=run_end] {
                xref.push_str(&format!("{:010} 00000 n \n", self.offsets[id]));
            }
            run_start = run_end + 1;
        }
        self.out
            .write_all(xref.as_bytes())
            .map_err(|e| PacketError::Write(e.to_string()))?;
        let trailer = format!(
            "trailer\n<< /Size {size} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
        );
        self.out.extend_from_slice(trailer.as_bytes());
        Ok(self.out)
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
