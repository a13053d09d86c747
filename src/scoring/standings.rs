//! Every group's competitors with their scores, ranked: what the ranking
//! report prints and the rules on ties read.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::compute::{self, UnitScore};
use super::rank::{self, Competitor, Ranking};
use crate::model::scoring::{Group, Scoring, UnitScores};
use crate::model::{Sourced, Unit, Workspace};

/// A group's ranked competitors.
#[derive(Debug, Clone)]
pub struct Standing<'a> {
    pub group: &'a Group,
    /// The competitors whose scores compute, in file order; `ranking` indexes them.
    pub entries: Vec<Entry<'a>>,
    pub ranking: Ranking,
    /// Competitors that report figures which do not compute (missing or
    /// inconsistent): while there are any, the ranking is not final.
    pub unscored: usize,
}

#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub unit: &'a Sourced<Unit>,
    pub score: UnitScore<'a>,
}

/// The group a unit competes in: the one it names, else the one of its kind.
pub fn group_of<'a>(scoring: &'a Scoring, unit: &Unit) -> Option<&'a Group> {
    match unit.scores.as_ref().and_then(|s| s.group.as_ref()) {
        Some(id) => scoring.group(&id.value),
        None => scoring.group_of_kind(&unit.unit_kind.value),
    }
}

/// Whether every formula of the table reads and names only its group's
/// figures (TD0118 reports the others): a ranking is only judged on a sound table.
pub fn sound(scoring: &Scoring) -> bool {
    scoring.groups.iter().all(|g| {
        let known = |n: &str| n == "score" || g.figures.iter().any(|f| f.id.value == n);
        let formulas = g
            .criteria
            .iter()
            .flat_map(crate::model::scoring::ScoreCriterion::walk)
            .flat_map(|c| c.points.iter().chain(c.brackets.as_ref().map(|b| &b.of)))
            .chain(g.checks.iter().map(|c| &c.rule))
            .chain(g.ranking.by.iter())
            .chain(g.ranking.tie_breakers.iter().map(|t| &t.value))
            .chain(scoring.targets_of(g).map(|t| &t.value));
        formulas.into_iter().all(|f| {
            super::formula::Expr::parse(&f.value)
                .is_ok_and(|e| e.names().iter().all(|(n, _)| known(n)))
        })
    })
}

/// The unit's figures, when they give every figure of `group`.
pub fn complete<'a>(group: &Group, scores: &'a UnitScores) -> Option<HashMap<&'a str, Decimal>> {
    let values = compute::values(scores);
    group
        .figures
        .iter()
        .all(|f| values.contains_key(f.id.value.as_str()))
        .then_some(values)
}

/// Every group ranked, over the units `include` admits (those that check clean).
pub fn standings<'a>(
    ws: &'a Workspace,
    include: &dyn Fn(&Sourced<Unit>) -> bool,
) -> Vec<Standing<'a>> {
    let Some(scoring) = ws.campaign.as_ref().and_then(|c| c.value.scoring.as_ref()) else {
        return Vec::new();
    };
    let votes = ws
        .ranking
        .as_ref()
        .map(|r| r.value.votes.as_slice())
        .unwrap_or_default();
    scoring
        .groups
        .iter()
        .map(|group| {
            let reporting: Vec<&Sourced<Unit>> = ws
                .units
                .iter()
                .filter(|u| include(u) && u.value.scores.is_some())
                .filter(|u| group_of(scoring, &u.value).is_some_and(|g| std::ptr::eq(g, group)))
                .collect();
            let entries: Vec<Entry> = reporting
                .iter()
                .filter_map(|u| {
                    let values = complete(group, u.value.scores.as_ref()?)?;
                    let score = compute::score(scoring, group, &values).ok()?;
                    Some(Entry { unit: u, score })
                })
                .collect();
            let unscored = reporting.len() - entries.len();
            let competitors: Vec<Competitor> = entries
                .iter()
                .map(|e| Competitor {
                    unit: e.unit.value.id.value.as_str(),
                    key: e.score.key,
                    tie_values: e.score.tie_values.clone(),
                })
                .collect();
            let vote = |tied: &[&'a str]| -> Option<Vec<&'a str>> {
                if !group.ranking.vote {
                    return None;
                }
                votes
                    .iter()
                    .filter(|v| v.group.value == group.id.value)
                    .find(|v| {
                        v.order.len() == tied.len()
                            && tied.iter().all(|t| v.order.iter().any(|o| o.value == *t))
                    })
                    .map(|v| v.order.iter().map(|o| o.value.as_str()).collect())
            };
            let ranking = rank::rank(&competitors, &vote);
            Standing {
                group,
                entries,
                ranking,
                unscored,
            }
        })
        .collect()
}
