//! The appraisal's verdicts: an appraising unit that exists, references to
//! real provincial nominations, every one judged, once, a failure with its
//! reason.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::{Unresolved, is_provincial, outcomes, resolve, usable_ids};
use crate::model::appraisal::Outcome;
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(crate) fn appraiser_exists(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    let id = &a.value.appraiser;
    let (body_vi, body_en) = ctx.appraiser();
    if ctx.incomplete || ctx.workspace.unit(&id.value).is_some() {
        return;
    }
    found
        .at(
            a.file,
            id,
            msg(
                format!(
                    "không có đơn vị thẩm định mã `{}` trong inputs/units",
                    id.value
                ),
                format!("no appraising unit `{}` in inputs/units", id.value),
            ),
        )
        .help(msg(
            format!("`appraiser` là mã của {body_vi} trong tệp đơn vị của mình"),
            format!("`appraiser` is the id of the {body_en}'s own unit file"),
        ))
        .suggest(&id.value, usable_ids(ctx.workspace));
}

pub(crate) fn references_exist(ctx: &Ctx, found: &mut Found) {
    super::received::received_units_exist(ctx, found);
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let ap = &a.value;
    let refs = ap
        .verdicts
        .iter()
        .map(|v| (&v.unit, &v.nomination, true))
        .chain(
            ap.council
                .votes
                .iter()
                .map(|v| (&v.unit, &v.nomination, true)),
        )
        .chain(
            ap.national
                .iter()
                .flat_map(|s| s.nominees.iter().map(|r| (&r.unit, &r.nomination, false))),
        );
    for (unit, nomination, provincial_only) in refs {
        match resolve(ctx, unit, nomination) {
            Err(why) => unresolved(ctx, found, a.file, unit, nomination, why),
            Ok((_, n))
                if provincial_only && c.award(&n.award.value).is_some() && !is_provincial(c, n) =>
            {
                found.at(
                    a.file,
                    nomination,
                    msg(
                        format!("đề nghị `{}` không phải đề nghị khen thưởng cấp tỉnh: {} chỉ thẩm định hồ sơ trình {}", nomination.value, c.roles.appraiser, c.role_names().authority_short),
                        format!("nomination `{}` is not for a provincial award: the appraisal judges provincial nominations only", nomination.value),
                    ),
                );
            }
            Ok(_) => {}
        }
    }
}

/// TD0302 for a reference that points at nothing, with the closest id.
fn unresolved(
    ctx: &Ctx,
    found: &mut Found,
    file: FileId,
    unit: &Spanned<String>,
    nomination: &Spanned<String>,
    why: Unresolved,
) {
    match why {
        Unresolved::Unjudgeable => {}
        Unresolved::NoUnit => {
            found
                .at(
                    file,
                    unit,
                    msg(
                        format!("không có đơn vị mã `{}` trong inputs/", unit.value),
                        format!("no unit with id `{}` in inputs/", unit.value),
                    ),
                )
                .suggest(&unit.value, usable_ids(ctx.workspace));
        }
        Unresolved::NoNomination(u) => {
            found
                .at(
                    file,
                    nomination,
                    msg(
                        format!(
                            "{} không có đề nghị mã `{}`",
                            u.value.name, nomination.value
                        ),
                        format!("{} has no nomination `{}`", u.value.name, nomination.value),
                    ),
                )
                .suggest(
                    &nomination.value,
                    u.value.nominations.iter().map(|n| n.id.value.as_str()),
                );
        }
    }
}

pub(crate) fn every_nomination_judged(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let judged = outcomes(&a.value);
    let appraisal_file = ctx.sources.name(a.file);
    for u in ctx.units().filter(|u| ctx.settled(u.file)) {
        // A verdict naming an unknown nomination of this unit may be the
        // missing one misspelt: TD0302 reports it with the closest id.
        let misspelt = a.value.verdicts.iter().any(|v| {
            v.unit.value == u.value.id.value
                && u.value
                    .nominations
                    .iter()
                    .all(|n| n.id.value != v.nomination.value)
        });
        if misspelt {
            continue;
        }
        for n in u.value.nominations.iter().filter(|n| is_provincial(c, n)) {
            let (unit, id) = (&u.value.id.value, &n.id.value);
            if judged.contains_key(&(unit.as_str(), id.as_str())) {
                continue;
            }
            found
                .at(
                    u.file,
                    &n.id,
                    msg(
                        format!(
                            "đề nghị `{id}` của {} chưa có kết quả thẩm định trong {appraisal_file}",
                            u.value.name
                        ),
                        format!(
                            "nomination `{id}` of {} has no verdict in {appraisal_file}",
                            u.value.name
                        ),
                    ),
                )
                .help(msg(
                    format!(
                        "thêm vào `verdicts`: `{{ unit: {unit}, nomination: {id}, result: đạt }}` (hoặc `không đạt` kèm `reason`)"
                    ),
                    format!(
                        "add to `verdicts`: `{{ unit: {unit}, nomination: {id}, result: đạt }}` (or `không đạt` with a `reason`)"
                    ),
                ));
        }
    }
}

pub(crate) fn verdicts_well_formed(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    let (body_vi, body_en) = ctx.appraiser();
    let mut first: HashMap<(&str, &str), &Spanned<String>> = HashMap::new();
    for v in &a.value.verdicts {
        let key = (v.unit.value.as_str(), v.nomination.value.as_str());
        if let Some(earlier) = first.get(&key) {
            let line = ctx.line_of(a.file, *earlier);
            found
                .at(
                    a.file,
                    &v.nomination,
                    msg(
                        format!(
                            "đề nghị `{}` đã có kết quả thẩm định ở dòng {line}",
                            v.nomination.value
                        ),
                        format!(
                            "nomination `{}` already has a verdict on line {line}",
                            v.nomination.value
                        ),
                    ),
                )
                .help(msg(
                    "giữ một kết quả cho mỗi đề nghị",
                    "keep one verdict per nomination",
                ));
        } else {
            first.insert(key, &v.nomination);
        }
        let blank = v.reason.as_deref().is_none_or(|r| r.trim().is_empty());
        if v.result.value == Outcome::Failed && blank {
            found
                .at(
                    a.file,
                    &v.result,
                    msg(
                        format!(
                            "đề nghị `{}` không đạt nhưng chưa nêu lý do",
                            v.nomination.value
                        ),
                        format!(
                            "nomination `{}` failed without a reason",
                            v.nomination.value
                        ),
                    ),
                )
                .help(msg(
                    format!("thêm `reason: <lý do>`; tờ trình của {body_vi} tổng hợp các lý do"),
                    format!("add `reason: …`; the {body_en}'s submission summarises the reasons"),
                ));
        }
    }
}
