//! Numbers, dates and document types as Nghị định 30/2020/NĐ-CP writes them
//! (Phụ lục I and III). Pure functions, shared by the rules and the templates.

use chrono::{Datelike, NaiveDate};

use crate::model::date::PartialDate;

/// The blank a draft leaves for the number the records office will fill in.
pub const NUMBER_BLANK: &str = "     ";
/// The blank a draft leaves for the day (and, if unknown, the month).
pub const DAY_BLANK: &str = "  ";

/// Document types of Phụ lục III with their abbreviations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocType {
    KeHoach,
    BaoCao,
    ToTrinh,
    QuyetDinh,
    BienBan,
}

impl DocType {
    /// The type as printed in ô 5a.
    pub fn title(self) -> &'static str {
        match self {
            DocType::KeHoach => "KẾ HOẠCH",
            DocType::BaoCao => "BÁO CÁO",
            DocType::ToTrinh => "TỜ TRÌNH",
            DocType::QuyetDinh => "QUYẾT ĐỊNH",
            DocType::BienBan => "BIÊN BẢN",
        }
    }

    /// The abbreviation used in the document number (`KH` in `05/KH-UBND`).
    pub fn code(self) -> &'static str {
        match self {
            DocType::KeHoach => "KH",
            DocType::BaoCao => "BC",
            DocType::ToTrinh => "TTr",
            DocType::QuyetDinh => "QĐ",
            DocType::BienBan => "BB",
        }
    }
}

/// A count or number as the decree prints it: below 10 with a leading zero.
pub fn two_digits(n: u64) -> String {
    format!("{n:02}")
}

/// The month as printed in a date: months 1 and 2 get a leading zero, others not.
pub fn month(m: u32) -> String {
    if m < 3 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// A document number: `05/KH-UBND`, or the blank of a draft: `     /KH-UBND`.
/// `type_code` is `None` for an official letter (công văn): `12/UBND-VX`.
pub fn number(number: Option<&str>, type_code: Option<&str>, symbol: &str) -> String {
    let n = number.unwrap_or(NUMBER_BLANK);
    match type_code {
        Some(code) => format!("{n}/{code}-{symbol}"),
        None => format!("{n}/{symbol}"),
    }
}

/// Ô 3: `Số: 05/KH-UBND`; a draft without a number prints the blank of the seed.
pub fn number_line(n: Option<&str>, type_code: Option<&str>, symbol: &str) -> String {
    format!("Số: {}", number(n, type_code, symbol))
}

/// How running text cites a document: `số 05/KH-UBND ngày 20/5/2024`; a draft's
/// blanks stay blank: `số      /KH-UBND ngày    tháng 5 năm 2024`.
pub fn reference(
    n: Option<&str>,
    type_code: Option<&str>,
    symbol: &str,
    date: &PartialDate,
) -> String {
    let date = match date.complete() {
        Some(d) => format!("ngày {}", short_date(d)),
        None => long_date(date),
    };
    format!("số {} {date}", number(n, type_code, symbol))
}

/// `ngày 05 tháng 01 năm 2025`, with blanks for what a draft does not know yet.
pub fn long_date(date: &PartialDate) -> String {
    let day = date
        .day
        .map(|d| two_digits(d.into()))
        .unwrap_or_else(|| DAY_BLANK.to_string());
    let month = date
        .month
        .map(month)
        .unwrap_or_else(|| DAY_BLANK.to_string());
    format!("ngày {day} tháng {month} năm {}", date.year)
}

/// Ô 4: `Lạng Sơn, ngày 05 tháng 01 năm 2025`.
pub fn place_date(place: &str, date: &PartialDate) -> String {
    format!("{place}, {}", long_date(date))
}

/// A date in running text: `06/01/1946`, `17/4/2024`, `31/12/2025`.
pub fn short_date(date: NaiveDate) -> String {
    format!(
        "{}/{}/{}",
        two_digits(date.day().into()),
        month(date.month()),
        date.year()
    )
}

/// `Triển khai …` → `triển khai …`: a title continued inside a sentence.
/// An acronym keeps its capitals (`UBND tỉnh …`, `HĐND …`).
pub fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        Some(_) => s.to_string(),
        None => String::new(),
    }
}

/// The letter of item `index` (from 0) of a lettered list, in Vietnamese
/// order: a, b, c, d, đ, e, g, h, i, k, l, m, n, o, p, q, r, s, t, u, v, x, y;
/// then aa, bb … (rare).
pub fn letter(index: usize) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    LETTERS[index % LETTERS.len()].repeat(index / LETTERS.len() + 1)
}

/// Roman numerals for section and quarter numbers.
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// A span of time in words: a whole quarter is `Quý IV năm 2025`, a whole month
/// `tháng 10 năm 2025`, anything else `từ ngày 01/10/2025 đến ngày 15/11/2025`.
pub fn span_text(start: NaiveDate, end: NaiveDate) -> String {
    let month_end = |d: NaiveDate| {
        d.checked_add_days(chrono::Days::new(1))
            .is_some_and(|next| next.month() != d.month())
    };
    let same_year = start.year() == end.year();
    if start.day() == 1 && month_end(end) && same_year {
        if start.month() == end.month() {
            return format!("tháng {} năm {}", month(start.month()), start.year());
        }
        if start.month() % 3 == 1 && end.month() == start.month() + 2 {
            return format!(
                "Quý {} năm {}",
                roman(start.month().div_ceil(3)),
                start.year()
            );
        }
    }
    format!("từ ngày {} đến ngày {}", short_date(start), short_date(end))
}

/// A span as the object of `thực hiện`: a quarter or a month takes `vào`
/// (`vào Quý IV năm 2025`), other spans read `từ ngày … đến ngày …`.
pub fn span_after_verb(start: NaiveDate, end: NaiveDate) -> String {
    let text = span_text(start, end);
    if text.starts_with("từ ") {
        text
    } else {
        format!("vào {text}")
    }
}

/// A month of a year as printed: `tháng 3 năm 2026`, `tháng 01 năm 2026`.
pub fn month_year(date: &PartialDate) -> String {
    match date.month {
        Some(m) => format!("tháng {} năm {}", month(m), date.year),
        None => format!("năm {}", date.year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_continued_in_a_sentence_keeps_an_acronym() {
        assert_eq!(
            lowercase_first("Triển khai kế hoạch"),
            "triển khai kế hoạch"
        );
        assert_eq!(lowercase_first("UBND tỉnh chỉ đạo"), "UBND tỉnh chỉ đạo");
        assert_eq!(lowercase_first("A"), "a");
        assert_eq!(lowercase_first(""), "");
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        let first: Vec<String> = (0..10).map(letter).collect();
        assert_eq!(first, ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]);
    }

    #[test]
    fn spans_after_a_verb_take_their_preposition() {
        let (a, b) = (date(2025, 10, 1), date(2025, 12, 31));
        assert_eq!(span_after_verb(a, b), "vào Quý IV năm 2025");
        assert_eq!(
            span_after_verb(a, date(2025, 11, 15)),
            "từ ngày 01/10/2025 đến ngày 15/11/2025"
        );
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn numbers_below_ten_get_a_leading_zero() {
        assert_eq!(two_digits(5), "05");
        assert_eq!(two_digits(0), "00");
        assert_eq!(two_digits(10), "10");
        assert_eq!(two_digits(123), "123");
    }

    #[test]
    fn number_line_of_registered_and_draft_documents() {
        assert_eq!(
            number_line(Some("05"), Some("KH"), "UBND"),
            "Số: 05/KH-UBND"
        );
        assert_eq!(
            number_line(Some("789"), Some("KH"), "UBTVQH15"),
            "Số: 789/KH-UBTVQH15"
        );
        assert_eq!(number_line(None, Some("KH"), "UBND"), "Số:      /KH-UBND");
        assert_eq!(number_line(Some("12"), None, "UBND-VX"), "Số: 12/UBND-VX");
    }

    #[test]
    fn references_in_running_text() {
        let issued = PartialDate::parse("2024-05-20").unwrap();
        assert_eq!(
            reference(Some("05"), Some("KH"), "UBND", &issued),
            "số 05/KH-UBND ngày 20/5/2024"
        );
        let draft = PartialDate::parse("2024-05").unwrap();
        assert_eq!(
            reference(None, Some("KH"), "UBND", &draft),
            "số      /KH-UBND ngày    tháng 5 năm 2024"
        );
    }

    #[test]
    fn months_one_and_two_get_a_leading_zero_others_not() {
        assert_eq!(month(1), "01");
        assert_eq!(month(2), "02");
        assert_eq!(month(3), "3");
        assert_eq!(month(12), "12");
    }

    #[test]
    fn long_dates_and_draft_blanks() {
        let full = PartialDate::parse("2025-01-05").unwrap();
        assert_eq!(
            place_date("Lạng Sơn", &full),
            "Lạng Sơn, ngày 05 tháng 01 năm 2025"
        );
        let draft = PartialDate::parse("2024-05").unwrap();
        assert_eq!(
            place_date("Lạng Sơn", &draft),
            "Lạng Sơn, ngày    tháng 5 năm 2024"
        );
        let year_only = PartialDate::parse("2024").unwrap();
        assert_eq!(long_date(&year_only), "ngày    tháng    năm 2024");
        assert_eq!(
            long_date(&PartialDate::parse("2025-11-20").unwrap()),
            "ngày 20 tháng 11 năm 2025"
        );
    }

    #[test]
    fn short_dates_as_in_running_text() {
        assert_eq!(short_date(date(1946, 1, 6)), "06/01/1946");
        assert_eq!(short_date(date(2024, 4, 17)), "17/4/2024");
        assert_eq!(short_date(date(2025, 12, 31)), "31/12/2025");
        assert_eq!(short_date(date(2025, 2, 28)), "28/02/2025");
    }

    #[test]
    fn spans_in_words() {
        assert_eq!(
            span_text(date(2025, 10, 1), date(2025, 12, 31)),
            "Quý IV năm 2025"
        );
        assert_eq!(
            span_text(date(2025, 1, 1), date(2025, 3, 31)),
            "Quý I năm 2025"
        );
        assert_eq!(
            span_text(date(2025, 10, 1), date(2025, 10, 31)),
            "tháng 10 năm 2025"
        );
        assert_eq!(
            span_text(date(2025, 2, 1), date(2025, 2, 28)),
            "tháng 02 năm 2025"
        );
        assert_eq!(
            span_text(date(2025, 10, 1), date(2025, 11, 15)),
            "từ ngày 01/10/2025 đến ngày 15/11/2025"
        );
        assert_eq!(
            span_text(date(2025, 11, 1), date(2026, 1, 31)),
            "từ ngày 01/11/2025 đến ngày 31/01/2026"
        );
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn document_types_and_codes() {
        assert_eq!(DocType::KeHoach.code(), "KH");
        assert_eq!(DocType::ToTrinh.code(), "TTr");
        assert_eq!(DocType::QuyetDinh.title(), "QUYẾT ĐỊNH");
    }
}

/// `ngày 03 tháng 12 năm 2025`.
pub fn day_words(d: NaiveDate) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        two_digits(d.day().into()),
        month(d.month()),
        d.year()
    )
}

/// A span in words, the month and year said once when they are shared:
/// `từ ngày 08 đến ngày 10 tháng 12 năm 2025`, else
/// `từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 năm 2025`.
pub fn span_words(start: NaiveDate, end: NaiveDate) -> String {
    if (start.year(), start.month()) == (end.year(), end.month()) {
        format!(
            "từ ngày {} đến {}",
            two_digits(start.day().into()),
            day_words(end)
        )
    } else {
        format!("từ {} đến {}", day_words(start), day_words(end))
    }
}

/// A decimal as Vietnamese print writes it: thousands with `.`, decimals
/// with `,`, no trailing zeros: `1.200`, `38,33`, `0,4`, `-2`.
pub fn decimal(n: rust_decimal::Decimal) -> String {
    let text = n.normalize().abs().to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if n.is_sign_negative() && !n.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod scoring_words {
    use super::*;

    #[test]
    fn spans_and_decimals_read_as_the_plans_print_them() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            span_words(d("2025-12-08"), d("2025-12-10")),
            "từ ngày 08 đến ngày 10 tháng 12 năm 2025"
        );
        assert_eq!(
            span_words(d("2025-11-20"), d("2025-12-03")),
            "từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 năm 2025"
        );
        let n = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        assert_eq!(decimal(n("1200")), "1.200");
        assert_eq!(decimal(n("38.330")), "38,33");
        assert_eq!(decimal(n("0.4")), "0,4");
        assert_eq!(decimal(n("1234567.5")), "1.234.567,5");
        assert_eq!(decimal(n("-2.00")), "-2");
        assert_eq!(decimal(n("115")), "115");
    }
}
