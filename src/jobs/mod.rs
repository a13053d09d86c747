//! Stage 4a: from the checked model to the list of documents a workspace
//! yields. Each document gets its template, its render context (counts and
//! groupings computed here, once, from the data), its date, its list and the
//! inputs it depends on; a packet gets its parts. One function per document.

mod appraisal;
mod campaign;
mod dossier;
mod kind;
pub mod lists;
mod scoring;
mod standards;
mod unit;

use chrono::NaiveDate;
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

pub use kind::DocKind;
use lists::List;

use crate::model::common::SubjectType;
use crate::model::unit::Nomination;
use crate::model::{Workspace, campaign::Campaign};
use crate::source::FileId;

/// What a build makes: a document typeset from a template, or a packet joined
/// from documents already typeset.
#[derive(Debug, Clone)]
pub enum Job {
    Document(Document),
    Packet(Packet),
}

/// One document to render and typeset.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocKind,
    /// The unit's id, or `None` for the province's documents.
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
}

/// Documents joined into one PDF with a bookmark each: a dossier.
#[derive(Debug, Clone)]
pub struct Packet {
    pub unit: Option<String>,
    pub stem: String,
    pub title: String,
    pub date: NaiveDate,
    pub inputs: Vec<FileId>,
    /// The documents it joins, in reading order.
    pub parts: Vec<Part>,
    /// A submission to the national level: its parts also go, as PDF and
    /// Word files, into `ho-so.zip` beside it.
    pub archive: bool,
}

/// A document joined into a packet, with its bookmark.
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    /// The part's own stem (`lang-son/so-noi-vu/…/to-trinh`).
    pub stem: String,
    /// The bookmark: `Tờ trình`, `Báo cáo thành tích: Hoàng Thị Thu`.
    pub title: String,
    pub kind: DocKind,
}

impl Part {
    pub fn new(stem: String, title: impl Into<String>, kind: DocKind) -> Self {
        Self {
            stem,
            title: title.into(),
            kind,
        }
    }
}

impl Job {
    pub fn stem(&self) -> &str {
        match self {
            Job::Document(d) => &d.stem,
            Job::Packet(p) => &p.stem,
        }
    }
}

/// Every document and packet of the workspace whose inputs parsed, in a
/// fixed order. Contexts are serialised on up to `threads` threads, units
/// split among them, the province's documents beside (a rebuild in `watch`
/// plans every document again, a tenth of a second in a province of 2,000
/// nominees on one thread).
pub fn for_workspace(workspace: &Workspace, threads: usize) -> Vec<Job> {
    let Some(c) = &workspace.campaign else {
        return vec![];
    };
    let shared = Shared::of(&c.value);
    let of_units = |units: &[crate::model::Sourced<crate::model::unit::Unit>]| {
        let mut jobs = Vec::new();
        for u in units {
            let ctx = unit::UnitCtx::new(c, u, &shared);
            unit::jobs(&mut jobs, &ctx);
            scoring::self_assessment(&mut jobs, &ctx);
            dossier::jobs(&mut jobs, &ctx);
        }
        jobs
    };
    let of_province = || {
        let mut jobs = Vec::new();
        scoring::ranking_report(&mut jobs, workspace, &shared);
        if let Some(a) = &workspace.appraisal {
            appraisal::jobs(&mut jobs, workspace, c, a, &shared);
        }
        jobs
    };
    let chunk = workspace.units.len().div_ceil(threads.max(1)).max(1);
    let (units, province) = std::thread::scope(|scope| {
        let province = scope.spawn(of_province);
        let units: Vec<_> = (workspace.units.chunks(chunk))
            .map(|units| scope.spawn(move || of_units(units)))
            .collect();
        let units: Vec<Vec<Job>> = units.into_iter().map(joined).collect();
        (units, joined(province))
    });
    let mut jobs = vec![Job::Document(campaign::plan(c, &shared))];
    jobs.extend(units.into_iter().flatten());
    jobs.extend(province);
    jobs
}

/// A planning thread's jobs; its panic goes on in the caller, as it would
/// have without the thread.
fn joined(handle: std::thread::ScopedJoinHandle<'_, Vec<Job>>) -> Vec<Job> {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Context values every document shares, serialised once: a context holds
/// them by reference, however many documents use them.
pub(crate) struct Shared {
    campaign: Value,
    /// The awards by id.
    awards: Value,
    /// Who does what, every name resolved (`Campaign::role_names`).
    roles: Value,
}

impl Shared {
    fn of(campaign: &Campaign) -> Self {
        let awards: std::collections::BTreeMap<&str, _> = campaign
            .awards
            .iter()
            .map(|a| (a.id.value.as_str(), a))
            .collect();
        Self {
            campaign: Value::from(Serde(campaign)),
            awards: Value::from(Serde(&awards)),
            roles: Value::from(Serde(&campaign.role_names())),
        }
    }
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

/// The council's vote an award's nominations need, as minutes print it:
/// `pass` (`quá 1/2`, `từ 2/3`) and `quorum` (none when the campaign sets none),
/// and the fewest votes that pass with `members` members.
#[derive(Debug, Serialize)]
pub struct VoteRule {
    pub pass: String,
    pub quorum: Option<String>,
    pub fewest: u32,
}

impl VoteRule {
    pub fn of(
        campaign: &crate::model::Campaign,
        award: &crate::model::campaign::Award,
        members: u32,
    ) -> Self {
        let (pass, quorum) = campaign.council_rule(award);
        Self {
            pass: pass.text().vi,
            quorum: quorum.map(|q| q.text().vi),
            fewest: pass.fewest(members),
        }
    }
}

/// A nominee's earlier awards as the report's III prints them: titles
/// (danh hiệu thi đua) and awards (hình thức khen thưởng) in two tables.
#[derive(Debug, Serialize)]
pub struct Earlier<'a> {
    pub titles: Vec<&'a crate::model::unit::EarlierAward>,
    pub awards: Vec<&'a crate::model::unit::EarlierAward>,
}

impl<'a> Earlier<'a> {
    pub fn of(n: &'a Nomination) -> Self {
        use crate::model::unit::EarlierKind;
        let (titles, awards) = n
            .earlier_awards
            .iter()
            .partition(|e| e.kind() == EarlierKind::Title);
        Self { titles, awards }
    }
}

/// Where a nominee's achievement report goes in a dossier.
fn report_stem(dossier: &str, n: &Nomination) -> String {
    format!("{dossier}/bao-cao-thanh-tich/{}", n.id.value)
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
