//! Types every input kind shares: who signs, the two kinds of subject, a
//! document's number and date.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::date::PartialDate;

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// `TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`: one entry per line.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub authority: Vec<Spanned<String>>,
    pub title: String,
    pub name: String,
}

/// Who is nominated or awarded: a collective or an individual.
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, Hash, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum SubjectType {
    Collective,
    Individual,
}

/// A document's number and date (a draft leaves the number out and the day blank).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    /// Nơi nhận after `Như trên`, bare; default: the issuer's leaders.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
    /// The line after `Lưu:`, bare (`VT, NC`): the registry (Văn thư) and the
    /// drafting division, which each office names its own way. Default: `VT`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub archive: Option<Spanned<String>>,
}

/// A registration number as the register prints it: `5` is written `05`,
/// text is kept as written (`0125` keeps its zero). Blank in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct DocNumber(#[schemars(with = "String")] pub String);

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = DocNumber;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    &crate::diag::Text::new(
                        "một số, hoặc số ghi trong dấu nháy (ví dụ 5 hoặc \"0125\")",
                        "a number or the number's text, e.g. 5 or \"0125\"",
                    )
                    .packed(),
                )
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<DocNumber, E> {
                Ok(DocNumber(format!("{n:02}")))
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<DocNumber, E> {
                u64::try_from(n)
                    .map(|n| DocNumber(format!("{n:02}")))
                    .map_err(|_| E::custom(negative_number(n)))
            }
            // `08` reads as YAML's float 8: the number the writer meant.
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<DocNumber, E> {
                if n.fract() == 0.0 && (0.0..1e15).contains(&n) {
                    return Ok(DocNumber(format!("{:02}", n as u64)));
                }
                Err(E::custom(bad_number(&n.to_string())))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<DocNumber, E> {
                let s = s.trim();
                if s.is_empty() || s.contains('/') || s.chars().any(char::is_whitespace) {
                    return Err(E::custom(bad_number(s)));
                }
                Ok(DocNumber(s.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn negative_number(n: i64) -> String {
    crate::diag::Text::new(
        format!("số văn bản `{n}` không hợp lệ: số đăng ký là số dương"),
        format!("document number `{n}` is invalid: registration numbers are positive"),
    )
    .packed()
}

fn bad_number(s: &str) -> String {
    crate::diag::Text::new(
        format!("số văn bản `{s}` không hợp lệ: chỉ ghi phần số (ví dụ `125` hoặc `\"0125\"`), không ghi ký hiệu sau dấu `/`"),
        format!("document number `{s}` is invalid: write the number only (e.g. `125` or `\"0125\"`), not the symbol after `/`"),
    )
    .packed()
}

impl DocNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The number of an optional document number, for the notation functions.
pub fn number_text(n: &Option<DocNumber>) -> Option<&str> {
    n.as_ref().map(DocNumber::as_str)
}

/// A time of day as minutes print it: `08:30` is `08 giờ 30 phút`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, JsonSchema)]
#[schemars(transparent)]
pub struct ClockTime(#[schemars(with = "String")] pub chrono::NaiveTime);

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .map(ClockTime)
            .map_err(|_| {
                serde::de::Error::custom(
                    crate::diag::Text::new(
                        format!("giờ `{text}` không hợp lệ: ghi dạng HH:MM, ví dụ `08:30`"),
                        format!("time `{text}` is invalid: write HH:MM, e.g. `08:30`"),
                    )
                    .packed(),
                )
            })
    }
}

impl ClockTime {
    /// `08 giờ 30 phút`.
    pub fn words(self) -> String {
        use chrono::Timelike;
        format!("{:02} giờ {:02} phút", self.0.hour(), self.0.minute())
    }
}

/// A council member absent from a meeting, and why.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Absent {
    /// `Ông Nguyễn Văn A, Phó Giám đốc`.
    pub name: String,
    /// `đi công tác`.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::DocNumber;

    fn number(yaml: &str) -> Result<String, String> {
        serde_saphyr::from_str::<DocNumber>(yaml)
            .map(|n| n.0)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_number_is_printed_as_the_register_writes_it() {
        assert_eq!(number("5").unwrap(), "05");
        assert_eq!(number("125").unwrap(), "125");
        assert_eq!(number("\"0125\"").unwrap(), "0125");
        // YAML reads `08` (not octal) as the float 8: still the number 08.
        assert_eq!(number("08").unwrap(), "08");
        assert!(number("8.5").is_err());
        assert!(number("-3").is_err());
        assert!(number("125/QĐ-UBND").is_err());
    }
}
