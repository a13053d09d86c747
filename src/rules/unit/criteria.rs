//! The criteria a nominee claims (domain rule 4): those of the set for its
//! kind (`Award::set_for`: the award's short form, its `criteria_sets`, or
//! the campaign's), each one of that set's (TD0210), and every one of them
//! where the set requires all (TD0227).

use serde_saphyr::Spanned;

use super::with_award;
use crate::diag::Text;
use crate::model::campaign::{Award, AwardLevel, Campaign, Criterion, Require, SetRef};
use crate::model::common::SubjectType;
use crate::model::unit::Nomination;
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(super) fn subject_label(s: SubjectType) -> (&'static str, &'static str) {
    match s {
        SubjectType::Collective => ("tập thể", "collectives"),
        SubjectType::Individual => ("cá nhân", "individuals"),
    }
}

/// A nominee's kind in words: `tập thể loại `sở``, `cá nhân là `công chức``.
fn who(subject: SubjectType, kind: &str) -> (String, String) {
    match subject {
        SubjectType::Collective => (
            format!("tập thể loại `{kind}`"),
            format!("collectives of kind `{kind}`"),
        ),
        SubjectType::Individual => (
            format!("cá nhân là `{kind}`"),
            format!("individuals who are `{kind}`"),
        ),
    }
}

/// The kind a nominee claims its criteria by: a collective's `kind`, a
/// person's `staff_kind`.
pub(crate) fn nominee_kind(n: &Nomination) -> Option<&Spanned<String>> {
    match (&n.collective, &n.person) {
        (Some(c), None) => Some(&c.kind),
        (None, Some(p)) => Some(&p.staff_kind),
        _ => None,
    }
}

/// The set a provincial nomination's nominee claims, when there is one.
pub(super) fn claimed_set<'a>(c: &'a Campaign, n: &Nomination) -> Option<SetRef<'a>> {
    let award = c
        .award(&n.award.value)
        .filter(|a| a.level == AwardLevel::Province)?;
    award.set_for(&c.criteria_sets, n.subject()?, &nominee_kind(n)?.value)
}

/// The criteria a nomination claims that are in its nominee's set, each with
/// its definition.
pub(super) fn claimed<'a>(
    c: &'a Campaign,
    n: &'a Nomination,
) -> Vec<(&'a Spanned<String>, &'a Criterion)> {
    let Some(set) = claimed_set(c, n) else {
        return Vec::new();
    };
    n.criteria
        .iter()
        .filter_map(|k| {
            set.criteria
                .iter()
                .find(|o| o.id.value == k.value)
                .map(|o| (k, o))
        })
        .collect()
}

/// One nomination's claim: where it is, the award, and the set its nominee claims.
struct Claim<'a> {
    file: FileId,
    campaign: &'a Campaign,
    n: &'a Nomination,
    award: &'a Award,
    set: SetRef<'a>,
    subject: SubjectType,
}

pub(crate) fn criteria_exist(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for (n, award) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::Province) {
            let (Some(subject), Some(kind)) = (n.subject(), nominee_kind(n)) else {
                continue;
            };
            match award.set_for(&c.criteria_sets, subject, &kind.value) {
                Some(set) => {
                    let claim = Claim {
                        file: u.file,
                        campaign: c,
                        n,
                        award,
                        set,
                        subject,
                    };
                    nomination_criteria(found, &claim);
                }
                None => no_set(found, u.file, c, award, subject, kind),
            }
        }
    }
}

/// TD0210 for a nominee whose kind no criteria set covers.
fn no_set(
    found: &mut Found,
    file: FileId,
    c: &Campaign,
    award: &Award,
    subject: SubjectType,
    kind: &Spanned<String>,
) {
    // A kind outside the campaign's subjects is TD0209's; an award without
    // any criteria, TD0106's.
    let kinds = match subject {
        SubjectType::Collective => c.collective_kinds(),
        SubjectType::Individual => c.staff_kinds(),
    };
    if !kinds.contains(&kind.value.as_str())
        || (!award.has_criteria() && c.criteria_sets.is_empty())
    {
        return;
    }
    let short = !award.criteria.collective.is_empty() || !award.criteria.individual.is_empty();
    let (text, help) = if short {
        short_form_lacks(award, subject)
    } else {
        no_set_text(c, award, subject, &kind.value)
    };
    found.at(file, kind, text).help(help);
}

/// The short form gives criteria for the other subject type only.
fn short_form_lacks(award: &Award, subject: SubjectType) -> (Text, Text) {
    let key = match subject {
        SubjectType::Collective => "criteria.collective",
        SubjectType::Individual => "criteria.individual",
    };
    let (who_vi, who_en) = subject_label(subject);
    let name = &award.name;
    (
        msg(
            format!("{name} không có tiêu chí cho {who_vi}"),
            format!("{name} has no criteria for {who_en}"),
        ),
        msg(
            format!("thêm `{key}` cho hình thức, hoặc không đề nghị {who_vi}"),
            format!("add `{key}` to the award, or nominate no {who_en}"),
        ),
    )
}

/// No set of the award's (or the campaign's) covers the kind.
fn no_set_text(c: &Campaign, award: &Award, subject: SubjectType, kind: &str) -> (Text, Text) {
    let (who_vi, who_en) = who(subject, kind);
    let listed: Vec<String> = award
        .sets(&c.criteria_sets)
        .iter()
        .filter(|s| s.subject == subject)
        .map(|s| format!("`{}`: “{}”", s.id.value, s.title))
        .collect();
    let help = if listed.is_empty() {
        msg(
            format!("thêm một bộ tiêu chí (`criteria_sets`) cho {who_vi}"),
            format!("add a criteria set (`criteria_sets`) for {who_en}"),
        )
    } else {
        let listed = listed.join("; ");
        msg(
            format!(
                "thêm `{kind}` vào `kinds` của một bộ tiêu chí ({listed}) hoặc thêm một bộ cho loại này"
            ),
            format!(
                "add `{kind}` to the `kinds` of a criteria set ({listed}) or add a set for this kind"
            ),
        )
    };
    let text = msg(
        format!("{} không có bộ tiêu chí cho {who_vi}", award.name),
        format!("{} has no criteria set for {who_en}", award.name),
    );
    (text, help)
}

/// TD0210 for one nomination: some criteria, each one of its nominee's set.
fn nomination_criteria(found: &mut Found, claim: &Claim) {
    let (n, own) = (claim.n, claim.set.criteria);
    let (who_vi, who_en) = subject_label(claim.subject);
    if n.criteria.is_empty() {
        let listed = own
            .iter()
            .map(|k| format!("`{}`", k.id.value))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match claim.set.set {
            None => msg(
                format!("tiêu chí cho {who_vi}: {listed}"),
                format!("criteria for {who_en}: {listed}"),
            ),
            Some(set) => msg(
                format!("tiêu chí của bộ “{}”: {listed}", set.title),
                format!("the criteria of the set “{}”: {listed}", set.title),
            ),
        };
        found
            .at(
                claim.file,
                &n.id,
                msg(
                    "đề nghị chưa nêu tiêu chí nào (`criteria`)",
                    "the nomination claims no criterion (`criteria`)",
                ),
            )
            .help(help);
    }
    for k in n
        .criteria
        .iter()
        .filter(|k| !own.iter().any(|o| o.id.value == k.value))
    {
        let text = misplaced(claim, &k.value).unwrap_or_else(|| unknown(claim, &k.value));
        found
            .at(claim.file, k, text)
            .suggest(&k.value, own.iter().map(|o| o.id.value.as_str()));
    }
}

/// Where a criterion the nominee may not claim belongs: the other subject
/// type's short form, or another set of the award.
fn misplaced(claim: &Claim, id: &str) -> Option<Text> {
    let (who_vi, who_en) = subject_label(claim.subject);
    let other = match claim.subject {
        SubjectType::Collective => SubjectType::Individual,
        SubjectType::Individual => SubjectType::Collective,
    };
    if claim
        .award
        .criteria
        .for_subject(other)
        .iter()
        .any(|o| o.id.value == id)
    {
        let (other_vi, other_en) = subject_label(other);
        return Some(msg(
            format!("tiêu chí `{id}` dành cho {other_vi}, không cho {who_vi}"),
            format!("criterion `{id}` is for {other_en}, not {who_en}"),
        ));
    }
    let holder = claim
        .award
        .sets(&claim.campaign.criteria_sets)
        .iter()
        .find(|s| s.criteria.iter().any(|o| o.id.value == id))?;
    let kind = nominee_kind(claim.n).map_or("", |k| k.value.as_str());
    let (nominee_vi, nominee_en) = who(claim.subject, kind);
    Some(match claim.set.set {
        Some(own) => msg(
            format!(
                "tiêu chí `{id}` thuộc bộ “{}”, không thuộc bộ “{}” của {nominee_vi}",
                holder.title, own.title
            ),
            format!(
                "criterion `{id}` belongs to the set “{}”, not to “{}” of {nominee_en}",
                holder.title, own.title
            ),
        ),
        None => msg(
            format!(
                "tiêu chí `{id}` thuộc bộ “{}”, không dành cho {nominee_vi}",
                holder.title
            ),
            format!(
                "criterion `{id}` belongs to the set “{}”, not for {nominee_en}",
                holder.title
            ),
        ),
    })
}

/// A criterion the award does not have.
fn unknown(claim: &Claim, id: &str) -> Text {
    let name = &claim.award.name;
    match claim.set.set {
        None => {
            let (who_vi, who_en) = subject_label(claim.subject);
            msg(
                format!("{name} không có tiêu chí `{id}` cho {who_vi}"),
                format!("{name} has no criterion `{id}` for {who_en}"),
            )
        }
        Some(set) => msg(
            format!("{name} không có tiêu chí `{id}` trong bộ “{}”", set.title),
            format!("{name} has no criterion `{id}` in the set “{}”", set.title),
        ),
    }
}

pub(crate) fn all_criteria_claimed(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for n in &u.value.nominations {
            let Some(set) = claimed_set(c, n).filter(|s| s.require == Require::All) else {
                continue;
            };
            let in_set = |id: &str| set.criteria.iter().any(|o| o.id.value == id);
            // No criterion, or one outside the set (perhaps a missing one
            // misspelt): TD0210 says it.
            if n.criteria.is_empty() || n.criteria.iter().any(|k| !in_set(&k.value)) {
                continue;
            }
            let missing: Vec<String> = set
                .criteria
                .iter()
                .filter(|o| !n.criteria.iter().any(|k| k.value == o.id.value))
                .map(|o| format!("`{}`", o.id.value))
                .collect();
            if missing.is_empty() {
                continue;
            }
            let title = set.set.map_or("", |s| s.title.as_str());
            let missing = missing.join(", ");
            found
                .at(
                    u.file,
                    &n.id,
                    msg(
                        format!("bộ tiêu chí “{title}” yêu cầu đạt tất cả các tiêu chuẩn; đề nghị chưa nêu {missing}"),
                        format!("the criteria set “{title}” requires every criterion; the nomination does not claim {missing}"),
                    ),
                )
                .help(msg(
                    format!("thêm {missing} vào `criteria`, kèm thành tích chứng minh; nếu không đạt, không đề nghị"),
                    format!("add {missing} to `criteria`, with the achievements behind them; if they are not met, do not nominate"),
                ));
        }
    }
}
