//! The typed workspace: what the loader produces and every later stage reads.

pub mod campaign;
pub mod date;

pub use campaign::Campaign;

use crate::load::FileId;

/// An input that parsed, with the file it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub file: FileId,
    pub value: T,
}

/// Everything the inputs describe.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub campaign: Option<Sourced<Campaign>>,
}
