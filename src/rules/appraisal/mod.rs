//! Rules across units, on the appraising body's appraisal, one concern a file:
//!
//! - `verdicts`: the appraiser, references to real nominations, every
//!   provincial nomination judged once (TD0301–TD0304);
//! - `national`: the submissions upward and their nominees (TD0306–TD0309);
//! - `national_metrics`: their nominees' figures against the national
//!   award's measurable criteria (TD0319);
//! - `one_award`: nominations for a second award of the issuer's level,
//!   which the appraisal's documents leave out (TD0320);
//! - `council`: the provincial council's ballot (TD0310, TD0314);
//! - `province`: quotas and shares over the province, dates in order
//!   (TD0311–TD0313).
//!
//! Here: what every file shares — a `{unit, nomination}` reference resolved,
//! the verdicts by nomination, what each award ends with.

pub(super) mod council;
pub(super) mod national;
pub(super) mod national_metrics;
pub(super) mod one_award;
pub(super) mod province;
pub(super) mod ranking;
pub(super) mod received;
pub(super) mod verdicts;

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::model::appraisal::{Appraisal, Outcome};
use crate::model::campaign::{Award, AwardLevel, Campaign};
use crate::model::unit::{Nomination, Unit};
use crate::model::{Sourced, Workspace};
use crate::rules::{Ctx, is_slug};

/// Awards of the provincial level: the pool the appraisal judges.
fn is_provincial(c: &Campaign, n: &Nomination) -> bool {
    c.award(&n.award.value)
        .is_some_and(|a| a.level == AwardLevel::Province)
}

/// Why a `{unit, nomination}` reference points at nothing to judge.
enum Unresolved<'a> {
    /// The unit's file has errors of its own, or the unit may be one that
    /// did not load: nothing to say here.
    Unjudgeable,
    /// No unit has this id.
    NoUnit,
    /// The unit has no nomination of this id.
    NoNomination(&'a Sourced<Unit>),
}

/// What a `{unit, nomination}` pair points at, or why not (TD0302 says it).
fn resolve<'a>(
    ctx: &Ctx<'a>,
    unit: &Spanned<String>,
    nomination: &Spanned<String>,
) -> Result<(&'a Sourced<Unit>, &'a Nomination), Unresolved<'a>> {
    let Some(u) = ctx.workspace.unit(&unit.value) else {
        return Err(if ctx.incomplete {
            Unresolved::Unjudgeable
        } else {
            Unresolved::NoUnit
        });
    };
    if !ctx.settled(u.file) {
        return Err(Unresolved::Unjudgeable);
    }
    ctx.workspace
        .nomination(&unit.value, &nomination.value)
        .ok_or(Unresolved::NoNomination(u))
}

/// Unit ids a reference may name: never an invalid one as a suggestion.
fn usable_ids(workspace: &Workspace) -> impl Iterator<Item = &str> {
    workspace
        .units
        .iter()
        .map(|u| u.value.id.value.as_str())
        .filter(|id| is_slug(id))
}

/// The verdicts' outcomes by (unit, nomination); of two verdicts, the later.
fn outcomes(ap: &Appraisal) -> HashMap<(&str, &str), Outcome> {
    ap.verdicts
        .iter()
        .map(|v| {
            (
                (v.unit.value.as_str(), v.nomination.value.as_str()),
                v.result.value,
            )
        })
        .collect()
}

/// The nominations an award ends with: the passed pool for the provincial
/// award less those moved up (one nominee, one level: rule 8), the
/// selection for a national one.
fn awarded<'a>(
    ctx: &Ctx<'a>,
    ap: &'a Appraisal,
    award: &Award,
) -> Vec<(&'a Sourced<Unit>, &'a Nomination)> {
    let workspace = ctx.workspace;
    match award.level {
        AwardLevel::National => ap
            .national
            .iter()
            .filter(|s| s.award.value == award.id.value)
            .flat_map(|s| s.nominees.iter())
            .filter_map(|r| workspace.nomination(&r.unit.value, &r.nomination.value))
            .collect(),
        _ => passed(ctx, ap, award)
            .into_iter()
            .filter(|(u, n)| !ap.selected_upward(&u.value.id.value, &n.id.value))
            .collect(),
    }
}

/// The nominations for `award` that passed the appraisal, those sent up
/// for a national award too.
fn passed<'a>(
    ctx: &Ctx<'a>,
    ap: &'a Appraisal,
    award: &Award,
) -> Vec<(&'a Sourced<Unit>, &'a Nomination)> {
    (ap.verdicts.iter())
        .filter(|v| v.result.value == Outcome::Passed)
        .filter_map(|v| ctx.workspace.nomination(&v.unit.value, &v.nomination.value))
        .filter(|(_, n)| n.award.value == award.id.value)
        .collect()
}
