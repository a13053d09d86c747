//! Where a packet's objects lie in its file, part by part. The next join of
//! the same packet copies an unchanged part's bytes from the last file,
//! renumbering them, instead of parsing its PDF again: in a province's
//! appraisal packet of 2,000 reports, one changed report costs one parse.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The packet's parts as placed in its file.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Layout {
    pub(super) parts: Vec<Placed>,
    /// The file's length: a file of another length is not the one described.
    pub(super) len: usize,
}

/// One part's objects in the packet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Placed {
    /// The part's PDF, hashed: its bytes in the packet stand while it is the same.
    pub sha256: String,
    /// Its first object number and how many numbers it takes.
    pub base: u32,
    pub span: u32,
    /// Its first page and all its pages, relative to `base`.
    pub first: u32,
    pub pages: Vec<u32>,
    pub objects: Vec<Object>,
    /// The file hashed up to the part's end, kept in memory by the process
    /// that wrote it (not on disk): the next join, finding the file unchanged
    /// up to there, copies that prefix whole in the kernel and hashes on.
    #[serde(skip)]
    pub after: Option<Resume>,
}

/// A file's length and its SHA-256 state after as many bytes.
#[derive(Clone)]
pub(super) struct Resume {
    pub len: usize,
    pub hasher: Sha256,
}

impl std::fmt::Debug for Resume {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resume").field("len", &self.len).finish()
    }
}

/// One object of a part: `N 0 obj … endobj` at `at`, `len` bytes long.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Object {
    pub number: u32,
    pub at: usize,
    pub len: u32,
    /// Where, from `at`, a number of one of the part's objects is written:
    /// the object's own (at 0) and each reference to another of the part's.
    pub numbers: Vec<u32>,
}

impl Layout {
    /// The index of each part of the last file by its PDF's hash.
    pub(super) fn by_hash(&self) -> HashMap<String, usize> {
        (self.parts.iter().enumerate())
            .map(|(i, p)| (p.sha256.clone(), i))
            .collect()
    }
}

impl Placed {
    /// Where the part's objects lie in the file: they are written one after
    /// another, so one read fetches them all.
    pub(super) fn range(&self) -> Option<std::ops::Range<usize>> {
        let start = self.objects.iter().map(|o| o.at).min()?;
        let end = self.objects.iter().map(|o| o.at + o.len as usize).max()?;
        Some(start..end)
    }
}

/// Copies `object` (its `bytes`, read from the last file) to the end of
/// `out`, its part moved from number `from` to `to`: each recorded number is
/// rewritten. Returns the copy's own record, placed at `out`'s old length;
/// `None` when the bytes are not what the record says (then nothing is kept
/// of the last file).
pub(super) fn copy_object(
    bytes: &[u8],
    object: &Object,
    from: u32,
    to: u32,
    out: &mut Vec<u8>,
) -> Option<Object> {
    if bytes.len() != object.len as usize {
        return None;
    }
    let at = out.len();
    let mut numbers = Vec::with_capacity(object.numbers.len());
    let mut cursor = 0;
    for &offset in &object.numbers {
        let offset = offset as usize;
        let tail = bytes.get(offset..)?;
        let digits = tail.iter().take_while(|b| b.is_ascii_digit()).count();
        let old_number: u32 = std::str::from_utf8(&tail[..digits]).ok()?.parse().ok()?;
        let number = old_number.checked_sub(from)?.checked_add(to)?;
        out.extend_from_slice(bytes.get(cursor..offset)?);
        numbers.push((out.len() - at) as u32);
        out.extend_from_slice(number.to_string().as_bytes());
        cursor = offset + digits;
    }
    out.extend_from_slice(bytes.get(cursor..)?);
    Some(Object {
        number: object.number.checked_sub(from)?.checked_add(to)?,
        at,
        len: (out.len() - at) as u32,
        numbers,
    })
}
