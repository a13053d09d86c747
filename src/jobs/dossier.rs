//! A unit's dossier for one provincial award (a submission carries one award):
//! the Tờ trình, its list, the council's minutes, one achievement report per
//! nominee, and the packet that joins them.

use std::collections::BTreeMap;

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::unit::UnitCtx;
use super::{DocKind, Document, Job, Nominees, Packet, Part, lists, report_stem, share};
use crate::model::campaign::{Award, AwardLevel};
use crate::model::common::number_text;
use crate::model::unit::{Nomination, Submission, Unit};
use crate::notation::reference;

/// One nominee's result in the unit council's secret ballot.
#[derive(Debug, Serialize)]
pub struct UnitVote<'a> {
    pub nomination: &'a Nomination,
    pub in_favour: u32,
    /// Share of all council members, as the law counts it: `85,71%`.
    pub share: String,
}

/// The dossiers of a unit, one per provincial award it nominates for.
pub(super) fn jobs(jobs: &mut Vec<Job>, ctx: &UnitCtx) {
    let unit = &ctx.unit.value;
    let Some(submission) = &unit.submission else {
        return;
    };
    let mut by_award: BTreeMap<&str, (&Award, Vec<&Nomination>)> = BTreeMap::new();
    for n in &unit.nominations {
        if let Some(award) = ctx.campaign.value.award(&n.award.value)
            && award.level == AwardLevel::Province
        {
            by_award
                .entry(&award.id.value)
                .or_insert((award, vec![]))
                .1
                .push(n);
        }
    }
    for (award, nominations) in by_award.into_values() {
        dossier(jobs, ctx, submission, award, &nominations);
    }
}

/// One award's dossier.
fn dossier(
    jobs: &mut Vec<Job>,
    ctx: &UnitCtx,
    submission: &Submission,
    award: &Award,
    nominations: &[&Nomination],
) {
    let unit = &ctx.unit.value;
    let dossier = format!("{}/{}", ctx.base, award.id.value);
    let extra = shared_context(ctx, submission, award, nominations);
    let submitted = submission.date.value.earliest();
    let document = |kind, part: &str, template, date, title: String, context: Value| {
        Job::Document(ctx.document(
            kind,
            format!("{dossier}/{part}"),
            template,
            date,
            title,
            context,
        ))
    };
    jobs.push(document(
        DocKind::ToTrinh,
        "to-trinh",
        "to-trinh.typ",
        submitted,
        format!("Tờ trình đề nghị tặng {} của {}", award.name, unit.name),
        extra.clone(),
    ));
    jobs.push(Job::Document(list_document(
        ctx,
        &dossier,
        submission,
        award,
        nominations,
        &extra,
    )));
    jobs.push(document(
        DocKind::BienBan,
        "bien-ban",
        "bien-ban.typ",
        submission.council.date.value.0,
        format!("Biên bản họp Hội đồng Thi đua - Khen thưởng {}", unit.name),
        extra.clone(),
    ));
    let mut parts = vec![
        Part::new(format!("{dossier}/to-trinh"), "Tờ trình", DocKind::ToTrinh),
        Part::new(
            format!("{dossier}/danh-sach"),
            "Danh sách",
            DocKind::DanhSach,
        ),
        Part::new(
            format!("{dossier}/bien-ban"),
            "Biên bản họp Hội đồng Thi đua - Khen thưởng",
            DocKind::BienBan,
        ),
    ];
    for n in nominations {
        let (report, part) = report(ctx, &dossier, submitted, award, n, &extra);
        jobs.push(Job::Document(report));
        parts.push(part);
    }
    jobs.push(Job::Packet(Packet {
        unit: Some(unit.id.value.clone()),
        stem: format!("{dossier}/packet"),
        title: format!("Hồ sơ đề nghị tặng {} của {}", award.name, unit.name),
        date: submitted,
        inputs: vec![ctx.campaign.file, ctx.unit.file],
        parts,
        archive: false,
    }));
}

/// What every document of the dossier prints: the award, its nominees and
/// the criteria they claim, the council's votes and the vote it needed.
fn shared_context(
    ctx: &UnitCtx,
    submission: &Submission,
    award: &Award,
    nominations: &[&Nomination],
) -> Value {
    let campaign = &ctx.campaign.value;
    let members = submission.council.members.value;
    minijinja::context! {
        standards => Value::from(Serde(&super::standards::standards(campaign, award, nominations))),
        vote_rule => Value::from(Serde(&super::VoteRule::of(campaign, award, members))),
        award => Value::from(Serde(award)),
        nominees => Value::from(Serde(&Nominees::of(nominations.iter().copied()))),
        votes => Value::from(Serde(&votes(submission, nominations))),
    }
}

/// The list attached to the Tờ trình, also written as a spreadsheet.
fn list_document(
    ctx: &UnitCtx,
    dossier: &str,
    submission: &Submission,
    award: &Award,
    nominations: &[&Nomination],
    extra: &Value,
) -> Document {
    let unit = &ctx.unit.value;
    let list = list(unit, submission, award, nominations);
    let mut doc = ctx.document(
        DocKind::DanhSach,
        format!("{dossier}/danh-sach"),
        "danh-sach.typ",
        submission.date.value.earliest(),
        format!(
            "Danh sách đề nghị tặng {} kèm theo Tờ trình của {}",
            award.name, unit.name
        ),
        minijinja::context! {
            list => Value::from(Serde(&list)),
            list_date => submission.date.value.to_string(),
            ..extra.clone()
        },
    );
    doc.list = Some(list);
    doc
}

/// A nominee's achievement report, and its part in the packet.
fn report(
    ctx: &UnitCtx,
    dossier: &str,
    date: chrono::NaiveDate,
    award: &Award,
    n: &Nomination,
    extra: &Value,
) -> (Document, Part) {
    let nominee = n.nominee_name();
    let stem = report_stem(dossier, n);
    let part = Part::new(
        stem.clone(),
        format!("Báo cáo thành tích: {nominee}"),
        DocKind::BaoCaoThanhTich,
    );
    let criteria = super::standards::claimed(&ctx.campaign.value, award, n).map(|s| s.criteria);
    let doc = ctx.document(
        DocKind::BaoCaoThanhTich,
        stem,
        "bao-cao-thanh-tich.typ",
        date,
        format!("Báo cáo thành tích đề nghị tặng {}: {nominee}", award.name),
        minijinja::context! {
            nomination => Value::from(Serde(n)),
            earlier => Value::from(Serde(&super::Earlier::of(n))),
            criteria => Value::from(Serde(&criteria)),
            measured => Value::from(Serde(&super::standards::Measured::of(criteria.unwrap_or_default(), &ctx.unit.value, n))),
            ..extra.clone()
        },
    );
    (doc, part)
}

/// Each nominee's votes in the unit's council, over all its members.
fn votes<'a>(submission: &Submission, nominations: &[&'a Nomination]) -> Vec<UnitVote<'a>> {
    nominations
        .iter()
        .map(|n| {
            let in_favour = submission
                .council
                .votes
                .iter()
                .find(|v| v.nomination.value == n.id.value)
                .map_or(0, |v| v.in_favour.value);
            UnitVote {
                nomination: n,
                in_favour,
                share: share(in_favour, submission.council.members.value),
            }
        })
        .collect()
}

/// The list attached to the unit's Tờ trình: collectives, then individuals.
fn list(
    unit: &Unit,
    submission: &Submission,
    award: &Award,
    nominations: &[&Nomination],
) -> lists::List {
    let listed: Vec<(&Unit, &Nomination)> = nominations.iter().map(|n| (unit, *n)).collect();
    lists::by_subject(
        format!("DANH SÁCH ĐỀ NGHỊ TẶNG {}", award.name.to_uppercase()),
        format!(
            "(Kèm theo Tờ trình {} của {})",
            reference(
                number_text(&submission.number),
                Some("TTr"),
                &unit.symbol.value,
                &submission.date.value
            ),
            unit.name
        ),
        &listed,
    )
}
