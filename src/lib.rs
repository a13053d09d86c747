//! thidua: a Vietnamese emulation campaign (phong trào thi đua) described in
//! YAML, validated against its rules and typeset as Nghị định 30 documents.
//!
//! The pipeline runs one way, one module per stage:
//! [`load`] → [`model`] → [`rules`] → [`jobs`] → [`render`] → [`typeset`]
//! (and [`word`], the same source as a Word file) → [`output`], run in that
//! order by [`pipeline`]. Beside it, [`import`] merges a spreadsheet's list
//! into a unit's file. The leaves every stage may use: [`source`] (files and
//! positions), [`diag`] (diagnostics), [`fonts`], [`notation`] (the decree's
//! numbers and dates), [`names`] (names as they run in a sentence).

pub mod diag;
pub mod fonts;
pub mod import;
pub mod jobs;
pub mod load;
pub mod model;
pub mod names;
pub mod notation;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod scoring;
pub mod source;
pub mod typeset;
pub mod word;
