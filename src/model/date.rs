//! Dates as administrative documents use them: a draft may know only the
//! year and month (`2024-05`), a registered document knows the day too.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date whose day (and month) may still be blank in a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Why a date string could not be read; the message is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error(
        "ngày `{0}` không đúng dạng: dùng YYYY-MM-DD (ví dụ 2025-10-20) hoặc YYYY-MM cho bản dự thảo"
    )]
    Format(String),
    #[error("ngày `{0}` không có thật trong lịch (kiểm tra ngày và tháng)")]
    Impossible(String),
}

impl DateError {
    /// The message in both languages.
    pub fn text(&self) -> crate::diag::Text {
        let en = match self {
            DateError::Format(t) => format!(
                "date `{t}` is malformed: write YYYY-MM-DD (e.g. 2025-10-20), or YYYY-MM for a draft"
            ),
            DateError::Impossible(t) => {
                format!("date `{t}` does not exist in the calendar (check day and month)")
            }
        };
        crate::diag::Text::new(self.to_string(), en)
    }
}

impl PartialDate {
    pub fn full(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let bad = || DateError::Format(text.to_string());
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, len: usize| -> Result<u32, DateError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse().map_err(|_| bad())
        };
        let year = number(parts[0], 4)? as i32;
        let month = parts.get(1).map(|m| number(m, 2)).transpose()?;
        let day = parts.get(2).map(|d| number(d, 2)).transpose()?;
        if parts.len() > 3 {
            return Err(bad());
        }
        let impossible = || DateError::Impossible(text.to_string());
        match (month, day) {
            (Some(m), None) if !(1..=12).contains(&m) => return Err(impossible()),
            (Some(m), Some(d)) if NaiveDate::from_ymd_opt(year, m, d).is_none() => {
                return Err(impossible());
            }
            _ => {}
        }
        Ok(Self { year, month, day })
    }

    /// The date when every part is known.
    pub fn complete(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// Whether a part is still blank, as in a draft awaiting registration.
    pub fn is_draft(&self) -> bool {
        self.day.is_none()
    }

    /// The earliest day this date can stand for (a draft `2024-05` → 2024-05-01).
    pub fn earliest(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// As a message cites it: `05/11/2025`, `tháng 11/2025`, `năm 2025`.
    pub fn vi(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d:02}/{m:02}/{}", self.year),
            (Some(m), None) => format!("tháng {m}/{}", self.year),
            _ => format!("năm {}", self.year),
        }
    }

    /// The latest day this date can stand for (a draft `2024-05` → 2024-05-31).
    pub fn latest(&self) -> NaiveDate {
        if let Some(date) = self.complete() {
            return date;
        }
        let (year, month) = match self.month {
            Some(12) | None => (self.year + 1, 1),
            Some(m) => (self.year, m + 1),
        };
        NaiveDate::from_ymd_opt(year, month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        PartialDate::parse(&text).map_err(|e| serde::de::Error::custom(e.text().packed()))
    }
}

/// A complete date (no blanks allowed), such as the end of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let partial =
            PartialDate::parse(&text).map_err(|e| serde::de::Error::custom(e.text().packed()))?;
        partial.complete().map(Date).ok_or_else(|| {
            let message = crate::diag::Text::new(
                format!("ngày `{text}` phải đủ ngày, tháng, năm (YYYY-MM-DD)"),
                format!("date `{text}` needs a day, a month and a year (YYYY-MM-DD)"),
            );
            serde::de::Error::custom(message.packed())
        })
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "YYYY-MM-DD; YYYY-MM (or YYYY) for a draft whose day is still blank"
        })
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "YYYY-MM-DD"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_partial_dates() {
        assert_eq!(
            PartialDate::parse("2025-10-20").unwrap(),
            PartialDate {
                year: 2025,
                month: Some(10),
                day: Some(20)
            }
        );
        assert_eq!(
            PartialDate::parse("2024-05").unwrap(),
            PartialDate {
                year: 2024,
                month: Some(5),
                day: None
            }
        );
        assert!(PartialDate::parse("2024-05").unwrap().is_draft());
        assert_eq!(
            PartialDate::parse("2024-05-01").unwrap().to_string(),
            "2024-05-01"
        );
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        assert!(matches!(
            PartialDate::parse("2025-02-30"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            PartialDate::parse("2025-13"),
            Err(DateError::Impossible(_))
        ));
        assert!(matches!(
            PartialDate::parse("20/10/2025"),
            Err(DateError::Format(_))
        ));
        assert!(matches!(
            PartialDate::parse("2025-1-2"),
            Err(DateError::Format(_))
        ));
        assert!(matches!(
            PartialDate::parse("2025-10-20-1"),
            Err(DateError::Format(_))
        ));
        assert!(matches!(PartialDate::parse(""), Err(DateError::Format(_))));
    }
}
