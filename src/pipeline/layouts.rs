//! Where each packet's parts lie in its file, with that file's size and
//! time: a file changed since by anyone else is not used. `watch` keeps them
//! in memory; every build also keeps them in `output/.thidua-layouts`, so a
//! one-off build after an edit copies a packet's unchanged parts from its
//! last file instead of parsing their PDFs again.

use std::collections::HashMap;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::output::LAYOUTS_FILE as FILE;
use crate::output::packet::{Layout, Previous};

use super::errors::BuildError;
use super::write;

/// What the file starts with: another version's layouts are not read.
const HEADER: &[u8] = concat!("thidua ", env!("CARGO_PKG_VERSION"), " layouts 1\n").as_bytes();

#[derive(Default, Serialize, Deserialize)]
pub(super) struct Layouts {
    by_path: HashMap<String, (Layout, Stamp)>,
    /// Changed since read or written.
    #[serde(skip)]
    changed: bool,
}

type Stamp = (u64, Option<SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl Layouts {
    /// The layouts the last build left in `out_dir`; none when there are
    /// none, or they are unreadable or another version's.
    pub(super) fn read(out_dir: &Path) -> Self {
        let bytes = std::fs::read(out_dir.join(FILE)).unwrap_or_default();
        (bytes.strip_prefix(HEADER))
            .and_then(|body| postcard::from_bytes(body).ok())
            .unwrap_or_default()
    }

    /// Writes them to `out_dir` if they changed.
    pub(super) fn write(&mut self, out_dir: &Path) -> Result<(), BuildError> {
        if !self.changed {
            return Ok(());
        }
        // Serialising maps, strings and numbers cannot fail; if it did, the
        // cache would only be missing.
        let Ok(bytes) = postcard::to_extend(self, HEADER.to_vec()) else {
            return Ok(());
        };
        write(&out_dir.join(FILE), &bytes)?;
        self.changed = false;
        Ok(())
    }

    /// Takes the packet's last file, open, and its layout, when the file is
    /// still the one written (it is kept again once the next is written).
    pub(super) fn take(&mut self, root: &Path, path: &str) -> Option<Previous> {
        let (layout, written) = self.by_path.remove(path)?;
        self.changed = true;
        let file = root.join(path);
        if stamp(&file)? != written {
            return None;
        }
        let file = std::fs::File::open(&file).ok()?;
        Some(Previous { file, layout })
    }

    /// Keeps the layout of the file just written at `path`.
    pub(super) fn keep(&mut self, root: &Path, path: &str, layout: Layout) {
        self.changed = true;
        match stamp(&root.join(path)) {
            Some(written) => self.by_path.insert(path.to_string(), (layout, written)),
            None => self.by_path.remove(path),
        };
    }
}
