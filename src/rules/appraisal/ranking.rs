//! The ranking report (`kind: ranking`): made by a unit, for a campaign that
//! scores, its votes deciding ties the tie-breakers really leave (TD0315);
//! every such tie in a group that votes has one before the report is issued
//! (TD0316).

use crate::rules::{Ctx, Found, msg};
use crate::scoring::rank::TieStep;
use crate::scoring::standings::{Standing, sound, standings};

/// The groups whose ranking is settled: every competitor's figures compute
/// (an error elsewhere in a unit's file does not change its rank). None
/// while the table's formulas are unsound: every tie would be a consequence
/// of an error reported where it is caused (TD0118, TD0233, TD0234).
fn ranked<'a>(ctx: &Ctx<'a>) -> Vec<Standing<'a>> {
    match ctx.campaign().and_then(|c| c.scoring.as_ref()) {
        Some(s) if sound(s) => standings(ctx.workspace, &|_| true)
            .into_iter()
            .filter(|s| s.unscored == 0)
            .collect(),
        _ => Vec::new(),
    }
}

/// The tied units each group's tie-breakers leave, by unit id.
fn open_ties<'a>(s: &Standing<'a>) -> Vec<Vec<&'a str>> {
    s.ranking
        .ties
        .iter()
        .flat_map(|t| &t.steps)
        .filter_map(|step| match step {
            TieStep::Vote { members } | TieStep::Unresolved { members } => Some(
                members
                    .iter()
                    .map(|&i| s.entries[i].unit.value.id.value.as_str())
                    .collect(),
            ),
            TieStep::Breaker { .. } => None,
        })
        .collect()
}

pub(crate) fn votes_decide_real_ties(ctx: &Ctx, found: &mut Found) {
    let Some(a) = &ctx.workspace.ranking else {
        return;
    };
    let report = &a.value;
    let Some(scoring) = ctx.campaign().and_then(|c| c.scoring.as_ref()) else {
        found.in_file(
            a.file,
            msg(
                "báo cáo xếp hạng cần thang điểm của phong trào (`scoring` trong campaign.yaml)",
                "a ranking report needs the campaign's score table (`scoring` in campaign.yaml)",
            ),
        );
        return;
    };
    if ctx.workspace.unit(&report.appraiser.value).is_none() && !ctx.incomplete {
        found
            .at(
                a.file,
                &report.appraiser,
                msg(
                    format!(
                        "đơn vị chấm điểm `{}` không có tệp trong inputs/units",
                        report.appraiser.value
                    ),
                    format!(
                        "the scoring unit `{}` has no file in inputs/units",
                        report.appraiser.value
                    ),
                ),
            )
            .suggest(
                &report.appraiser.value,
                ctx.units().map(|u| u.value.id.value.as_str()),
            );
    }
    if !sound(scoring) {
        return;
    }
    let all = ranked(ctx);
    for v in &report.votes {
        check_vote(found, a.file, scoring, &all, v);
    }
}

/// One recorded vote: its group exists and votes, and it orders a real tie.
fn check_vote(
    found: &mut Found,
    file: crate::source::FileId,
    scoring: &crate::model::scoring::Scoring,
    all: &[Standing],
    v: &crate::model::scoring::RankingVote,
) {
    let Some(standing) = all.iter().find(|s| s.group.id.value == v.group.value) else {
        if scoring.group(&v.group.value).is_some() {
            // The group's ranking is not settled: its figures' errors come first.
            return;
        }
        found
            .at(
                file,
                &v.group,
                msg(
                    format!("không có nhóm thi đua `{}`", v.group.value),
                    format!("there is no competing group `{}`", v.group.value),
                ),
            )
            .suggest(
                &v.group.value,
                scoring.groups.iter().map(|g| g.id.value.as_str()),
            );
        return;
    };
    if !standing.group.ranking.vote {
        found.at(
            file,
            &v.group,
            msg(
                format!(
                    "nhóm `{}` không xếp hạng bằng bỏ phiếu (`ranking.vote` của thang điểm)",
                    v.group.value
                ),
                format!(
                    "group `{}` is not ranked by a vote (the score table's `ranking.vote`)",
                    v.group.value
                ),
            ),
        );
        return;
    }
    let ties = open_ties(standing);
    let matches = ties.iter().any(|t| {
        t.len() == v.order.len() && t.iter().all(|id| v.order.iter().any(|o| o.value == *id))
    });
    if matches {
        return;
    }
    let shown = if ties.is_empty() {
        "không còn trường hợp bằng nhau".to_string()
    } else {
        ties.iter()
            .map(|t| t.join(", "))
            .collect::<Vec<_>>()
            .join("; ")
    };
    found
        .at(file, &v.group, msg(
            format!("kết quả bỏ phiếu của nhóm `{}` không ứng với trường hợp bằng nhau nào sau các tiêu chí phụ ({shown})", v.group.value),
            format!("the vote in group `{}` matches no tie the tie-breakers leave ({shown})", v.group.value),
        ))
        .help(msg(
            "`order` ghi đúng các đơn vị còn bằng nhau, theo thứ tự bỏ phiếu",
            "`order` lists exactly the units still level, in the order voted",
        ));
}

pub(crate) fn ties_are_voted(ctx: &Ctx, found: &mut Found) {
    let Some(a) = &ctx.workspace.ranking else {
        return;
    };
    let report = &a.value;
    for s in ranked(ctx).iter().filter(|s| s.group.ranking.vote) {
        for step in s.ranking.ties.iter().flat_map(|t| &t.steps) {
            let TieStep::Unresolved { members } = step else {
                continue;
            };
            let names: Vec<&str> = members
                .iter()
                .map(|&i| s.entries[i].unit.value.name.as_str())
                .collect();
            let ids: Vec<&str> = members
                .iter()
                .map(|&i| s.entries[i].unit.value.id.value.as_str())
                .collect();
            found
                .at(
                    a.file,
                    &report.date,
                    msg(
                        format!(
                            "{} bằng điểm và bằng mọi tiêu chí phụ: cần kết quả bỏ phiếu",
                            names.join(", ")
                        ),
                        format!(
                            "{} are level on every tie-breaker: a vote is needed",
                            names.join(", ")
                        ),
                    ),
                )
                .help(msg(
                    format!(
                        "thêm vào `votes`: {{ group: {}, order: [{}] }} theo thứ tự bỏ phiếu",
                        s.group.id.value,
                        ids.join(", ")
                    ),
                    format!(
                        "add to `votes`: {{ group: {}, order: [{}] }} in the order voted",
                        s.group.id.value,
                        ids.join(", ")
                    ),
                ));
        }
    }
}

/// TD0317: a competitor proposed for an award its group's ranking leads to
/// (`awards: [{ award, top }]`), as a collective that is itself (its kind,
/// its name), ranks within `top`. Its members' nominations are not ranked.
pub(crate) fn nominations_follow_ranking(ctx: &Ctx, found: &mut Found) {
    let Some(scoring) = ctx.campaign().and_then(|c| c.scoring.as_ref()) else {
        return;
    };
    for s in ranked(ctx).iter().filter(|s| !s.group.awards.is_empty()) {
        for u in ctx.units().filter(|u| ctx.settled(u.file)) {
            let in_group = crate::scoring::standings::group_of(scoring, &u.value)
                .is_some_and(|g| std::ptr::eq(g, s.group));
            if !in_group {
                continue;
            }
            let rank = s
                .ranking
                .order
                .iter()
                .find(|(i, _)| std::ptr::eq(s.entries[*i].unit, u))
                .map(|(_, r)| *r);
            for n in &u.value.nominations {
                let Some(ra) = s
                    .group
                    .awards
                    .iter()
                    .find(|a| a.award.value == n.award.value)
                else {
                    continue;
                };
                // The competitor itself: a collective of its kind, named as it
                // is (`UBND phường Ninh Kiều`, `Sở Tư pháp tỉnh Lạng Sơn`).
                let itself = n.collective.as_ref().is_some_and(|c| {
                    c.kind.value == u.value.unit_kind.value && c.name.starts_with(&u.value.name)
                });
                if !itself {
                    continue;
                }
                let top = ra.top.value;
                let award = ctx
                    .campaign()
                    .and_then(|c| c.award(&n.award.value))
                    .map_or(n.award.value.as_str(), |a| a.name.as_str());
                let (vi, en) = match rank {
                    Some(r) if r <= top as usize => continue,
                    Some(r) => (
                        format!(
                            "{} xếp hạng {r} trong nhóm `{}`: chỉ {top} đơn vị dẫn đầu được đề nghị {award}",
                            u.value.name, s.group.id.value
                        ),
                        format!(
                            "{} ranks {r} in group `{}`: only the first {top} may be proposed for {award}",
                            u.value.name, s.group.id.value
                        ),
                    ),
                    None => (
                        format!(
                            "{} chưa có kết quả xếp hạng trong nhóm `{}`, nên chưa đề nghị {award} được",
                            u.value.name, s.group.id.value
                        ),
                        format!(
                            "{} has no rank in group `{}` yet, so it cannot be proposed for {award}",
                            u.value.name, s.group.id.value
                        ),
                    ),
                };
                found.at(u.file, &n.award, msg(vi, en)).help(msg(
                    format!("{award} theo kết quả xếp hạng: {top} đơn vị đứng đầu nhóm (`scoring.groups[].awards`)"),
                    format!("{award} follows the ranking: the first {top} of the group (`scoring.groups[].awards`)"),
                ));
            }
        }
    }
}
