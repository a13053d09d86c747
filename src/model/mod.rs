//! The typed workspace: what the loader produces and every later stage reads.

pub mod appraisal;
pub mod award;
pub mod campaign;
pub mod common;
pub mod date;
pub mod earlier;
pub mod outline;
pub mod period;
pub mod scoring;
pub mod shares;
pub mod unit;

pub use appraisal::Appraisal;
pub use campaign::Campaign;
pub use unit::Unit;

use crate::source::FileId;

/// An input that parsed, with the file it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub file: FileId,
    pub value: T,
}

/// Everything the inputs describe.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub campaign: Option<Sourced<Campaign>>,
    /// In file-name order.
    pub units: Vec<Sourced<Unit>>,
    /// The appraising body's appraisal, once the dossiers are in.
    pub appraisal: Option<Sourced<Appraisal>>,
    /// The scoring and ranking report, in a campaign that scores.
    pub ranking: Option<Sourced<scoring::RankingReport>>,
}

impl Workspace {
    pub fn unit(&self, id: &str) -> Option<&Sourced<Unit>> {
        self.units.iter().find(|u| u.value.id.value == id)
    }

    /// A unit's nomination, by the unit's id and the nomination's.
    pub fn nomination(&self, unit: &str, id: &str) -> Option<(&Sourced<Unit>, &unit::Nomination)> {
        let u = self.unit(unit)?;
        let n = u.value.nominations.iter().find(|n| n.id.value == id)?;
        Some((u, n))
    }
}

/// A JSON Schema of every input kind, for editors (`# yaml-language-server: $schema=…`).
pub fn json_schema() -> serde_json::Value {
    let campaign = schemars::schema_for!(Campaign);
    let unit = schemars::schema_for!(Unit);
    let appraisal = schemars::schema_for!(Appraisal);
    let ranking = schemars::schema_for!(scoring::RankingReport);
    let mut defs = serde_json::Map::new();
    let mut branches = Vec::new();
    for (kind, schema) in [
        ("campaign", campaign),
        ("unit", unit),
        ("appraisal", appraisal),
        ("ranking", ranking),
    ] {
        let mut schema = schema.to_value();
        if let Some(own) = schema.as_object_mut().and_then(|o| o.remove("$defs"))
            && let Some(own) = own.as_object()
        {
            defs.extend(own.clone());
        }
        if let Some(o) = schema.as_object_mut() {
            o.remove("$schema");
            o.insert("title".into(), format!("thidua {kind}").into());
        }
        branches.push(serde_json::json!({
            "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] },
            "then": schema,
        }));
    }
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "thidua inputs",
        "type": "object",
        "required": ["kind"],
        "properties": { "kind": { "enum": ["campaign", "unit", "appraisal", "ranking"] } },
        "allOf": branches,
        "$defs": defs,
    })
}
