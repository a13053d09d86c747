//! The criteria nominations are judged by: the set each nominee claims (its
//! subject type's short form, or the criteria set for its kind), as the
//! minutes list them and each achievement report cites them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Campaign;
use crate::model::campaign::{Award, Criterion, Evidence, SetRef};
use crate::model::common::SubjectType;
use crate::model::unit::{Achievement, Nomination, Unit};

/// The criteria set a nominee claims.
pub fn claimed<'a>(campaign: &'a Campaign, award: &'a Award, n: &Nomination) -> Option<SetRef<'a>> {
    let (subject, kind) = match (&n.collective, &n.person) {
        (Some(c), None) => (SubjectType::Collective, c.kind.value.as_str()),
        (None, Some(p)) => (SubjectType::Individual, p.staff_kind.value.as_str()),
        _ => return None,
    };
    award.set_for(&campaign.criteria_sets, subject, kind)
}

/// The evidence of a nomination's measurable criteria: for each it claims
/// that needs achievements, the cited ones that report its figure (the
/// report prints them under it, the rest under the first other criterion).
#[derive(Debug, Default, Serialize)]
pub struct Measured {
    /// Achievement ids by criterion id, in the unit's order.
    pub by_criterion: BTreeMap<String, Vec<String>>,
    /// Every achievement id above.
    pub all: Vec<String>,
}

impl Measured {
    pub fn of(criteria: &[Criterion], unit: &Unit, n: &Nomination) -> Self {
        let claims = |id: &str| n.criteria.iter().any(|c| c.value == id);
        let cites = |a: &&Achievement| n.achievements.iter().any(|c| c.value == a.id.value);
        let mut measured = Measured::default();
        for k in criteria
            .iter()
            .filter(|k| claims(&k.id.value) && k.requires == Evidence::Achievements)
        {
            let Some(metric) = &k.metric else { continue };
            let reports = |a: &&Achievement| {
                let of_metric = |f: &crate::model::unit::Figure| {
                    f.metric
                        .as_ref()
                        .is_some_and(|m| m.value == metric.id.value)
                };
                a.figures.iter().any(of_metric)
            };
            let ids: Vec<String> = (unit.achievements.iter().filter(cites).filter(reports))
                .map(|a| a.id.value.clone())
                .collect();
            for id in &ids {
                if !measured.all.contains(id) {
                    measured.all.push(id.clone());
                }
            }
            if !ids.is_empty() {
                measured.by_criterion.insert(k.id.value.clone(), ids);
            }
        }
        measured
    }
}

/// One set of criteria a group of nominees was judged by.
#[derive(Debug, Serialize)]
pub struct Standard<'a> {
    pub subject: SubjectType,
    /// The set's title (`Đối với xã, phường`); none for the short form,
    /// which the template labels by subject type.
    pub title: Option<&'a str>,
    pub criteria: &'a [Criterion],
}

/// The sets `nominations` claim, each once: collectives' first, then
/// individuals', each in the order the nominations claim them.
pub fn standards<'a>(
    campaign: &'a Campaign,
    award: &'a Award,
    nominations: &[&'a Nomination],
) -> Vec<Standard<'a>> {
    let mut out: Vec<Standard> = Vec::new();
    for subject in [SubjectType::Collective, SubjectType::Individual] {
        for n in nominations.iter().filter(|n| n.subject() == Some(subject)) {
            let Some(set) = claimed(campaign, award, n) else {
                continue;
            };
            let title = set.set.map(|s| s.title.as_str());
            let seen = out
                .iter()
                .any(|s| s.subject == subject && std::ptr::eq(s.criteria, set.criteria));
            if !seen {
                out.push(Standard {
                    subject,
                    title,
                    criteria: set.criteria,
                });
            }
        }
    }
    out
}
