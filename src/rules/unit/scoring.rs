//! A competitor's figures in a campaign that scores: every figure of its
//! group, once, dated within the competition (TD0233); figures that agree
//! with each other and give points the table allows (TD0234); a competitor
//! that has not reported (TD0235).

use rust_decimal::Decimal;

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::model::scoring::{Check, FigureValue, Group, ScoreCriterion, Scoring, UnitScores};
use crate::model::{Sourced, Unit};
use crate::notation::decimal;
use crate::rules::{Ctx, Found, msg};
use crate::scoring::compute::{self, Problem};
use crate::scoring::formula::{ErrorKind, Expr, FormulaError};
use crate::scoring::standings::{complete, group_of};

pub(crate) fn figures_are_complete(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    let Some(s) = c.scoring.as_ref() else {
        return;
    };
    let first = s
        .rounds
        .first()
        .map_or(c.period_start(), |r| r.start.value.0);
    let last = s.deadline.value.0;
    for u in ctx.units() {
        let Some(scores) = &u.value.scores else {
            continue;
        };
        let Some(group) = group_of(s, &u.value) else {
            no_group(found, u, scores, s);
            continue;
        };
        figures_of_group(found, u, scores, group, (first, last));
    }
}

/// A unit whose group cannot be found: the one it names, or none for its kind.
fn no_group(found: &mut Found, u: &Sourced<Unit>, scores: &UnitScores, s: &Scoring) {
    let groups = s.groups.iter().map(|g| g.id.value.as_str());
    match &scores.group {
        Some(g) => {
            found
                .at(
                    u.file,
                    g,
                    msg(
                        format!("không có nhóm thi đua `{}`", g.value),
                        format!("there is no competing group `{}`", g.value),
                    ),
                )
                .suggest(&g.value, groups);
        }
        None => {
            found
                .at(
                    u.file,
                    &u.value.unit_kind,
                    msg(
                        format!(
                            "loại đơn vị `{}` không thuộc nhóm thi đua nào của thang điểm",
                            u.value.unit_kind.value
                        ),
                        format!(
                            "unit kind `{}` is in no competing group of the score table",
                            u.value.unit_kind.value
                        ),
                    ),
                )
                .help(msg(
                    format!(
                        "ghi `scores.group`: một trong {}",
                        s.groups
                            .iter()
                            .map(|g| g.id.value.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    "write `scores.group`: one of the campaign's groups".to_string(),
                ));
        }
    }
}

/// Every figure of the group once, none other, none negative, dated within
/// `bounds` (the first round's start, the scoring deadline).
fn figures_of_group(
    found: &mut Found,
    u: &Sourced<Unit>,
    scores: &UnitScores,
    group: &Group,
    (first, last): (chrono::NaiveDate, chrono::NaiveDate),
) {
    let ids: Vec<&str> = group.figures.iter().map(|f| f.id.value.as_str()).collect();
    let mut seen = Vec::new();
    for f in &scores.figures {
        let id = f.id.value.as_str();
        if !ids.contains(&id) {
            found
                .at(
                    u.file,
                    &f.id,
                    msg(
                        format!("nhóm `{}` không có số liệu `{id}`", group.id.value),
                        format!("group `{}` has no figure `{id}`", group.id.value),
                    ),
                )
                .suggest(id, ids.iter().copied());
        } else if seen.contains(&id) {
            found.at(
                u.file,
                &f.id,
                msg(
                    format!("số liệu `{id}` ghi hai lần"),
                    format!("figure `{id}` is written twice"),
                ),
            );
        }
        seen.push(id);
        if f.value.value.0 < Decimal::ZERO {
            found.at(
                u.file,
                &f.value,
                msg(
                    format!("số liệu `{id}` âm ({})", f.value.value.0),
                    format!("figure `{id}` is negative ({})", f.value.value.0),
                ),
            );
        }
        let day = f.date.value.0;
        if day < first || day > last {
            found
                .at(u.file, &f.date, msg(
                    format!("số liệu `{id}` ngày {} nằm ngoài thời gian thi đua, chấm điểm ({} – {})", day.format("%d/%m/%Y"), first.format("%d/%m/%Y"), last.format("%d/%m/%Y")),
                    format!("figure `{id}` dated {day} is outside the competition and scoring ({first} – {last})"),
                ))
                .help(msg("ghi ngày số liệu được tổng hợp, trong các đợt thi đua hoặc trước hạn chấm điểm", "give the day the figure was counted, within the rounds or before the scoring deadline"));
        }
    }
    missing_figures(found, u, scores, group, &seen);
}

/// Each figure of the group the unit does not give.
fn missing_figures(
    found: &mut Found,
    u: &Sourced<Unit>,
    scores: &UnitScores,
    group: &Group,
    seen: &[&str],
) {
    for f in group
        .figures
        .iter()
        .filter(|f| !seen.contains(&f.id.value.as_str()))
    {
        found
            .at(
                u.file,
                &scores.date,
                msg(
                    format!(
                        "thiếu số liệu `{}` ({}) của nhóm `{}`",
                        f.id.value, f.label, group.id.value
                    ),
                    format!(
                        "figure `{}` ({}) of group `{}` is missing",
                        f.id.value, f.label, group.id.value
                    ),
                ),
            )
            .help(msg(
                format!(
                    "thêm vào `scores.figures`: {{ id: {}, value: …, date: …, source: … }}",
                    f.id.value
                ),
                format!(
                    "add to `scores.figures`: {{ id: {}, value: …, date: …, source: … }}",
                    f.id.value
                ),
            ));
    }
}

pub(crate) fn figures_agree(ctx: &Ctx, found: &mut Found) {
    let Some(s) = ctx.campaign().and_then(|c| c.scoring.as_ref()) else {
        return;
    };
    for u in ctx.units() {
        let Some(scores) = &u.value.scores else {
            continue;
        };
        let Some(group) = group_of(s, &u.value) else {
            continue;
        };
        let Some(values) = complete(group, scores) else {
            continue;
        };
        let Err(problems) = compute::score(s, group, &values) else {
            continue;
        };
        // Points out of range follow from figures a check already rejects.
        let checks_fail = problems.iter().any(|p| matches!(p, Problem::Check(_)));
        for p in problems {
            if !(checks_fail && matches!(p, Problem::OutOfRange { .. })) {
                report(found, u, scores, &values, p);
            }
        }
    }
}

/// One problem, at the figure it turns on.
fn report(
    found: &mut Found,
    u: &Sourced<Unit>,
    scores: &UnitScores,
    values: &HashMap<&str, Decimal>,
    p: Problem,
) {
    match p {
        Problem::Check(check) => check_fails(found, u, scores, values, check),
        Problem::Formula { formula, error } => {
            formula_fails(found, u, scores, values, formula, &error)
        }
        Problem::OutOfRange { criterion, points } => {
            out_of_range(found, u, scores, values, criterion, points)
        }
    }
}

/// A unit's figure by id.
fn figure<'a>(scores: &'a UnitScores, name: &str) -> Option<&'a FigureValue> {
    scores.figures.iter().find(|f| f.id.value == name)
}

/// The figures a formula reads, with their values: `a = 1.200, b = 1.150`.
fn shown(values: &HashMap<&str, Decimal>, formula: &str) -> String {
    let mut names: Vec<String> = Expr::parse(formula)
        .map(|e| e.names().into_iter().map(|n| n.0.to_string()).collect())
        .unwrap_or_default();
    names.sort();
    names.dedup();
    names
        .iter()
        .filter_map(|n| {
            values
                .get(n.as_str())
                .map(|v| format!("{n} = {}", decimal(*v)))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_fails(
    found: &mut Found,
    u: &Sourced<Unit>,
    scores: &UnitScores,
    values: &HashMap<&str, Decimal>,
    check: &Check,
) {
    let rule = &check.rule.value;
    let first = Expr::parse(rule).ok().and_then(|e| {
        e.names()
            .first()
            .and_then(|n| figure(scores, n.0))
            .map(|f| f.value.clone())
    });
    let message = msg(
        format!(
            "số liệu không hợp lệ: {} (`{rule}` không đúng với {})",
            check.text,
            shown(values, rule)
        ),
        format!(
            "figures disagree: {} (`{rule}` fails with {})",
            check.text,
            shown(values, rule)
        ),
    );
    match first {
        Some(at) => found.at(u.file, &at, message),
        None => found.at(u.file, &scores.date, message),
    }
    .help(msg(
        "kiểm tra lại số liệu với báo cáo nguồn",
        "check the figures against their source",
    ));
}

fn formula_fails(
    found: &mut Found,
    u: &Sourced<Unit>,
    scores: &UnitScores,
    values: &HashMap<&str, Decimal>,
    formula: &Spanned<String>,
    error: &FormulaError,
) {
    // Formulas the campaign cannot read are TD0118's.
    let ErrorKind::DivisionByZero(divisor) = &error.kind else {
        if error.kind == ErrorKind::Overflow {
            found.at(
                u.file,
                &scores.date,
                msg(
                    format!("số liệu quá lớn để tính `{}`", formula.value),
                    format!("figures too large to compute `{}`", formula.value),
                ),
            );
        }
        return;
    };
    let message = msg(
        format!(
            "không tính được `{}`: `{divisor}` bằng 0 ({})",
            formula.value,
            shown(values, &formula.value)
        ),
        format!(
            "cannot compute `{}`: `{divisor}` is 0 ({})",
            formula.value,
            shown(values, &formula.value)
        ),
    );
    match figure(scores, divisor) {
        Some(f) => found.at(u.file, &f.value, message),
        None => found.at(u.file, &scores.date, message),
    }
    .help(msg(
        "số liệu là mẫu số của công thức trong thang điểm (campaign.yaml): kiểm tra lại, hoặc đề nghị sửa công thức",
        "the figure divides in the score table's formula (campaign.yaml): check it, or have the formula changed",
    ));
}

fn out_of_range(
    found: &mut Found,
    u: &Sourced<Unit>,
    scores: &UnitScores,
    values: &HashMap<&str, Decimal>,
    criterion: &ScoreCriterion,
    points: Decimal,
) {
    let formula = criterion
        .points
        .as_ref()
        .map(|f| f.value.as_str())
        .unwrap_or_default();
    found
        .at(
            u.file,
            &scores.date,
            msg(
                format!(
                    "tiêu chí {}: số liệu cho {} điểm, ngoài khoảng 0 – {} ({})",
                    criterion.number,
                    decimal(points),
                    decimal(criterion.score.value.0),
                    shown(values, formula)
                ),
                format!(
                    "criterion {}: the figures give {} points, outside 0 – {} ({})",
                    criterion.number,
                    decimal(points),
                    decimal(criterion.score.value.0),
                    shown(values, formula)
                ),
            ),
        )
        .help(msg(
            "thường do tử số lớn hơn mẫu số: kiểm tra lại số liệu",
            "usually a numerator over its denominator: check the figures",
        ));
}

pub(crate) fn competitors_report(ctx: &Ctx, found: &mut Found) {
    let Some(s) = ctx.campaign().and_then(|c| c.scoring.as_ref()) else {
        return;
    };
    for u in ctx.units().filter(|u| u.value.scores.is_none()) {
        let Some(group) = s.group_of_kind(&u.value.unit_kind.value) else {
            continue;
        };
        found
            .at(
                u.file,
                &u.value.id,
                msg(
                    format!(
                        "{} thi đua trong nhóm `{}` nhưng chưa có số liệu tự chấm điểm (`scores`)",
                        u.value.name, group.id.value
                    ),
                    format!(
                        "{} competes in group `{}` but has no self-assessment (`scores`)",
                        u.value.name, group.id.value
                    ),
                ),
            )
            .help(msg(
                format!(
                    "thêm `scores: {{ date: …, figures: [...] }}` với các số liệu: {}",
                    group
                        .figures
                        .iter()
                        .map(|f| f.id.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                "add `scores: { date: …, figures: [...] }` with the group's figures".to_string(),
            ));
    }
}
