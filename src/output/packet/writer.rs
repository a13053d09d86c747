//! Writing a packet object by object to its file, hashing as it goes, with
//! each object's offset for the cross-reference table. A part's objects are
//! written recording where each of their numbers lands, so that the next
//! join can move them (`layout`). Containers are written here, in lopdf's
//! compact layout; every other object by lopdf itself.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write;
use std::ops::Range;

use lopdf::{Dictionary, Object, Writer};
use sha2::{Digest, Sha256};

use super::layout::{self, Placed};
use super::{CATALOG, INFO, PAGES, PacketError, write_error};
use crate::output::AtomicFile;

pub(super) struct PdfWriter<W: Write> {
    out: W,
    /// The bytes written so far, hashed as they go (the packet is never whole
    /// in memory), and their count.
    hasher: Sha256,
    len: usize,
    /// The object being written, before it goes to `out`.
    scratch: Vec<u8>,
    offsets: BTreeMap<u32, usize>,
}

/// A change to a part's object as it is copied.
pub(super) enum Change {
    /// A reference to another of the part's objects, numbered so now.
    Number(u32),
    /// A page's parent: the packet's page tree.
    PageTree,
    /// Left out.
    Drop,
}

/// What was written: its length and its SHA-256 (hex).
pub(super) struct Written<W> {
    pub out: W,
    pub len: usize,
    pub sha256: String,
}

impl<W: Write> PdfWriter<W> {
    pub(super) fn new(out: W) -> Result<Self, PacketError> {
        let mut writer = Self {
            out,
            hasher: Sha256::new(),
            len: 0,
            scratch: Vec::new(),
            offsets: BTreeMap::new(),
        };
        writer
            .scratch
            .extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
        writer.emit()?;
        Ok(writer)
    }

    /// Sends `scratch` to the output.
    fn emit(&mut self) -> Result<(), PacketError> {
        self.out.write_all(&self.scratch).map_err(write_error)?;
        self.hasher.update(&self.scratch);
        self.len += self.scratch.len();
        self.scratch.clear();
        Ok(())
    }

    /// Copies an object of the last file (`bytes`, all of it), its part moved
    /// from number `from` to `to` (`layout::copy_object`); `Ok(None)` when it
    /// is not as recorded.
    pub(super) fn copy_object(
        &mut self,
        bytes: &[u8],
        object: &layout::Object,
        from: u32,
        to: u32,
    ) -> Result<Option<layout::Object>, PacketError> {
        let Some(mut copied) = layout::copy_object(bytes, object, from, to, &mut self.scratch)
        else {
            self.scratch.clear();
            return Ok(None);
        };
        copied.at = self.len;
        self.offsets.insert(copied.number, copied.at);
        self.emit()?;
        Ok(Some(copied))
    }

    /// Writes one of the packet's own objects.
    pub(super) fn write(&mut self, id: u32, object: &Object) -> Result<(), PacketError> {
        self.write_recorded(id, object, u32::MAX).map(|_| ())
    }

    /// Writes a part's object, recording where its own number and each
    /// reference to another object of the part (numbered from `base`) land.
    pub(super) fn write_part_object(
        &mut self,
        id: u32,
        object: &Object,
        base: u32,
    ) -> Result<layout::Object, PacketError> {
        self.write_recorded(id, object, base)
    }

    /// Writes a part's object `id` from its body's bytes as they are, but
    /// for `changes` (ranges of the body, in order, not overlapping),
    /// recording where its number and each renumbered reference land.
    pub(super) fn write_body(
        &mut self,
        id: u32,
        body: &[u8],
        changes: &[(Range<usize>, Change)],
    ) -> Result<layout::Object, PacketError> {
        let at = self.len;
        self.offsets.insert(id, at);
        let mut numbers = vec![0];
        writeln!(self.scratch, "{id} 0 obj").map_err(write_error)?;
        let mut cursor = 0;
        for (range, change) in changes {
            let before = body.get(cursor..range.start).ok_or_else(|| {
                PacketError::Write(format!("đối tượng {id}: sửa đổi chồng lên nhau"))
            })?;
            self.scratch.extend_from_slice(before);
            match change {
                Change::Number(number) => {
                    numbers.push(self.scratch.len() as u32);
                    write!(self.scratch, "{number}").map_err(write_error)?;
                }
                Change::PageTree => write!(self.scratch, "{PAGES} 0 R").map_err(write_error)?,
                Change::Drop => {}
            }
            cursor = range.end;
        }
        self.scratch
            .extend_from_slice(body.get(cursor..).unwrap_or_default());
        self.end_object(id, at, numbers)
    }

    /// Closes the object `id` in `scratch`, begun at `at`, and writes it.
    fn end_object(
        &mut self,
        id: u32,
        at: usize,
        numbers: Vec<u32>,
    ) -> Result<layout::Object, PacketError> {
        self.scratch.extend_from_slice(b"\nendobj\n");
        let len = self.scratch.len() as u32;
        self.emit()?;
        Ok(layout::Object {
            number: id,
            at,
            len,
            numbers,
        })
    }

    fn write_recorded(
        &mut self,
        id: u32,
        object: &Object,
        base: u32,
    ) -> Result<layout::Object, PacketError> {
        let at = self.len;
        self.offsets.insert(id, at);
        let mut body = Body {
            out: &mut self.scratch,
            base,
            numbers: vec![0],
        };
        write!(body.out, "{id} 0 obj").map_err(write_error)?;
        body.out.push(if Writer::need_separator(object) {
            b' '
        } else {
            b'\n'
        });
        body.object(object)?;
        let numbers = body.numbers;
        self.end_object(id, at, numbers)
    }

    /// The file hashed so far, for the next join to resume from.
    pub(super) fn resume(&self) -> layout::Resume {
        layout::Resume {
            len: self.len,
            hasher: self.hasher.clone(),
        }
    }

    /// The bytes written, for a writer into memory (no table, no trailer).
    pub(super) fn into_inner(self) -> W {
        self.out
    }

    /// A classic cross-reference table (one section per run of numbers) and
    /// the trailer.
    pub(super) fn finish(mut self) -> Result<Written<W>, PacketError> {
        let xref_at = self.len;
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
        self.scratch.extend_from_slice(xref.as_bytes());
        let trailer = format!(
            "trailer\n<< /Size {size} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"
        );
        self.scratch.extend_from_slice(trailer.as_bytes());
        self.emit()?;
        Ok(Written {
            out: self.out,
            len: self.len,
            sha256: crate::output::hex(&self.hasher.finalize()),
        })
    }
}

/// An object being written, and where the part's numbers land in it.
struct Body<'a> {
    /// The object's bytes so far, from its start.
    out: &'a mut Vec<u8>,
    /// References to numbers from here on are the part's own.
    base: u32,
    numbers: Vec<u32>,
}

impl Body<'_> {
    /// The same bytes as `lopdf::Writer::write_object`.
    fn object(&mut self, object: &Object) -> Result<(), PacketError> {
        match object {
            Object::Reference((id, generation)) => {
                if *id >= self.base {
                    self.numbers.push(self.out.len() as u32);
                }
                write!(self.out, "{id} {generation} R").map_err(write_error)
            }
            Object::Array(items) => {
                self.out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 && Writer::need_separator(item) {
                        self.out.push(b' ');
                    }
                    self.object(item)?;
                }
                self.out.push(b']');
                Ok(())
            }
            Object::Dictionary(dict) => self.dictionary(dict),
            Object::Stream(stream) => {
                self.dictionary(&stream.dict)?;
                self.out.extend_from_slice(b"stream\n");
                self.out.extend_from_slice(&stream.content);
                self.out.extend_from_slice(b"\nendstream");
                Ok(())
            }
            leaf => Writer::write_object(self.out, leaf).map_err(write_error),
        }
    }

    fn dictionary(&mut self, dict: &Dictionary) -> Result<(), PacketError> {
        self.out.extend_from_slice(b"<<");
        for (key, value) in dict.iter() {
            name(self.out, key);
            if Writer::need_separator(value) {
                self.out.push(b' ');
            }
            self.object(value)?;
        }
        self.out.extend_from_slice(b">>");
        Ok(())
    }
}

/// A name, its delimiters, white space and bytes outside `!`..`~` written
/// as `#XX` (PDF 32000-1, 7.3.5).
fn name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(33..=126).contains(&byte) {
            out.extend_from_slice(format!("#{byte:02X}").as_bytes());
        } else {
            out.push(byte);
        }
    }
}

impl PdfWriter<AtomicFile> {
    /// Copies `old`, a part of the last file `from` whose bytes up to its
    /// start are the ones written so far, byte for byte (same numbers, same
    /// offsets) without reading it: the kernel copies, and hashing resumes
    /// from the state `old.after` kept. False, with nothing written, when it
    /// does not lie right here or no state was kept.
    pub(super) fn copy_verbatim(&mut self, from: &File, old: &Placed) -> Result<bool, PacketError> {
        let (Some(range), Some(after)) = (old.range(), old.after.as_ref()) else {
            return Ok(false);
        };
        if range.start != self.len || after.len != range.end || !self.scratch.is_empty() {
            return Ok(false);
        }
        self.out.copy_range(from, range).map_err(write_error)?;
        self.len = after.len;
        self.hasher = after.hasher.clone();
        (self.offsets).extend(old.objects.iter().map(|o| (o.number, o.at)));
        Ok(true)
    }
}
