//! The pool the appraisal judges: every nomination for the provincial award,
//! with what became of it (passed, failed, kept at the province or moved up).

use serde::Serialize;

use crate::jobs::lists::counted;
use crate::model::appraisal::{Appraisal, Outcome};
use crate::model::campaign::Award;
use crate::model::common::SubjectType;
use crate::model::unit::{Nomination, Unit};
use crate::model::{Sourced, Workspace};

/// A nomination with its unit, as the appraisal sees it.
pub type Nominee<'a> = (&'a Sourced<Unit>, &'a Nomination);

/// A nomination that failed, with the reason the Tờ trình summarises.
#[derive(Debug, Serialize)]
pub struct Failed {
    pub name: String,
    pub unit: String,
    pub reason: String,
}

/// The provincial award's nominations, judged.
pub struct Pool<'a> {
    /// Every provincial nomination, in unit file order.
    pub all: Vec<Nominee<'a>>,
    pub passed: Vec<Nominee<'a>>,
    pub failed: Vec<Failed>,
    /// Passed and not selected for a national award: the provincial decision's.
    pub provincial: Vec<Nominee<'a>>,
}

impl<'a> Pool<'a> {
    pub fn of(workspace: &'a Workspace, ap: &Appraisal, award: &Award) -> Self {
        let all: Vec<Nominee> = workspace
            .units
            .iter()
            .flat_map(|u| u.value.nominations.iter().map(move |n| (u, n)))
            .filter(|(_, n)| n.award.value == award.id.value)
            .collect();
        let verdicts = ap.verdicts_by_nomination();
        let verdict = |(u, n): &Nominee| {
            let key = (u.value.id.value.as_str(), n.id.value.as_str());
            verdicts.get(&key).copied()
        };
        let passed: Vec<Nominee> = all
            .iter()
            .copied()
            .filter(|x| verdict(x).is_some_and(|v| v.result.value == Outcome::Passed))
            .collect();
        let failed = all
            .iter()
            .filter_map(|x| {
                let v = verdict(x).filter(|v| v.result.value == Outcome::Failed)?;
                Some(Failed {
                    name: x.1.nominee_name().to_string(),
                    unit: x.0.value.name.clone(),
                    reason: v.reason.clone().unwrap_or_default(),
                })
            })
            .collect();
        let provincial = passed
            .iter()
            .copied()
            .filter(|(u, n)| !ap.selected_upward(&u.value.id.value, &n.id.value))
            .collect();
        Self {
            all,
            passed,
            failed,
            provincial,
        }
    }
}

/// How many of `list` are of subject type `s`.
pub fn count_of(list: &[Nominee], s: SubjectType) -> usize {
    list.iter().filter(|(_, n)| n.subject() == Some(s)).count()
}

/// `02 tập thể và 05 cá nhân` for `list`.
pub fn counted_of(list: &[Nominee]) -> String {
    counted(
        count_of(list, SubjectType::Collective),
        count_of(list, SubjectType::Individual),
    )
}

/// The plain (unit, nomination) pairs the lists take.
pub fn plain<'a>(list: &[Nominee<'a>]) -> Vec<(&'a Unit, &'a Nomination)> {
    list.iter().map(|(u, n)| (&u.value, *n)).collect()
}
