//! The campaign: the plan as data. The rule-bearing parts (content items,
//! period, subjects, awards and their criteria, windows and deadlines,
//! quotas, the council's vote, the selection upward) are typed and checked;
//! the plan's outline (`outline.rs`) says where they print.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

pub use super::award::{
    Award, AwardLevel, CouncilRule, Criteria, CriteriaSet, Criterion, Evidence, Metric, Quota,
    Require, Selection, SetRef, Threshold, Window,
};
pub use super::outline::{
    AwardsBlock, Block, Heading, ListBlock, ListItem, ListStyle, Plan, RunIn,
};
pub use super::period::{EndEvent, Period, PeriodEnd, PeriodStart};

use super::date::PartialDate;

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
    /// Who decides, who appraises, whose council votes: as documents name them.
    pub roles: Roles,
    /// The contents units report on and nominations cite.
    pub content_items: Vec<ContentItem>,
    /// The emulation period.
    pub period: Period,
    /// When the campaign is reviewed ("tổng kết vào tháng 4 năm 2026").
    #[serde(default)]
    #[schemars(with = "Option<PartialDate>")]
    pub closing: Option<Spanned<PartialDate>>,
    /// Who takes part.
    pub subjects: Subjects,
    /// The awards, from the unit's Giấy khen up to national awards.
    pub awards: Vec<Award>,
    /// Criteria per kind of nominee for every award without its own ("tiêu chí thi đua").
    #[serde(default)]
    pub criteria_sets: Vec<CriteriaSet>,
    /// Quotas on nominations, by award and unit.
    #[serde(default)]
    pub quotas: Vec<Quota>,
    /// The vote every council's minutes must show (default: more than half of all members).
    #[serde(default)]
    pub council: Option<CouncilRule>,
    /// Shares of individual nominees the campaign asks for (Luật Thi đua, khen thưởng 2022:
    /// favour non-leaders and direct workers); a miss is a warning.
    #[serde(default)]
    pub targets: Option<Targets>,
    /// Legal bases cited by award documents (Tờ trình, Quyết định), in order,
    /// after the law on local government where a UBND acts (forms.md).
    #[serde(default)]
    pub legal_bases: Vec<String>,
    /// Acts that found the deciding authority's power, cited first by its own
    /// acts (the decision, the submissions upward): since 01/7/2025 the law on
    /// the organisation of local government.
    #[serde(default)]
    pub authority_bases: Vec<String>,
    /// Working days the appraisal has, from the last complete dossier received
    /// to the appraiser's Tờ trình (Quyết định 311/QĐ-BNV: 20).
    #[serde(default = "default_appraisal_days")]
    pub appraisal_days: u32,
    /// The score table, for a campaign that scores and ranks its competitors.
    #[serde(default)]
    pub scoring: Option<super::scoring::Scoring>,
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
    /// The name used in running text, e.g. `UBND tỉnh Lạng Sơn`.
    pub name: String,
    /// The same where the place goes without saying: `UBND tỉnh`. Default: `name`.
    #[serde(default)]
    pub short_name: Option<String>,
    /// The body's level as a column of counts names it (`Cấp tỉnh`, `Cấp Bộ`):
    /// `tỉnh`, `Bộ`. Default: the short name less its leading symbol
    /// (`UBND tỉnh` with symbol `UBND` → `tỉnh`).
    #[serde(default)]
    pub level: Option<String>,
    /// The level above, whose awards the campaign proposes (`level: national`
    /// awards), as a column of counts names it: `Nhà nước` (the default) for
    /// a province or a ministry, `tỉnh` for a commune.
    #[serde(default)]
    pub upper_level: Option<String>,
    /// The body's symbol in document numbers, e.g. `UBND` in `05/KH-UBND`.
    #[schemars(with = "String")]
    pub symbol: Spanned<String>,
    /// The place printed before the date (ô 4).
    pub place: String,
}

/// Who does what in the campaign, as documents name them: nothing of it is
/// written in the templates.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Who grants the campaign's own award, as addressed: `Chủ tịch UBND tỉnh Lạng Sơn`.
    pub authority: String,
    /// The same in running text: `Chủ tịch UBND tỉnh`. Default: `authority`.
    #[serde(default)]
    pub authority_short: Option<String>,
    /// The deciding authority as a decision names it, in capitals:
    /// `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN`. Default: `authority` in capitals.
    #[serde(default)]
    pub authority_heading: Option<String>,
    /// The body that receives the units' reports and dossiers, appraises them
    /// and submits them: `Sở Nội vụ`.
    pub appraiser: String,
    /// The appraising body's own unit id, when it takes part as a unit: its
    /// report goes to the issuer, not to itself.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub appraiser_unit: Option<Spanned<String>>,
    /// The issuer's emulation and rewards council: `Hội đồng Thi đua - Khen thưởng tỉnh`.
    pub council: String,
    /// Its header lines (ô 2) on its minutes. Default: the council's name in capitals.
    #[serde(default)]
    pub council_header: Vec<String>,
    /// The upper line(s) above them (the body the council serves): `SỞ GIÁO
    /// DỤC VÀ ĐÀO TẠO`. Default: the issuer's name in capitals.
    #[serde(default)]
    pub council_governing: Vec<String>,
    /// Its symbol in numbers: `HĐTĐKT`.
    pub council_symbol: String,
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
    /// Staff kinds the shares leave out, being neither leaders nor workers:
    /// `học sinh`, `người dân`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub outside: Vec<Spanned<String>>,
}

/// The roles with their defaults filled in, as documents use them.
#[derive(Debug, Clone, Serialize)]
pub struct RoleNames {
    pub authority: String,
    pub authority_short: String,
    pub authority_heading: String,
    pub appraiser: String,
    pub appraiser_unit: Option<String>,
    pub council: String,
    pub council_header: Vec<String>,
    pub council_governing: Vec<String>,
    pub council_symbol: String,
    /// The issuer in running text where the place goes without saying.
    pub issuer_short: String,
    /// The issuer's level as a column names it (`issuer.level`).
    pub issuer_level: String,
    /// The level above it, as a column names it (`issuer.upper_level`).
    pub upper_level: String,
}

impl Campaign {
    /// Who does what, every name resolved.
    pub fn role_names(&self) -> RoleNames {
        let r = &self.roles;
        RoleNames {
            authority: r.authority.clone(),
            authority_short: r
                .authority_short
                .clone()
                .unwrap_or_else(|| r.authority.clone()),
            authority_heading: r
                .authority_heading
                .clone()
                .unwrap_or_else(|| r.authority.to_uppercase()),
            appraiser: r.appraiser.clone(),
            appraiser_unit: r.appraiser_unit.as_ref().map(|u| u.value.clone()),
            council: r.council.clone(),
            council_header: if r.council_header.is_empty() {
                vec![r.council.to_uppercase()]
            } else {
                r.council_header.clone()
            },
            council_governing: if r.council_governing.is_empty() {
                vec![self.issuer.name.to_uppercase()]
            } else {
                r.council_governing.clone()
            },
            council_symbol: r.council_symbol.clone(),
            issuer_short: self.issuer_short().to_string(),
            issuer_level: self.issuer.level.clone().unwrap_or_else(|| {
                let short = self.issuer_short();
                let symbol = format!("{} ", self.issuer.symbol.value);
                short.strip_prefix(&symbol).unwrap_or(short).to_string()
            }),
            upper_level: (self.issuer.upper_level.clone()).unwrap_or_else(|| "Nhà nước".into()),
        }
    }

    fn issuer_short(&self) -> &str {
        let i = &self.issuer;
        i.short_name.as_deref().unwrap_or(&i.name)
    }

    /// The unit-level award a unit of `kind` gives, if any.
    pub fn unit_award(&self, kind: &str) -> Option<&Award> {
        self.awards.iter().find(|a| a.given_by_kind(kind))
    }

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

    /// Every criterion the campaign defines: each award's short form and
    /// sets, then the campaign's sets.
    pub fn all_criteria(&self) -> impl Iterator<Item = &Criterion> {
        let of_awards = self.awards.iter().flat_map(|a| {
            let sets = a.criteria_sets.iter().flat_map(|s| &s.criteria);
            a.criteria
                .collective
                .iter()
                .chain(&a.criteria.individual)
                .chain(sets)
        });
        of_awards.chain(self.criteria_sets.iter().flat_map(|s| &s.criteria))
    }

    pub fn content_item(&self, id: &str) -> Option<&ContentItem> {
        self.content_items.iter().find(|c| c.id.value == id)
    }

    /// The first day of the period (the plan's issue date when it says so).
    pub fn period_start(&self) -> chrono::NaiveDate {
        self.period.first_day(&self.plan.date.value)
    }

    /// The last day of the period, when the plan gives or implies one.
    pub fn period_end(&self) -> Option<chrono::NaiveDate> {
        self.period.last_day()
    }

    /// The quota on a unit's nominations for `award`: a `quotas` entry naming
    /// the unit's id first, else one naming its kind, else a default entry
    /// (neither given), else the award's `quota_per_unit` as a default total.
    pub fn quota_for<'a>(
        &'a self,
        award: &'a Award,
        unit: &str,
        unit_kind: &str,
    ) -> Option<AppliedQuota<'a>> {
        let of_award = || {
            self.quotas
                .iter()
                .filter(|q| q.award.value == award.id.value)
        };
        let named = of_award().find(|q| q.units.iter().any(|u| u.value == unit));
        let kind = of_award().find(|q| q.unit_kinds.iter().any(|k| k.value == unit_kind));
        let default = of_award().find(|q| q.units.is_empty() && q.unit_kinds.is_empty());
        let (quota, scope) = match (named, kind, default) {
            (Some(q), _, _) => (q, QuotaScope::Unit),
            (None, Some(q), _) => (q, QuotaScope::Kind),
            (None, None, Some(q)) => (q, QuotaScope::Others),
            (None, None, None) => {
                return award.quota_per_unit.as_ref().map(|t| AppliedQuota {
                    quota: None,
                    scope: QuotaScope::Others,
                    collective: None,
                    individual: None,
                    total: Some(t.value),
                });
            }
        };
        let get = |limit: &Option<Spanned<u32>>| limit.as_ref().map(|l| l.value);
        Some(AppliedQuota {
            quota: Some(quota),
            scope,
            collective: get(&quota.collective),
            individual: get(&quota.individual),
            total: get(&quota.total),
        })
    }

    /// The council rule an award's nominations are voted under: the award's,
    /// else the campaign's, else the law's (more than half of all members).
    pub fn council_rule(&self, award: &Award) -> (Threshold, Option<Threshold>) {
        let rule = award.council.as_ref().or(self.council.as_ref());
        let pass = rule
            .and_then(|r| r.pass.as_ref())
            .map_or(Threshold::MAJORITY, |t| t.value);
        let quorum = rule.and_then(|r| r.quorum.as_ref()).map(|t| t.value);
        (pass, quorum)
    }
}

/// The quota that applies to one unit's nominations for one award.
#[derive(Debug, Clone, Copy)]
pub struct AppliedQuota<'a> {
    /// The `quotas` entry; none for the award's `quota_per_unit`.
    pub quota: Option<&'a Quota>,
    pub scope: QuotaScope,
    pub collective: Option<u32>,
    pub individual: Option<u32>,
    pub total: Option<u32>,
}

/// Why a quota applies to a unit: it names the unit, its kind, or neither
/// ("các cơ quan, đơn vị còn lại").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaScope {
    Unit,
    Kind,
    Others,
}

fn default_appraisal_days() -> u32 {
    20
}
