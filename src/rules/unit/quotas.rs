//! The quota on a unit's nominations for each award (rule 7), in every form
//! plans write it: for the unit by name, for its kind, or for "các cơ quan,
//! đơn vị còn lại"; on collectives, individuals, or both together
//! (`Campaign::quota_for` says which applies).

use crate::model::Sourced;
use crate::model::campaign::{AppliedQuota, Award, QuotaScope};
use crate::model::common::SubjectType;
use crate::model::unit::{Nomination, Unit};
use crate::rules::{Ctx, Found, msg};

pub(crate) fn quota_per_unit(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for award in &c.awards {
            let unit = &u.value;
            let Some(quota) = c.quota_for(award, &unit.id.value, &unit.unit_kind.value) else {
                continue;
            };
            let nominated: Vec<&Nomination> = unit
                .nominations
                .iter()
                .filter(|n| n.award.value == award.id.value)
                .collect();
            let limits = [
                (quota.collective, Some(SubjectType::Collective)),
                (quota.individual, Some(SubjectType::Individual)),
                (quota.total, None),
            ];
            for (limit, subject) in limits {
                let Some(limit) = limit else { continue };
                let counted: Vec<&Nomination> = nominated
                    .iter()
                    .copied()
                    .filter(|n| subject.is_none() || n.subject() == subject)
                    .collect();
                if let Some(extra) = counted.get(limit as usize) {
                    let over = Over {
                        award,
                        quota: &quota,
                        subject,
                        limit,
                        count: counted.len(),
                    };
                    report(found, u, extra, &over);
                }
            }
        }
    }
}

/// A limit exceeded: the award, the quota that applies, what it limits (none:
/// every nomination), the limit and the count found.
struct Over<'a> {
    award: &'a Award,
    quota: &'a AppliedQuota<'a>,
    subject: Option<SubjectType>,
    limit: u32,
    count: usize,
}

/// What is counted and the limit, in words: `tập thể được đề nghị`, `2 tập
/// thể`; `collectives nominated for`, `2 collectives`.
fn counted_words(
    subject: Option<SubjectType>,
    count: usize,
    limit: u32,
) -> (String, String, String, String) {
    let many = |n: usize, one: &str, more: &str| if n == 1 { one } else { more }.to_string();
    match subject {
        None => (
            "đề nghị".to_string(),
            many(count, "nomination for", "nominations for"),
            format!("{limit}"),
            format!("{limit}"),
        ),
        Some(SubjectType::Collective) => (
            "tập thể được đề nghị".to_string(),
            many(
                count,
                "collective nominated for",
                "collectives nominated for",
            ),
            format!("{limit} tập thể"),
            format!(
                "{limit} {}",
                many(limit as usize, "collective", "collectives")
            ),
        ),
        Some(SubjectType::Individual) => (
            "cá nhân được đề nghị".to_string(),
            many(
                count,
                "individual nominated for",
                "individuals nominated for",
            ),
            format!("{limit} cá nhân"),
            format!(
                "{limit} {}",
                many(limit as usize, "individual", "individuals")
            ),
        ),
    }
}

/// TD0221 at the first nomination over the limit, quoting the plan's wording.
fn report(found: &mut Found, u: &Sourced<Unit>, extra: &Nomination, over: &Over) {
    let Over {
        award,
        quota,
        subject,
        limit,
        count,
    } = over;
    let (what_vi, what_en, limit_vi, limit_en) = counted_words(*subject, *count, *limit);
    let unit = &u.value;
    let (scope_vi, scope_en) = match quota.scope {
        QuotaScope::Unit => (format!("của {}", unit.name), format!("for {}", unit.name)),
        QuotaScope::Kind => (
            format!("mỗi đơn vị loại `{}`", unit.unit_kind.value),
            format!("per unit of kind `{}`", unit.unit_kind.value),
        ),
        QuotaScope::Others => ("mỗi đơn vị".to_string(), "per unit".to_string()),
    };
    let (quoted_vi, quoted_en) = match quota.quota.and_then(|q| q.text.as_deref()) {
        Some(text) => (
            format!(" (Kế hoạch: “{text}”)"),
            format!(" (the plan: “{text}”)"),
        ),
        None => (String::new(), String::new()),
    };
    let name = &award.name;
    let text = if *limit == 0 {
        // "không quá 05 cá nhân" for a named body: no collective at all.
        let (none_vi, none_en) = match subject {
            Some(SubjectType::Collective) => ("tập thể", "collectives"),
            Some(SubjectType::Individual) => ("cá nhân", "individuals"),
            None => ("trường hợp nào", "nominations"),
        };
        msg(
            format!(
                "{count} {what_vi} {name}, trong khi chỉ tiêu {scope_vi} không có {none_vi}{quoted_vi}"
            ),
            format!(
                "{count} {what_en} {name}, where the quota {scope_en} allows no {none_en}{quoted_en}"
            ),
        )
    } else {
        msg(
            format!("{count} {what_vi} {name}, vượt chỉ tiêu {limit_vi} {scope_vi}{quoted_vi}"),
            format!("{count} {what_en} {name}, over the quota of {limit_en} {scope_en}{quoted_en}"),
        )
    };
    found.at(u.file, &extra.id, text).help(msg(
        "bớt đề nghị, giữ những trường hợp tiêu biểu nhất",
        "keep only the most outstanding cases",
    ));
}
