//! Rules on each unit's own inputs (domain rules 1–13 of
//! `../shared/spec/domain.md` that a unit's file can break), one concern a
//! file:
//!
//! - `subjects`: who may take part and be nominated (TD0202, TD0208, TD0209);
//! - `criteria`: the criteria set of the nominee's kind, claimed from it,
//!   all of it where the set says so (TD0210, TD0227);
//! - `evidence`: content items and what backs the criteria (TD0203,
//!   TD0211–TD0213, TD0220);
//! - `metrics`: measurable criteria met by the figures cited (TD0228,
//!   TD0229);
//! - `dates`: the campaign period, the nomination window and deadline, the
//!   council meeting, the unit's plan (TD0204, TD0214, TD0225, TD0231,
//!   TD0232);
//! - `succession`: merged and dissolved units (TD0223, TD0224);
//! - `persons`: CCCD, discipline, one person nominated once, not signing
//!   for herself (TD0215–TD0218, TD0239);
//! - `council`: the unit council's minutes add up (TD0219);
//! - `votes`: each nomination carried by the share of all members the
//!   campaign requires, at a quorate meeting (TD0230);
//! - `awards`: the awards a unit proposes, to whom (TD0205–TD0207, TD0222,
//!   TD0226), and its own award, where its head gives one (TD0237);
//! - `quotas`: how many, by the quota that applies to the unit (TD0221);
//! - `reports`: the achievement report's fixed lines, filled when final (TD0238).
//!
//! Unit ids (TD0201, with TD0101 and TD0102) are checked in `rules::ids`.

pub(super) mod awards;
pub(super) mod council;
pub(super) mod criteria;
pub(super) mod dates;
pub(super) mod evidence;
pub(super) mod metrics;
pub(super) mod persons;
pub(super) mod quotas;
pub(super) mod reports;
pub(super) mod scoring;
pub(super) mod subjects;
pub(super) mod succession;
pub(super) mod votes;

use crate::model::campaign::{Award, Campaign};
use crate::model::unit::{Nomination, Unit};

/// Nominations whose award exists in the campaign, with that award.
fn with_award<'a>(
    c: &'a Campaign,
    unit: &'a Unit,
) -> impl Iterator<Item = (&'a Nomination, &'a Award)> {
    unit.nominations
        .iter()
        .filter_map(|n| c.award(&n.award.value).map(|a| (n, a)))
}
