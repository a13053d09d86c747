//! Rules across units, on the Sở Nội vụ's appraisal: every nomination judged
//! once, verdicts on real nominations, complete dossiers, national nominees
//! from the provincial pool, one submission per award, quotas and shares over
//! the whole province.

use std::collections::{BTreeMap, HashMap};

use serde_saphyr::Spanned;

use super::{Ctx, Rule, suggest};
use crate::diag::{Diagnostic, Severity, Text};
use crate::source::FileId;
use crate::model::appraisal::{Appraisal, Outcome};
use crate::model::campaign::{Award, AwardLevel, Campaign};
use crate::model::unit::{Nomination, Unit};
use crate::model::{Sourced, Workspace};

#[rustfmt::skip]
pub(super) static RULES: &[Rule] = &[
    rule!("TD0301", Error, "Đơn vị thẩm định (`appraiser`) là một đơn vị có tệp trong inputs/units", appraiser_exists),
    rule!("TD0302", Error, "Kết quả thẩm định, phiếu bầu và danh sách cấp Nhà nước dẫn chiếu đề nghị có thật", references_exist),
    rule!("TD0303", Warning, "Mỗi đề nghị cấp tỉnh có kết quả thẩm định (lỗi khi --final)", every_nomination_judged),
    rule!("TD0304", Error, "Mỗi đề nghị một kết quả thẩm định; `không đạt` nêu lý do", verdicts_well_formed),
    rule!("TD0306", Error, "Người được trình cấp Nhà nước thuộc danh sách cấp tỉnh, đạt thẩm định và được Hội đồng tỉnh bỏ phiếu (quy tắc 6)", national_from_pool),
    rule!("TD0307", Error, "Tờ trình cấp Nhà nước đề nghị một hình thức cấp Nhà nước của phong trào", national_award_is_national),
    rule!("TD0308", Error, "Mỗi hình thức cấp Nhà nước một tờ trình (quy tắc 9)", one_submission_per_award),
    rule!("TD0309", Error, "Một người, một thành tích chỉ được trình một hình thức cấp Nhà nước (quy tắc 8, 11)", one_national_award_per_person),
    rule!("TD0310", Error, "Biên bản Hội đồng tỉnh: số có mặt, số phiếu hợp lệ; mỗi hồ sơ đạt một kết quả", province_council_adds_up),
    rule!("TD0311", Error, "Tổng số được khen không vượt chỉ tiêu toàn tỉnh (`quota_total`, quy tắc 7)", total_quota),
    rule!("TD0312", Warning, "Tỷ lệ cá nhân không giữ chức vụ lãnh đạo, trực tiếp lao động trên toàn tỉnh đạt mục tiêu (quy tắc 12)", province_shares),
    rule!("TD0313", Error, "Thứ tự ngày: tờ trình đơn vị → họp Hội đồng tỉnh → tờ trình Sở Nội vụ → quyết định, tờ trình cấp trên", dates_in_order),
];

fn msg(vi: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(vi, en)
}

fn appraisal<'a>(ctx: &'a Ctx) -> Option<&'a Sourced<Appraisal>> {
    ctx.workspace.appraisal.as_ref()
}

fn campaign<'a>(ctx: &'a Ctx) -> Option<&'a Campaign> {
    ctx.workspace.campaign.as_ref().map(|c| &c.value)
}

/// Awards of the provincial level: the pool the appraisal judges.
fn is_provincial(c: &Campaign, n: &Nomination) -> bool {
    c.award(&n.award.value)
        .is_some_and(|a| a.level == AwardLevel::Province)
}

/// What a `{unit, nomination}` pair points at, or the diagnostic saying why not.
fn resolve<'a>(
    ctx: &Ctx,
    workspace: &'a Workspace,
    file: FileId,
    unit: &Spanned<String>,
    nomination: &Spanned<String>,
) -> Result<(&'a Sourced<Unit>, &'a Nomination), Option<Diagnostic>> {
    let Some(u) = workspace.unit(&unit.value) else {
        if ctx.incomplete {
            return Err(None);
        }
        let d = Diagnostic::error(
            "TD0302",
            msg(
                format!("không có đơn vị mã `{}` trong inputs/", unit.value),
                format!("no unit with id `{}` in inputs/", unit.value),
            ),
        );
        return Err(Some(ctx.at(
            file,
            unit,
            suggest(d, &unit.value, usable_ids(workspace)),
        )));
    };
    if !ctx.settled(u.file) {
        return Err(None);
    }
    match u
        .value
        .nominations
        .iter()
        .find(|n| n.id.value == nomination.value)
    {
        Some(n) => Ok((u, n)),
        None => {
            let d = Diagnostic::error(
                "TD0302",
                msg(
                    format!(
                        "{} không có đề nghị mã `{}`",
                        u.value.name, nomination.value
                    ),
                    format!("{} has no nomination `{}`", u.value.name, nomination.value),
                ),
            );
            Err(Some(ctx.at(
                file,
                nomination,
                suggest(
                    d,
                    &nomination.value,
                    u.value.nominations.iter().map(|n| n.id.value.as_str()),
                ),
            )))
        }
    }
}

/// Unit ids a reference may name: never an invalid one as a suggestion.
fn usable_ids(workspace: &Workspace) -> impl Iterator<Item = &str> {
    workspace
        .units
        .iter()
        .map(|u| u.value.id.value.as_str())
        .filter(|id| super::is_slug(id))
}

fn appraiser_exists(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(a) = appraisal(ctx) else {
        return vec![];
    };
    let id = &a.value.appraiser;
    if ctx.incomplete || ctx.workspace.unit(&id.value).is_some() {
        return vec![];
    }
    let d = Diagnostic::error(
        "TD0301",
        msg(
            format!(
                "không có đơn vị thẩm định mã `{}` trong inputs/units",
                id.value
            ),
            format!("no appraising unit `{}` in inputs/units", id.value),
        ),
    )
    .help(msg(
        "`appraiser` là mã của Sở Nội vụ trong tệp đơn vị của Sở",
        "`appraiser` is the id of the Sở Nội vụ's own unit file",
    ));
    vec![ctx.at(a.file, id, suggest(d, &id.value, usable_ids(ctx.workspace)))]
}

fn references_exist(ctx: &Ctx) -> Vec<Diagnostic> {
    let (Some(a), Some(c)) = (appraisal(ctx), campaign(ctx)) else {
        return vec![];
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
    let mut out = Vec::new();
    for (unit, nomination, provincial_only) in refs {
        match resolve(ctx, ctx.workspace, a.file, unit, nomination) {
            Err(d) => out.extend(d),
            Ok((_, n))
                if provincial_only
                    && c.award(&n.award.value).is_some()
                    && !is_provincial(c, n) =>
            {
                out.push(ctx.at(
                a.file,
                nomination,
                Diagnostic::error(
                    "TD0302",
                    msg(
                        format!("đề nghị `{}` không phải đề nghị khen thưởng cấp tỉnh: Sở Nội vụ chỉ thẩm định hồ sơ trình Chủ tịch UBND tỉnh", nomination.value),
                        format!("nomination `{}` is not for a provincial award: the appraisal judges provincial nominations only", nomination.value),
                    ),
                ),
            ))
            }
            Ok(_) => {}
        }
    }
    out
}

/// Verdicts by (unit, nomination).
fn verdicts(ap: &Appraisal) -> HashMap<(&str, &str), Outcome> {
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

fn every_nomination_judged(ctx: &Ctx) -> Vec<Diagnostic> {
    let (Some(a), Some(c)) = (appraisal(ctx), campaign(ctx)) else {
        return vec![];
    };
    let judged = verdicts(&a.value);
    let mut out = Vec::new();
    for u in ctx.workspace.units.iter().filter(|u| ctx.settled(u.file)) {
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
            if judged.contains_key(&(u.value.id.value.as_str(), n.id.value.as_str())) {
                continue;
            }
            let text = msg(
                format!(
                    "đề nghị `{}` của {} chưa có kết quả thẩm định trong {}",
                    n.id.value,
                    u.value.name,
                    ctx.sources.name(a.file)
                ),
                format!(
                    "nomination `{}` of {} has no verdict in {}",
                    n.id.value,
                    u.value.name,
                    ctx.sources.name(a.file)
                ),
            );
            let d = if ctx.final_ {
                Diagnostic::error("TD0303", text)
            } else {
                Diagnostic::warning("TD0303", text)
            };
            out.push(ctx.at(
                u.file,
                &n.id,
                d.help(msg(
                    format!(
                        "thêm vào `verdicts`: `{{ unit: {}, nomination: {}, result: đạt }}` (hoặc `không đạt` kèm `reason`)",
                        u.value.id.value, n.id.value
                    ),
                    format!(
                        "add to `verdicts`: `{{ unit: {}, nomination: {}, result: đạt }}` (or `không đạt` with a `reason`)",
                        u.value.id.value, n.id.value
                    ),
                )),
            ));
        }
    }
    out
}

fn verdicts_well_formed(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(a) = appraisal(ctx) else {
        return vec![];
    };
    let mut out = Vec::new();
    let mut first: HashMap<(&str, &str), &Spanned<String>> = HashMap::new();
    for v in &a.value.verdicts {
        let key = (v.unit.value.as_str(), v.nomination.value.as_str());
        if let Some(earlier) = first.get(&key) {
            let line = ctx.line_of(a.file, *earlier);
            out.push(
                ctx.at(
                    a.file,
                    &v.nomination,
                    Diagnostic::error(
                        "TD0304",
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
                    )),
                ),
            );
        } else {
            first.insert(key, &v.nomination);
        }
        let blank = v.reason.as_deref().is_none_or(|r| r.trim().is_empty());
        if v.result.value == Outcome::Failed && blank {
            out.push(
                ctx.at(
                    a.file,
                    &v.result,
                    Diagnostic::error(
                        "TD0304",
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
                        "thêm `reason: <lý do>`; tờ trình của Sở Nội vụ tổng hợp các lý do",
                        "add `reason: …`; the Sở Nội vụ's submission summarises the reasons",
                    )),
                ),
            );
        }
    }
    out
}

fn national_from_pool(ctx: &Ctx) -> Vec<Diagnostic> {
    let (Some(a), Some(c)) = (appraisal(ctx), campaign(ctx)) else {
        return vec![];
    };
    let ap = &a.value;
    let judged = verdicts(ap);
    let mut out = Vec::new();
    for s in &ap.national {
        let Some(award) = c.award(&s.award.value) else {
            continue;
        };
        let pool = award.selection.as_ref().map(|sel| sel.pool.value.as_str());
        for r in &s.nominees {
            let Ok((u, n)) = resolve(ctx, ctx.workspace, a.file, &r.unit, &r.nomination) else {
                continue;
            };
            let key = (u.value.id.value.as_str(), n.id.value.as_str());
            let problem = if pool.is_some_and(|p| p != n.award.value) {
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
            } else if judged.get(&key) != Some(&Outcome::Passed) {
                Some((
                    format!(
                        "`{}` chưa được Sở Nội vụ thẩm định đạt: chỉ trình cấp trên các trường hợp đạt",
                        n.id.value
                    ),
                    format!(
                        "`{}` has not passed the appraisal: only nominees that passed go up",
                        n.id.value
                    ),
                ))
            } else {
                // A passed nominee without a vote is TD0310's, where the vote is missing.
                None
            };
            if let Some((vi, en)) = problem {
                out.push(ctx.at(
                    a.file,
                    &r.nomination,
                    Diagnostic::error("TD0306", msg(vi, en)).help(msg(
                        "chọn trong các đề nghị cấp tỉnh đã thẩm định đạt và được Hội đồng tỉnh bỏ phiếu",
                        "choose among provincial nominees that passed and were voted by the provincial council",
                    )),
                ));
            }
        }
    }
    out
}

fn national_award_is_national(ctx: &Ctx) -> Vec<Diagnostic> {
    let (Some(a), Some(c)) = (appraisal(ctx), campaign(ctx)) else {
        return vec![];
    };
    let national: Vec<&str> = c
        .awards
        .iter()
        .filter(|a| a.level == AwardLevel::National)
        .map(|a| a.id.value.as_str())
        .collect();
    a.value
        .national
        .iter()
        .filter(|s| !national.contains(&s.award.value.as_str()))
        .map(|s| {
            let (vi, en) = match c.award(&s.award.value) {
                Some(award) => (
                    format!("{} không phải hình thức cấp Nhà nước", award.name),
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
            ctx.at(
                a.file,
                &s.award,
                suggest(
                    Diagnostic::error("TD0307", msg(vi, en)),
                    &s.award.value,
                    national.iter().copied(),
                ),
            )
        })
        .collect()
}

fn one_submission_per_award(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(a) = appraisal(ctx) else {
        return vec![];
    };
    let mut first: HashMap<&str, &Spanned<String>> = HashMap::new();
    let mut out = Vec::new();
    for s in &a.value.national {
        if let Some(earlier) = first.get(s.award.value.as_str()) {
            let line = ctx.line_of(a.file, *earlier);
            out.push(ctx.at(
                a.file,
                &s.award,
                Diagnostic::error(
                    "TD0308",
                    msg(
                        format!("đã có tờ trình đề nghị `{}` ở dòng {line}: mỗi hình thức một tờ trình", s.award.value),
                        format!("there is already a submission for `{}` on line {line}: one per award", s.award.value),
                    ),
                )
                .help(msg("gộp danh sách vào tờ trình thứ nhất", "merge the lists into the first submission")),
            ));
        } else {
            first.insert(&s.award.value, &s.award);
        }
    }
    out
}

fn one_national_award_per_person(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(a) = appraisal(ctx) else {
        return vec![];
    };
    // Who is already selected, by nomination and by CCCD: the first place seen.
    let mut by_nomination: HashMap<(&str, &str), (&str, &Spanned<String>)> = HashMap::new();
    let mut by_cccd: HashMap<&str, (&str, &Spanned<String>)> = HashMap::new();
    let mut out = Vec::new();
    for s in &a.value.national {
        for r in &s.nominees {
            let Ok((u, n)) = resolve(ctx, ctx.workspace, a.file, &r.unit, &r.nomination) else {
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
                out.push(ctx.at(
                    a.file,
                    &r.nomination,
                    Diagnostic::error(
                        "TD0309",
                        msg(
                            format!("`{}` đã được chọn trình `{award}` ở dòng {line}: một thành tích chỉ làm căn cứ cho một hình thức khen thưởng", n.id.value),
                            format!("`{}` is already selected for `{award}` on line {line}: one achievement backs one award", n.id.value),
                        ),
                    )
                    .help(msg("giữ người này ở một tờ trình", "keep this nominee in one submission")),
                ));
                continue;
            }
            by_nomination.insert(key, (s.award.value.as_str(), &r.nomination));
            if let Some(p) = &n.person {
                by_cccd.insert(&p.cccd.value, (s.award.value.as_str(), &r.nomination));
            }
        }
    }
    out
}

fn province_council_adds_up(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(a) = appraisal(ctx) else {
        return vec![];
    };
    let ap = &a.value;
    let council = &ap.council;
    let (members, present) = (council.members.value, council.present.value);
    let err = |vi: String, en: String| Diagnostic::error("TD0310", msg(vi, en));
    let mut out = Vec::new();
    if present > members {
        out.push(ctx.at(
            a.file,
            &council.present,
            err(
                format!(
                    "số thành viên có mặt ({present}) lớn hơn số thành viên Hội đồng ({members})"
                ),
                format!("{present} members present out of {members}"),
            ),
        ));
    }
    let judged = verdicts(ap);
    let mut voted: HashMap<(&str, &str), &Spanned<String>> = HashMap::new();
    for v in &council.votes {
        let key = (v.unit.value.as_str(), v.nomination.value.as_str());
        if v.in_favour.value > present {
            out.push(ctx.at(
                a.file,
                &v.in_favour,
                err(
                    format!(
                        "{} phiếu đồng ý nhiều hơn số thành viên có mặt ({present})",
                        v.in_favour.value
                    ),
                    format!(
                        "{} votes in favour but only {present} members present",
                        v.in_favour.value
                    ),
                ),
            ));
        }
        if let Some(earlier) = voted.insert(key, &v.nomination) {
            let line = ctx.line_of(a.file, earlier);
            out.push(ctx.at(
                a.file,
                &v.nomination,
                err(
                    format!(
                        "đề nghị `{}` đã có kết quả bỏ phiếu ở dòng {line}",
                        v.nomination.value
                    ),
                    format!(
                        "nomination `{}` already has a vote on line {line}",
                        v.nomination.value
                    ),
                ),
            ));
        }
        if judged.get(&key) == Some(&Outcome::Failed) {
            out.push(ctx.at(
                a.file,
                &v.nomination,
                err(
                    format!(
                        "đề nghị `{}` không đạt thẩm định nên không đưa ra Hội đồng bỏ phiếu",
                        v.nomination.value
                    ),
                    format!(
                        "nomination `{}` failed the appraisal and is not put to the vote",
                        v.nomination.value
                    ),
                ),
            ));
        }
    }
    // A vote naming an unknown unit or nomination may be a missing one
    // misspelt: TD0302 reports it, with the closest id.
    let exists = |unit: &str, nomination: &str| {
        ctx.workspace
            .unit(unit)
            .is_some_and(|u| u.value.nominations.iter().any(|n| n.id.value == nomination))
    };
    let misspelt = council
        .votes
        .iter()
        .any(|v| !exists(&v.unit.value, &v.nomination.value));
    for v in ap
        .verdicts
        .iter()
        .filter(|v| v.result.value == Outcome::Passed && !misspelt)
    {
        let key = (v.unit.value.as_str(), v.nomination.value.as_str());
        let settled = ctx
            .workspace
            .unit(key.0)
            .is_some_and(|u| ctx.settled(u.file));
        if settled && exists(key.0, key.1) && !voted.contains_key(&key) {
            out.push(ctx.at(a.file, &v.nomination, err(
                format!("hồ sơ `{}` đạt thẩm định nhưng chưa có kết quả bỏ phiếu của Hội đồng tỉnh (`council.votes`)", v.nomination.value),
                format!("`{}` passed the appraisal but has no vote of the provincial council (`council.votes`)", v.nomination.value),
            )));
        }
    }
    out
}

/// The nominations an award ends with: the passed pool for the provincial
/// award less those moved up (one nominee, one level: rule 8), the
/// selection for a national one.
fn awarded<'a>(
    ctx: &'a Ctx,
    ap: &'a Appraisal,
    award: &Award,
) -> Vec<(&'a Sourced<Unit>, &'a Nomination)> {
    let resolved = |unit: &Spanned<String>, nomination: &Spanned<String>| {
        let u = ctx.workspace.unit(&unit.value)?;
        let n = u
            .value
            .nominations
            .iter()
            .find(|n| n.id.value == nomination.value)?;
        Some((u, n))
    };
    match award.level {
        AwardLevel::National => ap
            .national
            .iter()
            .filter(|s| s.award.value == award.id.value)
            .flat_map(|s| s.nominees.iter())
            .filter_map(|r| resolved(&r.unit, &r.nomination))
            .collect(),
        _ => ap
            .verdicts
            .iter()
            .filter(|v| v.result.value == Outcome::Passed)
            .filter(|v| !ap.selected_upward(&v.unit.value, &v.nomination.value))
            .filter_map(|v| resolved(&v.unit, &v.nomination))
            .filter(|(_, n)| n.award.value == award.id.value)
            .collect(),
    }
}

fn total_quota(ctx: &Ctx) -> Vec<Diagnostic> {
    let (Some(a), Some(c)) = (appraisal(ctx), ctx.workspace.campaign.as_ref()) else {
        return vec![];
    };
    let mut out = Vec::new();
    for award in &c.value.awards {
        let Some(quota) = &award.quota_total else {
            continue;
        };
        let count = awarded(ctx, &a.value, award).len() as u32;
        if count > quota.value {
            out.push(ctx.at(
                c.file,
                quota,
                Diagnostic::error(
                    "TD0311",
                    msg(
                        format!("{count} trường hợp được đề nghị {} trong toàn tỉnh, vượt chỉ tiêu {}", award.name, quota.value),
                        format!("{count} nominees for {} across the province, over the quota of {}", award.name, quota.value),
                    ),
                )
                .help(msg(
                    format!("ghi `không đạt` hoặc bớt người được chọn trong {}", ctx.sources.name(a.file)),
                    format!("record `không đạt` or select fewer in {}", ctx.sources.name(a.file)),
                )),
            ));
        }
    }
    out
}

fn province_shares(ctx: &Ctx) -> Vec<Diagnostic> {
    let (Some(a), Some(c)) = (appraisal(ctx), campaign(ctx)) else {
        return vec![];
    };
    let Some(targets) = &c.targets else {
        return vec![];
    };
    let mut out = Vec::new();
    // Per award: where the list is located in the appraisal file.
    let mut places: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
    for s in &a.value.national {
        places.entry(s.award.value.as_str()).or_insert(&s.award);
    }
    for award in c.awards.iter().filter(|a| a.level != AwardLevel::Unit) {
        let persons: Vec<_> = awarded(ctx, &a.value, award)
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
        let total = persons.len();
        let checks = [
            (
                &targets.non_leader_share,
                persons.iter().filter(|p| !p.leader).count(),
                ("không giữ chức vụ lãnh đạo", "non-leaders"),
            ),
            (
                &targets.direct_worker_share,
                persons.iter().filter(|p| p.direct_worker).count(),
                ("trực tiếp lao động, công tác", "direct workers"),
            ),
        ];
        for (target, count, (what_vi, what_en)) in checks {
            let Some(target) = target else { continue };
            let share = 100.0 * count as f64 / total as f64;
            if share + 1e-9 < target.value {
                out.push(ctx.at(
                    a.file,
                    place,
                    Diagnostic::warning(
                        "TD0312",
                        msg(
                            format!("{}: tỷ lệ cá nhân {what_vi} trên toàn tỉnh là {share:.0}% ({count}/{total}), dưới mục tiêu {}%", award.name, target.value),
                            format!("{}: {what_en} are {share:.0}% of individuals across the province ({count}/{total}), under the target of {}%", award.name, target.value),
                        ),
                    )
                    .help(msg("Luật Thi đua, khen thưởng ưu tiên người trực tiếp lao động, không giữ chức vụ lãnh đạo", "the law favours direct workers and non-leaders")),
                ));
            }
        }
    }
    out
}

fn dates_in_order(ctx: &Ctx) -> Vec<Diagnostic> {
    let Some(a) = appraisal(ctx) else {
        return vec![];
    };
    let ap = &a.value;
    let council = ap.council.date.value.0;
    let mut out = Vec::new();
    let err = |vi: String, en: String| Diagnostic::error("TD0313", msg(vi, en));
    // The council reviews dossiers already submitted.
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
            out.push(ctx.at(
                a.file,
                &ap.council.date,
                err(
                    format!(
                        "Hội đồng tỉnh họp ngày {} trước tờ trình của {} ({})",
                        council.format("%d/%m/%Y"),
                        u.value.name,
                        s.date.value.vi()
                    ),
                    format!(
                        "the provincial council meets on {council} before {}'s submission ({})",
                        u.value.name, s.date.value
                    ),
                ),
            ));
            break;
        }
    }
    let later: Vec<(&str, &Spanned<crate::model::date::PartialDate>)> =
        std::iter::once(("tờ trình của Sở Nội vụ (`submission`)", &ap.submission.date))
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
    for (what, date) in later {
        if date.value.latest() < council {
            out.push(ctx.at(
                a.file,
                date,
                err(
                    format!(
                        "{what} ({}) trước cuộc họp Hội đồng tỉnh ({})",
                        date.value.vi(),
                        council.format("%d/%m/%Y")
                    ),
                    format!(
                        "{what} dated {} is before the provincial council's meeting ({council})",
                        date.value
                    ),
                ),
            ));
        }
    }
    if ap.decision.date.value.latest() < ap.submission.date.value.earliest() {
        out.push(ctx.at(
            a.file,
            &ap.decision.date,
            err(
                format!(
                    "quyết định ({}) trước tờ trình của Sở Nội vụ ({})",
                    ap.decision.date.value.vi(),
                    ap.submission.date.value.vi()
                ),
                format!(
                    "the decision dated {} is before the Sở Nội vụ's submission ({})",
                    ap.decision.date.value, ap.submission.date.value
                ),
            ),
        ));
    }
    out
}
