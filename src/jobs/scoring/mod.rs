//! The documents of a campaign that scores: the plan's appendix table (its
//! rows, here), each competitor's self-assessment sheet ([`sheet`]) and the
//! appraising body's scoring and ranking report ([`report`]).

mod report;
mod sheet;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::campaign::ContentItem;
use crate::model::scoring::{Group, ScoreCriterion, Scoring, Target};
use crate::notation::{day_words, decimal, roman, span_words};

pub(in crate::jobs) use report::ranking_report;
pub(in crate::jobs) use sheet::self_assessment;

/// What the plan prints of the score table.
#[derive(Debug, Serialize)]
pub struct PlanScoring {
    pub rounds: Vec<RoundWords>,
    /// `ngày 31 tháng 12 năm 2025`.
    pub deadline: String,
    pub heading: String,
    pub title: String,
    pub of: Option<String>,
    /// The appendix table's rows: STT, criterion, standard score, guide.
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Serialize)]
pub struct RoundWords {
    pub name: String,
    pub text: String,
    pub dates: String,
}

#[derive(Debug, Serialize)]
pub struct TableRow {
    pub number: String,
    pub text: String,
    pub score: String,
    pub guide: Vec<String>,
    /// Group rows and the table's own criteria print bold; parts do not.
    pub bold: bool,
    pub group: bool,
}

pub fn plan_view(s: &Scoring) -> PlanScoring {
    let mut rows = Vec::new();
    for (i, g) in s.groups.iter().enumerate() {
        let total: Decimal = g.criteria.iter().map(|c| c.score.value.0).sum();
        rows.push(TableRow {
            number: roman(i as u32 + 1),
            text: g.name.clone(),
            score: if g.criteria.is_empty() {
                String::new()
            } else {
                decimal(total)
            },
            guide: Vec::new(),
            bold: true,
            group: true,
        });
        for c in &g.criteria {
            push_criterion(&mut rows, c, true);
        }
        if g.criteria.is_empty() {
            rows.push(TableRow {
                number: String::new(),
                text: g.ranking.text.clone().unwrap_or_default(),
                score: String::new(),
                guide: g.ranking.guide.clone(),
                bold: false,
                group: false,
            });
        }
    }
    PlanScoring {
        rounds: s
            .rounds
            .iter()
            .map(|r| RoundWords {
                name: r.name.clone(),
                text: r.text.clone().unwrap_or_default(),
                dates: span_words(r.start.value.0, r.end.value.0),
            })
            .collect(),
        deadline: day_words(s.deadline.value.0),
        heading: s.appendix.heading.clone(),
        title: s.appendix.title.clone(),
        of: s.appendix.of.clone(),
        rows,
    }
}

fn push_criterion(rows: &mut Vec<TableRow>, c: &ScoreCriterion, top: bool) {
    rows.push(TableRow {
        number: c.number.clone(),
        text: c.text.clone(),
        score: decimal(c.score.value.0),
        guide: c.guide.clone(),
        bold: top,
        group: false,
    });
    for p in &c.parts {
        push_criterion(rows, p, false);
    }
}

/// What a group is ranked by, in words.
fn basis(group: &Group) -> String {
    let Some(by) = &group.ranking.by else {
        return "tổng điểm".to_string();
    };
    group
        .figures
        .iter()
        .find(|f| f.id.value == by.value.trim())
        .map_or_else(|| "giá trị xếp hạng".to_string(), |f| f.label.clone())
}

/// A target's number and sentence as the documents print them: the content
/// item's (`(2)`, its text) when it names one, else its place among the targets.
fn target_words(scoring: &Scoring, target: &Target, items: &[ContentItem]) -> (String, String) {
    let linked = target.content_item.as_ref().and_then(|id| {
        items
            .iter()
            .position(|i| i.id.value == id.value)
            .map(|p| (p + 1, items[p].text.clone()))
    });
    let own = || {
        let index = scoring
            .targets
            .iter()
            .position(|t| std::ptr::eq(t, target))
            .unwrap_or_default();
        (index + 1, target.text.clone().unwrap_or_default())
    };
    let (n, text) = linked.unwrap_or_else(own);
    (format!("({n})"), text)
}
