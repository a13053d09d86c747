//! One unit's points against its group's score table: every criterion, the
//! bonuses, the total, the targets met or missed, and the values it is
//! ranked by. Points are rounded to two decimals per criterion, as a scorer
//! writes them in the table, and the total is the sum of what is printed.

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde_saphyr::Spanned;

use super::formula::{Expr, FormulaError};
use crate::model::scoring::{Check, Group, ScoreCriterion, Scoring, Target, UnitScores};

/// A unit's computed scores.
#[derive(Debug, Clone)]
pub struct UnitScore<'a> {
    pub group: &'a Group,
    /// Each criterion and part, depth first, with its points.
    pub rows: Vec<Row<'a>>,
    pub total: Decimal,
    pub targets: Vec<TargetResult<'a>>,
    /// What the group is ranked by (the total, or the ranking formula's value).
    pub key: Decimal,
    /// The tie-breakers' values, in order.
    pub tie_values: Vec<Decimal>,
}

#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub criterion: &'a ScoreCriterion,
    /// 0 for a criterion of the table, 1 for its parts.
    pub depth: usize,
    pub points: Decimal,
    /// The measured value a bracket was chosen by.
    pub measured: Option<Decimal>,
}

#[derive(Debug, Clone)]
pub struct TargetResult<'a> {
    pub target: &'a Target,
    pub value: Decimal,
    pub met: bool,
}

/// Why a unit's scores cannot be computed, with what to cite.
#[derive(Debug, Clone)]
pub enum Problem<'a> {
    /// A formula of the campaign fails on this unit's figures (a division by zero).
    Formula {
        formula: &'a Spanned<String>,
        error: FormulaError,
    },
    /// A check between figures does not hold.
    Check(&'a Check),
    /// The figures give more points than the standard score, or fewer than none.
    OutOfRange {
        criterion: &'a ScoreCriterion,
        points: Decimal,
    },
}

/// The figures a unit reports, by id.
pub fn values(scores: &UnitScores) -> HashMap<&str, Decimal> {
    scores
        .figures
        .iter()
        .map(|f| (f.id.value.as_str(), f.value.value.0))
        .collect()
}

/// Rounds points to two decimals, halves away from zero (as written by hand).
pub fn round(points: Decimal) -> Decimal {
    points.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The unit's scores in `group`, or every problem found on the way.
/// `values` must hold every figure of the group (a rule checks that first).
pub fn score<'a>(
    scoring: &'a Scoring,
    group: &'a Group,
    values: &HashMap<&str, Decimal>,
) -> Result<UnitScore<'a>, Vec<Problem<'a>>> {
    let mut problems = Vec::new();
    for check in &group.checks {
        match eval(&check.rule, values) {
            Ok(v) if v.is_zero() => problems.push(Problem::Check(check)),
            Ok(_) => {}
            Err(p) => problems.push(p),
        }
    }
    let mut rows = Vec::new();
    let mut total = Decimal::ZERO;
    for c in &group.criteria {
        match criterion(c, 0, values, &mut rows) {
            Ok(points) => total += points,
            Err(mut p) => problems.append(&mut p),
        }
    }
    let mut targets = Vec::new();
    for t in scoring.targets_of(group) {
        match eval(&t.value, values) {
            Ok(value) => targets.push(TargetResult {
                target: t,
                value,
                met: value >= t.at_least.value.0,
            }),
            Err(p) => problems.push(p),
        }
    }
    let key = match &group.ranking.by {
        Some(by) => eval(by, values).map_err(|p| problems.push(p)).ok(),
        None => Some(total),
    };
    let mut tie_values = Vec::new();
    for t in &group.ranking.tie_breakers {
        match eval(&t.value, values) {
            Ok(v) => tie_values.push(v),
            Err(p) => problems.push(p),
        }
    }
    match key {
        Some(key) if problems.is_empty() => Ok(UnitScore {
            group,
            rows,
            total,
            targets,
            key,
            tie_values,
        }),
        _ => Err(problems),
    }
}

/// A criterion's points (its parts' added, a formula's, or a bracket's),
/// pushing its row and its parts' rows.
fn criterion<'a>(
    c: &'a ScoreCriterion,
    depth: usize,
    values: &HashMap<&str, Decimal>,
    rows: &mut Vec<Row<'a>>,
) -> Result<Decimal, Vec<Problem<'a>>> {
    let at = rows.len();
    rows.push(Row {
        criterion: c,
        depth,
        points: Decimal::ZERO,
        measured: None,
    });
    let score = c.score.value.0;
    let (points, measured) = if !c.parts.is_empty() {
        let mut sum = Decimal::ZERO;
        let mut problems = Vec::new();
        for p in &c.parts {
            match criterion(p, depth + 1, values, rows) {
                Ok(v) => sum += v,
                Err(mut e) => problems.append(&mut e),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        (sum, None)
    } else if let Some(b) = &c.brackets {
        let measured = eval(&b.of, values).map_err(|p| vec![p])?;
        let points = b
            .steps
            .iter()
            .filter(|s| measured >= s.at_least.value.0)
            .map(|s| s.points.value.0)
            .max()
            .unwrap_or(Decimal::ZERO);
        (points, Some(measured))
    } else if let Some(f) = &c.points {
        let mut with_score = values.clone();
        with_score.insert("score", score);
        (round(eval(f, &with_score).map_err(|p| vec![p])?), None)
    } else {
        (Decimal::ZERO, None)
    };
    if points < Decimal::ZERO || points > score {
        return Err(vec![Problem::OutOfRange {
            criterion: c,
            points,
        }]);
    }
    rows[at].points = points;
    rows[at].measured = measured;
    Ok(points)
}

fn eval<'a>(
    formula: &'a Spanned<String>,
    values: &HashMap<&str, Decimal>,
) -> Result<Decimal, Problem<'a>> {
    Expr::parse(&formula.value)
        .and_then(|e| e.eval(&formula.value, values))
        .map_err(|error| Problem::Formula { formula, error })
}
