//! thidua: a Vietnamese emulation campaign (phong trào thi đua) described in
//! YAML, validated against its rules and typeset as Nghị định 30 documents.
//!
//! The pipeline runs one way, one module per stage:
//! [`load`] → [`model`] → [`rules`] → [`render`] → [`typeset`] → [`output`],
//! orchestrated by [`build`].

pub mod build;
pub mod diag;
pub mod fonts;
pub mod documents;
pub mod lists;
pub mod load;
pub mod model;
pub mod notation;
pub mod output;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod source;
pub mod typeset;
pub mod watch;
