//! A unit's documents: its own plan, its results report, its head's Giấy
//! khen decision, and its dossier for each provincial award.

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;

use super::{DocKind, Document, Job, Nominees, Shared, lists};
use crate::model::Sourced;
use crate::model::campaign::Campaign;
use crate::model::common::SubjectType;
use crate::model::unit::Unit;
use crate::notation::two_digits;

/// What every document of one unit shares.
pub(super) struct UnitCtx<'a> {
    pub campaign: &'a Sourced<Campaign>,
    pub unit: &'a Sourced<Unit>,
    pub shared: &'a Shared,
    /// `<campaign>/<unit>`: where the unit's documents go.
    pub base: String,
    unit_value: Value,
}

impl UnitCtx<'_> {
    /// A document of the unit from its template, date, title and own context.
    pub fn document(
        &self,
        kind: DocKind,
        stem: String,
        template: &'static str,
        date: NaiveDate,
        title: String,
        extra: Value,
    ) -> Document {
        let context = minijinja::context! {
            title => &title,
            campaign => self.shared.campaign.clone(),
            unit => self.unit_value.clone(),
            awards => self.shared.awards.clone(),
            roles => self.shared.roles.clone(),
            ..extra
        };
        Document {
            kind,
            unit: Some(self.unit.value.id.value.clone()),
            stem,
            title,
            template,
            date,
            inputs: vec![self.campaign.file, self.unit.file],
            context,
            list: None,
        }
    }
}

impl<'a> UnitCtx<'a> {
    pub fn new(
        campaign: &'a Sourced<Campaign>,
        unit: &'a Sourced<Unit>,
        shared: &'a Shared,
    ) -> Self {
        Self {
            campaign,
            unit,
            shared,
            base: format!("{}/{}", campaign.value.id.value, unit.value.id.value),
            unit_value: Value::from(Serde(&unit.value)),
        }
    }
}

/// The unit's own documents (its dossiers are `dossier`'s).
pub(super) fn jobs(jobs: &mut Vec<Job>, ctx: &UnitCtx) {
    jobs.push(Job::Document(plan(ctx)));
    jobs.extend(report(ctx).map(Job::Document));
    jobs.extend(giay_khen(ctx).map(Job::Document));
}

/// The unit's own plan implementing the campaign.
fn plan(ctx: &UnitCtx) -> Document {
    let (campaign, unit) = (&ctx.campaign.value, &ctx.unit.value);
    ctx.document(
        DocKind::KeHoach,
        format!("{}/ke-hoach", ctx.base),
        "ke-hoach-don-vi.typ",
        unit.plan.date.value.earliest(),
        format!("Kế hoạch thực hiện {} của {}", campaign.name, unit.name),
        minijinja::context! {
            // The award its head gives, if any (`given_by`).
            own_award => campaign.unit_award(&unit.unit_kind.value).map(|a| a.id.value.as_str()),
        },
    )
}

/// The results report, when the unit has a `report` block.
fn report(ctx: &UnitCtx) -> Option<Document> {
    let (campaign, unit) = (&ctx.campaign.value, &ctx.unit.value);
    let report = unit.report.as_ref()?;
    let given = unit.giay_khen.as_ref().map(|g| {
        let collectives = g
            .recipients
            .iter()
            .filter(|r| r.subject == SubjectType::Collective)
            .count();
        (collectives, g.recipients.len() - collectives)
    });
    let (gk_collectives, gk_individuals) = given.unwrap_or((0, 0));
    let proposed = Nominees::of(&unit.nominations);
    Some(ctx.document(
        DocKind::BaoCao,
        format!("{}/bao-cao", ctx.base),
        "bao-cao.typ",
        report.date.value.earliest(),
        format!(
            "Báo cáo kết quả thực hiện {} của {}",
            campaign.name, unit.name
        ),
        minijinja::context! {
            giay_khen_collectives => two_digits(gk_collectives as u64),
            giay_khen_individuals => two_digits(gk_individuals as u64),
            giay_khen_counted => lists::counted(gk_collectives, gk_individuals),
            unit_award => unit_award(&ctx.campaign.value, unit),
            proposed => Value::from(Serde(&proposed)),
        },
    ))
}

/// The name of the award a unit's head grants: the campaign's unit-level
/// award its kind gives (`Giấy khen`, the law's name, when there is none:
/// then the unit gives none, TD0237, and the name is only the report's).
fn unit_award<'a>(campaign: &'a Campaign, unit: &Unit) -> &'a str {
    campaign
        .unit_award(&unit.unit_kind.value)
        .map_or("Giấy khen", |a| a.name.as_str())
}

/// The head's decision awarding the unit-level award, when the unit gave any.
fn giay_khen(ctx: &UnitCtx) -> Option<Document> {
    let unit = &ctx.unit.value;
    let g = unit.giay_khen.as_ref()?;
    let of =
        |s: SubjectType| -> Vec<_> { g.recipients.iter().filter(|r| r.subject == s).collect() };
    let (collectives, individuals) = (of(SubjectType::Collective), of(SubjectType::Individual));
    let award = unit_award(&ctx.campaign.value, unit);
    Some(ctx.document(
        DocKind::QuyetDinh,
        format!("{}/quyet-dinh", ctx.base),
        "quyet-dinh.typ",
        g.date.value.earliest(),
        format!(
            "Quyết định tặng {award} của {}",
            crate::names::head_of(&unit.head.title.to_lowercase(), &unit.name)
        ),
        minijinja::context! {
            unit_award => award,
            collectives => Value::from(Serde(&collectives)),
            individuals => Value::from(Serde(&individuals)),
            collective_count => two_digits(collectives.len() as u64),
            individual_count => two_digits(individuals.len() as u64),
            counted => lists::counted(collectives.len(), individuals.len()),
        },
    ))
}
