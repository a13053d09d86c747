//! Rules on each unit's own inputs (domain rules 1–13 of
//! `../shared/spec/domain.md` that a unit's file can break), one concern a
//! file:
//!
//! - `subjects`: who may take part and be nominated (TD0202, TD0208, TD0209);
//! - `evidence`: content items, criteria and what backs them (TD0203,
//!   TD0210–TD0213, TD0220);
//! - `dates`: the campaign period, the nomination window, the council
//!   meeting (TD0204, TD0214, TD0225);
//! - `succession`: merged and dissolved units (TD0223, TD0224);
//! - `persons`: CCCD, discipline, one person nominated once (TD0215–TD0218);
//! - `council`: the unit council's votes (TD0219);
//! - `awards`: the awards a unit proposes, how many, to whom (TD0205–TD0207,
//!   TD0221, TD0222, TD0226).
//!
//! Unit ids (TD0201, with TD0101 and TD0102) are checked in `rules::ids`.

pub(super) mod awards;
pub(super) mod council;
pub(super) mod dates;
pub(super) mod evidence;
pub(super) mod persons;
pub(super) mod subjects;
pub(super) mod succession;

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
