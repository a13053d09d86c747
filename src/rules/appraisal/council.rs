//! The provincial council's ballot: attendance and votes add up, one vote
//! for each dossier that passed the appraisal and none for one that failed
//! (TD0310); each nomination carried by the share of all members the
//! campaign requires, at a quorate meeting (TD0314).

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::{outcomes, resolve};
use crate::model::Sourced;
use crate::model::appraisal::{Appraisal, Outcome};
use crate::model::campaign::{AwardLevel, Threshold};
use crate::rules::unit::votes::{short_quorum, short_vote};
use crate::rules::{Ctx, Found, msg};

pub(crate) fn province_council_adds_up(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    let council = &a.value.council;
    let (members, present) = (council.members.value, council.present.value);
    if present > members {
        found.at(
            a.file,
            &council.present,
            msg(
                format!(
                    "số thành viên có mặt ({present}) lớn hơn số thành viên Hội đồng ({members})"
                ),
                format!("{present} members present out of {members}"),
            ),
        );
    }
    crate::rules::unit::council::meeting_adds_up(
        found,
        a.file,
        (&council.present, members),
        &council.absent,
        (council.start.as_ref(), council.end.as_ref()),
    );
    let voted = votes(ctx, found, a);
    missing_votes(ctx, found, a, &voted);
}

/// Checks each vote of the ballot; returns the nominations voted on.
fn votes<'a>(
    ctx: &Ctx,
    found: &mut Found,
    a: &'a Sourced<Appraisal>,
) -> HashMap<(&'a str, &'a str), &'a Spanned<String>> {
    let ap = &a.value;
    let present = ap.council.present.value;
    let judged = outcomes(ap);
    let mut voted: HashMap<(&str, &str), &Spanned<String>> = HashMap::new();
    for v in &ap.council.votes {
        let key = (v.unit.value.as_str(), v.nomination.value.as_str());
        if v.in_favour.value > present {
            found.at(
                a.file,
                &v.in_favour,
                msg(
                    format!(
                        "{} phiếu đồng ý nhiều hơn số thành viên có mặt ({present})",
                        v.in_favour.value
                    ),
                    format!(
                        "{} votes in favour but only {present} members present",
                        v.in_favour.value
                    ),
                ),
            );
        }
        if let Some(earlier) = voted.insert(key, &v.nomination) {
            let line = ctx.line_of(a.file, earlier);
            found.at(
                a.file,
                &v.nomination,
                msg(
                    format!(
                        "đề nghị `{}` đã có kết quả bỏ phiếu ở dòng {line}",
                        v.nomination.value
                    ),
                    format!(
                        "nomination `{}` already has a vote on line {line}",
                        v.nomination.value
                    ),
                ),
            );
        }
        if judged.get(&key) == Some(&Outcome::Failed) {
            found.at(
                a.file,
                &v.nomination,
                msg(
                    format!(
                        "đề nghị `{}` không đạt thẩm định nên không đưa ra Hội đồng bỏ phiếu",
                        v.nomination.value
                    ),
                    format!(
                        "nomination `{}` failed the appraisal and is not put to the vote",
                        v.nomination.value
                    ),
                ),
            );
        }
    }
    voted
}

/// Every dossier that passed needs the council's vote. A vote naming an
/// unknown unit or nomination may be a missing one misspelt: TD0302 reports
/// it, with the closest id, and no vote is asked for here.
fn missing_votes(
    ctx: &Ctx,
    found: &mut Found,
    a: &Sourced<Appraisal>,
    voted: &HashMap<(&str, &str), &Spanned<String>>,
) {
    let ap = &a.value;
    let exists =
        |unit: &str, nomination: &str| ctx.workspace.nomination(unit, nomination).is_some();
    if ap
        .council
        .votes
        .iter()
        .any(|v| !exists(&v.unit.value, &v.nomination.value))
    {
        return;
    }
    for v in ap
        .verdicts
        .iter()
        .filter(|v| v.result.value == Outcome::Passed)
    {
        let key = (v.unit.value.as_str(), v.nomination.value.as_str());
        let settled = ctx
            .workspace
            .unit(key.0)
            .is_some_and(|u| ctx.settled(u.file));
        if settled && exists(key.0, key.1) && !voted.contains_key(&key) {
            found.at(
                a.file,
                &v.nomination,
                msg(
                    format!("hồ sơ `{}` đạt thẩm định nhưng chưa có kết quả bỏ phiếu của {} (`council.votes`)", v.nomination.value, ctx.council()),
                    format!("`{}` passed the appraisal but has no vote of the provincial council (`council.votes`)", v.nomination.value),
                ),
            );
        }
    }
}

pub(crate) fn province_council_carries(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let council = &a.value.council;
    let (members, present) = (council.members.value, council.present.value);
    // Attendance over the membership is TD0310's: nothing adds up.
    if present > members {
        return;
    }
    let mut quorums: Vec<Threshold> = Vec::new();
    for v in &council.votes {
        // A vote for an unknown nomination, or one of a unit with errors of
        // its own, is not judged here (TD0302, the unit's own rules).
        let Ok((_, n)) = resolve(ctx, &v.unit, &v.nomination) else {
            continue;
        };
        let Some(award) = c
            .award(&n.award.value)
            .filter(|a| a.level == AwardLevel::Province)
        else {
            continue;
        };
        let (pass, quorum) = c.council_rule(award);
        // A threshold out of reach is TD0115's.
        let quorum = quorum.filter(Threshold::reachable);
        if let Some(q) = quorum.filter(|q| !q.met(present, members) && !quorums.contains(q)) {
            quorums.push(q);
            short_quorum(found, a.file, &council.present, award, q, members);
        }
        // More votes than members present is TD0310's.
        if v.in_favour.value <= present && pass.reachable() && !pass.met(v.in_favour.value, members)
        {
            let vote = (v.nomination.value.as_str(), &v.in_favour);
            short_vote(found, a.file, vote, award, pass, members);
        }
    }
}
