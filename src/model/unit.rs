//! A participating unit (sở, ban, ngành, UBND xã, phường; until 01/7/2025
//! UBND huyện, thành phố): who it is, its own plan, what it achieved, the
//! Giấy khen its head awarded, and its nominations for the provincial
//! certificate with the council's vote.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::common::DocNumber;
pub use super::common::SubjectType;
use super::common::{Absent, ClockTime, Signer};
use super::date::{Date, PartialDate};
pub use super::earlier::{EarlierAward, EarlierKind};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub kind: String,
    /// Stable id (`so-noi-vu`); documents go to `output/<campaign>/<id>/`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The name in running text: `Sở Nội vụ`.
    pub name: String,
    /// One of the campaign's `subjects.collective.kinds` (`sở`, `UBND huyện` …).
    #[schemars(with = "String")]
    pub unit_kind: Spanned<String>,
    /// Ô 2, upper line(s): `UBND TỈNH LẠNG SƠN`.
    #[serde(default)]
    pub governing_body: Vec<String>,
    /// Ô 2, bold line(s): `SỞ NỘI VỤ`.
    #[schemars(with = "Vec<String>")]
    pub issuing_body: Vec<Spanned<String>>,
    /// Symbol in document numbers: `SNV` in `05/KH-SNV`.
    #[schemars(with = "String")]
    pub symbol: Spanned<String>,
    pub place: String,
    /// Acts that found the unit's own power, cited first by all its acts (its
    /// Tờ trình, its head's decision): for a UBND, the law on local government.
    #[serde(default)]
    pub authority_bases: Vec<String>,
    /// The act that sets the unit's functions, cited next by its head's
    /// decisions: `Quyết định số 15/2025/QĐ-UBND ngày … của UBND tỉnh … quy định
    /// chức năng, nhiệm vụ … của Sở Tư pháp`.
    #[serde(default)]
    pub functions_act: Option<String>,
    /// Units merged into this one (2025 reorganisation).
    #[serde(default)]
    pub predecessors: Vec<Predecessor>,
    /// The unit that took over this one's duties, from a date (districts dissolved 01/7/2025).
    #[serde(default)]
    pub successor: Option<Successor>,
    /// The head, who awards Giấy khen: `GIÁM ĐỐC`, name.
    pub head: Head,
    /// Who signs the unit's documents.
    pub signer: Signer,
    /// The line after `Lưu:` on the unit's documents, bare (`VT, VP`): the
    /// registry and the drafting division. Default: `VT`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub archive: Option<Spanned<String>>,
    /// The unit's own plan implementing the campaign.
    pub plan: UnitPlan,
    #[serde(default)]
    pub achievements: Vec<Achievement>,
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    #[serde(default)]
    pub giay_khen: Option<GiayKhen>,
    #[serde(default)]
    pub nominations: Vec<Nomination>,
    /// The submission (Tờ trình) of the nominations, with the council's meeting.
    #[serde(default)]
    pub submission: Option<Submission>,
    /// The results report (Báo cáo): what the figures cannot say.
    #[serde(default)]
    pub report: Option<Report>,
    /// The unit's figures in a campaign that scores (its self-assessment).
    #[serde(default)]
    pub scores: Option<super::scoring::UnitScores>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Predecessor {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: String,
    /// Last day the predecessor existed on its own.
    #[schemars(with = "Date")]
    pub until: Spanned<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Successor {
    pub name: String,
    /// First day the successor is in charge.
    #[schemars(with = "Date")]
    pub from: Spanned<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// `GIÁM ĐỐC`, `CHỦ TỊCH`.
    pub title: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitPlan {
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    pub tasks: Vec<Task>,
    /// I.1 Mục đích, a dash item each; default: the campaign carried out
    /// among the unit's staff, its best commended.
    #[serde(default)]
    pub purposes: Vec<String>,
    /// I.2 Yêu cầu, a dash item each; default: tied to the unit's duties,
    /// awards fair and on time.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// III.1 Đối tượng, the sentence; default: the collectives and the
    /// campaign's staff kinds of the unit.
    #[serde(default)]
    pub subjects: Option<String>,
    /// V. Tổ chức thực hiện, numbered items; default: the departments carry
    /// the tasks out, the unit's emulation staff report to the appraiser.
    #[serde(default)]
    pub organisation: Vec<String>,
    /// Nơi nhận, bare; default: the issuer (b/c), the appraiser, the unit's
    /// leaders and its departments.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// The campaign's content item this task carries out.
    #[schemars(with = "String")]
    pub content_item: Spanned<String>,
    pub text: String,
    /// The lead (chủ trì) department or person.
    pub lead: String,
    #[schemars(with = "Date")]
    pub deadline: Spanned<Date>,
    #[serde(default)]
    pub target: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub content_item: Spanned<String>,
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
    pub text: String,
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// A predecessor's id when the achievement predates a merger.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub by: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    pub label: String,
    #[schemars(with = "f64")]
    pub value: Spanned<f64>,
    /// `%`, `hội nghị`, `lượt người` …
    #[serde(default)]
    pub unit: Option<String>,
    /// The id of a measurable criterion's `metric` this figure reports
    /// (`ty-le-cu-tri`): a nomination claiming that criterion is checked
    /// against it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub metric: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: String,
    /// The decision that recognised it; without one it backs no criterion.
    #[serde(default)]
    pub decision: Option<DecisionRef>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRef {
    /// As printed: `125/QĐ-SNV`.
    #[schemars(with = "String")]
    pub number: Spanned<String>,
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
    pub issuer: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GiayKhen {
    /// The head's decision awarding them.
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    /// Bases of the decision besides the law and the campaign plan, e.g. the
    /// decision that sets the unit's functions.
    #[serde(default)]
    pub legal_bases: Vec<String>,
    /// Why they are awarded: `Đã có thành tích xuất sắc trong …`; the
    /// template words it from the campaign when absent.
    #[serde(default)]
    pub reason: Option<String>,
    /// Who carries out the decision (Điều 3), e.g. `Chánh Văn phòng Sở`.
    #[serde(default)]
    pub executors: Vec<String>,
    /// On whose proposal it is made: `Chánh Văn phòng Sở` ("Theo đề nghị của …").
    #[serde(default)]
    pub proposed_by: Option<String>,
    /// Who is awarded (the decision's attached list).
    pub recipients: Vec<GiayKhenRecipient>,
    /// Nơi nhận after `Như Điều 3`, bare (the other documents call theirs
    /// `recipients`, a key this one gives the awardees); default: the
    /// appraiser (b/c), unless the unit appraises, and the unit's leaders.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub distribution: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GiayKhenRecipient {
    pub name: String,
    pub subject: SubjectType,
    /// Position and department, for persons; what the collective is, for collectives.
    #[serde(default)]
    pub position: Option<String>,
    #[schemars(with = "Vec<String>")]
    pub achievements: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nomination {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The award proposed: an award id of the campaign.
    #[schemars(with = "String")]
    pub award: Spanned<String>,
    /// Exactly one of `collective` and `person`.
    #[serde(default)]
    pub collective: Option<CollectiveNominee>,
    #[serde(default)]
    pub person: Option<Person>,
    /// Criterion ids of the award for the nominee's subject type.
    #[schemars(with = "Vec<String>")]
    pub criteria: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub achievements: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub initiatives: Vec<Spanned<String>>,
    /// One or two sentences for the attached list (tóm tắt thành tích).
    pub summary: String,
    /// Earlier awards, for the achievement report.
    #[serde(default)]
    pub earlier_awards: Vec<EarlierAward>,
    /// For the achievement report: the collective's situation (I.1) or the
    /// person's background, one paragraph each.
    #[serde(default)]
    pub situation: Vec<String>,
    /// Functions and duties (collective, I.2) or powers and duties assigned (person, II.1).
    #[serde(default)]
    pub duties: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectiveNominee {
    pub name: String,
    /// One of the campaign's `subjects.collective.kinds`.
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
pub enum Gender {
    #[serde(rename = "nam")]
    Male,
    #[serde(rename = "nữ")]
    Female,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
pub enum Discipline {
    /// Not disciplined, not under investigation.
    #[serde(rename = "không")]
    None,
    #[serde(rename = "đang bị kỷ luật")]
    Disciplined,
    #[serde(rename = "đang bị xem xét, điều tra")]
    Investigated,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub full_name: String,
    #[schemars(with = "Gender")]
    pub gender: Spanned<Gender>,
    #[schemars(with = "i32")]
    pub birth_year: Spanned<i32>,
    /// Căn cước công dân: 12 digits, kept as text.
    #[schemars(with = "String")]
    pub cccd: Spanned<String>,
    /// Position and department: `Trưởng phòng Công chức, viên chức`.
    pub position: String,
    /// One of the campaign's `subjects.individual.staff_kinds`.
    #[schemars(with = "String")]
    pub staff_kind: Spanned<String>,
    pub leader: bool,
    pub direct_worker: bool,
    #[schemars(with = "Discipline")]
    pub discipline: Spanned<Discipline>,
    /// Dân tộc. Not printed: the report form (Nghị định 152/2025) has no such
    /// line; kept so that earlier inputs load.
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// Quê quán.
    #[serde(default)]
    pub home_town: Option<String>,
    /// The full date of birth, where known (the report prints it; else the year).
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub birth_date: Option<Spanned<Date>>,
    /// Trú quán: where the person lives.
    #[serde(default)]
    pub residence: Option<String>,
    /// Trình độ chuyên môn, nghiệp vụ: `Cử nhân Luật`.
    #[serde(default)]
    pub qualification: Option<String>,
    /// Học hàm, học vị, danh hiệu, giải thưởng.
    #[serde(default)]
    pub degrees: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    pub council: Council,
    /// How the campaign went in the unit, continuing the sentence after the
    /// plan it issued (`Nhân dân trong thôn tích cực …`, as printed); default:
    /// made known to all its staff, tied to their work.
    #[serde(default)]
    pub overview: Option<String>,
    /// Nơi nhận after the first line (the addressee, `Như trên`), bare;
    /// default: the unit's leaders.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Council {
    /// The minutes' number, once registered.
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
    /// The council's name as the decision that set it up gives it: `Hội đồng
    /// Thi đua - Khen thưởng phường Ninh Kiều`. Default: after the unit's name.
    #[serde(default)]
    pub name: Option<String>,
    /// When the meeting opened and closed (`08:00`, `10:30`); blanks in a draft.
    #[serde(default)]
    #[schemars(with = "Option<ClockTime>")]
    pub start: Option<Spanned<ClockTime>>,
    #[serde(default)]
    #[schemars(with = "Option<ClockTime>")]
    pub end: Option<Spanned<ClockTime>>,
    /// Members absent, each with the reason.
    #[serde(default)]
    pub absent: Vec<Absent>,
    pub place: String,
    /// The decision that set the council up, as cited: `Quyết định số 12/QĐ-STP ngày 05/01/2024 của Giám đốc Sở Tư pháp`.
    #[serde(default)]
    pub established_by: Option<String>,
    /// Members by the decision that set the council up.
    #[schemars(with = "u32")]
    pub members: Spanned<u32>,
    #[schemars(with = "u32")]
    pub present: Spanned<u32>,
    pub chair: String,
    pub secretary: String,
    pub votes: Vec<Vote>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    #[schemars(with = "String")]
    pub nomination: Spanned<String>,
    /// Members who voted for; a share is counted over all members.
    #[schemars(with = "u32")]
    pub in_favour: Spanned<u32>,
}

/// What the results report says beyond the figures of the achievements.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    /// I. How the unit led and organised the campaign.
    pub organisation: Vec<String>,
    /// II. Outstanding examples, beyond the figures.
    #[serde(default)]
    pub highlights: Vec<String>,
    /// IV. Assessment.
    pub strengths: Vec<String>,
    #[serde(default)]
    pub limits: Vec<String>,
    #[serde(default)]
    pub causes: Vec<String>,
    #[serde(default)]
    pub lessons: Vec<String>,
    /// V. Next steps and proposals.
    pub next_steps: Vec<String>,
    #[serde(default)]
    pub proposals: Vec<String>,
    /// Nơi nhận after the first line (the addressee, `Như trên`), bare;
    /// default: the unit's leaders.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
}

impl Unit {
    pub fn achievement(&self, id: &str) -> Option<&Achievement> {
        self.achievements.iter().find(|a| a.id.value == id)
    }

    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiatives.iter().find(|i| i.id.value == id)
    }
}

impl Gender {
    /// `Nam`, `Nữ`, as lists print it.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "Nam",
            Gender::Female => "Nữ",
        }
    }
}

impl Nomination {
    /// The person's full name or the collective's name.
    pub fn nominee_name(&self) -> &str {
        match (&self.person, &self.collective) {
            (Some(p), _) => &p.full_name,
            (None, Some(c)) => &c.name,
            (None, None) => "",
        }
    }

    pub fn subject(&self) -> Option<SubjectType> {
        match (&self.collective, &self.person) {
            (Some(_), None) => Some(SubjectType::Collective),
            (None, Some(_)) => Some(SubjectType::Individual),
            _ => None,
        }
    }
}
