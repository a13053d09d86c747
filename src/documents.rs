//! Which documents a workspace yields, each with its template, its render
//! context and the inputs it depends on.

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;

use crate::load::FileId;
use std::collections::BTreeMap;

use crate::model::Workspace;
use crate::model::campaign::Award;

/// One document to build.
#[derive(Debug, Clone)]
pub struct DocJob {
    /// Manifest kind (`ke-hoach`, `bao-cao`, …).
    pub kind: &'static str,
    /// The unit's id, or `None` for province-level documents.
    pub unit: Option<String>,
    /// Output path without extension, relative to `output/`: `lang-son/ke-hoach`.
    pub stem: String,
    pub title: String,
    pub template: &'static str,
    /// The document's own date: PDF metadata and Typst's `today()`.
    pub date: NaiveDate,
    pub inputs: Vec<FileId>,
    pub context: Value,
}

/// Every document of the workspace whose inputs parsed.
pub fn plan_jobs(workspace: &Workspace) -> Vec<DocJob> {
    let mut jobs = Vec::new();
    if let Some(c) = &workspace.campaign {
        let campaign = &c.value;
        let title = format!(
            "Kế hoạch {}",
            crate::nd30::lowercase_first(&campaign.plan.title)
        );
        let awards: BTreeMap<&str, &Award> = campaign
            .awards
            .iter()
            .map(|a| (a.id.value.as_str(), a))
            .collect();
        jobs.push(DocJob {
            kind: "ke-hoach",
            unit: None,
            stem: format!("{}/ke-hoach", campaign.id.value),
            template: "ke-hoach.typ",
            date: campaign.plan.date.value.earliest(),
            inputs: vec![c.file],
            context: minijinja::context! {
                title => &title,
                campaign => Value::from(Serde(campaign)),
                awards => Value::from(Serde(&awards)),
            },
            title,
        });
        for u in &workspace.units {
            let unit = &u.value;
            let title = format!("Kế hoạch thực hiện {} của {}", campaign.name, unit.name);
            jobs.push(DocJob {
                kind: "ke-hoach",
                unit: Some(unit.id.value.clone()),
                stem: format!("{}/{}/ke-hoach", campaign.id.value, unit.id.value),
                template: "ke-hoach-don-vi.typ",
                date: unit.plan.date.value.earliest(),
                inputs: vec![c.file, u.file],
                context: minijinja::context! {
                    title => &title,
                    campaign => Value::from(Serde(campaign)),
                    unit => Value::from(Serde(unit)),
                    awards => Value::from(Serde(&awards)),
                },
                title,
            });
        }
    }
    jobs
}
