//! The shares of individual nominees the law asks to favour (Luật Thi đua,
//! khen thưởng 2022): non-leaders and those who work directly. The unit's
//! rules, the appraisal's rules and the statistics report all count them here.

use serde_saphyr::Spanned;

use super::campaign::Targets;
use super::unit::Person;

/// Who the law favours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Favoured {
    NonLeaders,
    DirectWorkers,
}

impl Favoured {
    pub const ALL: [Favoured; 2] = [Favoured::NonLeaders, Favoured::DirectWorkers];

    pub fn holds(self, p: &Person) -> bool {
        match self {
            Favoured::NonLeaders => !p.leader,
            Favoured::DirectWorkers => p.direct_worker,
        }
    }

    /// As messages name them, in Vietnamese and English.
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Favoured::NonLeaders => ("không giữ chức vụ lãnh đạo", "non-leaders"),
            Favoured::DirectWorkers => ("trực tiếp lao động, công tác", "direct workers"),
        }
    }

    fn target(self, targets: &Targets) -> Option<&Spanned<f64>> {
        match self {
            Favoured::NonLeaders => targets.non_leader_share.as_ref(),
            Favoured::DirectWorkers => targets.direct_worker_share.as_ref(),
        }
    }
}

/// One favoured share among some persons, against its target.
#[derive(Debug, Clone)]
pub struct Share<'a> {
    pub favoured: Favoured,
    pub count: usize,
    pub of: usize,
    /// The campaign's target in percent, where it sets one.
    pub target: Option<&'a Spanned<f64>>,
}

impl Share<'_> {
    /// The share in percent (0 of nobody).
    pub fn percent(&self) -> f64 {
        if self.of == 0 {
            0.0
        } else {
            100.0 * self.count as f64 / self.of as f64
        }
    }

    /// Whether a target is set and the share falls short of it.
    pub fn misses(&self) -> bool {
        self.target
            .is_some_and(|t| self.of > 0 && self.percent() + 1e-9 < t.value)
    }
}

/// Both favoured shares among `persons`, with the campaign's targets; the
/// staff kinds the targets leave `outside` are not counted.
pub fn shares<'a>(targets: Option<&'a Targets>, persons: &[&Person]) -> [Share<'a>; 2] {
    let outside = |p: &&&Person| {
        targets.is_some_and(|t| t.outside.iter().any(|k| k.value == p.staff_kind.value))
    };
    let counted: Vec<&Person> = persons.iter().filter(|p| !outside(p)).copied().collect();
    Favoured::ALL.map(|favoured| Share {
        favoured,
        count: counted.iter().filter(|p| favoured.holds(p)).count(),
        of: counted.len(),
        target: targets.and_then(|t| favoured.target(t)),
    })
}
