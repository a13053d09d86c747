//! Criteria per kind of nominee as data (TD0113): one form per award, sets
//! named once, criteria named once where a nominee chooses among them, kinds
//! the campaign knows, no kind covered by two sets (which would it claim?),
//! no empty set; measurable criteria with a bound that can be met (TD0114).

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::model::campaign::{Campaign, CriteriaSet};
use crate::model::common::SubjectType;
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

/// Every group of sets a nominee's set is chosen from: the campaign's, then
/// each award's own.
fn scopes(c: &Campaign) -> Vec<&[CriteriaSet]> {
    let mut out = vec![c.criteria_sets.as_slice()];
    out.extend(c.awards.iter().map(|a| a.criteria_sets.as_slice()));
    out
}

pub(crate) fn criteria_sets_are_well_formed(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let (c, file) = (&cf.value, cf.file);
    for award in &c.awards {
        let short = !award.criteria.collective.is_empty() || !award.criteria.individual.is_empty();
        if short && !award.criteria_sets.is_empty() {
            found
                .at(
                    file,
                    &award.id,
                    msg(
                        format!("{} có cả `criteria` và `criteria_sets`: chỉ dùng một cách ghi tiêu chí", award.name),
                        format!("{} has both `criteria` and `criteria_sets`: write its criteria one way", award.name),
                    ),
                )
                .help(msg(
                    "tiêu chí chung cho tập thể, cá nhân: `criteria`; tiêu chí theo loại đối tượng: `criteria_sets`",
                    "one list per subject type: `criteria`; criteria per kind of nominee: `criteria_sets`",
                ));
        }
    }
    let all_sets = scopes(c).into_iter().flatten();
    unique(
        ctx,
        found,
        file,
        all_sets.map(|s| &s.id),
        ("bộ tiêu chí", "criteria set"),
    );
    for scope in scopes(c) {
        let criteria = scope.iter().flat_map(|s| &s.criteria).map(|k| &k.id);
        unique(ctx, found, file, criteria, ("tiêu chí", "criterion"));
        kinds_known(found, file, c, scope);
        kinds_covered_once(ctx, found, file, scope);
    }
    for set in scopes(c).into_iter().flatten() {
        if set.criteria.is_empty() {
            found.at(
                file,
                &set.id,
                msg(
                    format!("bộ tiêu chí `{}` chưa có tiêu chí nào", set.id.value),
                    format!("criteria set `{}` has no criteria", set.id.value),
                ),
            );
        }
    }
}

/// Each id once among `ids`; `what` names them in both languages.
fn unique<'a>(
    ctx: &Ctx,
    found: &mut Found,
    file: FileId,
    ids: impl Iterator<Item = &'a Spanned<String>>,
    (what_vi, what_en): (&str, &str),
) {
    let mut first: HashMap<&str, &Spanned<String>> = HashMap::new();
    for id in ids {
        let Some(earlier) = first.get(id.value.as_str()) else {
            first.insert(&id.value, id);
            continue;
        };
        let line = ctx.line_of(file, *earlier);
        found
            .at(
                file,
                id,
                msg(
                    format!("mã {what_vi} `{}` đã dùng ở dòng {line}", id.value),
                    format!("{what_en} id `{}` is already used on line {line}", id.value),
                ),
            )
            .help(msg(
                "đơn vị chọn tiêu chí theo mã: mỗi mã một mục",
                "units claim criteria by id: one entry per id",
            ));
    }
}

/// A set's kinds are the campaign's: unit kinds for collectives, staff kinds
/// for individuals.
fn kinds_known(found: &mut Found, file: FileId, c: &Campaign, scope: &[CriteriaSet]) {
    for set in scope {
        let (known, key) = match set.subject {
            SubjectType::Collective => (c.collective_kinds(), "subjects.collective.kinds"),
            SubjectType::Individual => (c.staff_kinds(), "subjects.individual.staff_kinds"),
        };
        for k in set
            .kinds
            .iter()
            .filter(|k| !known.contains(&k.value.as_str()))
        {
            found
                .at(
                    file,
                    k,
                    msg(
                        format!("`{}` không thuộc đối tượng thi đua (`{key}`)", k.value),
                        format!(
                            "`{}` is not among the campaign's subjects (`{key}`)",
                            k.value
                        ),
                    ),
                )
                .suggest(&k.value, known.iter().copied());
        }
    }
}

/// No kind (nor "every kind") of a subject type in two sets of one scope:
/// the nominee would claim the first, and the second never apply.
fn kinds_covered_once(ctx: &Ctx, found: &mut Found, file: FileId, scope: &[CriteriaSet]) {
    let mut first: HashMap<(SubjectType, Option<&str>), &CriteriaSet> = HashMap::new();
    for set in scope {
        let mut covered: Vec<(Option<&str>, &Spanned<String>)> = set
            .kinds
            .iter()
            .map(|k| (Some(k.value.as_str()), k))
            .collect();
        if covered.is_empty() {
            covered.push((None, &set.id));
        }
        for (kind, at) in covered {
            let Some(earlier) = first.get(&(set.subject, kind)) else {
                first.insert((set.subject, kind), set);
                continue;
            };
            if std::ptr::eq(*earlier, set) {
                continue;
            }
            let line = ctx.line_of(file, &earlier.id);
            let (vi, en) = match kind {
                Some(k) => (format!("`{k}`"), format!("`{k}`")),
                None => ("mọi loại".to_string(), "every kind".to_string()),
            };
            found
                .at(
                    file,
                    at,
                    msg(
                        format!("{vi} đã có bộ tiêu chí `{}` (dòng {line}): một đối tượng chỉ thuộc một bộ", earlier.id.value),
                        format!("{en} already has criteria set `{}` (line {line}): a nominee claims one set", earlier.id.value),
                    ),
                )
                .help(msg(
                    "bỏ loại này khỏi một trong hai bộ (`kinds`)",
                    "remove the kind from one of the two sets (`kinds`)",
                ));
        }
    }
}

pub(crate) fn metrics_are_well_formed(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    for k in cf.value.all_criteria() {
        let Some(m) = &k.metric else { continue };
        match (&m.at_least, &m.at_most) {
            (None, None) => {
                found
                    .at(
                        cf.file,
                        &m.id,
                        msg(
                            format!(
                                "chỉ số `{}` của tiêu chí `{}` chưa có ngưỡng",
                                m.id.value, k.id.value
                            ),
                            format!(
                                "metric `{}` of criterion `{}` has no bound",
                                m.id.value, k.id.value
                            ),
                        ),
                    )
                    .help(msg(
                        "“từ 98% trở lên”: `at_least: 98`; “không có vụ việc”: `at_most: 0`",
                        "“từ 98% trở lên”: `at_least: 98`; “không có vụ việc”: `at_most: 0`",
                    ));
            }
            (Some(lo), Some(hi)) if lo.value > hi.value => {
                found.at(
                    cf.file,
                    hi,
                    msg(
                        format!("chỉ số `{}`: `at_most` ({}) nhỏ hơn `at_least` ({}), không số liệu nào đạt được", m.id.value, hi.value, lo.value),
                        format!("metric `{}`: `at_most` ({}) is below `at_least` ({}), no figure can meet it", m.id.value, hi.value, lo.value),
                    ),
                );
            }
            _ => {}
        }
    }
}
