//! Which documents a workspace yields, each with its template, its render
//! context and the inputs it depends on. Counts and groupings that documents
//! print are computed here, once, from the data.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

mod appraisal;

use crate::lists::{self, List};
use crate::source::FileId;
use crate::model::campaign::{Award, AwardLevel, Campaign};
use crate::model::common::SubjectType;
use crate::model::unit::{Nomination, Unit};
use crate::model::{Sourced, Workspace};
use crate::notation::lowercase_first;

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
    /// The list a `danh-sach` prints, also written beside it as `.xlsx`.
    pub list: Option<List>,
    /// For a packet: the documents it joins, in reading order.
    pub parts: Vec<Part>,
}

/// A document joined into a packet, with its bookmark.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// The part's own stem (`lang-son/so-noi-vu/…/to-trinh`).
    pub stem: String,
    /// The bookmark: `Tờ trình`, `Báo cáo thành tích: Hoàng Thị Thu`.
    pub title: String,
    pub kind: &'static str,
}

/// Every document of the workspace whose inputs parsed.
pub fn plan_jobs(workspace: &Workspace) -> Vec<DocJob> {
    let mut jobs = Vec::new();
    let Some(c) = &workspace.campaign else {
        return jobs;
    };
    let campaign = &c.value;
    let awards: BTreeMap<&str, &Award> = campaign
        .awards
        .iter()
        .map(|a| (a.id.value.as_str(), a))
        .collect();
    // Serialised once: a context holds these by reference, however many documents use them.
    let campaign_v = Value::from(Serde(campaign));
    let awards_v = Value::from(Serde(&awards));
    let title = format!("Kế hoạch {}", lowercase_first(&campaign.plan.title));
    jobs.push(DocJob {
        kind: "ke-hoach",
        unit: None,
        stem: format!("{}/ke-hoach", campaign.id.value),
        template: "ke-hoach.typ",
        date: campaign.plan.date.value.earliest(),
        inputs: vec![c.file],
        context: minijinja::context! {
            title => &title,
            campaign => campaign_v.clone(),
            awards => awards_v.clone(),
        },
        title,
        list: None,
        parts: vec![],
    });
    let shared = Shared {
        campaign: campaign_v,
        awards: awards_v,
    };
    for u in &workspace.units {
        unit_jobs(&mut jobs, c, u, &awards, &shared);
    }
    if let Some(a) = &workspace.appraisal {
        appraisal::jobs(&mut jobs, workspace, c, a, &awards);
    }
    jobs
}

/// Nominees of one award, split and counted as the documents print them.
#[derive(Debug, Serialize)]
pub struct Nominees<'a> {
    pub collectives: Vec<&'a Nomination>,
    pub individuals: Vec<&'a Nomination>,
    /// `02`: counts as the decree prints them.
    pub collective_count: String,
    pub individual_count: String,
    /// `01 tập thể và 02 cá nhân`, a zero part left out.
    pub counted: String,
}

impl<'a> Nominees<'a> {
    fn of(list: impl IntoIterator<Item = &'a Nomination>) -> Self {
        let (mut collectives, mut individuals) = (Vec::new(), Vec::new());
        for n in list {
            match n.subject() {
                Some(SubjectType::Collective) => collectives.push(n),
                Some(SubjectType::Individual) => individuals.push(n),
                None => {}
            }
        }
        Self {
            counted: lists::counted(collectives.len(), individuals.len()),
            collective_count: crate::notation::two_digits(collectives.len() as u64),
            individual_count: crate::notation::two_digits(individuals.len() as u64),
            collectives,
            individuals,
        }
    }
}

/// Context values every document shares, serialised once.
struct Shared {
    campaign: Value,
    awards: Value,
}

fn unit_jobs(
    jobs: &mut Vec<DocJob>,
    c: &Sourced<Campaign>,
    u: &Sourced<Unit>,
    awards: &BTreeMap<&str, &Award>,
    shared: &Shared,
) {
    let campaign = &c.value;
    let unit = &u.value;
    let base = format!("{}/{}", campaign.id.value, unit.id.value);
    let inputs = vec![c.file, u.file];
    let unit_v = Value::from(Serde(unit));
    let job = |kind: &'static str,
               stem: String,
               template: &'static str,
               date: NaiveDate,
               title: String,
               extra: Value| {
        let context = minijinja::context! {
            title => &title,
            campaign => shared.campaign.clone(),
            unit => unit_v.clone(),
            awards => shared.awards.clone(),
            ..extra
        };
        DocJob {
            kind,
            unit: Some(unit.id.value.clone()),
            stem,
            title,
            template,
            date,
            inputs: inputs.clone(),
            context,
            list: None,
            parts: vec![],
        }
    };
    let none = minijinja::context! {};

    jobs.push(job(
        "ke-hoach",
        format!("{base}/ke-hoach"),
        "ke-hoach-don-vi.typ",
        unit.plan.date.value.earliest(),
        format!("Kế hoạch thực hiện {} của {}", campaign.name, unit.name),
        none.clone(),
    ));

    if let Some(report) = &unit.report {
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
        jobs.push(job(
            "bao-cao",
            format!("{base}/bao-cao"),
            "bao-cao.typ",
            report.date.value.earliest(),
            format!(
                "Báo cáo kết quả thực hiện {} của {}",
                campaign.name, unit.name
            ),
            minijinja::context! {
                giay_khen_collectives => crate::notation::two_digits(gk_collectives as u64),
                giay_khen_individuals => crate::notation::two_digits(gk_individuals as u64),
                giay_khen_counted => lists::counted(gk_collectives, gk_individuals),
                proposed => Value::from(Serde(&proposed)),
            },
        ));
    }

    if let Some(g) = &unit.giay_khen {
        let collectives: Vec<_> = g
            .recipients
            .iter()
            .filter(|r| r.subject == SubjectType::Collective)
            .collect();
        let individuals: Vec<_> = g
            .recipients
            .iter()
            .filter(|r| r.subject == SubjectType::Individual)
            .collect();
        jobs.push(job(
            "quyet-dinh",
            format!("{base}/quyet-dinh"),
            "quyet-dinh.typ",
            g.date.value.earliest(),
            format!(
                "Quyết định tặng Giấy khen của {} {}",
                unit.head.title.to_lowercase(),
                unit.name
            ),
            minijinja::context! {
                collectives => Value::from(Serde(&collectives)),
                individuals => Value::from(Serde(&individuals)),
                collective_count => crate::notation::two_digits(collectives.len() as u64),
                individual_count => crate::notation::two_digits(individuals.len() as u64),
                counted => lists::counted(collectives.len(), individuals.len()),
            },
        ));
    }

    // The nomination dossier, one per award type (a unit's submission carries one).
    let Some(submission) = &unit.submission else {
        return;
    };
    let mut by_award: BTreeMap<&str, Vec<&Nomination>> = BTreeMap::new();
    for n in &unit.nominations {
        if awards
            .get(n.award.value.as_str())
            .is_some_and(|a| a.level == AwardLevel::Province)
        {
            by_award.entry(n.award.value.as_str()).or_default().push(n);
        }
    }
    for (award_id, nominations) in by_award {
        let award = awards[award_id];
        let nominees = Nominees::of(nominations.iter().copied());
        let dossier = format!("{base}/{award_id}");
        let votes: Vec<VoteRow> = nominations
            .iter()
            .map(|n| {
                let in_favour = submission
                    .council
                    .votes
                    .iter()
                    .find(|v| v.nomination.value == n.id.value)
                    .map(|v| v.in_favour.value)
                    .unwrap_or(0);
                VoteRow {
                    nomination: n,
                    in_favour,
                    share: share(in_favour, submission.council.members.value),
                }
            })
            .collect();
        let extra = minijinja::context! {
            award => Value::from(Serde(award)),
            nominees => Value::from(Serde(&nominees)),
            votes => Value::from(Serde(&votes)),
        };
        let submitted = submission.date.value.earliest();
        jobs.push(job(
            "to-trinh",
            format!("{dossier}/to-trinh"),
            "to-trinh.typ",
            submitted,
            format!("Tờ trình đề nghị tặng {} của {}", award.name, unit.name),
            extra.clone(),
        ));
        let listed: Vec<(&Unit, &Nomination)> = nominations.iter().map(|n| (unit, *n)).collect();
        let list = lists::by_subject(
            format!("DANH SÁCH ĐỀ NGHỊ TẶNG {}", award.name.to_uppercase()),
            format!(
                "(Kèm theo Tờ trình {} của {})",
                crate::notation::reference(
                    submission.number,
                    Some("TTr"),
                    &unit.symbol.value,
                    &submission.date.value
                ),
                unit.name
            ),
            &listed,
        );
        let mut list_job = job(
            "danh-sach",
            format!("{dossier}/danh-sach"),
            "danh-sach.typ",
            submitted,
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
        list_job.list = Some(list);
        jobs.push(list_job);
        jobs.push(job(
            "bien-ban",
            format!("{dossier}/bien-ban"),
            "bien-ban.typ",
            submission.council.date.value.0,
            format!("Biên bản họp Hội đồng Thi đua - Khen thưởng {}", unit.name),
            extra.clone(),
        ));
        let mut parts = vec![
            Part::new(format!("{dossier}/to-trinh"), "Tờ trình", "to-trinh"),
            Part::new(format!("{dossier}/danh-sach"), "Danh sách", "danh-sach"),
            Part::new(
                format!("{dossier}/bien-ban"),
                "Biên bản họp Hội đồng Thi đua - Khen thưởng",
                "bien-ban",
            ),
        ];
        for n in &nominations {
            let nominee = n.nominee_name();
            let stem = report_stem(&dossier, n);
            parts.push(Part::new(
                stem.clone(),
                format!("Báo cáo thành tích: {nominee}"),
                "bao-cao-thanh-tich",
            ));
            jobs.push(job(
                "bao-cao-thanh-tich",
                stem,
                "bao-cao-thanh-tich.typ",
                submitted,
                format!("Báo cáo thành tích đề nghị tặng {}: {nominee}", award.name),
                minijinja::context! { nomination => Value::from(Serde(*n)), ..extra.clone() },
            ));
        }
        let mut packet = job(
            "packet",
            format!("{dossier}/packet"),
            PACKET_TEMPLATE,
            submitted,
            format!("Hồ sơ đề nghị tặng {} của {}", award.name, unit.name),
            none.clone(),
        );
        packet.parts = parts;
        jobs.push(packet);
    }
}

/// Packets are joined from their parts' PDFs, not rendered from a template.
pub const PACKET_TEMPLATE: &str = "";

impl Part {
    pub fn new(stem: String, title: impl Into<String>, kind: &'static str) -> Self {
        Self {
            stem,
            title: title.into(),
            kind,
        }
    }
}

/// Where a nominee's achievement report goes in a dossier.
fn report_stem(dossier: &str, n: &Nomination) -> String {
    format!("{dossier}/bao-cao-thanh-tich/{}", n.id.value)
}

/// One nominee's result in the council's secret ballot.
#[derive(Debug, Serialize)]
pub struct VoteRow<'a> {
    pub nomination: &'a Nomination,
    pub in_favour: u32,
    /// Share of all council members, as the law counts it: `85,71%`.
    pub share: String,
}

/// `in_favour` of `members` as a Vietnamese percentage with two decimals.
pub fn share(in_favour: u32, members: u32) -> String {
    if members == 0 {
        return "0%".to_string();
    }
    let hundredths = (u64::from(in_favour) * 10_000 + u64::from(members) / 2) / u64::from(members);
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    if frac == 0 {
        format!("{whole}%")
    } else {
        format!("{whole},{frac:02}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_counted_over_all_members_in_vietnamese_notation() {
        assert_eq!(share(6, 7), "85,71%");
        assert_eq!(share(7, 7), "100%");
        assert_eq!(share(1, 2), "50%");
        assert_eq!(share(1, 3), "33,33%");
        assert_eq!(share(0, 0), "0%");
    }
}
