//! The appraising body's scoring and ranking report (báo cáo kết quả chấm
//! điểm, xếp hạng), from `kind: ranking`: per group the ranking table, how
//! each tie was broken, and how many met each target.

use std::collections::HashMap;

use minijinja::value::Serde;
use serde::Serialize;

use super::{basis, target_words};
use crate::jobs::{DocKind, Document, Job, Shared};
use crate::model::Workspace;
use crate::model::campaign::ContentItem;
use crate::model::scoring::Scoring;
use crate::notation::decimal;
use crate::scoring::compute;
use crate::scoring::rank::{Tie, TieStep};
use crate::scoring::standings::{Standing, standings};

/// One group's ranking as the report prints it.
#[derive(Debug, Serialize)]
struct GroupReport {
    name: String,
    /// The table's own criteria (columns), by number.
    columns: Vec<String>,
    basis: String,
    rows: Vec<RankRow>,
    ties: Vec<String>,
    targets: Vec<TargetCount>,
    /// The awards the ranking leads to, with the units it proposes.
    proposals: Vec<Proposal>,
}

#[derive(Debug, Serialize)]
struct Proposal {
    award: String,
    top: u32,
    units: Vec<String>,
}

/// For each award the group's ranking leads to: the units ranked within its `top`.
fn proposals(s: &Standing, awards: &[crate::model::campaign::Award]) -> Vec<Proposal> {
    s.group
        .awards
        .iter()
        .map(|ra| Proposal {
            award: awards
                .iter()
                .find(|a| a.id.value == ra.award.value)
                .map_or_else(|| ra.award.value.clone(), |a| a.name.clone()),
            top: ra.top.value,
            units: s
                .ranking
                .order
                .iter()
                .filter(|(_, rank)| *rank <= ra.top.value as usize)
                .map(|(i, _)| s.entries[*i].unit.value.name.clone())
                .collect(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct RankRow {
    rank: usize,
    unit: String,
    points: Vec<String>,
    key: String,
}

#[derive(Debug, Serialize)]
struct TargetCount {
    number: String,
    text: String,
    met: usize,
    of: usize,
}

/// How a tie went, as one sentence: level on what, then each step.
fn tie_sentence(s: &Standing, t: &Tie, council: &str, meeting: Option<&String>) -> String {
    let name = |i: usize| s.entries[i].unit.value.name.clone();
    let names = |members: &[usize]| {
        members
            .iter()
            .map(|&i| name(i))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "{} bằng {} ({})",
        names(&t.members),
        crate::notation::lowercase_first(&basis(s.group)),
        decimal(compute::round(t.key))
    );
    for step in &t.steps {
        match step {
            TieStep::Breaker { breaker, values } => {
                let shown: Vec<String> = values
                    .iter()
                    .map(|(i, v)| format!("{} {}", name(*i), decimal(compute::round(*v))))
                    .collect();
                text += &format!(
                    "; xét {}: {}",
                    s.group.ranking.tie_breakers[*breaker].text,
                    shown.join(", ")
                );
            }
            TieStep::Vote { members } => {
                let at = meeting.map(|m| format!(" tại {m}")).unwrap_or_default();
                text += &format!(
                    "; vẫn bằng nhau, xếp theo kết quả bỏ phiếu của {council}{at}: {}",
                    names(members)
                );
            }
            TieStep::Unresolved { members } => {
                text += &format!("; {} vẫn bằng nhau, đồng hạng", names(members));
            }
        }
    }
    text + "."
}

/// For each target of the group: how many of its competitors met it.
fn target_counts(items: &[ContentItem], s: &Standing, scoring: &Scoring) -> Vec<TargetCount> {
    scoring
        .targets_of(s.group)
        .map(|t| {
            let (number, text) = target_words(scoring, t, items);
            let met = s
                .entries
                .iter()
                .filter(|e| {
                    e.score
                        .targets
                        .iter()
                        .any(|r| std::ptr::eq(r.target, t) && r.met)
                })
                .count();
            TargetCount {
                number,
                text,
                met,
                of: s.entries.len(),
            }
        })
        .collect()
}

fn group_report(
    awards: &[crate::model::campaign::Award],
    items: &[ContentItem],
    s: &Standing,
    scoring: &Scoring,
    council: &str,
    meeting: &HashMap<&str, String>,
) -> GroupReport {
    let meeting = meeting.get(s.group.id.value.as_str());
    GroupReport {
        name: s.group.name.clone(),
        columns: s.group.criteria.iter().map(|c| c.number.clone()).collect(),
        basis: basis(s.group),
        rows: s
            .ranking
            .order
            .iter()
            .map(|&(i, rank)| {
                let e = &s.entries[i];
                RankRow {
                    rank,
                    unit: e.unit.value.name.clone(),
                    points: e
                        .score
                        .rows
                        .iter()
                        .filter(|r| r.depth == 0)
                        .map(|r| decimal(r.points))
                        .collect(),
                    key: decimal(compute::round(e.score.key)),
                }
            })
            .collect(),
        ties: s
            .ranking
            .ties
            .iter()
            .map(|t| tie_sentence(s, t, council, meeting))
            .collect(),
        targets: target_counts(items, s, scoring),
        proposals: proposals(s, awards),
    }
}

/// The appraising body's scoring and ranking report, from `kind: ranking`.
pub(in crate::jobs) fn ranking_report(jobs: &mut Vec<Job>, ws: &Workspace, shared: &Shared) {
    let (Some(c), Some(r)) = (&ws.campaign, &ws.ranking) else {
        return;
    };
    let Some(scoring) = &c.value.scoring else {
        return;
    };
    let report = &r.value;
    let Some(appraiser) = ws.unit(&report.appraiser.value) else {
        return;
    };
    let meeting: HashMap<&str, String> = report
        .votes
        .iter()
        .filter_map(|v| Some((v.group.value.as_str(), v.meeting.clone()?)))
        .collect();
    let groups: Vec<GroupReport> = standings(ws, &|_| true)
        .iter()
        .map(|s| {
            group_report(
                &c.value.awards,
                &c.value.content_items,
                s,
                scoring,
                &c.value.roles.council,
                &meeting,
            )
        })
        .collect();
    let title = format!("Báo cáo kết quả chấm điểm, xếp hạng {}", c.value.name);
    let mut inputs = vec![c.file, r.file];
    inputs.extend(ws.units.iter().map(|u| u.file));
    jobs.push(Job::Document(Document {
        kind: DocKind::XepHang,
        unit: Some(appraiser.value.id.value.clone()),
        stem: format!("{}/xep-hang", c.value.id.value),
        template: "xep-hang.typ",
        date: report.date.value.earliest(),
        inputs,
        context: minijinja::context! {
            title => &title,
            campaign => shared.campaign.clone(),
            roles => shared.roles.clone(),
            appraiser => Serde(&appraiser.value),
            ranking => Serde(report),
            groups => Serde(&groups),
        },
        title,
        list: None,
    }));
}
