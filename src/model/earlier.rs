//! A nominee's earlier titles and awards, as the achievement report's III
//! lists them in two tables (danh hiệu thi đua; hình thức khen thưởng).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EarlierAward {
    pub year: i32,
    pub name: String,
    /// `Quyết định số 12/QĐ-UBND ngày 05/01/2024 của UBND tỉnh`.
    pub decision: String,
    /// A title (danh hiệu thi đua) or an award (hình thức khen thưởng): the
    /// report lists them in two tables. Default: a title when its name is one
    /// of the titles the law sets (`Chiến sĩ thi đua …`, `Lao động tiên tiến` …).
    #[serde(default)]
    pub kind: Option<EarlierKind>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum EarlierKind {
    Title,
    Award,
}

/// The titles (danh hiệu thi đua) Luật Thi đua, khen thưởng 2022 sets
/// (Điều 23–28) as an earlier award's name starts: what is not one is an award.
const TITLES: [&str; 12] = [
    "Chiến sĩ thi đua",
    "Lao động tiên tiến",
    "Chiến sĩ tiên tiến",
    "Tập thể lao động xuất sắc",
    "Tập thể lao động tiên tiến",
    "Đơn vị quyết thắng",
    "Đơn vị tiên tiến",
    "Cờ thi đua",
    "Gia đình văn hóa",
    "Thôn văn hóa",
    "Tổ dân phố văn hóa",
    "Xã, phường tiêu biểu",
];

impl EarlierAward {
    /// Its kind, as written or by its name.
    pub fn kind(&self) -> EarlierKind {
        self.kind.unwrap_or_else(|| {
            if TITLES.iter().any(|t| self.name.starts_with(t)) {
                EarlierKind::Title
            } else {
                EarlierKind::Award
            }
        })
    }
}
