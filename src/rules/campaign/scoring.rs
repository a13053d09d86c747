//! The score table (`scoring`): a table that adds up (TD0119), rounds inside
//! the period and before the scoring deadline (TD0120). Its formulas are
//! `formulas`' (TD0118).

use std::collections::HashSet;

use crate::model::scoring::{Group, ScoreCriterion, Scoring};
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(crate) fn table_adds_up(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let c = &cf.value;
    let Some(s) = &c.scoring else {
        return;
    };
    let file = cf.file;
    let kinds = c.collective_kinds();
    let mut group_ids = HashSet::new();
    let mut kind_groups = HashSet::new();
    for g in &s.groups {
        if !group_ids.insert(g.id.value.as_str()) {
            found.at(
                file,
                &g.id,
                msg(
                    format!("nhóm `{}` ghi hai lần", g.id.value),
                    format!("group `{}` is written twice", g.id.value),
                ),
            );
        }
        group_kinds(found, file, &kinds, g, &mut kind_groups);
        figure_ids(found, file, g);
        if g.criteria.is_empty() && g.ranking.by.is_none() {
            found
                .at(
                    file,
                    &g.id,
                    msg(
                        format!(
                            "nhóm `{}` không có thang điểm nên cần `ranking.by`",
                            g.id.value
                        ),
                        format!(
                            "group `{}` has no score table, so it needs `ranking.by`",
                            g.id.value
                        ),
                    ),
                )
                .help(msg(
                    "ví dụ `ranking: { by: mo_moi, tie_breakers: [...] }`",
                    "e.g. `ranking: { by: new_accounts, tie_breakers: [...] }`",
                ));
        }
        for criterion in &g.criteria {
            criterion_adds_up(found, file, criterion);
        }
    }
    targets_refer(found, file, c, s);
}

/// A group's unit kinds: among the subjects, each in one group only.
fn group_kinds<'a>(
    found: &mut Found,
    file: FileId,
    kinds: &[&str],
    g: &'a Group,
    kind_groups: &mut HashSet<&'a str>,
) {
    for k in &g.unit_kinds {
        if !kinds.contains(&k.value.as_str()) {
            found
                .at(
                    file,
                    k,
                    msg(
                        format!(
                            "loại đơn vị `{}` không thuộc đối tượng thi đua (`subjects`)",
                            k.value
                        ),
                        format!(
                            "unit kind `{}` is not among the campaign's subjects",
                            k.value
                        ),
                    ),
                )
                .suggest(&k.value, kinds.iter().copied());
        } else if !kind_groups.insert(k.value.as_str()) {
            found.at(
                file,
                k,
                msg(
                    format!("loại đơn vị `{}` đã thuộc một nhóm khác", k.value),
                    format!("unit kind `{}` is in another group already", k.value),
                ),
            );
        }
    }
}

/// A group's figure ids: usable in formulas, each once.
fn figure_ids(found: &mut Found, file: FileId, g: &Group) {
    let mut figures = HashSet::new();
    for f in &g.figures {
        let id = f.id.value.as_str();
        let well_formed = id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && id != "score";
        if !well_formed {
            found
                .at(
                    file,
                    &f.id,
                    msg(
                        format!("mã số liệu `{id}` không dùng được trong công thức"),
                        format!("figure id `{id}` cannot be used in formulas"),
                    ),
                )
                .help(msg(
                    "chữ thường không dấu, số và `_`, bắt đầu bằng chữ; không dùng `score`",
                    "lowercase ASCII letters, digits and `_`, starting with a letter; not `score`",
                ));
        } else if !figures.insert(id) {
            found.at(
                file,
                &f.id,
                msg(
                    format!("số liệu `{id}` ghi hai lần trong nhóm"),
                    format!("figure `{id}` is written twice in the group"),
                ),
            );
        }
    }
}

/// Each target stated by a content item that exists or by its own text,
/// applied to groups that exist.
fn targets_refer(found: &mut Found, file: FileId, c: &crate::model::Campaign, s: &Scoring) {
    for t in &s.targets {
        match (&t.content_item, &t.text) {
            (Some(id), _) if !c.content_items.iter().any(|i| i.id.value == id.value) => {
                found
                    .at(
                        file,
                        id,
                        msg(
                            format!("không có nội dung thi đua `{}`", id.value),
                            format!("there is no content item `{}`", id.value),
                        ),
                    )
                    .suggest(
                        &id.value,
                        c.content_items.iter().map(|i| i.id.value.as_str()),
                    );
            }
            (None, None) => {
                found.at(
                    file,
                    &t.value,
                    msg(
                        "chỉ tiêu cần `content_item` (nội dung thi đua nêu chỉ tiêu) hoặc `text`",
                        "a target needs `content_item` (the content item stating it) or `text`",
                    ),
                );
            }
            _ => {}
        }
        for g in &t.groups {
            if s.group(&g.value).is_none() {
                found
                    .at(
                        file,
                        g,
                        msg(
                            format!("không có nhóm `{}`", g.value),
                            format!("there is no group `{}`", g.value),
                        ),
                    )
                    .suggest(&g.value, s.groups.iter().map(|g| g.id.value.as_str()));
            }
        }
    }
}

/// One way of scoring; parts adding up to the standard score; brackets
/// rising and within it.
fn criterion_adds_up(found: &mut Found, file: FileId, c: &ScoreCriterion) {
    let ways = usize::from(c.points.is_some())
        + usize::from(c.brackets.is_some())
        + usize::from(!c.parts.is_empty());
    let n = &c.number;
    if ways != 1 {
        found
            .at(
                file,
                &c.score,
                msg(
                    format!("tiêu chí {n}: cần đúng một cách tính điểm, có {ways}"),
                    format!("criterion {n}: needs exactly one way of scoring, has {ways}"),
                ),
            )
            .help(msg(
                "`points` (công thức), `brackets` (theo mức) hoặc `parts` (các tiêu chí con)",
                "`points` (a formula), `brackets` (by steps) or `parts` (sub-criteria)",
            ));
    }
    if !c.parts.is_empty() {
        let sum: rust_decimal::Decimal = c.parts.iter().map(|p| p.score.value.0).sum();
        if sum != c.score.value.0 {
            found.at(
                file,
                &c.score,
                msg(
                    format!(
                        "tiêu chí {n}: điểm chuẩn {} khác tổng điểm chuẩn các tiêu chí con ({sum})",
                        c.score.value.0
                    ),
                    format!(
                        "criterion {n}: standard score {} differs from its parts' sum ({sum})",
                        c.score.value.0
                    ),
                ),
            );
        }
        for p in &c.parts {
            criterion_adds_up(found, file, p);
        }
    }
    if let Some(b) = &c.brackets {
        for pair in b.steps.windows(2) {
            if pair[1].at_least.value <= pair[0].at_least.value
                || pair[1].points.value < pair[0].points.value
            {
                found.at(
                    file,
                    &pair[1].at_least,
                    msg(
                        format!("tiêu chí {n}: các mức phải tăng dần (ngưỡng và điểm)"),
                        format!("criterion {n}: steps must rise (threshold and points)"),
                    ),
                );
            }
        }
        for step in b.steps.iter().filter(|s| s.points.value > c.score.value) {
            found.at(
                file,
                &step.points,
                msg(
                    format!(
                        "tiêu chí {n}: mức cho {} điểm, quá điểm chuẩn {}",
                        step.points.value.0, c.score.value.0
                    ),
                    format!(
                        "criterion {n}: a step gives {} points, over the standard score {}",
                        step.points.value.0, c.score.value.0
                    ),
                ),
            );
        }
    }
}

pub(crate) fn rounds_inside_period(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let c = &cf.value;
    let Some(s) = &c.scoring else {
        return;
    };
    let (start, end) = (c.period_start(), c.period_end());
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut previous: Option<chrono::NaiveDate> = None;
    for r in &s.rounds {
        let (from, to) = (r.start.value.0, r.end.value.0);
        if to < from {
            found.at(
                cf.file,
                &r.end,
                msg(
                    format!(
                        "{}: kết thúc ({}) trước khi bắt đầu ({})",
                        r.name,
                        day(to),
                        day(from)
                    ),
                    format!("{}: ends ({to}) before it starts ({from})", r.name),
                ),
            );
        }
        if from < start || end.is_some_and(|e| to > e) {
            found
                .at(
                    cf.file,
                    &r.start,
                    msg(
                        format!(
                            "{} ({} – {}) nằm ngoài thời gian thi đua",
                            r.name,
                            day(from),
                            day(to)
                        ),
                        format!("{} ({from} – {to}) is outside the period", r.name),
                    ),
                )
                .help(msg(
                    "các đợt nằm trong `period`",
                    "rounds lie inside `period`",
                ));
        }
        if previous.is_some_and(|p| from <= p) {
            found.at(
                cf.file,
                &r.start,
                msg(
                    format!("{} bắt đầu trước khi đợt trước kết thúc", r.name),
                    format!("{} starts before the previous round ends", r.name),
                ),
            );
        }
        previous = Some(to);
    }
    deadline_after_rounds(found, cf.file, s, previous.or(end));
}

/// The scoring deadline comes once the last round (or the period) is over.
fn deadline_after_rounds(
    found: &mut Found,
    file: FileId,
    s: &Scoring,
    last: Option<chrono::NaiveDate>,
) {
    let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    if let Some(last) = last
        && s.deadline.value.0 < last
    {
        found.at(
            file,
            &s.deadline,
            msg(
                format!(
                    "hạn chấm điểm, xếp hạng ({}) trước khi hết thời gian thi đua ({})",
                    day(s.deadline.value.0),
                    day(last)
                ),
                format!(
                    "the scoring deadline ({}) is before the competition ends ({last})",
                    s.deadline.value.0
                ),
            ),
        );
    }
}
