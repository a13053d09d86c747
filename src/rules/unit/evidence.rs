//! What a unit's work and nominations rest on: the campaign's content items
//! (section II), the criteria of each award, the achievements and recognised
//! initiatives that back them, each achievement rewarded once.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::with_award;
use crate::model::campaign::{Award, AwardLevel, Campaign, Evidence};
use crate::model::common::SubjectType;
use crate::model::unit::Nomination;
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(crate) fn content_items_exist(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        let refs = u.value.plan.tasks.iter().map(|t| &t.content_item);
        let refs = refs.chain(u.value.achievements.iter().map(|a| &a.content_item));
        for r in refs.filter(|r| c.content_item(&r.value).is_none()) {
            found
                .at(
                    u.file,
                    r,
                    msg(
                        format!(
                            "phong trào không có nội dung thi đua mã `{}` (mục II)",
                            r.value
                        ),
                        format!(
                            "the campaign has no content item `{}` (section II)",
                            r.value
                        ),
                    ),
                )
                .suggest(
                    &r.value,
                    c.content_items.iter().map(|i| i.id.value.as_str()),
                );
        }
    }
}

fn subject_label(s: SubjectType) -> (&'static str, &'static str) {
    match s {
        SubjectType::Collective => ("tập thể", "collectives"),
        SubjectType::Individual => ("cá nhân", "individuals"),
    }
}

pub(crate) fn criteria_exist(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for (n, award) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::Province) {
            if let Some(subject) = n.subject() {
                nomination_criteria(found, u.file, n, award, subject);
            }
        }
    }
}

/// TD0210 for one nomination: some criteria, each the award's own for its subject.
fn nomination_criteria(
    found: &mut Found,
    file: FileId,
    n: &Nomination,
    award: &Award,
    subject: SubjectType,
) {
    let (who_vi, who_en) = subject_label(subject);
    let own = award.criteria.for_subject(subject);
    if n.criteria.is_empty() {
        let listed = own
            .iter()
            .map(|k| format!("`{}`", k.id.value))
            .collect::<Vec<_>>()
            .join(", ");
        found
            .at(
                file,
                &n.id,
                msg(
                    "đề nghị chưa nêu tiêu chí nào (`criteria`)",
                    "the nomination claims no criterion (`criteria`)",
                ),
            )
            .help(msg(
                format!("tiêu chí cho {who_vi}: {listed}"),
                format!("criteria for {who_en}: {listed}"),
            ));
    }
    let other = match subject {
        SubjectType::Collective => SubjectType::Individual,
        SubjectType::Individual => SubjectType::Collective,
    };
    for k in n
        .criteria
        .iter()
        .filter(|k| !own.iter().any(|o| o.id.value == k.value))
    {
        let text = if award
            .criteria
            .for_subject(other)
            .iter()
            .any(|o| o.id.value == k.value)
        {
            let (other_vi, other_en) = subject_label(other);
            msg(
                format!(
                    "tiêu chí `{}` dành cho {other_vi}, không cho {who_vi}",
                    k.value
                ),
                format!("criterion `{}` is for {other_en}, not {who_en}", k.value),
            )
        } else {
            msg(
                format!(
                    "{} không có tiêu chí `{}` cho {who_vi}",
                    award.name, k.value
                ),
                format!("{} has no criterion `{}` for {who_en}", award.name, k.value),
            )
        };
        found
            .at(file, k, text)
            .suggest(&k.value, own.iter().map(|o| o.id.value.as_str()));
    }
}

/// The evidence each claimed criterion requires.
fn required_evidence<'a>(
    c: &'a Campaign,
    n: &'a Nomination,
) -> impl Iterator<Item = (&'a Spanned<String>, Evidence)> {
    let award = c.award(&n.award.value);
    let subject = n.subject();
    n.criteria.iter().filter_map(move |k| {
        let list = award?.criteria.for_subject(subject?);
        list.iter()
            .find(|o| o.id.value == k.value)
            .map(|o| (k, o.requires))
    })
}

pub(crate) fn achievements_back_criteria(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for n in &u.value.nominations {
            let needs = required_evidence(c, n).find(|(_, e)| *e == Evidence::Achievements);
            let existing = n
                .achievements
                .iter()
                .filter(|a| u.value.achievement(&a.value).is_some())
                .count();
            if let Some((k, _)) = needs.filter(|_| existing == 0) {
                found
                    .at(
                        u.file,
                        k,
                        msg(
                            format!("tiêu chí `{}` cần thành tích cụ thể, nhưng đề nghị không dẫn thành tích nào", k.value),
                            format!("criterion `{}` needs concrete achievements, but the nomination cites none", k.value),
                        ),
                    )
                    .help(msg(
                        "thêm `achievements: [mã thành tích]` dẫn tới các thành tích ở khối `achievements` của đơn vị",
                        "add `achievements: [id]` citing the unit's `achievements`",
                    ));
            }
        }
    }
}

pub(crate) fn initiatives_back_criteria(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for n in &u.value.nominations {
            let Some((k, _)) = required_evidence(c, n).find(|(_, e)| *e == Evidence::Initiatives)
            else {
                continue;
            };
            let cited: Vec<_> = n
                .initiatives
                .iter()
                .filter_map(|i| {
                    u.value
                        .initiative(&i.value)
                        .map(|initiative| (i, initiative))
                })
                .collect();
            if cited.is_empty() {
                found
                    .at(
                        u.file,
                        k,
                        msg(
                            format!("tiêu chí `{}` cần sáng kiến, giải pháp đã được công nhận, nhưng đề nghị không dẫn sáng kiến nào", k.value),
                            format!("criterion `{}` needs recognised initiatives, but the nomination cites none", k.value),
                        ),
                    )
                    .help(msg(
                        "thêm `initiatives: [mã sáng kiến]`",
                        "add `initiatives: [id]`",
                    ));
            }
            for (reference, initiative) in cited.into_iter().filter(|(_, i)| i.decision.is_none()) {
                found
                    .at(
                        u.file,
                        reference,
                        msg(
                            format!(
                                "sáng kiến `{}` chưa có quyết định công nhận (`decision`)",
                                initiative.id.value
                            ),
                            format!(
                                "initiative `{}` has no recognising decision (`decision`)",
                                initiative.id.value
                            ),
                        ),
                    )
                    .help(msg(
                        "ghi số, ngày và cơ quan ban hành quyết định công nhận sáng kiến",
                        "give the number, date and issuer of the decision that recognised it",
                    ));
            }
        }
    }
}

pub(crate) fn citations_exist(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        let unit = &u.value;
        let achievement_ids: Vec<&str> = unit
            .achievements
            .iter()
            .map(|a| a.id.value.as_str())
            .collect();
        let initiative_ids: Vec<&str> = unit
            .initiatives
            .iter()
            .map(|i| i.id.value.as_str())
            .collect();
        let mut achievement_refs: Vec<&Spanned<String>> = unit
            .nominations
            .iter()
            .flat_map(|n| &n.achievements)
            .collect();
        if let Some(g) = &unit.giay_khen {
            achievement_refs.extend(g.recipients.iter().flat_map(|r| &r.achievements));
        }
        for r in achievement_refs
            .into_iter()
            .filter(|r| !achievement_ids.contains(&r.value.as_str()))
        {
            found
                .at(
                    u.file,
                    r,
                    msg(
                        format!("không có thành tích mã `{}` trong tệp đơn vị", r.value),
                        format!("no achievement `{}` in the unit's file", r.value),
                    ),
                )
                .suggest(&r.value, achievement_ids.iter().copied());
        }
        for r in unit
            .nominations
            .iter()
            .flat_map(|n| &n.initiatives)
            .filter(|r| !initiative_ids.contains(&r.value.as_str()))
        {
            found
                .at(
                    u.file,
                    r,
                    msg(
                        format!("không có sáng kiến mã `{}` trong tệp đơn vị", r.value),
                        format!("no initiative `{}` in the unit's file", r.value),
                    ),
                )
                .suggest(&r.value, initiative_ids.iter().copied());
        }
    }
}

pub(crate) fn achievement_rewarded_once(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        let unit = &u.value;
        // Every citation of an achievement, with the award form it backs.
        let mut citations: Vec<(&str, &Spanned<String>)> = Vec::new();
        if let Some(g) = &unit.giay_khen {
            citations.extend(
                g.recipients
                    .iter()
                    .flat_map(|x| &x.achievements)
                    .map(|r| ("giay-khen", r)),
            );
        }
        for n in &unit.nominations {
            citations.extend(n.achievements.iter().map(|r| (n.award.value.as_str(), r)));
        }
        let mut backing: HashMap<&str, (&str, &Spanned<String>)> = HashMap::new();
        for (form, r) in citations {
            match backing.get(r.value.as_str()) {
                Some((other, first)) if *other != form => {
                    let line = ctx.line_of(u.file, *first);
                    found
                        .at(
                            u.file,
                            r,
                            msg(
                                format!("thành tích `{}` đã làm căn cứ cho `{other}` (dòng {line}); một thành tích chỉ khen một lần", r.value),
                                format!("achievement `{}` already backs `{other}` (line {line}); an achievement is rewarded once", r.value),
                            ),
                        )
                        .help(msg(
                            "dẫn thành tích khác, hoặc bỏ một trong hai hình thức",
                            "cite another achievement, or drop one of the two awards",
                        ));
                }
                Some(_) => {}
                None => {
                    backing.insert(&r.value, (form, r));
                }
            }
        }
    }
}
