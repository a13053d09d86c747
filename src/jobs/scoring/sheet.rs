//! A competitor's self-assessment sheet (bảng tự chấm điểm): its figures
//! with dates and sources, each criterion's points with the working, the
//! total, and the targets met or missed.

use std::collections::HashMap;

use minijinja::value::Serde;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{basis, target_words};
use crate::jobs::unit::UnitCtx;
use crate::jobs::{DocKind, Job};
use crate::model::campaign::ContentItem;
use crate::model::scoring::{Group, Scoring, UnitScores};
use crate::notation::decimal;
use crate::scoring::compute::{self, UnitScore};
use crate::scoring::standings::{complete, group_of};

/// One competitor's sheet.
#[derive(Debug, Serialize)]
struct Sheet {
    group: String,
    rows: Vec<SheetRow>,
    total: String,
    full: String,
    figures: Vec<FigureLine>,
    targets: Vec<TargetLine>,
    /// What a group without a table is ranked by, with the unit's value.
    key: Option<String>,
}

#[derive(Debug, Serialize)]
struct SheetRow {
    number: String,
    text: String,
    score: String,
    points: String,
    /// The formula with the unit's figures in it: `1.150 / 1.200 * 40`.
    working: String,
    top: bool,
}

#[derive(Debug, Serialize)]
struct FigureLine {
    label: String,
    value: String,
    date: String,
    source: String,
}

#[derive(Debug, Serialize)]
struct TargetLine {
    number: String,
    text: String,
    value: String,
    at_least: String,
    met: bool,
}

/// The formula's text with each figure's value (and `score`) written in,
/// numbers in Vietnamese notation: `mo_moi / tong_so * 40` → `1.150 / 1.200 × 40`.
fn working(formula: &str, values: &HashMap<&str, Decimal>, score: Option<Decimal>) -> String {
    let mut out = String::new();
    let mut rest = formula;
    while let Some(c) = rest.chars().next() {
        let word = |ok: fn(char) -> bool| rest.find(|ch: char| !ok(ch)).unwrap_or(rest.len());
        if c.is_ascii_alphabetic() || c == '_' {
            let len = word(|ch| ch.is_ascii_alphanumeric() || ch == '_');
            let name = &rest[..len];
            let value = if name == "score" {
                score
            } else {
                values.get(name).copied()
            };
            out.push_str(&value.map_or_else(|| name.to_string(), decimal));
            rest = &rest[len..];
        } else if c.is_ascii_digit() {
            let len = word(|ch| ch.is_ascii_digit() || ch == '.');
            let text = &rest[..len];
            out.push_str(
                &text
                    .parse::<Decimal>()
                    .map_or_else(|_| text.to_string(), decimal),
            );
            rest = &rest[len..];
        } else {
            out.push(if c == '*' { '×' } else { c });
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Each criterion's row: its points and the working that gives them.
fn rows(score: &UnitScore, values: &HashMap<&str, Decimal>) -> Vec<SheetRow> {
    score
        .rows
        .iter()
        .map(|r| {
            let c = r.criterion;
            let working = if let Some(b) = &c.brackets {
                format!(
                    "{} = {}",
                    working(&b.of.value, values, None),
                    decimal(compute::round(r.measured.unwrap_or_default()))
                )
            } else if let Some(p) = &c.points {
                working(&p.value, values, Some(c.score.value.0))
            } else {
                String::new()
            };
            SheetRow {
                number: c.number.clone(),
                text: c.text.clone(),
                score: decimal(c.score.value.0),
                points: decimal(r.points),
                working,
                top: r.depth == 0,
            }
        })
        .collect()
}

/// The group's figures in its order, as the unit gives them.
fn figures(group: &Group, scores: &UnitScores) -> Vec<FigureLine> {
    group
        .figures
        .iter()
        .filter_map(|f| {
            let v = scores.figures.iter().find(|v| v.id.value == f.id.value)?;
            Some(FigureLine {
                label: f.label.clone(),
                value: decimal(v.value.value.0),
                date: crate::notation::short_date(v.date.value.0),
                source: v.source.clone(),
            })
        })
        .collect()
}

fn sheet(
    items: &[ContentItem],
    scoring: &Scoring,
    group: &Group,
    values: &HashMap<&str, Decimal>,
    score: &UnitScore,
    scores: &UnitScores,
) -> Sheet {
    Sheet {
        group: group.name.clone(),
        rows: rows(score, values),
        total: decimal(score.total),
        full: decimal(group.criteria.iter().map(|c| c.score.value.0).sum()),
        figures: figures(group, scores),
        targets: score
            .targets
            .iter()
            .map(|t| {
                let (number, text) = target_words(scoring, t.target, items);
                TargetLine {
                    number,
                    text,
                    value: decimal(compute::round(t.value)),
                    at_least: decimal(t.target.at_least.value.0),
                    met: t.met,
                }
            })
            .collect(),
        key: group
            .ranking
            .by
            .as_ref()
            .map(|_| format!("{}: {}", basis(group), decimal(compute::round(score.key)))),
    }
}

/// A competitor's self-assessment sheet, when its figures compute.
pub(in crate::jobs) fn self_assessment(jobs: &mut Vec<Job>, ctx: &UnitCtx) {
    let Some(scoring) = &ctx.campaign.value.scoring else {
        return;
    };
    let u = &ctx.unit.value;
    let Some(scores) = &u.scores else {
        return;
    };
    let Some(group) = group_of(scoring, u) else {
        return;
    };
    let Some(values) = complete(group, scores) else {
        return;
    };
    let Ok(score) = compute::score(scoring, group, &values) else {
        return;
    };
    let sheet = sheet(
        &ctx.campaign.value.content_items,
        scoring,
        group,
        &values,
        &score,
        scores,
    );
    let title = if group.criteria.is_empty() {
        "Bảng số liệu thi đua"
    } else {
        "Bảng tự chấm điểm thi đua"
    };
    let doc = ctx.document(
        DocKind::BangDiem,
        format!("{}/bang-diem", ctx.base),
        "bang-diem.typ",
        scores.date.value.earliest(),
        format!("{title} của {}", u.name),
        minijinja::context! { sheet => Serde(&sheet), scores => Serde(scores) },
    );
    jobs.push(Job::Document(doc));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_working_writes_values_into_the_formula() {
        let values: HashMap<&str, Decimal> =
            [("a", Decimal::from(1200)), ("b", Decimal::from(1150))].into();
        assert_eq!(
            working("b / a * score", &values, Some(Decimal::from(40))),
            "1.150 / 1.200 × 40"
        );
        assert_eq!(
            working("(b >= a) * 0.4 + c", &values, None),
            "(1.150 >= 1.200) × 0,4 + c"
        );
    }
}
