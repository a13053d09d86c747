//! Waiting for a user's saves: the loop `thidua watch` (and the web app to
//! come) rebuilds on. Only events that can change what a file holds count.
//!
//! Plain `notify` rather than a debouncer: `notify-debouncer-mini` drops the
//! event kinds, and inotify reports every open and every close-without-write,
//! so a build reading `inputs/` woke the watcher and each rebuild scheduled the
//! next, for ever. With the kinds, opens, reads and attribute changes are
//! ignored, and the burst of a save (truncate, write, close) is gathered here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};

/// The folders of a workspace whose files are sources of a build.
pub const SOURCE_FOLDERS: [&str; 2] = ["inputs", "templates"];

/// A save arrives as a burst of events (truncate, write, close; an editor's
/// rename): the burst ends once this long passes without another.
pub const SETTLE: Duration = Duration::from_millis(300);

/// After an event that ends a file's save (its close after writing, or a
/// rename onto it) the file is whole: a shorter quiet gathers the other
/// files of the same save (a checkout, a template and its input) without
/// holding the rebuild back.
pub const SETTLE_AFTER_SAVE: Duration = Duration::from_millis(40);

/// Watches a workspace's source folders for changes of content.
pub struct Changes {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Source folders watched so far (one created later is added when it appears).
    watched: BTreeSet<PathBuf>,
}

impl Changes {
    /// Starts watching `root/inputs` and `root/templates` (each if it exists),
    /// and `root` itself, so a `templates/` created later is watched too.
    pub fn watch(root: &Path) -> notify::Result<Self> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(tx)?;
        // Events name absolute, resolved paths.
        let root = std::fs::canonicalize(root).or_else(|_| std::path::absolute(root))?;
        let mut changes = Self {
            root,
            watcher,
            events,
            watched: BTreeSet::new(),
        };
        changes
            .watcher
            .watch(&changes.root, RecursiveMode::NonRecursive)?;
        changes.watch_source_folders()?;
        Ok(changes)
    }

    fn watch_source_folders(&mut self) -> notify::Result<()> {
        for folder in SOURCE_FOLDERS.map(|f| self.root.join(f)) {
            if folder.is_dir() && !self.watched.contains(&folder) {
                self.watcher.watch(&folder, RecursiveMode::Recursive)?;
                self.watched.insert(folder);
            }
        }
        Ok(())
    }

    /// Blocks until a source's content changed and the burst settled; returns
    /// the changed files, sorted. `None` when the watcher stopped.
    pub fn wait(&mut self) -> Option<Vec<PathBuf>> {
        let mut changed = BTreeSet::new();
        let mut settle = SETTLE;
        loop {
            let event = if changed.is_empty() {
                self.events.recv().ok()?
            } else {
                match self.events.recv_timeout(settle) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => return Some(changed.into_iter().collect()),
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            };
            // A watcher error (an overflowed queue) may hide a change: rebuild.
            let Ok(event) = event else {
                changed.insert(self.root.clone());
                continue;
            };
            if !changes_content(&event.kind) {
                continue;
            }
            settle = match ends_save(&event.kind) {
                true => SETTLE_AFTER_SAVE,
                false => SETTLE,
            };
            if event
                .paths
                .iter()
                .any(|p| p.parent() == Some(self.root.as_path()))
            {
                // A source folder created (or removed) at the top of the workspace.
                let _ = self.watch_source_folders();
            }
            changed.extend(event.paths.into_iter().filter(|p| self.is_source(p)));
        }
    }

    /// A file a build reads: under a source folder, and not an editor's
    /// temporary (hidden files, `~` backups, swap files).
    fn is_source(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let in_sources = rel
            .components()
            .next()
            .is_some_and(|c| SOURCE_FOLDERS.iter().any(|f| c.as_os_str() == *f));
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        in_sources && !name.starts_with('.') && !name.ends_with('~') && !name.ends_with(".swp")
    }
}

/// Whether an event can change what a file holds: a write closed, a write, a
/// create, a remove, a rename. Not an open, a read, a close after reading, or
/// a change of permissions or times.
pub fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        // Backends that cannot tell: rebuilding is the safe side.
        EventKind::Any | EventKind::Other => true,
    }
}

/// Whether an event leaves a file whole: closed after writing, or renamed
/// onto its name (an editor's atomic save).
pub fn ends_save(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind};

    #[test]
    fn reads_and_attribute_changes_are_not_changes() {
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
        ] {
            assert!(!changes_content(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert!(changes_content(&kind), "{kind:?}");
        }
    }

    #[test]
    fn a_close_after_writing_or_a_rename_onto_ends_a_save() {
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
        ] {
            assert!(ends_save(&kind), "{kind:?}");
        }
        for kind in [
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            EventKind::Create(CreateKind::File),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert!(!ends_save(&kind), "{kind:?}");
        }
    }
}
