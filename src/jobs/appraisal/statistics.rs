//! The statistics report's numbers: per unit, per award, and the favoured
//! shares of individuals against the campaign's targets.

use serde::Serialize;

use super::national::NationalView;
use super::pool::{Nominee, Pool, count_of};
use crate::jobs::share;
use crate::model::Workspace;
use crate::model::appraisal::Appraisal;
use crate::model::campaign::{Award, Campaign};
use crate::model::common::SubjectType;
use crate::model::shares::{Favoured, shares};

/// Counts of one unit.
#[derive(Debug, Serialize)]
pub struct UnitStats {
    unit: String,
    collectives: usize,
    individuals: usize,
    passed: usize,
    failed: usize,
    provincial: usize,
    national: usize,
}

#[derive(Debug, Serialize)]
pub struct AwardStats {
    award: String,
    collectives: usize,
    individuals: usize,
    total: usize,
}

/// A share of individuals against the campaign's target.
#[derive(Debug, Serialize)]
pub struct ShareStats {
    label: String,
    count: usize,
    of: usize,
    /// `66,67%`.
    share: String,
    /// The share as a number, for the chart.
    percent: f64,
    target: Option<f64>,
}

/// Every unit that nominated for the provincial award, with its counts.
pub fn per_unit(workspace: &Workspace, ap: &Appraisal, pool: &Pool) -> Vec<UnitStats> {
    workspace
        .units
        .iter()
        .filter(|u| pool.all.iter().any(|(x, _)| x.file == u.file))
        .map(|u| {
            let mine = |list: &[Nominee]| list.iter().filter(|(x, _)| x.file == u.file).count();
            let of_unit: Vec<Nominee> = pool
                .all
                .iter()
                .copied()
                .filter(|(x, _)| x.file == u.file)
                .collect();
            let national = pool
                .passed
                .iter()
                .filter(|(x, n)| {
                    x.file == u.file && ap.selected_upward(&x.value.id.value, &n.id.value)
                })
                .count();
            UnitStats {
                unit: u.value.name.clone(),
                collectives: count_of(&of_unit, SubjectType::Collective),
                individuals: count_of(&of_unit, SubjectType::Individual),
                passed: mine(&pool.passed),
                failed: of_unit.len() - mine(&pool.passed),
                provincial: mine(&pool.provincial),
                national,
            }
        })
        .collect()
}

/// The provincial award, then each national one.
pub fn per_award(
    provincial_award: &Award,
    pool: &Pool,
    national: &[&NationalView],
) -> Vec<AwardStats> {
    let mut rows = vec![AwardStats {
        award: provincial_award.name.clone(),
        collectives: count_of(&pool.provincial, SubjectType::Collective),
        individuals: count_of(&pool.provincial, SubjectType::Individual),
        total: pool.provincial.len(),
    }];
    rows.extend(national.iter().map(|n| AwardStats {
        award: n.award.name.clone(),
        collectives: n.collectives,
        individuals: n.individuals,
        total: n.collectives + n.individuals,
    }));
    rows
}

/// The favoured shares among the individuals that passed.
pub fn favoured(campaign: &Campaign, pool: &Pool) -> Vec<ShareStats> {
    let persons: Vec<_> = pool
        .passed
        .iter()
        .filter_map(|(_, n)| n.person.as_ref())
        .collect();
    shares(campaign.targets.as_ref(), &persons)
        .into_iter()
        .map(|s| ShareStats {
            label: match s.favoured {
                Favoured::NonLeaders => "Cá nhân không giữ chức vụ lãnh đạo, quản lý",
                Favoured::DirectWorkers => "Cá nhân trực tiếp lao động, công tác",
            }
            .to_string(),
            count: s.count,
            of: s.of,
            share: share(s.count as u32, s.of as u32),
            percent: s.percent(),
            target: s.target.map(|t| t.value),
        })
        .collect()
}
