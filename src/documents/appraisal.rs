//! The documents of the appraisal: the Sở Nội vụ's Tờ trình, consolidated list,
//! the draft decision of the Chủ tịch UBND tỉnh, the provincial council's
//! minutes, the statistics report, the province's submissions upward, and a
//! packet per submission.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use super::{DocJob, PACKET_TEMPLATE, Part, report_stem, share};
use crate::lists::{self, counted};
use crate::model::appraisal::{Appraisal, Outcome};
use crate::model::campaign::{Award, AwardLevel, Campaign};
use crate::model::common::SubjectType;
use crate::model::unit::{Nomination, Unit};
use crate::model::{Sourced, Workspace};
use crate::notation::{reference, two_digits};

/// A nomination with its unit, as the appraisal sees it.
type Nominee<'a> = (&'a Sourced<Unit>, &'a Nomination);

/// A dossier the Sở Nội vụ received: one unit's Tờ trình.
#[derive(Debug, Serialize)]
struct Received {
    unit: String,
    /// `số 12/TTr-SNV ngày 20/10/2025`.
    reference: String,
    counted: String,
}

/// A nomination that failed, with the reason the Tờ trình summarises.
#[derive(Debug, Serialize)]
struct Failed {
    name: String,
    unit: String,
    reason: String,
}

/// One row of the provincial council's ballot.
#[derive(Debug, Serialize)]
struct VoteRow {
    number: usize,
    name: String,
    birth_gender: String,
    position: String,
    unit: String,
    in_favour: String,
    share: String,
    /// Where the council proposes the nominee: the award's name.
    proposed_for: String,
}

/// Counts of one unit for the statistics report.
#[derive(Debug, Serialize)]
struct UnitStats {
    unit: String,
    collectives: usize,
    individuals: usize,
    passed: usize,
    failed: usize,
    provincial: usize,
    national: usize,
}

#[derive(Debug, Serialize)]
struct AwardStats {
    award: String,
    collectives: usize,
    individuals: usize,
    total: usize,
}

/// A share of individuals against the campaign's target.
#[derive(Debug, Serialize)]
struct ShareStats {
    label: String,
    count: usize,
    of: usize,
    /// `66,67%`.
    share: String,
    /// The share as a number, for the chart.
    percent: f64,
    target: Option<f64>,
}

/// One national submission as the documents use it.
#[derive(Debug, Serialize)]
struct NationalView<'a> {
    award: &'a Award,
    number: Option<u32>,
    date: String,
    /// The addressee: the award's `submitted_to`.
    to: String,
    via: Option<String>,
    counted: String,
    collectives: usize,
    individuals: usize,
    list: lists::List,
    stem: String,
}

pub(super) fn jobs(
    jobs: &mut Vec<DocJob>,
    workspace: &Workspace,
    c: &Sourced<Campaign>,
    a: &Sourced<Appraisal>,
    awards: &BTreeMap<&str, &Award>,
) {
    let campaign = &c.value;
    let ap = &a.value;
    let Some(appraiser) = workspace.unit(&ap.appraiser.value) else {
        return;
    };
    let Some(provincial_award) = campaign
        .awards
        .iter()
        .find(|a| a.level == AwardLevel::Province)
    else {
        return;
    };
    let find = |unit: &str, nomination: &str| -> Option<Nominee> {
        let u = workspace.unit(unit)?;
        let n = u
            .value
            .nominations
            .iter()
            .find(|n| n.id.value == nomination)?;
        Some((u, n))
    };

    // The pool: every provincial nomination, in unit file order.
    let pool: Vec<Nominee> = workspace
        .units
        .iter()
        .flat_map(|u| u.value.nominations.iter().map(move |n| (u, n)))
        .filter(|(_, n)| n.award.value == provincial_award.id.value)
        .collect();
    let verdict = |(u, n): &Nominee| ap.verdict(&u.value.id.value, &n.id.value);
    let passed: Vec<Nominee> = pool
        .iter()
        .copied()
        .filter(|x| verdict(x).is_some_and(|v| v.result.value == Outcome::Passed))
        .collect();
    let failed: Vec<Failed> = pool
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
    let provincial: Vec<Nominee> = passed
        .iter()
        .copied()
        .filter(|(u, n)| !ap.selected_upward(&u.value.id.value, &n.id.value))
        .collect();

    let base = format!("{}/tham-dinh", campaign.id.value);
    let snv = &appraiser.value;
    let submission_ref = reference(
        ap.submission.number,
        Some("TTr"),
        &snv.symbol.value,
        &ap.submission.date.value,
    );
    let decision_ref = reference(
        ap.decision.number,
        Some("QĐ"),
        &campaign.issuer.symbol.value,
        &ap.decision.date.value,
    );
    fn plain<'a>(list: &[Nominee<'a>]) -> Vec<(&'a Unit, &'a Nomination)> {
        list.iter().map(|(u, n)| (&u.value, *n)).collect()
    }
    let list_title = format!(
        "DANH SÁCH ĐỀ NGHỊ TẶNG {}",
        provincial_award.name.to_uppercase()
    );
    let provincial_list = lists::by_unit(
        list_title.clone(),
        format!("(Kèm theo Tờ trình {submission_ref} của {})", snv.name),
        &plain(&provincial),
    );
    let decision_list = lists::List {
        title: format!(
            "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {}",
            provincial_award.name.to_uppercase()
        ),
        attached_to: format!(
            "(Kèm theo Quyết định {decision_ref} của Chủ tịch {})",
            campaign.issuer.name
        ),
        ..provincial_list.clone()
    };
    let subject_count = |list: &[Nominee], s: SubjectType| {
        list.iter().filter(|(_, n)| n.subject() == Some(s)).count()
    };
    let count_text = |list: &[Nominee]| {
        counted(
            subject_count(list, SubjectType::Collective),
            subject_count(list, SubjectType::Individual),
        )
    };

    let national: Vec<NationalView> = ap
        .national
        .iter()
        .filter_map(|s| {
            let award = campaign.award(&s.award.value)?;
            let chosen: Vec<Nominee> = s
                .nominees
                .iter()
                .filter_map(|r| find(&r.unit.value, &r.nomination.value))
                .collect();
            let stem = format!("{}/{}", campaign.id.value, award.id.value);
            let sub_ref = reference(
                s.number,
                Some("TTr"),
                &campaign.issuer.symbol.value,
                &s.date.value,
            );
            Some(NationalView {
                award,
                number: s.number,
                date: s.date.value.to_string(),
                to: award
                    .selection
                    .as_ref()
                    .map(|sel| sel.submitted_to.clone())
                    .unwrap_or_default(),
                via: s.via.clone(),
                counted: count_text(&chosen),
                collectives: subject_count(&chosen, SubjectType::Collective),
                individuals: subject_count(&chosen, SubjectType::Individual),
                list: lists::by_unit(
                    format!("DANH SÁCH ĐỀ NGHỊ TẶNG {}", award.name.to_uppercase()),
                    format!("(Kèm theo Tờ trình {sub_ref} của {})", campaign.issuer.name),
                    &plain(&chosen),
                ),
                stem,
            })
        })
        .collect();

    let received: Vec<Received> = workspace
        .units
        .iter()
        .filter_map(|u| {
            let s = u.value.submission.as_ref()?;
            let mine: Vec<Nominee> = pool
                .iter()
                .copied()
                .filter(|(x, _)| x.file == u.file)
                .collect();
            if mine.is_empty() {
                return None;
            }
            Some(Received {
                unit: u.value.name.clone(),
                reference: reference(s.number, Some("TTr"), &u.value.symbol.value, &s.date.value),
                counted: count_text(&mine),
            })
        })
        .collect();

    let members = ap.council.members.value;
    let vote_rows: Vec<VoteRow> = passed
        .iter()
        .enumerate()
        .map(|(i, (u, n))| {
            let in_favour = ap
                .council
                .votes
                .iter()
                .find(|v| v.unit.value == u.value.id.value && v.nomination.value == n.id.value)
                .map_or(0, |v| v.in_favour.value);
            let row = lists::ListRow::of(i + 1, &u.value, n);
            let proposed_for = ap
                .national
                .iter()
                .find(|s| {
                    s.nominees.iter().any(|r| {
                        r.unit.value == u.value.id.value && r.nomination.value == n.id.value
                    })
                })
                .and_then(|s| campaign.award(&s.award.value))
                .map_or(provincial_award.name.clone(), |a| a.name.clone());
            VoteRow {
                number: i + 1,
                name: row.name,
                birth_gender: row.birth_gender,
                position: row.position,
                unit: row.unit,
                in_favour: two_digits(in_favour.into()),
                share: share(in_favour, members),
                proposed_for,
            }
        })
        .collect();

    // Statistics.
    let per_unit: Vec<UnitStats> = workspace
        .units
        .iter()
        .filter(|u| pool.iter().any(|(x, _)| x.file == u.file))
        .map(|u| {
            let mine = |list: &[Nominee]| list.iter().filter(|(x, _)| x.file == u.file).count();
            let of_unit: Vec<Nominee> = pool
                .iter()
                .copied()
                .filter(|(x, _)| x.file == u.file)
                .collect();
            let up = passed
                .iter()
                .filter(|(x, n)| {
                    x.file == u.file && ap.selected_upward(&x.value.id.value, &n.id.value)
                })
                .count();
            UnitStats {
                unit: u.value.name.clone(),
                collectives: subject_count(&of_unit, SubjectType::Collective),
                individuals: subject_count(&of_unit, SubjectType::Individual),
                passed: mine(&passed),
                failed: of_unit.len() - mine(&passed),
                provincial: mine(&provincial),
                national: up,
            }
        })
        .collect();
    let mut per_award = vec![AwardStats {
        award: provincial_award.name.clone(),
        collectives: subject_count(&provincial, SubjectType::Collective),
        individuals: subject_count(&provincial, SubjectType::Individual),
        total: provincial.len(),
    }];
    for n in &national {
        per_award.push(AwardStats {
            award: n.award.name.clone(),
            collectives: n.collectives,
            individuals: n.individuals,
            total: n.collectives + n.individuals,
        });
    }
    let persons: Vec<_> = passed
        .iter()
        .filter_map(|(_, n)| n.person.as_ref())
        .collect();
    let targets = campaign.targets.as_ref();
    let share_of = |label: &str, count: usize, target: Option<f64>| {
        let of = persons.len();
        let percent = if of == 0 {
            0.0
        } else {
            100.0 * count as f64 / of as f64
        };
        ShareStats {
            label: label.to_string(),
            count,
            of,
            share: share(count as u32, of as u32),
            percent,
            target,
        }
    };
    let shares = vec![
        share_of(
            "Cá nhân không giữ chức vụ lãnh đạo, quản lý",
            persons.iter().filter(|p| !p.leader).count(),
            targets
                .and_then(|t| t.non_leader_share.as_ref())
                .map(|s| s.value),
        ),
        share_of(
            "Cá nhân trực tiếp lao động, công tác",
            persons.iter().filter(|p| p.direct_worker).count(),
            targets
                .and_then(|t| t.direct_worker_share.as_ref())
                .map(|s| s.value),
        ),
    ];

    let context = minijinja::context! {
        campaign => Value::from(Serde(campaign)),
        awards => Value::from(Serde(awards)),
        appraisal => Value::from(Serde(ap)),
        appraiser => Value::from(Serde(snv)),
        award => Value::from(Serde(provincial_award)),
        received => Value::from(Serde(&received)),
        received_count => count_text(&pool),
        received_units => two_digits(received.len() as u64),
        passed_count => count_text(&passed),
        passed_total => two_digits(passed.len() as u64),
        failed => Value::from(Serde(&failed)),
        failed_total => two_digits(failed.len() as u64),
        provincial_count => count_text(&provincial),
        provincial_collectives => subject_count(&provincial, SubjectType::Collective),
        provincial_individuals => subject_count(&provincial, SubjectType::Individual),
        national => Value::from(Serde(&national)),
        votes => Value::from(Serde(&vote_rows)),
        per_unit => Value::from(Serde(&per_unit)),
        per_award => Value::from(Serde(&per_award)),
        shares => Value::from(Serde(&shares)),
        submission_ref => &submission_ref,
        decision_ref => &decision_ref,
    };
    let mut inputs = vec![c.file, a.file];
    inputs.extend(workspace.units.iter().map(|u| u.file));
    let job = |kind: &'static str,
               stem: String,
               template: &'static str,
               date: NaiveDate,
               title: String,
               unit: Option<&str>,
               extra: Value| {
        DocJob {
            kind,
            unit: unit.map(str::to_string),
            context: minijinja::context! { title => &title, ..minijinja::context! { ..extra, ..context.clone() } },
            stem,
            title,
            template,
            date,
            inputs: inputs.clone(),
            list: None,
            parts: vec![],
        }
    };
    let none = minijinja::context! {};
    let submitted = ap.submission.date.value.earliest();
    let snv_id = Some(snv.id.value.as_str());

    jobs.push(job(
        "to-trinh",
        format!("{base}/to-trinh"),
        "to-trinh-tham-dinh.typ",
        submitted,
        format!(
            "Tờ trình đề nghị tặng {} của {}",
            provincial_award.name, snv.name
        ),
        snv_id,
        none.clone(),
    ));
    let mut list_job = job(
        "danh-sach",
        format!("{base}/danh-sach"),
        "danh-sach.typ",
        submitted,
        format!(
            "Danh sách đề nghị tặng {} kèm theo Tờ trình của {}",
            provincial_award.name, snv.name
        ),
        snv_id,
        minijinja::context! {
            list => Value::from(Serde(&provincial_list)),
            list_date => ap.submission.date.value.to_string(),
        },
    );
    list_job.list = Some(provincial_list.clone());
    jobs.push(list_job);
    jobs.push(job(
        "bien-ban",
        format!("{base}/bien-ban"),
        "bien-ban-tinh.typ",
        ap.council.date.value.0,
        format!(
            "Biên bản họp Hội đồng Thi đua - Khen thưởng {}",
            campaign.issuer.name
        ),
        None,
        none.clone(),
    ));
    jobs.push(job(
        "quyet-dinh",
        format!("{base}/quyet-dinh"),
        "quyet-dinh-tinh.typ",
        ap.decision.date.value.earliest(),
        format!(
            "Dự thảo Quyết định tặng {} của Chủ tịch {}",
            provincial_award.name, campaign.issuer.name
        ),
        None,
        minijinja::context! { list => Value::from(Serde(&decision_list)) },
    ));
    jobs.push(job(
        "tong-hop",
        format!("{base}/tong-hop"),
        "tong-hop.typ",
        submitted,
        format!("Báo cáo tổng hợp kết quả thẩm định {}", campaign.name),
        snv_id,
        none.clone(),
    ));
    let mut parts = vec![
        Part::new(
            format!("{base}/to-trinh"),
            format!("Tờ trình của {}", snv.name),
            "to-trinh",
        ),
        Part::new(
            format!("{base}/danh-sach"),
            "Danh sách đề nghị khen thưởng",
            "danh-sach",
        ),
        Part::new(
            format!("{base}/bien-ban"),
            "Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh",
            "bien-ban",
        ),
        Part::new(
            format!("{base}/quyet-dinh"),
            "Dự thảo Quyết định",
            "quyet-dinh",
        ),
    ];
    for (u, n) in &provincial {
        let dossier = format!(
            "{}/{}/{}",
            campaign.id.value, u.value.id.value, n.award.value
        );
        parts.push(Part::new(
            report_stem(&dossier, n),
            format!("Báo cáo thành tích: {}", n.nominee_name()),
            "bao-cao-thanh-tich",
        ));
    }
    let mut packet = job(
        "packet",
        format!("{base}/packet"),
        PACKET_TEMPLATE,
        submitted,
        format!(
            "Hồ sơ trình Chủ tịch {} tặng {}",
            campaign.issuer.name, provincial_award.name
        ),
        snv_id,
        none.clone(),
    );
    packet.parts = parts;
    jobs.push(packet);

    // The province's submissions upward, one per national award.
    for (view, s) in national.iter().zip(&ap.national) {
        let Some(award) = campaign.award(&s.award.value) else {
            continue;
        };
        let date = s.date.value.earliest();
        let stem = &view.stem;
        let extra = minijinja::context! {
            submission => Value::from(Serde(view)),
            list => Value::from(Serde(&view.list)),
            list_date => &view.date,
        };
        jobs.push(job(
            "to-trinh",
            format!("{stem}/to-trinh"),
            "to-trinh-trung-uong.typ",
            date,
            format!(
                "Tờ trình đề nghị tặng {} của {}",
                award.name, campaign.issuer.name
            ),
            None,
            extra.clone(),
        ));
        let mut list_job = job(
            "danh-sach",
            format!("{stem}/danh-sach"),
            "danh-sach.typ",
            date,
            format!(
                "Danh sách đề nghị tặng {} kèm theo Tờ trình của {}",
                award.name, campaign.issuer.name
            ),
            None,
            extra.clone(),
        );
        list_job.list = Some(view.list.clone());
        jobs.push(list_job);
        let mut parts = vec![
            Part::new(
                format!("{stem}/to-trinh"),
                format!("Tờ trình của {}", campaign.issuer.name),
                "to-trinh",
            ),
            Part::new(
                format!("{stem}/danh-sach"),
                "Danh sách đề nghị khen thưởng",
                "danh-sach",
            ),
            Part::new(
                format!("{base}/bien-ban"),
                "Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh",
                "bien-ban",
            ),
        ];
        for r in &s.nominees {
            let Some((u, n)) = find(&r.unit.value, &r.nomination.value) else {
                continue;
            };
            let unit = &u.value;
            let report = format!("{stem}/bao-cao-thanh-tich/{}/{}", unit.id.value, n.id.value);
            parts.push(Part::new(
                report.clone(),
                format!("Báo cáo thành tích: {}", n.nominee_name()),
                "bao-cao-thanh-tich",
            ));
            let Some(unit_submission) = &unit.submission else {
                continue;
            };
            jobs.push(DocJob {
                kind: "bao-cao-thanh-tich",
                unit: Some(unit.id.value.clone()),
                stem: report,
                title: format!("Báo cáo thành tích đề nghị tặng {}: {}", award.name, n.nominee_name()),
                template: "bao-cao-thanh-tich.typ",
                date: unit_submission.date.value.earliest(),
                inputs: vec![c.file, a.file, u.file],
                context: minijinja::context! {
                    title => format!("Báo cáo thành tích đề nghị tặng {}: {}", award.name, n.nominee_name()),
                    campaign => Value::from(Serde(campaign)),
                    unit => Value::from(Serde(unit)),
                    awards => Value::from(Serde(awards)),
                    award => Value::from(Serde(award)),
                    nomination => Value::from(Serde(n)),
                },
                list: None,
                parts: vec![],
            });
        }
        let mut packet = job(
            "packet",
            format!("{stem}/packet"),
            PACKET_TEMPLATE,
            date,
            format!(
                "Hồ sơ đề nghị tặng {} của {}",
                award.name, campaign.issuer.name
            ),
            None,
            none.clone(),
        );
        packet.parts = parts;
        jobs.push(packet);
    }
}
