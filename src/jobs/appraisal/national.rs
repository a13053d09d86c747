//! The province's submissions upward, one per national award: the Tờ trình,
//! its list, each selected nominee's report, and the packet.

use serde::Serialize;

use super::AppraisalCtx;
use super::pool::{Nominee, count_of, counted_of, plain};
use crate::jobs::{DocKind, Document, Job, Packet, Part, lists};
use crate::model::appraisal::NationalSubmission;
use crate::model::campaign::Award;
use crate::model::common::{DocNumber, Signer, SubjectType, number_text};
use crate::notation::reference;

/// One national submission as the documents use it.
#[derive(Debug, Serialize)]
pub struct NationalView<'a> {
    pub award: &'a Award,
    number: Option<DocNumber>,
    date: String,
    /// The addressee: the award's `submitted_to`.
    to: String,
    via: Option<String>,
    counted: String,
    pub collectives: usize,
    pub individuals: usize,
    pub list: lists::List,
    pub stem: String,
}

/// Each national submission of the appraisal whose award exists.
pub fn views<'a>(ctx: &AppraisalCtx<'a>) -> Vec<(NationalView<'a>, &'a NationalSubmission)> {
    let campaign = &ctx.campaign.value;
    ctx.appraisal
        .value
        .national
        .iter()
        .filter_map(|s| {
            let award = campaign.award(&s.award.value)?;
            let chosen: Vec<Nominee> = s
                .nominees
                .iter()
                .filter_map(|r| ctx.workspace.nomination(&r.unit.value, &r.nomination.value))
                .collect();
            let sub_ref = reference(
                number_text(&s.number),
                Some("TTr"),
                &campaign.issuer.symbol.value,
                &s.date.value,
            );
            let view = NationalView {
                award,
                number: s.number.clone(),
                date: s.date.value.to_string(),
                to: award
                    .selection
                    .as_ref()
                    .map(|sel| sel.submitted_to.clone())
                    .unwrap_or_default(),
                via: s.via.clone(),
                counted: counted_of(&chosen),
                collectives: count_of(&chosen, SubjectType::Collective),
                individuals: count_of(&chosen, SubjectType::Individual),
                list: lists::by_unit(
                    format!("DANH SÁCH ĐỀ NGHỊ TẶNG {}", award.name.to_uppercase()),
                    format!("(Kèm theo Tờ trình {sub_ref} của {})", campaign.issuer.name),
                    &plain(&chosen),
                ),
                stem: format!("{}/{}", campaign.id.value, award.id.value),
            };
            Some((view, s))
        })
        .collect()
}

/// One national submission's documents and packet.
pub fn jobs(jobs: &mut Vec<Job>, ctx: &AppraisalCtx, view: &NationalView, s: &NationalSubmission) {
    let campaign = &ctx.campaign.value;
    let award = view.award;
    let date = s.date.value.earliest();
    let stem = &view.stem;
    let issuer = &campaign.issuer.name;
    let extra = minijinja::context! {
        submission => minijinja::Value::from(minijinja::value::Serde(view)),
        list => minijinja::Value::from(minijinja::value::Serde(&view.list)),
        list_date => &view.date,
    };
    jobs.push(Job::Document(ctx.document(
        DocKind::ToTrinh,
        format!("{stem}/to-trinh"),
        "to-trinh-trung-uong.typ",
        date,
        format!("Tờ trình đề nghị tặng {} của {issuer}", award.name),
        None,
        extra.clone(),
    )));
    let mut list = ctx.document(
        DocKind::DanhSach,
        format!("{stem}/danh-sach"),
        "danh-sach.typ",
        date,
        format!(
            "Danh sách đề nghị tặng {} kèm theo Tờ trình của {issuer}",
            award.name
        ),
        None,
        extra,
    );
    list.list = Some(view.list.clone());
    jobs.push(Job::Document(list));
    let mut parts = vec![
        Part::new(
            format!("{stem}/to-trinh"),
            format!("Tờ trình của {issuer}"),
            DocKind::ToTrinh,
        ),
        Part::new(
            format!("{stem}/danh-sach"),
            "Danh sách đề nghị khen thưởng",
            DocKind::DanhSach,
        ),
        Part::new(
            format!("{}/bien-ban", ctx.base),
            format!("Biên bản họp {}", campaign.roles.council),
            DocKind::BienBan,
        ),
    ];
    for r in &s.nominees {
        let Some((u, n)) = ctx.workspace.nomination(&r.unit.value, &r.nomination.value) else {
            continue;
        };
        let report = format!(
            "{stem}/bao-cao-thanh-tich/{}/{}",
            u.value.id.value, n.id.value
        );
        parts.push(Part::new(
            report.clone(),
            format!("Báo cáo thành tích: {}", n.nominee_name()),
            DocKind::BaoCaoThanhTich,
        ));
        if let Some(doc) = report_for(ctx, award, &s.signer, (u, n), report) {
            jobs.push(Job::Document(doc));
        }
    }
    jobs.push(Job::Packet(Packet {
        unit: None,
        stem: format!("{stem}/packet"),
        title: format!("Hồ sơ đề nghị tặng {} của {issuer}", award.name),
        date,
        inputs: ctx.inputs.clone(),
        parts,
        archive: true,
    }));
}

/// A selected nominee's achievement report for the national award, dated as
/// its unit's submission, certified by whoever signs the submission upward
/// (the level that proposes it, "cấp trình khen").
fn report_for(
    ctx: &AppraisalCtx,
    award: &Award,
    certifier: &Signer,
    (u, n): Nominee,
    stem: String,
) -> Option<Document> {
    let unit = &u.value;
    let submission = unit.submission.as_ref()?;
    let criteria =
        crate::jobs::standards::claimed(&ctx.campaign.value, award, n).map(|s| s.criteria);
    let title = format!(
        "Báo cáo thành tích đề nghị tặng {}: {}",
        award.name,
        n.nominee_name()
    );
    Some(Document {
        kind: DocKind::BaoCaoThanhTich,
        unit: Some(unit.id.value.clone()),
        stem,
        template: "bao-cao-thanh-tich.typ",
        date: submission.date.value.earliest(),
        inputs: vec![ctx.campaign.file, ctx.appraisal.file, u.file],
        context: minijinja::context! {
            title => &title,
            campaign => ctx.shared.campaign.clone(),
            unit => minijinja::Value::from(minijinja::value::Serde(unit)),
            awards => ctx.shared.awards.clone(),
            roles => ctx.shared.roles.clone(),
            award => minijinja::Value::from(minijinja::value::Serde(award)),
            nomination => minijinja::Value::from(minijinja::value::Serde(n)),
            earlier => minijinja::Value::from(minijinja::value::Serde(&crate::jobs::Earlier::of(n))),
            certifier => minijinja::Value::from(minijinja::value::Serde(certifier)),
            criteria => minijinja::Value::from(minijinja::value::Serde(&criteria)),
            measured => minijinja::Value::from(minijinja::value::Serde(
                &crate::jobs::standards::Measured::of(criteria.unwrap_or_default(), unit, n),
            )),
        },
        title,
        list: None,
    })
}
