//! The campaign's period as plans write it: from the plan's issue date, a
//! day or a month; to a day, the end of a month, or an event ("đến khi tổ
//! chức thành công Đại hội …"), which may name the day it is expected by.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::date::{Date, PartialDate};
use crate::diag::Text;

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// `issue_date` (the plan's own date), a day `2025-10-01` or a month `2025-10`.
    #[schemars(with = "PeriodStart")]
    pub start: Spanned<PeriodStart>,
    /// A day `2025-12-31`, a month `2026-03` (to its last day), or an event
    /// `{ event: "khi tổ chức thành công Đại hội …", by: 2026-01-31 }`.
    #[schemars(with = "PeriodEnd")]
    pub end: Spanned<PeriodEnd>,
}

#[derive(Debug, Clone, Copy, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PeriodStart {
    IssueDate,
    /// A day or a month.
    #[serde(untagged)]
    On(#[schemars(with = "String")] PartialDate),
}

/// Where the period ends.
#[derive(Debug, Clone, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(untagged)]
pub enum PeriodEnd {
    /// A day, or a month (to its last day).
    On(#[schemars(with = "String")] PartialDate),
    /// An event, with the day it is expected by when known (rules check
    /// dates against it; without it, nothing is checked against the end).
    Event(EndEvent),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EndEvent {
    /// As the plan words it, after `đến`: `khi tổ chức thành công Đại hội …`.
    pub event: String,
    /// The last day it can stand for, for the rules.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub by: Option<Date>,
}

fn month_or_day(text: &str) -> Option<PartialDate> {
    PartialDate::parse(text).ok().filter(|p| p.month.is_some())
}

impl<'de> Deserialize<'de> for PeriodStart {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text == "issue_date" {
            return Ok(PeriodStart::IssueDate);
        }
        month_or_day(&text).map(PeriodStart::On).ok_or_else(|| {
            let message = Text::new(
                format!("ngày bắt đầu `{text}` không hợp lệ: ghi `issue_date` (từ ngày ban hành Kế hoạch), một ngày YYYY-MM-DD hoặc một tháng YYYY-MM"),
                format!("start `{text}` is invalid: write `issue_date` (from the plan's issue date), a day YYYY-MM-DD or a month YYYY-MM"),
            );
            serde::de::Error::custom(message.packed())
        })
    }
}

impl<'de> Deserialize<'de> for PeriodEnd {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PeriodEnd;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    &crate::diag::Text::new(
                        "một ngày YYYY-MM-DD, một tháng YYYY-MM hoặc { event: …, by: … }",
                        "a date YYYY-MM-DD, a month YYYY-MM or { event: …, by: … }",
                    )
                    .packed(),
                )
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<PeriodEnd, E> {
                month_or_day(text).map(PeriodEnd::On).ok_or_else(|| {
                    let message = Text::new(
                        format!("ngày kết thúc `{text}` không hợp lệ: ghi một ngày YYYY-MM-DD, một tháng YYYY-MM, hoặc `{{ event: …, by: YYYY-MM-DD }}`"),
                        format!("end `{text}` is invalid: write a day YYYY-MM-DD, a month YYYY-MM, or `{{ event: …, by: YYYY-MM-DD }}`"),
                    );
                    E::custom(message.packed())
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<PeriodEnd, A::Error> {
                EndEvent::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(PeriodEnd::Event)
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl PeriodEnd {
    /// The last day of the period, when the plan gives or implies one.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match self {
            PeriodEnd::On(date) => Some(date.latest()),
            PeriodEnd::Event(e) => e.by.map(|d| d.0),
        }
    }
}

impl Period {
    /// The first day: the plan's issue date (`issued`) when it says so.
    pub fn first_day(&self, issued: &PartialDate) -> NaiveDate {
        match self.start.value {
            PeriodStart::IssueDate => issued.earliest(),
            PeriodStart::On(d) => d.earliest(),
        }
    }

    /// The last day, when known.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end.value.last_day()
    }
}
