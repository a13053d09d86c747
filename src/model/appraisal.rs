//! The appraising body's appraisal (thẩm định) of the units' dossiers: a verdict per
//! nomination, the provincial council's vote, the nominees selected for the
//! national certificates, and the submissions that carry them upward.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::common::DocNumber;
use super::common::{Absent, ClockTime, Issued, Signer};
use super::date::{Date, PartialDate};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appraisal {
    pub kind: String,
    /// The unit that appraises (its header, symbol and signer): `so-noi-vu`.
    #[schemars(with = "String")]
    pub appraiser: Spanned<String>,
    /// One verdict per nomination for the provincial certificate.
    pub verdicts: Vec<Verdict>,
    /// The provincial emulation and rewards council (Hội đồng Thi đua - Khen thưởng tỉnh).
    pub council: ProvinceCouncil,
    /// The appraiser's Tờ trình to the deciding authority (`roles.authority`).
    pub submission: Issued,
    /// The deciding authority's draft decision awarding the provincial-level award.
    pub decision: Decision,
    /// The province's submissions upward, one per national award.
    #[serde(default)]
    pub national: Vec<NationalSubmission>,
    /// The statistics report (báo cáo tổng hợp) sent with the Tờ trình and
    /// dated with it: its number, once registered.
    #[serde(default)]
    pub statistics: Option<StatisticsReport>,
    /// When each unit's complete dossier was received: the appraisal then has
    /// the campaign's `appraisal_days` working days for its Tờ trình.
    #[serde(default)]
    pub received: Vec<Received>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatisticsReport {
    #[serde(default)]
    pub number: Option<DocNumber>,
    /// Whom the report goes to, as its closing sentence names them: `Giám
    /// đốc Sở` when the appraiser is a division of the issuer. Default: the issuer.
    #[serde(default)]
    pub to: Option<String>,
    /// Nơi nhận, bare; default: the issuer (b/c).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
    /// The line after `Lưu:`. Default: the submission's (the same division drafts both).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub archive: Option<Spanned<String>>,
}

/// A unit's complete dossier, received on `date`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Received {
    #[schemars(with = "String")]
    pub unit: Spanned<String>,
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
}

/// A nomination of a unit: `{ unit: so-noi-vu, nomination: phong-ccvc }`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NominationRef {
    #[schemars(with = "String")]
    pub unit: Spanned<String>,
    #[schemars(with = "String")]
    pub nomination: Spanned<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
pub enum Outcome {
    #[serde(rename = "đạt")]
    Passed,
    #[serde(rename = "không đạt")]
    Failed,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    #[schemars(with = "String")]
    pub unit: Spanned<String>,
    #[schemars(with = "String")]
    pub nomination: Spanned<String>,
    /// `đạt` or `không đạt`.
    #[schemars(with = "Outcome")]
    pub result: Spanned<Outcome>,
    /// Why it failed, as the Tờ trình summarises it; required for `không đạt`.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvinceCouncil {
    /// The minutes' number, once registered.
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
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
    /// The decision that set the council up, as cited.
    #[serde(default)]
    pub established_by: Option<String>,
    #[schemars(with = "u32")]
    pub members: Spanned<u32>,
    #[schemars(with = "u32")]
    pub present: Spanned<u32>,
    pub chair: String,
    /// The chair's office, printed after the name: `Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng`.
    #[serde(default)]
    pub chair_title: Option<String>,
    pub secretary: String,
    /// How the chair signs the minutes, when not as `CHỦ TỌA` (the
    /// template's wording): `CHỦ TỊCH HỘI ĐỒNG`.
    #[serde(default)]
    pub chair_signs_as: Option<String>,
    /// Votes for the nominees that passed the appraisal.
    pub votes: Vec<CouncilVote>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CouncilVote {
    #[schemars(with = "String")]
    pub unit: Spanned<String>,
    #[schemars(with = "String")]
    pub nomination: Spanned<String>,
    #[schemars(with = "u32")]
    pub in_favour: Spanned<u32>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    /// Điều 2: the prize money and its source, as printed.
    #[serde(default)]
    pub prize: Option<String>,
    /// Điều 3: who carries the decision out.
    #[serde(default)]
    pub executors: Vec<String>,
    /// Nơi nhận after `Như Điều …`: `Chủ tịch, các Phó Chủ tịch UBND tỉnh`.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The line after `Lưu:`, bare (`VT, NC`): the registry (Văn thư) and the
    /// drafting division, which each office names its own way. Default: `VT`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub archive: Option<Spanned<String>>,
    pub signer: Signer,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NationalSubmission {
    /// A national award of the campaign.
    #[schemars(with = "String")]
    pub award: Spanned<String>,
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    /// The body it goes through (`Bộ Nội vụ`); the addressee is the award's `submitted_to`.
    #[serde(default)]
    pub via: Option<String>,
    /// The nominees selected, from the provincial pool.
    pub nominees: Vec<NominationRef>,
    /// How the campaign went, continuing `Thực hiện Kế hoạch của …, ` (`các
    /// cơ quan, đơn vị …`, as printed); default: carried out among the staff
    /// of the participating bodies, with many outstanding ones.
    #[serde(default)]
    pub overview: Option<String>,
    /// Bases cited after the campaign's own and the plan: `văn bản hướng dẫn của …`.
    #[serde(default)]
    pub legal_bases: Vec<String>,
    /// Nơi nhận after `Như trên`: `Ban TĐKT Trung ương`, `Sở Nội vụ`.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Related documents attached besides the list, the minutes and the
    /// reports (the procedure's "văn bản liên quan"), as the Tờ trình names them.
    #[serde(default)]
    pub attachments: Vec<String>,
    /// The line after `Lưu:`, bare (`VT, NC`): the registry (Văn thư) and the
    /// drafting division, which each office names its own way. Default: `VT`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub archive: Option<Spanned<String>>,
    pub signer: Signer,
}

impl Appraisal {
    /// Whether a nomination is selected for a national award; it then leaves
    /// the provincial decision (one achievement, one award).
    pub fn selected_upward(&self, unit: &str, nomination: &str) -> bool {
        self.national.iter().any(|s| {
            s.nominees
                .iter()
                .any(|r| r.unit.value == unit && r.nomination.value == nomination)
        })
    }

    pub fn verdict(&self, unit: &str, nomination: &str) -> Option<&Verdict> {
        self.verdicts
            .iter()
            .find(|v| v.unit.value == unit && v.nomination.value == nomination)
    }

    /// Each nomination's verdict by (unit, nomination), the first where a
    /// nomination has two (a rule reports that): a pool of thousands looks
    /// each of its nominees up.
    pub fn verdicts_by_nomination(&self) -> HashMap<(&str, &str), &Verdict> {
        by_nomination(&self.verdicts, |v| (&v.unit.value, &v.nomination.value))
    }

    /// The council's votes by (unit, nomination), the first of two.
    pub fn votes_by_nomination(&self) -> HashMap<(&str, &str), &CouncilVote> {
        by_nomination(&self.council.votes, |v| {
            (&v.unit.value, &v.nomination.value)
        })
    }
}

/// `items` by the (unit, nomination) each names, the first of two.
fn by_nomination<'a, T>(
    items: &'a [T],
    key: impl Fn(&'a T) -> (&'a String, &'a String),
) -> HashMap<(&'a str, &'a str), &'a T> {
    let mut map = HashMap::with_capacity(items.len());
    for item in items {
        let (unit, nomination) = key(item);
        map.entry((unit.as_str(), nomination.as_str()))
            .or_insert(item);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::by_nomination;

    #[test]
    fn a_nomination_named_twice_keeps_its_first_entry() {
        let s = |x: &str| x.to_string();
        let items = [
            (s("u1"), s("a"), 1),
            (s("u1"), s("b"), 2),
            (s("u1"), s("a"), 3),
            (s("u2"), s("a"), 4),
        ];
        let map = by_nomination(&items, |(u, n, _)| (u, n));
        assert_eq!(map.len(), 3);
        assert_eq!(map[&("u1", "a")].2, 1);
        assert_eq!(map[&("u1", "b")].2, 2);
        assert_eq!(map[&("u2", "a")].2, 4);
        assert!(!map.contains_key(&("u2", "b")));
    }
}
