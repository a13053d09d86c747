//! Over the whole province: the quota of each award (rule 7), the favoured
//! shares of individuals awarded (rule 12), and the order of the dates from
//! the units' submissions to the decision and the submissions upward.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use super::{awarded, passed};
use crate::model::Sourced;
use crate::model::appraisal::Appraisal;
use crate::model::campaign::AwardLevel;
use crate::model::date::PartialDate;
use crate::model::shares::shares;
use crate::rules::{Ctx, Found, favoured_by_law, msg};

pub(crate) fn total_quota(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign_file()) else {
        return;
    };
    let appraisal_file = ctx.sources.name(a.file);
    for award in &c.value.awards {
        let Some(quota) = &award.quota_total else {
            continue;
        };
        let count = awarded(ctx, &a.value, award).len() as u32;
        if count <= quota.value {
            continue;
        }
        found
            .at(
                c.file,
                quota,
                msg(
                    format!(
                        "{count} trường hợp được đề nghị {} trong cả phong trào, vượt chỉ tiêu {}",
                        award.name, quota.value
                    ),
                    format!(
                        "{count} nominees for {} across the campaign, over the quota of {}",
                        award.name, quota.value
                    ),
                ),
            )
            .help(msg(
                format!("ghi `không đạt` hoặc bớt người được chọn trong {appraisal_file}"),
                format!("record `không đạt` or select fewer in {appraisal_file}"),
            ));
    }
}

pub(crate) fn province_shares(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let Some(targets) = &c.targets else {
        return;
    };
    // Per award: where the list is located in the appraisal file.
    let mut places: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    for s in &a.value.national {
        places.entry(s.award.value.as_str()).or_insert(&s.award);
    }
    for award in c.awards.iter().filter(|a| a.level != AwardLevel::Unit) {
        // Over every individual who passed, as the statistics report counts
        // them: those sent up for a national award too.
        let persons: Vec<_> = match award.level {
            AwardLevel::Province => passed(ctx, &a.value, award),
            _ => awarded(ctx, &a.value, award),
        }
        .into_iter()
        .filter_map(|(_, n)| n.person.as_ref())
        .collect();
        if persons.is_empty() {
            continue;
        }
        let place = places
            .get(award.id.value.as_str())
            .copied()
            .unwrap_or(&a.value.appraiser);
        for share in shares(Some(targets), &persons) {
            let Some(target) = share.target.filter(|_| share.misses()) else {
                continue;
            };
            let (what_vi, what_en) = share.favoured.words();
            let (percent, count, total) = (share.percent(), share.count, share.of);
            found
                .at(
                    a.file,
                    place,
                    msg(
                        format!("{}: tỷ lệ cá nhân {what_vi} trong cả phong trào là {percent:.0}% ({count}/{total}), dưới mục tiêu {}%", award.name, target.value),
                        format!("{}: {what_en} are {percent:.0}% of individuals across the campaign ({count}/{total}), under the target of {}%", award.name, target.value),
                    ),
                )
                .help(favoured_by_law());
        }
    }
}

pub(crate) fn dates_in_order(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    council_after_submissions(ctx, found, a);
    super::received::received_in_order(ctx, found);
    let ap = &a.value;
    let council = ap.council.date.value.0;
    let (body_vi, body_en) = ctx.appraiser();
    let own = format!("tờ trình của {body_vi} (`submission`)");
    let later: Vec<(&str, &Spanned<PartialDate>)> =
        std::iter::once((own.as_str(), &ap.submission.date))
            .chain(std::iter::once((
                "quyết định (`decision`)",
                &ap.decision.date,
            )))
            .chain(
                ap.national
                    .iter()
                    .map(|s| ("tờ trình cấp Nhà nước (`national`)", &s.date)),
            )
            .collect();
    for (what, date) in later
        .into_iter()
        .filter(|(_, d)| d.value.latest() < council)
    {
        found.at(
            a.file,
            date,
            msg(
                format!(
                    "{what} ({}) trước cuộc họp {} ({})",
                    date.value.vi(),
                    ctx.council(),
                    council.format("%d/%m/%Y")
                ),
                format!(
                    "{what} dated {} is before the provincial council's meeting ({council})",
                    date.value
                ),
            ),
        );
    }
    if ap.decision.date.value.latest() < ap.submission.date.value.earliest() {
        found.at(
            a.file,
            &ap.decision.date,
            msg(
                format!(
                    "quyết định ({}) trước tờ trình của {body_vi} ({})",
                    ap.decision.date.value.vi(),
                    ap.submission.date.value.vi()
                ),
                format!(
                    "the decision dated {} is before the {body_en}'s submission ({})",
                    ap.decision.date.value, ap.submission.date.value
                ),
            ),
        );
    }
}

/// The council reviews dossiers already submitted: the first judged unit
/// whose submission is later than the meeting is reported.
fn council_after_submissions(ctx: &Ctx, found: &mut Found, a: &Sourced<Appraisal>) {
    let ap = &a.value;
    let council = ap.council.date.value.0;
    for v in &ap.verdicts {
        let Some(u) = ctx
            .workspace
            .unit(&v.unit.value)
            .filter(|u| ctx.settled(u.file))
        else {
            continue;
        };
        let Some(s) = &u.value.submission else {
            continue;
        };
        if s.date.value.earliest() > council {
            found.at(
                a.file,
                &ap.council.date,
                msg(
                    format!(
                        "{} họp ngày {} trước tờ trình của {} ({})",
                        ctx.council(),
                        council.format("%d/%m/%Y"),
                        u.value.name,
                        s.date.value.vi()
                    ),
                    format!(
                        "the provincial council meets on {council} before {}'s submission ({})",
                        u.value.name, s.date.value
                    ),
                ),
            );
            return;
        }
    }
}
