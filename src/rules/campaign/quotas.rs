//! The campaign's quotas as data (TD0112): each for a provincial award of
//! the campaign, for unit kinds that take part, with a limit, and no unit,
//! kind or default given two quotas for one award (which one would apply?);
//! a unit named that has no file yet (TD0116, a warning: it may not have
//! submitted).

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::diag::closest;
use crate::model::campaign::{AwardLevel, Campaign, Quota};
use crate::rules::{Ctx, Found, is_slug, msg};
use crate::source::FileId;

pub(crate) fn quotas_are_well_formed(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let c = &cf.value;
    for q in &c.quotas {
        quota_award(found, cf.file, c, q);
        let kinds = c.collective_kinds();
        for k in q
            .unit_kinds
            .iter()
            .filter(|k| !kinds.contains(&k.value.as_str()))
        {
            super::kind_not_listed(
                found,
                cf.file,
                k,
                &kinds,
                ("loại đơn vị", "unit kind", "subjects.collective.kinds"),
            );
        }
        if q.collective.is_none() && q.individual.is_none() && q.total.is_none() {
            found
                .at(
                    cf.file,
                    &q.award,
                    msg(
                        "chỉ tiêu chưa nêu số lượng: ghi `collective`, `individual` hoặc `total`",
                        "the quota sets no limit: give `collective`, `individual` or `total`",
                    ),
                )
                .help(msg(
                    "ví dụ “không quá 02 tập thể, 05 cá nhân”: `{ collective: 2, individual: 5 }`",
                    "e.g. “không quá 02 tập thể, 05 cá nhân”: `{ collective: 2, individual: 5 }`",
                ));
        }
    }
    overlapping(ctx, found, cf.file, c);
}

/// A quota's award: one of the campaign's, and one units nominate for.
fn quota_award(found: &mut Found, file: FileId, c: &Campaign, q: &Quota) {
    let award = &q.award;
    match c.award(&award.value) {
        None => {
            found
                .at(
                    file,
                    award,
                    msg(
                        format!(
                            "không có hình thức khen thưởng mã `{}` trong `awards`",
                            award.value
                        ),
                        format!("no award with id `{}` in `awards`", award.value),
                    ),
                )
                .suggest(&award.value, c.awards.iter().map(|a| a.id.value.as_str()));
        }
        Some(a) if a.level != AwardLevel::Province => {
            found
                .at(
                    file,
                    award,
                    msg(
                        format!("{} không do đơn vị đề nghị: chỉ tiêu theo đơn vị chỉ áp dụng cho hình thức cấp tỉnh", a.name),
                        format!("units do not nominate for {}: quotas per unit apply to provincial awards", a.name),
                    ),
                )
                .help(msg(
                    "số được khen trong cả phong trào ghi ở `quota_total` của hình thức",
                    "a limit over the whole province is the award's `quota_total`",
                ));
        }
        Some(_) => {}
    }
}

/// Who a quota entry is for, within its award: a unit, a kind, or the rest.
#[derive(PartialEq, Eq, Hash)]
enum Target<'a> {
    Unit(&'a str),
    Kind(&'a str),
    Others,
}

/// Two quotas of one award for the same unit, kind, or the rest: which
/// applies would depend on their order.
fn overlapping(ctx: &Ctx, found: &mut Found, file: FileId, c: &Campaign) {
    // The line of each target's first quota; `quota_per_unit` is its award's default.
    let mut first: HashMap<(&str, Target), usize> = HashMap::new();
    for a in &c.awards {
        if let Some(q) = &a.quota_per_unit {
            first.insert((a.id.value.as_str(), Target::Others), ctx.line_of(file, q));
        }
    }
    for q in &c.quotas {
        let award = q.award.value.as_str();
        let mut targets: Vec<(Target, &Spanned<String>)> = Vec::new();
        targets.extend(q.units.iter().map(|u| (Target::Unit(u.value.as_str()), u)));
        targets.extend(
            q.unit_kinds
                .iter()
                .map(|k| (Target::Kind(k.value.as_str()), k)),
        );
        if targets.is_empty() {
            targets.push((Target::Others, &q.award));
        }
        for (target, at) in targets {
            let (vi, en) = match &target {
                Target::Unit(u) => (format!("đơn vị `{u}`"), format!("unit `{u}`")),
                Target::Kind(k) => (format!("loại đơn vị `{k}`"), format!("unit kind `{k}`")),
                Target::Others => (
                    "các đơn vị còn lại".to_string(),
                    "the remaining units".to_string(),
                ),
            };
            let key = (award, target);
            let Some(&line) = first.get(&key) else {
                first.insert(key, ctx.line_of(file, at));
                continue;
            };
            found
                .at(
                    file,
                    at,
                    msg(
                        format!("{vi} đã có chỉ tiêu cho `{award}` ở dòng {line}: mỗi đơn vị chỉ một chỉ tiêu áp dụng"),
                        format!("{en} already has a quota for `{award}` on line {line}: one quota applies to a unit"),
                    ),
                )
                .help(msg(
                    "gộp hai chỉ tiêu thành một mục",
                    "merge the two quotas into one entry",
                ));
        }
    }
}

pub(crate) fn quota_units_exist(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    // A unit that did not load may be the one named.
    if ctx.incomplete {
        return;
    }
    let ids: Vec<&str> = ctx
        .units()
        .map(|u| u.value.id.value.as_str())
        .filter(|id| is_slug(id))
        .collect();
    for id in cf.value.quotas.iter().flat_map(|q| &q.units) {
        if ctx.workspace.unit(&id.value).is_some() {
            continue;
        }
        let help = match closest(&id.value, ids.iter().copied()) {
            Some(guess) => msg(
                format!("có phải ý bạn là `{guess}`?"),
                format!("did you mean `{guess}`?"),
            ),
            None => msg(
                "nếu đơn vị chưa nộp hồ sơ, cảnh báo sẽ hết khi có tệp của đơn vị; nếu không, kiểm tra lại mã",
                "if the unit has not submitted yet, this goes away with its file; otherwise check the id",
            ),
        };
        found
            .at(
                cf.file,
                id,
                msg(
                    format!("chỉ tiêu nêu đơn vị `{}`, nhưng chưa có tệp đơn vị nào trong inputs/units mang mã này", id.value),
                    format!("a quota names unit `{}`, but no file in inputs/units has this id", id.value),
                ),
            )
            .help(help);
    }
}
