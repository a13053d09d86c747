//! The provincial council's ballot: a row per nominee that passed the
//! appraisal, with its votes over all members and the award it is proposed for.

use serde::Serialize;

use super::pool::Nominee;
use crate::jobs::lists::ListRow;
use crate::jobs::share;
use crate::model::appraisal::Appraisal;
use crate::model::campaign::{Award, Campaign};
use crate::notation::two_digits;

/// One row of the provincial council's ballot.
#[derive(Debug, Serialize)]
pub struct BallotRow {
    number: usize,
    name: String,
    birth_gender: String,
    position: String,
    unit: String,
    in_favour: String,
    share: String,
    /// Where the council proposes the nominee: the award's name.
    proposed_for: String,
}

/// The ballot of every nominee that passed, in pool order.
pub fn rows(
    campaign: &Campaign,
    ap: &Appraisal,
    provincial_award: &Award,
    passed: &[Nominee],
) -> Vec<BallotRow> {
    let members = ap.council.members.value;
    let votes = ap.votes_by_nomination();
    passed
        .iter()
        .enumerate()
        .map(|(i, (u, n))| {
            let (unit_id, id) = (u.value.id.value.as_str(), n.id.value.as_str());
            let in_favour = votes.get(&(unit_id, id)).map_or(0, |v| v.in_favour.value);
            let row = ListRow::of(i + 1, &u.value, n);
            let proposed_for = ap
                .national
                .iter()
                .find(|s| {
                    s.nominees
                        .iter()
                        .any(|r| r.unit.value == unit_id && r.nomination.value == id)
                })
                .and_then(|s| campaign.award(&s.award.value))
                .map_or(provincial_award.name.clone(), |a| a.name.clone());
            BallotRow {
                number: i + 1,
                name: row.name,
                birth_gender: row.birth_gender,
                position: row.position,
                unit: row.unit,
                in_favour: two_digits(in_favour.into()),
                share: share(in_favour, members),
                proposed_for,
            }
        })
        .collect()
}
