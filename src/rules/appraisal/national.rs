//! The submissions upward (rule 6, 8, 9, 11): national awards of the
//! campaign, one submission each, nominees from the provincial pool that
//! passed, each person and achievement sent up for one award.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::{outcomes, resolve};
use crate::model::appraisal::Outcome;
use crate::model::campaign::{Award, AwardLevel, Campaign};
use crate::model::unit::Nomination;
use crate::rules::{Ctx, Found, msg};

pub(crate) fn national_from_pool(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let ap = &a.value;
    let judged = outcomes(ap);
    for s in &ap.national {
        let Some(award) = c.award(&s.award.value) else {
            continue;
        };
        for r in &s.nominees {
            let Ok((u, n)) = resolve(ctx, &r.unit, &r.nomination) else {
                continue;
            };
            let passed = judged.get(&(u.value.id.value.as_str(), n.id.value.as_str()))
                == Some(&Outcome::Passed);
            if let Some((vi, en)) = outside_pool(c, award, n, passed) {
                found.at(a.file, &r.nomination, msg(vi, en)).help(msg(
                    format!(
                        "chọn trong các đề nghị cấp tỉnh đã thẩm định đạt và được {} bỏ phiếu",
                        c.roles.council
                    ),
                    format!(
                        "choose among provincial nominees that passed and were voted by the {}",
                        c.roles.council
                    ),
                ));
            }
        }
    }
}

/// Why nomination `n` may not go up for `award`, in both languages.
fn outside_pool(
    c: &Campaign,
    award: &Award,
    n: &Nomination,
    passed: bool,
) -> Option<(String, String)> {
    let pool = award.selection.as_ref().map(|sel| sel.pool.value.as_str());
    if pool.is_some_and(|p| p != n.award.value) {
        Some((
            format!(
                "`{}` không thuộc danh sách đề nghị {} (nguồn lựa chọn cho {})",
                n.id.value,
                pool.and_then(|p| c.award(p))
                    .map_or("", |p| p.name.as_str()),
                award.name
            ),
            format!(
                "`{}` is not in the pool of {} that {} is chosen from",
                n.id.value,
                pool.unwrap_or(""),
                award.name
            ),
        ))
    } else if !passed {
        Some((
            format!(
                "`{}` chưa được {} thẩm định đạt: chỉ trình cấp trên các trường hợp đạt",
                n.id.value, c.roles.appraiser
            ),
            format!(
                "`{}` has not passed the appraisal: only nominees that passed go up",
                n.id.value
            ),
        ))
    } else {
        // A passed nominee without a vote is TD0310's, where the vote is missing.
        None
    }
}

pub(crate) fn national_award_is_national(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let national: Vec<&str> = c
        .awards
        .iter()
        .filter(|a| a.level == AwardLevel::National)
        .map(|a| a.id.value.as_str())
        .collect();
    for s in a
        .value
        .national
        .iter()
        .filter(|s| !national.contains(&s.award.value.as_str()))
    {
        let (vi, en) = match c.award(&s.award.value) {
            Some(award) => (
                format!(
                    "{} không phải hình thức cấp {} (`level: national`)",
                    award.name,
                    c.role_names().upper_level
                ),
                format!("{} is not a national award", award.name),
            ),
            None => (
                format!(
                    "không có hình thức khen thưởng mã `{}` trong phong trào",
                    s.award.value
                ),
                format!("the campaign has no award `{}`", s.award.value),
            ),
        };
        found
            .at(a.file, &s.award, msg(vi, en))
            .suggest(&s.award.value, national.iter().copied());
    }
}

pub(crate) fn one_submission_per_award(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    let mut first: HashMap<&str, &Spanned<String>> = HashMap::new();
    for s in &a.value.national {
        let Some(earlier) = first.get(s.award.value.as_str()) else {
            first.insert(&s.award.value, &s.award);
            continue;
        };
        let line = ctx.line_of(a.file, *earlier);
        found
            .at(
                a.file,
                &s.award,
                msg(
                    format!(
                        "đã có tờ trình đề nghị `{}` ở dòng {line}: mỗi hình thức một tờ trình",
                        s.award.value
                    ),
                    format!(
                        "there is already a submission for `{}` on line {line}: one per award",
                        s.award.value
                    ),
                ),
            )
            .help(msg(
                "gộp danh sách vào tờ trình thứ nhất",
                "merge the lists into the first submission",
            ));
    }
}

pub(crate) fn one_national_award_per_person(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    // Who is already selected, by nomination and by CCCD: the first place seen.
    let mut by_nomination: HashMap<(&str, &str), (&str, &Spanned<String>)> = HashMap::new();
    let mut by_cccd: HashMap<&str, (&str, &Spanned<String>)> = HashMap::new();
    for s in &a.value.national {
        for r in &s.nominees {
            let Ok((u, n)) = resolve(ctx, &r.unit, &r.nomination) else {
                continue;
            };
            let key = (u.value.id.value.as_str(), n.id.value.as_str());
            let earlier = by_nomination.get(&key).copied().or_else(|| {
                n.person
                    .as_ref()
                    .and_then(|p| by_cccd.get(p.cccd.value.as_str()).copied())
            });
            if let Some((award, place)) = earlier {
                let line = ctx.line_of(a.file, place);
                found
                    .at(
                        a.file,
                        &r.nomination,
                        msg(
                            format!("`{}` đã được chọn trình `{award}` ở dòng {line}: một thành tích chỉ làm căn cứ cho một hình thức khen thưởng", n.id.value),
                            format!("`{}` is already selected for `{award}` on line {line}: one achievement backs one award", n.id.value),
                        ),
                    )
                    .help(msg(
                        "giữ người này ở một tờ trình",
                        "keep this nominee in one submission",
                    ));
                continue;
            }
            by_nomination.insert(key, (s.award.value.as_str(), &r.nomination));
            if let Some(p) = &n.person {
                by_cccd.insert(&p.cccd.value, (s.award.value.as_str(), &r.nomination));
            }
        }
    }
}
