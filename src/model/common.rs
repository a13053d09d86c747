//! Types every input kind shares: who signs, the two kinds of subject, a
//! document's number and date.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::date::PartialDate;

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`: one entry per line.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authority: Vec<Spanned<String>>,
    pub title: String,
    pub name: String,
}

/// Who is nominated or awarded: a collective or an individual.
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum SubjectType {
    Collective,
    Individual,
}

/// A document's number and date (a draft leaves the number out and the day blank).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    #[serde(default)]
    pub number: Option<u32>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
}
