//! A part's PDF copied into a packet: its pages and what they need
//! (contents, fonts, images), nothing of its own catalog, page tree,
//! outline, metadata or structure tree. Read the short way (`scan`) when
//! it can be, every object's bytes as they are; else parsed whole by lopdf.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::ops::Range;

use lopdf::{Document, Object, ObjectId};

use super::layout::Placed;
use super::scan::{Body, Scanned};
use super::writer::{Change, PdfWriter};
use super::{PAGES, PacketError, Part};

impl<W: Write> PdfWriter<W> {
    /// Copies a part's pages and what they need, numbered from `base`.
    pub(super) fn copy_part(
        &mut self,
        part: &Part,
        sha256: &str,
        pdf: &[u8],
        base: u32,
    ) -> Result<Placed, PacketError> {
        match self.copy_scanned(sha256, pdf, base)? {
            Some(placed) => Ok(placed),
            None => self.copy_parsed(part, sha256, pdf, base),
        }
    }

    /// The same, read the short way; `Ok(None)`, nothing written, when the
    /// PDF is not one it reads.
    pub(super) fn copy_scanned(
        &mut self,
        sha256: &str,
        pdf: &[u8],
        base: u32,
    ) -> Result<Option<Placed>, PacketError> {
        let Some(plan) = Scanned::new(pdf).and_then(|scanned| Plan::of(&scanned, base)) else {
            return Ok(None);
        };
        let mut objects = Vec::with_capacity(plan.objects.len());
        for (number, (body, changes)) in &plan.objects {
            objects.push(self.write_body(base + number - 1, body.bytes, changes)?);
        }
        Ok(Some(Placed {
            sha256: sha256.to_string(),
            base,
            span: plan.span,
            first: plan.pages[0] - 1,
            pages: plan.pages.iter().map(|p| p - 1).collect(),
            objects,
            after: None,
        }))
    }

    /// The same, the whole PDF parsed.
    pub(super) fn copy_parsed(
        &mut self,
        part: &Part,
        sha256: &str,
        pdf: &[u8],
        base: u32,
    ) -> Result<Placed, PacketError> {
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
            sha256: sha256.to_string(),
            base,
            span,
            first: first.0 - base,
            pages: pages.iter().map(|p| p.0 - base).collect(),
            objects,
            after: None,
        })
    }
}

/// An object's body and the changes to make as it is copied (ranges of the
/// body, in order).
type Copied<'a> = (Body<'a>, Vec<(Range<usize>, Change)>);

/// What a part read the short way gives the packet: its pages, and the
/// objects they need (by their number in the part) with the changes to make
/// as each is copied. Made whole before anything is written, so that a part
/// it cannot read is parsed instead from a clean start.
struct Plan<'a> {
    pages: Vec<u32>,
    objects: BTreeMap<u32, Copied<'a>>,
    /// How many numbers the part takes: object `n` becomes `base + n - 1`.
    span: u32,
}

impl<'a> Plan<'a> {
    /// `None` when anything is not as expected: no page, an object missing
    /// or unreadable, a page without a parent.
    fn of(scanned: &Scanned<'a>, base: u32) -> Option<Self> {
        // The pages' bodies, read once already while finding them.
        let found = scanned.pages()?;
        let pages: Vec<u32> = found.iter().map(|(number, _)| *number).collect();
        let mut page_bodies: HashMap<u32, Body<'a>> = found.into_iter().collect();
        if pages.is_empty() {
            return None;
        }
        let span = scanned.max_number();
        let is_page: HashSet<u32> = pages.iter().copied().collect();
        let mut objects = BTreeMap::new();
        let mut stack = pages.clone();
        while let Some(number) = stack.pop() {
            if objects.contains_key(&number) {
                continue;
            }
            let body = match page_bodies.remove(&number) {
                Some(body) => body,
                None => scanned.object(number)?,
            };
            let mut changes = Vec::new();
            if is_page.contains(&number) {
                // A page's parent is the packet's page tree now, and the
                // part's structure tree (its `StructParents`) is left out.
                let (_, parent) = body.entry_span(b"Parent")?;
                changes.push((parent, Change::PageTree));
                if let Some((entry, _)) = body.entry_span(b"StructParents") {
                    changes.push((entry, Change::Drop));
                }
            }
            let edited: Vec<Range<usize>> = changes.iter().map(|(r, _)| r.clone()).collect();
            for reference in body.references() {
                if edited.iter().any(|r| r.contains(&reference.digits.start)) {
                    continue;
                }
                if reference.number == 0 || reference.number > span {
                    return None;
                }
                let renumbered = base.checked_add(reference.number - 1)?;
                stack.push(reference.number);
                changes.push((reference.digits, Change::Number(renumbered)));
            }
            changes.sort_by_key(|(range, _)| range.start);
            objects.insert(number, (body, changes));
        }
        base.checked_add(span)?;
        Some(Self {
            pages,
            objects,
            span,
        })
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
