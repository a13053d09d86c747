//! The reference workspace: realistic units of different kinds, all valid,
//! whose nominations cover every criterion and both subject types.

mod common;

use std::collections::BTreeSet;

use thidua::model::campaign::AwardLevel;
use thidua::model::unit::SubjectType;
use thidua::pipeline::{self, BuildOptions};

#[test]
fn reference_units_are_valid_varied_and_cover_every_criterion() {
    let checked = pipeline::check(&common::reference_root(), &BuildOptions::default()).unwrap();
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    let units = &checked.workspace.units;
    assert!(units.len() >= 4, "{} units", units.len());
    let kinds: BTreeSet<&str> = units
        .iter()
        .map(|u| u.value.unit_kind.value.as_str())
        .collect();
    assert!(kinds.len() >= 3, "unit kinds: {kinds:?}");
    assert!(
        units.iter().any(|u| !u.value.predecessors.is_empty()),
        "a unit merged in 2025"
    );
    assert!(
        units.iter().any(|u| u.value.successor.is_some()),
        "a dissolved district"
    );

    let campaign = &checked.workspace.campaign.as_ref().unwrap().value;
    let mut claimed: BTreeSet<&str> = BTreeSet::new();
    let mut subjects = BTreeSet::new();
    for n in units.iter().flat_map(|u| &u.value.nominations) {
        claimed.extend(n.criteria.iter().map(|k| k.value.as_str()));
        subjects.extend(n.subject());
    }
    assert_eq!(
        subjects,
        BTreeSet::from([SubjectType::Collective, SubjectType::Individual])
    );
    for award in campaign
        .awards
        .iter()
        .filter(|a| a.level == AwardLevel::Province)
    {
        for k in award
            .criteria
            .collective
            .iter()
            .chain(&award.criteria.individual)
        {
            assert!(
                claimed.contains(k.id.value.as_str()),
                "no nomination claims {}",
                k.id.value
            );
        }
    }
}
