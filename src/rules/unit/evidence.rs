//! What a unit's work and nominations rest on: the campaign's content items
//! (section II), the achievements and recognised initiatives that back the
//! criteria claimed (`criteria`), each achievement rewarded once.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::criteria::claimed;
use crate::model::campaign::{Campaign, Evidence};
use crate::model::unit::Nomination;
use crate::rules::{Ctx, Found, msg};

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

/// The evidence each claimed criterion of the nominee's set requires.
fn required_evidence<'a>(
    c: &'a Campaign,
    n: &'a Nomination,
) -> impl Iterator<Item = (&'a Spanned<String>, Evidence)> {
    claimed(c, n).into_iter().map(|(k, o)| (k, o.requires))
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
        // The unit's own award, by the campaign's id for it (its block's key without one).
        let own = (ctx.campaign())
            .and_then(|c| c.unit_award(&unit.unit_kind.value))
            .map_or("giay_khen", |a| a.id.value.as_str());
        if let Some(g) = &unit.giay_khen {
            citations.extend(
                g.recipients
                    .iter()
                    .flat_map(|x| &x.achievements)
                    .map(|r| (own, r)),
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
