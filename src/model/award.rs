//! The awards a campaign offers and the rules it sets for them: criteria
//! (per kind of nominee, all or any, measurable), nomination windows and
//! deadlines, the selection upward, quotas, and the council's vote.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::common::SubjectType;
use super::date::Date;
use crate::diag::Text;

/// Who grants an award, which decides where its nominations go.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AwardLevel {
    /// Granted by a unit's head; never sent up (Giấy khen).
    Unit,
    /// Granted by the campaign's issuer (its `roles.authority`).
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
    /// For a `unit` award: the unit kinds whose heads give it (`sở`, `xã`);
    /// a unit of another kind (a village, a school) gives none. Default: every unit.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub given_by: Vec<Spanned<String>>,
    /// Sentences printed under the award's heading, before its criteria.
    #[serde(default)]
    pub text: Vec<String>,
    /// Criteria per subject type (the short form): any one of them is claimed.
    #[serde(default)]
    pub criteria: Criteria,
    /// Criteria per kind of nominee, each set with its heading, its opening
    /// sentence and whether all or any must be met. Without either form, the
    /// campaign's own `criteria_sets` apply.
    #[serde(default)]
    pub criteria_sets: Vec<CriteriaSet>,
    /// When nominations for this award are made.
    #[serde(default)]
    pub window: Option<Window>,
    /// The last day a unit's submission may be dated ("trước ngày 31/3/2026").
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub deadline: Option<Spanned<Date>>,
    /// For national awards: how nominees are chosen from a lower award's pool.
    #[serde(default)]
    pub selection: Option<Selection>,
    /// At most this many nominations per unit (the short form of `quotas`).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub quota_per_unit: Option<Spanned<u32>>,
    /// At most this many awarded in the whole campaign (checked on the appraisal).
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub quota_total: Option<Spanned<u32>>,
    /// The council's vote this award needs, where it differs from the campaign's.
    #[serde(default)]
    pub council: Option<CouncilRule>,
}

impl Award {
    /// Whether a unit of `kind` gives this award (a `unit` award, given by
    /// every unit or by units of its kind).
    pub fn given_by_kind(&self, kind: &str) -> bool {
        self.level == AwardLevel::Unit
            && (self.given_by.is_empty() || self.given_by.iter().any(|k| k.value == kind))
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    #[serde(default)]
    pub collective: Vec<Criterion>,
    #[serde(default)]
    pub individual: Vec<Criterion>,
}

impl Criteria {
    /// The short form's criteria of a subject type.
    pub fn for_subject(&self, subject: SubjectType) -> &[Criterion] {
        match subject {
            SubjectType::Collective => &self.collective,
            SubjectType::Individual => &self.individual,
        }
    }
}

/// Criteria for one kind of nominee (xã, phường; cơ quan cấp tỉnh; cá nhân).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSet {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Who claims it: collectives or individuals.
    pub subject: SubjectType,
    /// For collectives, the unit kinds it is for; for individuals, the staff
    /// kinds. None: every nominee of the subject type.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub kinds: Vec<Spanned<String>>,
    /// The heading as printed, without its letter: `Đối với xã, phường`.
    pub title: String,
    /// The sentence before the criteria: `Đạt các tiêu chuẩn sau:`.
    #[serde(default)]
    pub intro: Option<String>,
    /// `all`: every criterion must be met ("đạt các tiêu chuẩn sau");
    /// `any` (the default): at least one.
    #[serde(default)]
    pub require: Require,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Require {
    #[default]
    Any,
    All,
}

/// What a nomination must bring to claim a criterion.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Concrete achievements tied to the content items.
    #[default]
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
    /// What a nomination cites to claim it (default: achievements).
    #[serde(default)]
    pub requires: Evidence,
    /// A figure the cited achievements must carry, and its threshold.
    #[serde(default)]
    pub metric: Option<Metric>,
}

/// A measurable criterion: a figure (`metric` on the achievements' figures)
/// and the bound it must reach ("từ 98% trở lên": `at_least: 98`; "không có
/// vụ việc …": `at_most: 0`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub at_least: Option<Spanned<f64>>,
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub at_most: Option<Spanned<f64>>,
    /// `%`, `vụ` …, as messages print the value.
    #[serde(default)]
    pub unit: Option<String>,
}

impl Metric {
    /// Whether the bounds say anything a figure can meet: one given, and
    /// `at_least` not above `at_most`.
    pub fn sound(&self) -> bool {
        match (&self.at_least, &self.at_most) {
            (None, None) => false,
            (Some(lo), Some(hi)) => lo.value <= hi.value,
            _ => true,
        }
    }

    /// Whether `value` meets the bounds.
    pub fn met(&self, value: f64) -> bool {
        self.at_least
            .as_ref()
            .is_none_or(|b| value + 1e-9 >= b.value)
            && self
                .at_most
                .as_ref()
                .is_none_or(|b| value <= b.value + 1e-9)
    }
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
    /// Who selects, e.g. `UBND tỉnh` (on the appraising body's proposal).
    pub selected_by: String,
    /// Who the selection is submitted to, e.g. `Thủ tướng Chính phủ`.
    pub submitted_to: String,
    /// Who grants the award when it is not `submitted_to` (the Chủ tịch nước
    /// grants the Huân chương Lao động the Thủ tướng submits).
    #[serde(default)]
    pub granted_by: Option<String>,
    /// What the selection is based on, as the plan says it.
    pub basis: String,
}

/// A quota a campaign sets on nominations for an award. It applies to the
/// units named in `units`, else to those of the kinds in `unit_kinds`, else
/// (neither given) to every other unit ("các cơ quan, đơn vị còn lại"); the
/// most specific quota that matches a unit is the one that applies.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    #[schemars(with = "String")]
    pub award: Spanned<String>,
    /// Unit ids: `[so-noi-vu, van-phong-ubnd-tinh]`, a named body `[ban-chi-dao-bau-cu]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub units: Vec<Spanned<String>>,
    /// Unit kinds: `[xã, phường]`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub unit_kinds: Vec<Spanned<String>>,
    /// At most this many collectives per unit.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub collective: Option<Spanned<u32>>,
    /// At most this many individuals per unit.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub individual: Option<Spanned<u32>>,
    /// At most this many nominations per unit, collectives and individuals together.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub total: Option<Spanned<u32>>,
    /// The quota as the plan words it, quoted in messages.
    #[serde(default)]
    pub text: Option<String>,
}

/// The vote a council's minutes must show: the share of *all* members a
/// nomination needs, and the members present a meeting needs.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CouncilRule {
    /// Default: more than half of all members (`{ more_than: 1/2 }`).
    #[serde(default)]
    #[schemars(with = "Option<Threshold>")]
    pub pass: Option<Spanned<Threshold>>,
    /// Default: none.
    #[serde(default)]
    #[schemars(with = "Option<Threshold>")]
    pub quorum: Option<Spanned<Threshold>>,
}

/// `{ more_than: 1/2 }`, `{ at_least: 2/3 }`, `{ at_least: 80% }`.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq, Eq)]
pub struct Threshold {
    /// `true`: strictly more than the share; `false`: at least it.
    pub strict: bool,
    #[schemars(with = "String")]
    pub share: Ratio,
}

/// A share as a fraction: `1/2`, `2/3`, `80%` (= 4/5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
pub struct Ratio {
    pub num: u64,
    pub den: u64,
}

impl Serialize for Ratio {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.text())
    }
}

impl Ratio {
    /// `1/2`, `2/3`, `80%`: as the plan wrote it, percentages when the
    /// denominator is 100.
    pub fn text(&self) -> String {
        if self.den == 100 {
            format!("{}%", self.num)
        } else {
            format!("{}/{}", self.num, self.den)
        }
    }

    fn parse(text: &str) -> Option<Ratio> {
        let text = text.trim();
        let ratio = if let Some(percent) = text.strip_suffix('%') {
            Ratio {
                num: percent.trim().parse().ok()?,
                den: 100,
            }
        } else {
            let (num, den) = text.split_once('/')?;
            Ratio {
                num: num.trim().parse().ok()?,
                den: den.trim().parse().ok()?,
            }
        };
        (ratio.den > 0 && ratio.num <= ratio.den).then_some(ratio)
    }
}

impl Threshold {
    /// The law's default: more than half of all members.
    pub const MAJORITY: Threshold = Threshold {
        strict: true,
        share: Ratio { num: 1, den: 2 },
    };

    /// Whether `count` of `of` reaches the threshold (exact: no rounding).
    pub fn met(&self, count: u32, of: u32) -> bool {
        let (lhs, rhs) = (
            u128::from(count) * u128::from(self.share.den),
            u128::from(self.share.num) * u128::from(of),
        );
        if self.strict { lhs > rhs } else { lhs >= rhs }
    }

    /// Whether some count of members reaches it (`more_than: 100%` never does).
    pub fn reachable(&self) -> bool {
        !(self.strict && self.share.num >= self.share.den)
    }

    /// The fewest of `of` that reach it.
    pub fn fewest(&self, of: u32) -> u32 {
        (0..=of).find(|&c| self.met(c, of)).unwrap_or(of)
    }

    /// As minutes and messages word it: `quá 1/2`, `từ 2/3`, `từ 80%`.
    pub fn text(&self) -> Text {
        let share = self.share.text();
        if self.strict {
            Text::new(format!("quá {share}"), format!("more than {share}"))
        } else {
            Text::new(format!("từ {share}"), format!("at least {share}"))
        }
    }
}

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Written {
            #[serde(default)]
            more_than: Option<String>,
            #[serde(default)]
            at_least: Option<String>,
        }
        let written = Written::deserialize(d)?;
        let bad = |what: &str| {
            serde::de::Error::custom(
                Text::new(
                    format!("ngưỡng `{what}` không hợp lệ: ghi `{{ more_than: 1/2 }}`, `{{ at_least: 2/3 }}` hoặc `{{ at_least: 80% }}`"),
                    format!("threshold `{what}` is invalid: write `{{ more_than: 1/2 }}`, `{{ at_least: 2/3 }}` or `{{ at_least: 80% }}`"),
                )
                .packed(),
            )
        };
        match (written.more_than, written.at_least) {
            (Some(t), None) => Ratio::parse(&t)
                .map(|share| Threshold {
                    strict: true,
                    share,
                })
                .ok_or_else(|| bad(&t)),
            (None, Some(t)) => Ratio::parse(&t)
                .map(|share| Threshold {
                    strict: false,
                    share,
                })
                .ok_or_else(|| bad(&t)),
            _ => Err(bad("{}")),
        }
    }
}

impl Award {
    /// The criteria a nominee of `subject` (and, for collectives, unit kind or,
    /// for individuals, staff kind `kind`) claims: its set. The short form
    /// counts as one set per subject type, requiring any.
    pub fn set_for<'a>(
        &'a self,
        campaign_sets: &'a [CriteriaSet],
        subject: SubjectType,
        kind: &str,
    ) -> Option<SetRef<'a>> {
        let short = match subject {
            SubjectType::Collective => &self.criteria.collective,
            SubjectType::Individual => &self.criteria.individual,
        };
        if !short.is_empty() {
            return Some(SetRef {
                set: None,
                criteria: short,
                require: Require::Any,
            });
        }
        let sets = self.sets(campaign_sets);
        let of_subject = sets.iter().filter(|s| s.subject == subject);
        // A set naming the kind first, then one for every kind.
        let named = of_subject
            .clone()
            .find(|s| s.kinds.iter().any(|k| k.value == kind));
        let set = named.or_else(|| of_subject.clone().find(|s| s.kinds.is_empty()))?;
        Some(SetRef {
            set: Some(set),
            criteria: &set.criteria,
            require: set.require,
        })
    }

    /// The criteria sets that apply to the award: its own, else the campaign's.
    pub fn sets<'a>(&'a self, campaign_sets: &'a [CriteriaSet]) -> &'a [CriteriaSet] {
        if self.criteria_sets.is_empty() {
            campaign_sets
        } else {
            &self.criteria_sets
        }
    }

    /// Whether the award has any criteria of its own.
    pub fn has_criteria(&self) -> bool {
        !self.criteria.collective.is_empty()
            || !self.criteria.individual.is_empty()
            || !self.criteria_sets.is_empty()
    }
}

/// The criteria a nominee claims, with the set they come from (none for the
/// short form).
#[derive(Debug, Clone, Copy)]
pub struct SetRef<'a> {
    pub set: Option<&'a CriteriaSet>,
    pub criteria: &'a [Criterion],
    pub require: Require,
}
