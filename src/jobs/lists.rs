//! A list of nominees (danh sách) as it is printed: sections and numbered rows.
//! The PDF template and the spreadsheet are both drawn from one `List`, so the
//! two cannot disagree.

use serde::Serialize;

use crate::model::common::SubjectType;
use crate::model::unit::{Nomination, Unit};
use crate::notation::two_digits;

/// One attached list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct List {
    /// `DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH`.
    pub title: String,
    /// `(Kèm theo Tờ trình số …/TTr-SNV ngày … của Sở Nội vụ)`, as printed.
    pub attached_to: String,
    pub sections: Vec<ListSection>,
    /// `Tổng cộng: 02 tập thể và 05 cá nhân.`
    pub total: String,
}

/// A group of rows under a heading row: `I. TẬP THỂ`, or a unit's name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ListSection {
    /// The heading row as printed: `I. TẬP THỂ`, `1. Sở Nội vụ`.
    pub heading: String,
    pub rows: Vec<ListRow>,
}

/// One nominee.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ListRow {
    /// TT as printed: `1`, `2` …
    pub number: String,
    /// Full name of the person, or name of the collective.
    pub name: String,
    /// `1978, Nữ` for persons; empty for collectives.
    pub birth_gender: String,
    /// Căn cước công dân, 12 digits kept as text; empty for collectives.
    pub cccd: String,
    /// `Trưởng phòng Công chức, viên chức, Sở Nội vụ`; empty for collectives.
    pub position: String,
    /// The nominating unit's name.
    pub unit: String,
    /// Tóm tắt thành tích.
    pub summary: String,
    /// Ghi chú.
    pub note: String,
}

impl ListRow {
    /// A nominee of `unit`, numbered `number`.
    pub fn of(number: usize, unit: &Unit, n: &Nomination) -> Self {
        let (name, birth_gender, cccd, position) = match (&n.person, &n.collective) {
            (Some(p), _) => (
                p.full_name.clone(),
                format!("{}, {}", p.birth_year.value, p.gender.value.label()),
                p.cccd.value.clone(),
                crate::names::position_in(&p.position, &unit.name),
            ),
            (None, Some(c)) => (c.name.clone(), String::new(), String::new(), String::new()),
            (None, None) => Default::default(),
        };
        Self {
            number: number.to_string(),
            name,
            birth_gender,
            cccd,
            position,
            unit: unit.name.clone(),
            summary: n.summary.clone(),
            note: String::new(),
        }
    }
}

/// `02 tập thể và 05 cá nhân`, a zero part left out.
pub fn counted(collectives: usize, individuals: usize) -> String {
    let c = format!("{} tập thể", two_digits(collectives as u64));
    let i = format!("{} cá nhân", two_digits(individuals as u64));
    match (collectives, individuals) {
        (0, _) => i,
        (_, 0) => c,
        _ => format!("{c} và {i}"),
    }
}

/// `I. TẬP THỂ` then `II. CÁ NHÂN`, numbered within each: one unit's list.
pub fn by_subject(title: String, attached_to: String, nominees: &[(&Unit, &Nomination)]) -> List {
    let mut sections = Vec::new();
    let mut totals = [0usize; 2];
    for (i, (subject, heading)) in [
        (SubjectType::Collective, "TẬP THỂ"),
        (SubjectType::Individual, "CÁ NHÂN"),
    ]
    .into_iter()
    .enumerate()
    {
        let rows: Vec<ListRow> = nominees
            .iter()
            .filter(|(_, n)| n.subject() == Some(subject))
            .enumerate()
            .map(|(k, (u, n))| ListRow::of(k + 1, u, n))
            .collect();
        totals[i] = rows.len();
        if !rows.is_empty() {
            let number = crate::notation::roman(sections.len() as u32 + 1);
            sections.push(ListSection {
                heading: format!("{number}. {heading}"),
                rows,
            });
        }
    }
    List {
        title,
        attached_to,
        sections,
        total: format!("Tổng cộng: {}.", counted(totals[0], totals[1])),
    }
}

/// One section per unit, collectives before individuals, numbered through
/// the whole list: the consolidated list of a province.
pub fn by_unit(title: String, attached_to: String, nominees: &[(&Unit, &Nomination)]) -> List {
    let mut sections: Vec<ListSection> = Vec::new();
    let mut units: Vec<&Unit> = Vec::new();
    for (u, _) in nominees {
        if !units.iter().any(|seen| seen.id.value == u.id.value) {
            units.push(u);
        }
    }
    let mut number = 0;
    let (mut collectives, mut individuals) = (0, 0);
    for (k, unit) in units.iter().enumerate() {
        let mut rows = Vec::new();
        for subject in [SubjectType::Collective, SubjectType::Individual] {
            for (u, n) in nominees
                .iter()
                .filter(|(u, n)| u.id.value == unit.id.value && n.subject() == Some(subject))
            {
                number += 1;
                match subject {
                    SubjectType::Collective => collectives += 1,
                    SubjectType::Individual => individuals += 1,
                }
                rows.push(ListRow::of(number, u, n));
            }
        }
        sections.push(ListSection {
            heading: format!("{}. {}", crate::notation::roman(k as u32 + 1), unit.name),
            rows,
        });
    }
    List {
        title,
        attached_to,
        sections,
        total: format!("Tổng cộng: {}.", counted(collectives, individuals)),
    }
}
