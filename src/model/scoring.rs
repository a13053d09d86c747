//! Campaigns judged by a score table (thang điểm thi đua): rounds, targets
//! with thresholds, groups of competitors each with its criteria, formulas
//! over named figures, bonuses in brackets and a ranking with tie-breakers;
//! and what a competing unit reports (its figures, each dated and sourced).

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::date::Date;

/// A decimal number as written (`0.4` stays 0.4, not a binary approximation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, JsonSchema)]
#[schemars(transparent)]
pub struct Num(#[schemars(with = "f64")] pub Decimal);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use rust_decimal::prelude::ToPrimitive;
        s.serialize_f64(self.0.to_f64().unwrap_or_default())
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Num;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    &crate::diag::Text::new(
                        "một số, ví dụ 20 hoặc 0.4",
                        "a number, e.g. 20 or 0.4",
                    )
                    .packed(),
                )
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Num, E> {
                Ok(Num(Decimal::from(n)))
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Num, E> {
                Ok(Num(Decimal::from(n)))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Num, E> {
                // The shortest text that reads back as `n` is what was written.
                n.to_string()
                    .parse::<Decimal>()
                    .map(Num)
                    .map_err(|_| E::custom(not_a_number(&n.to_string())))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Num, E> {
                s.trim()
                    .replace(',', ".")
                    .parse::<Decimal>()
                    .map(Num)
                    .map_err(|_| E::custom(not_a_number(s)))
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn not_a_number(s: &str) -> String {
    crate::diag::Text::new(
        format!("`{s}` không phải là số (ví dụ 20 hoặc 0.4)"),
        format!("`{s}` is not a number (e.g. 20 or 0.4)"),
    )
    .packed()
}

/// The campaign's score table and ranking.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// The rounds (đợt), in order.
    #[serde(default)]
    pub rounds: Vec<Round>,
    /// The last day for checking, scoring and ranking ("trước ngày 31 tháng 12 năm 2025").
    #[schemars(with = "Date")]
    pub deadline: Spanned<Date>,
    /// Targets with their thresholds, numbered (1), (2) … as the plan prints them.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Groups of competitors, each with its score table or ranking rule.
    pub groups: Vec<Group>,
    /// The appendix that prints the table after the plan.
    pub appendix: Appendix,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// `Đợt 01`.
    pub name: String,
    /// What the round is, as printed before its dates: `dự kiến: Cao điểm tập trung trong 10 ngày làm việc`.
    #[serde(default)]
    pub text: Option<String>,
    #[schemars(with = "Date")]
    pub start: Spanned<Date>,
    #[schemars(with = "Date")]
    pub end: Spanned<Date>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The content item that states it (its (1) … sentence in the plan).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub content_item: Option<Spanned<String>>,
    /// The sentence, where no content item states it.
    #[serde(default)]
    pub text: Option<String>,
    /// The groups it applies to (default: every group with a score table).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub groups: Vec<Spanned<String>>,
    /// A formula over the group's figures giving the measured value (a percentage).
    #[schemars(with = "String")]
    pub value: Spanned<String>,
    /// The threshold the value must reach.
    #[schemars(with = "Num")]
    pub at_least: Spanned<Num>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// As the table's group row prints it: `NHÓM XÃ, PHƯỜNG`.
    pub name: String,
    /// The kinds of unit that compete in this group.
    #[schemars(with = "Vec<String>")]
    pub unit_kinds: Vec<Spanned<String>>,
    /// The figures each competitor reports, by id, with what they count.
    pub figures: Vec<FigureDef>,
    /// The score table; empty for a group ranked on its figures alone.
    #[serde(default)]
    pub criteria: Vec<ScoreCriterion>,
    /// Checks between figures (`b <= a`), each a condition that must hold.
    #[serde(default)]
    pub checks: Vec<Check>,
    pub ranking: Ranking,
    /// The awards the ranking leads to: the first `top` of the group may be
    /// proposed for `award` as collectives (the competitor itself).
    #[serde(default)]
    pub awards: Vec<RankedAward>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankedAward {
    /// An award id of the campaign.
    #[schemars(with = "String")]
    pub award: Spanned<String>,
    /// How many of the first ranked may be proposed.
    #[schemars(with = "u32")]
    pub top: Spanned<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureDef {
    /// A name formulas use: lowercase ASCII letters, digits and `_`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What it counts, as the self-assessment prints it.
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreCriterion {
    /// The row's number as printed: `1`, `5.1`.
    pub number: String,
    /// The criterion as printed (TIÊU CHÍ THI ĐUA).
    pub text: String,
    /// The standard score (điểm chuẩn), the most the criterion gives.
    #[schemars(with = "Num")]
    pub score: Spanned<Num>,
    /// How to score, as printed (HƯỚNG DẪN CHẤM ĐIỂM), one paragraph per entry.
    #[serde(default)]
    pub guide: Vec<String>,
    /// The points: a formula over the figures; `score` is the standard score.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub points: Option<Spanned<String>>,
    /// The points by brackets of a measured value ("từ 88 – 90 % cộng 02 điểm …").
    #[serde(default)]
    pub brackets: Option<Brackets>,
    /// Sub-criteria (5.1, 5.2 …): the criterion's points are theirs added.
    #[serde(default)]
    pub parts: Vec<ScoreCriterion>,
}

/// Points by brackets: the highest step whose `at_least` the value reaches
/// (a value on an edge belongs to the step that starts there: 90 % is in
/// "90 – 95 %", not "88 – 90 %"); below every step, no points.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Brackets {
    /// The measured value, a formula (a percentage, usually).
    #[schemars(with = "String")]
    pub of: Spanned<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[schemars(with = "Num")]
    pub at_least: Spanned<Num>,
    #[schemars(with = "Num")]
    pub points: Spanned<Num>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// A condition over the figures, e.g. `mo_moi <= tong_so`.
    #[schemars(with = "String")]
    pub rule: Spanned<String>,
    /// What it means, quoted when it fails: `số mở mới không vượt tổng số người hưởng`.
    pub text: String,
}

/// How a group is ranked: by its total score, or by a formula over its
/// figures; then by each tie-breaker in order (higher ranks first); then,
/// where `vote` allows, by the council's vote, which the appraisal records.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    /// A formula to rank by instead of the total score (a group without criteria needs one).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub by: Option<Spanned<String>>,
    /// The ranking rule as the table's criterion column prints it (groups without criteria).
    #[serde(default)]
    pub text: Option<String>,
    /// The ranking rule as the guide column prints it (groups without criteria).
    #[serde(default)]
    pub guide: Vec<String>,
    #[serde(default)]
    pub tie_breakers: Vec<TieBreaker>,
    /// Whether a tie left after the tie-breakers goes to a vote (else it stays shared).
    #[serde(default)]
    pub vote: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TieBreaker {
    /// A formula over the figures; the higher value ranks first.
    #[schemars(with = "String")]
    pub value: Spanned<String>,
    /// What it is, as the report names it: `số lượng mở tài khoản và thẻ ATM mới`.
    pub text: String,
}

/// The appendix printed after the plan's signature.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// `PHỤ LỤC`.
    #[serde(default = "default_appendix_heading")]
    pub heading: String,
    /// `THANG ĐIỂM THI ĐUA PHONG TRÀO …`.
    pub title: String,
    /// Whose plan it is attached to, as the line "(Kèm theo Kế hoạch … của …)"
    /// names it. Default: the issuer's `name`.
    #[serde(default)]
    pub of: Option<String>,
}

fn default_appendix_heading() -> String {
    "PHỤ LỤC".to_string()
}

/// The appraising body's report of scores and ranks (báo cáo kết quả chấm
/// điểm, xếp hạng): a file of its own (`kind: ranking`), made once the
/// competitors' figures are in and before nominations follow from it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingReport {
    pub kind: String,
    /// The unit that scores and ranks (its header and signer): `so-y-te`.
    #[schemars(with = "String")]
    pub appraiser: Spanned<String>,
    #[serde(default)]
    pub number: Option<super::common::DocNumber>,
    #[schemars(with = "super::date::PartialDate")]
    pub date: Spanned<super::date::PartialDate>,
    /// The council's vote on each tie the tie-breakers leave.
    #[serde(default)]
    pub votes: Vec<RankingVote>,
    /// Nơi nhận, bare; default: the deciding authority (b/c).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
    /// After `Lưu:`; default: the appraising unit's, else `VT`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub archive: Option<Spanned<String>>,
}

/// A tie decided by the council's vote: the tied units in the order voted.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingVote {
    #[schemars(with = "String")]
    pub group: Spanned<String>,
    /// The tied units' ids, first ranked first.
    #[schemars(with = "Vec<String>")]
    pub order: Vec<Spanned<String>>,
    /// The meeting that voted, as the report cites it: `cuộc họp ngày 26/12/2025`.
    #[serde(default)]
    pub meeting: Option<String>,
}

/// What a competing unit reports.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitScores {
    /// The group it competes in (default: the group of its unit kind).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub group: Option<Spanned<String>>,
    /// The self-assessment's date; with a number once registered.
    #[serde(default)]
    pub number: Option<super::common::DocNumber>,
    #[schemars(with = "super::date::PartialDate")]
    pub date: Spanned<super::date::PartialDate>,
    /// Every figure of the group, each dated and sourced.
    pub figures: Vec<FigureValue>,
    /// Nơi nhận, bare; default: the appraiser (để kiểm tra, chấm điểm).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FigureValue {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "Num")]
    pub value: Spanned<Num>,
    /// The day the figure was counted.
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
    /// Where it comes from: a report, a system's extract.
    pub source: String,
}

impl Scoring {
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id.value == id)
    }

    /// The group a unit of `kind` competes in, if one names its kind.
    pub fn group_of_kind(&self, kind: &str) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.unit_kinds.iter().any(|k| k.value == kind))
    }

    /// The targets that apply to `group`.
    pub fn targets_of<'a>(&'a self, group: &'a Group) -> impl Iterator<Item = &'a Target> {
        self.targets.iter().filter(move |t| {
            if t.groups.is_empty() {
                !group.criteria.is_empty()
            } else {
                t.groups.iter().any(|g| g.value == group.id.value)
            }
        })
    }
}

impl ScoreCriterion {
    /// The criterion and its parts, depth first.
    pub fn walk(&self) -> Vec<&ScoreCriterion> {
        let mut out = vec![self];
        for p in &self.parts {
            out.extend(p.walk());
        }
        out
    }
}
