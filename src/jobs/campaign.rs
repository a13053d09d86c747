//! The campaign's own document: the plan (Kế hoạch).

use super::{DocKind, Document, Shared};
use crate::model::Sourced;
use crate::model::campaign::Campaign;
use crate::notation::lowercase_first;

/// The plan, from the campaign file.
pub(super) fn plan(c: &Sourced<Campaign>, shared: &Shared) -> Document {
    let campaign = &c.value;
    let title = format!("Kế hoạch {}", lowercase_first(&campaign.plan.title));
    Document {
        kind: DocKind::KeHoach,
        unit: None,
        stem: format!("{}/ke-hoach", campaign.id.value),
        template: "ke-hoach.typ",
        date: campaign.plan.date.value.earliest(),
        inputs: vec![c.file],
        context: minijinja::context! {
            title => &title,
            campaign => shared.campaign.clone(),
            awards => shared.awards.clone(),
            roles => shared.roles.clone(),
            scoring => campaign.scoring.as_ref().map(|s| minijinja::value::Serde(super::scoring::plan_view(s))),
        },
        title,
        list: None,
    }
}
