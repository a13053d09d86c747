//! The campaign: the provincial plan as data. The rule-bearing parts (content
//! items, period, subjects, awards and their criteria, nomination window,
//! national selection) are typed; the plan's outline says where they print.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::common::Signer;
use super::date::{Date, PartialDate};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub kind: String,
    /// Stable id; the output folder is `output/<id>/`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The campaign's name as it reads in running text.
    pub name: String,
    pub issuer: Issuer,
    /// Section II: the contents units report on and nominations cite.
    pub content_items: Vec<ContentItem>,
    /// Section III: the emulation period.
    pub period: Period,
    /// Section IV.1: who takes part.
    pub subjects: Subjects,
    /// Section IV.2: the awards, from the unit's Giấy khen up to national certificates.
    pub awards: Vec<Award>,
    /// Shares of individual nominees the campaign asks for (Luật Thi đua, khen thưởng 2022:
    /// favour non-leaders and direct workers); a miss is a warning.
    #[serde(default)]
    pub targets: Option<Targets>,
    /// Legal bases cited by award documents (Tờ trình, Quyết định), in order,
    /// after the law on local government where a UBND acts (forms.md).
    #[serde(default)]
    pub legal_bases: Vec<String>,
    /// The plan document itself.
    pub plan: Plan,
}

/// The body that issues the plan, as its header and sentences name it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Ô 2, upper line (cơ quan chủ quản), one entry per printed line; empty when none.
    #[serde(default)]
    pub governing_body: Vec<String>,
    /// Ô 2, bold lines (cơ quan ban hành).
    #[schemars(with = "Vec<String>")]
    pub issuing_body: Vec<Spanned<String>>,
    /// The short name used in running text, e.g. `UBND tỉnh Lạng Sơn`.
    pub name: String,
    /// The body's symbol in document numbers, e.g. `UBND` in `05/KH-UBND`.
    #[schemars(with = "String")]
    pub symbol: Spanned<String>,
    /// The place printed before the date (ô 4).
    pub place: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentItem {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// `issue_date` (the plan's own date) or a date.
    #[schemars(with = "PeriodStart")]
    pub start: Spanned<PeriodStart>,
    #[schemars(with = "Date")]
    pub end: Spanned<Date>,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PeriodStart {
    IssueDate,
    #[serde(untagged)]
    On(Date),
}

impl<'de> Deserialize<'de> for PeriodStart {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text == "issue_date" {
            return Ok(PeriodStart::IssueDate);
        }
        let date = super::date::PartialDate::parse(&text)
            .ok()
            .and_then(|p| p.complete());
        date.map(|d| PeriodStart::On(Date(d))).ok_or_else(|| {
            let message = crate::diag::Text::new(
                format!("ngày bắt đầu `{text}` không hợp lệ: ghi `issue_date` (từ ngày ban hành Kế hoạch) hoặc một ngày YYYY-MM-DD"),
                format!("start `{text}` is invalid: write `issue_date` (from the plan's issue date) or a date YYYY-MM-DD"),
            );
            serde::de::Error::custom(message.packed())
        })
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subjects {
    pub collective: CollectiveSubjects,
    pub individual: IndividualSubjects,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectiveSubjects {
    /// Unit kinds that may take part and be nominated as collectives.
    #[schemars(with = "Vec<String>")]
    pub kinds: Vec<Spanned<String>>,
    /// The line of section IV.1 that names them.
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndividualSubjects {
    /// Staff kinds that may be nominated as individuals.
    #[schemars(with = "Vec<String>")]
    pub staff_kinds: Vec<Spanned<String>>,
    pub text: String,
}

/// Who grants an award, which decides where its nominations go.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    /// Granted by a unit's head; never sent up (Giấy khen).
    Unit,
    /// Granted by the Chủ tịch UBND tỉnh.
    Province,
    /// Granted at national level from the provincial pool.
    National,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Award {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    pub level: AwardLevel,
    /// Sentences printed under the award's heading, before its criteria.
    #[serde(default)]
    pub text: Vec<String>,
    /// Criteria per subject type.
    #[serde(default)]
    pub criteria: Criteria,
    /// When nominations for this award are made.
    #[serde(default)]
    pub window: Option<Window>,
    /// For national awards: how nominees are chosen from a lower award's pool.
    #[serde(default)]
    pub selection: Option<Selection>,
    /// At most this many nominations per unit, where the campaign sets a quota.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub quota_per_unit: Option<Spanned<u32>>,
    /// At most this many awarded in the whole province (checked on the appraisal).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub quota_total: Option<Spanned<u32>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Minimum percentage of individual nominees who are not leaders.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub non_leader_share: Option<Spanned<f64>>,
    /// Minimum percentage of individual nominees who work directly (production, front line).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub direct_worker_share: Option<Spanned<f64>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    #[serde(default)]
    pub collective: Vec<Criterion>,
    #[serde(default)]
    pub individual: Vec<Criterion>,
}

/// What a nomination must bring to claim a criterion.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Concrete achievements tied to the content items of section II.
    Achievements,
    /// Identified initiatives, solutions or exceeded targets.
    Initiatives,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub text: String,
    pub requires: Evidence,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    #[schemars(with = "Date")]
    pub start: Spanned<Date>,
    #[schemars(with = "Date")]
    pub end: Spanned<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// The award whose nominees form the pool.
    #[schemars(with = "String")]
    pub pool: Spanned<String>,
    /// Who selects, e.g. `UBND tỉnh` (on the Sở Nội vụ's proposal).
    pub selected_by: String,
    /// Who the selection is submitted to, e.g. `Thủ tướng Chính phủ`.
    pub submitted_to: String,
    /// What the selection is based on, as the plan says it.
    pub basis: String,
}

/// The plan document: its number, date, outline and footer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Blank until the records office registers it.
    #[serde(default)]
    pub number: Option<u32>,
    /// `2024-05` for a draft, `2024-05-20` once issued.
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    /// Trích yếu (ô 5a).
    pub title: String,
    /// The body, in reading order: the outline is data.
    pub body: Vec<Block>,
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
    /// What follows `Lưu:` on the last recipient line, e.g. `VT, NC`.
    #[schemars(with = "String")]
    pub archive: Spanned<String>,
    pub signer: Signer,
}

/// One element of a document's outline.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A heading as printed, number included (`I. MỤC ĐÍCH, YÊU CẦU`).
    Heading(Heading),
    /// A body paragraph.
    Paragraph(String),
    /// Paragraphs each opening with `- `.
    Items(Vec<String>),
    /// Section II's content items, numbered `1.`, `2.` …
    ContentItems(Marker),
    /// Section III's sentence, built from the period.
    Period(Marker),
    /// Section IV.1's subject lines.
    Subjects(Marker),
    /// A numbered heading for one or more awards, with their texts, criteria,
    /// window and selection (`2.2. Bằng khen của Chủ tịch UBND tỉnh`).
    Awards(AwardsBlock),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// 1 for `I.`, 2 for `1.`, 3 for `2.1.`, 4 for `a)`.
    #[schemars(with = "u8")]
    pub level: Spanned<u8>,
    pub text: String,
}

/// A block that takes no options: written `- period: {}`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Marker {}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardsBlock {
    /// The heading number, e.g. `2.2.`.
    pub number: String,
    #[schemars(with = "Vec<String>")]
    pub awards: Vec<Spanned<String>>,
}

impl Campaign {
    pub fn award(&self, id: &str) -> Option<&Award> {
        self.awards.iter().find(|a| a.id.value == id)
    }

    /// Unit kinds that take part (`sở`, `UBND huyện` …).
    pub fn collective_kinds(&self) -> Vec<&str> {
        self.subjects
            .collective
            .kinds
            .iter()
            .map(|k| k.value.as_str())
            .collect()
    }

    /// Staff kinds that may be nominated (`công chức` …).
    pub fn staff_kinds(&self) -> Vec<&str> {
        self.subjects
            .individual
            .staff_kinds
            .iter()
            .map(|k| k.value.as_str())
            .collect()
    }

    pub fn content_item(&self, id: &str) -> Option<&ContentItem> {
        self.content_items.iter().find(|c| c.id.value == id)
    }

    /// The first day of the period (the plan's issue date when it says so).
    pub fn period_start(&self) -> chrono::NaiveDate {
        match self.period.start.value {
            PeriodStart::IssueDate => self.plan.date.value.earliest(),
            PeriodStart::On(d) => d.0,
        }
    }
}

impl Criteria {
    pub fn for_subject(&self, subject: super::common::SubjectType) -> &[Criterion] {
        match subject {
            super::common::SubjectType::Collective => &self.collective,
            super::common::SubjectType::Individual => &self.individual,
        }
    }
}
