//! Where a list sits in its sheet: the header row, found in the first rows
//! wherever it is, and which column holds what, by the header's words. The
//! layout thidua writes and those offices use: `Năm sinh, Nam/Nữ` in one
//! column, `Năm sinh` over `Nam` | `Nữ` (a merged header of two rows, the
//! year written under the gender), `Năm sinh` and `Giới tính` apart.

use unicode_normalization::UnicodeNormalization;

use super::sheet::Sheet;

/// How many rows from the top the header row may be found in.
const HEADER_SEARCH_ROWS: u32 = 20;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Number,
    Name,
    /// `1988, Nữ`: the year and the gender in one cell.
    BirthGender,
    Birth,
    Gender,
    /// Under `Năm sinh`: the year written in the column of the gender.
    BirthMale,
    BirthFemale,
    Cccd,
    Position,
    /// The proposing unit (a consolidated list): read, not stored.
    Unit,
    Summary,
    Note,
    /// A list of achievements: the day, the figures, the campaign's content item.
    Date,
    Figures,
    ContentItem,
}

/// What the list lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Nominees (danh sách đề nghị khen thưởng): a name column.
    Nominees,
    /// Achievements (bảng thành tích): a text and a day, no name.
    Achievements,
}

/// The list's layout: its header row(s) and the columns read.
#[derive(Debug, Clone)]
pub struct Layout {
    pub kind: ListKind,
    /// The last header row (1-based); data starts under it.
    pub header_end: u32,
    /// (1-based column, field).
    pub columns: Vec<(u32, Field)>,
    /// Columns with a header of their own that nothing reads: (column, header).
    pub ignored: Vec<(u32, String)>,
}

impl Layout {
    pub fn column(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|(_, f)| *f == field)
            .map(|(c, _)| *c)
    }
}

/// Header words, lower-case, spaces collapsed, NFC.
pub fn words(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a header names, if any.
fn field_of(header: &str) -> Option<Field> {
    let h = words(header);
    let has = |w: &str| h.contains(w);
    Some(
        if h == "tt" || h == "stt" || h == "số tt" || h == "số thứ tự" {
            Field::Number
        } else if has("năm sinh") && (has("nam/nữ") || has("giới tính") || has("nam, nữ")) {
            Field::BirthGender
        } else if has("năm sinh") || has("ngày sinh") || has("ngày, tháng, năm sinh") {
            Field::Birth
        } else if h == "nam/nữ" || has("giới tính") {
            Field::Gender
        } else if has("cccd") || has("căn cước") || has("cmnd") || has("định danh") {
            Field::Cccd
        } else if has("họ và tên") || has("họ tên") || has("tên tập thể") || has("tên đơn vị")
        {
            Field::Name
        } else if has("chức vụ") || has("đơn vị công tác") || has("nơi công tác") {
            Field::Position
        } else if has("đơn vị đề nghị") || has("cơ quan đề nghị") || has("đơn vị trình")
        {
            Field::Unit
        } else if has("nội dung thi đua") {
            Field::ContentItem
        } else if h == "ngày"
            || h.starts_with("ngày,")
            || h.starts_with("ngày đạt")
            || h.starts_with("thời gian")
        {
            Field::Date
        } else if has("số liệu") {
            Field::Figures
        } else if has("tóm tắt") || has("thành tích") {
            Field::Summary
        } else if has("ghi chú") {
            Field::Note
        } else {
            return None;
        },
    )
}

/// The header row: the first of the top rows with a name column and at least
/// two other known columns. `None` when no row looks like one.
pub fn find(sheet: &Sheet) -> Option<Layout> {
    let last = (sheet.rows.len() as u32).min(HEADER_SEARCH_ROWS);
    for row in 1..=last {
        let mut columns = Vec::new();
        let mut ignored = Vec::new();
        for column in 1..=sheet.width() {
            let text = sheet.get(row, column).text();
            if text.is_empty() {
                continue;
            }
            match field_of(&text) {
                // A merged header repeats over the columns it covers: the first reads.
                Some(f) if columns.iter().any(|(_, g)| *g == f) => {}
                // Figures print without their labels: not read back.
                Some(Field::Figures) => ignored.push((column, text)),
                Some(f) => columns.push((column, f)),
                None => ignored.push((column, text)),
            }
        }
        let has = |f: Field| columns.iter().any(|(_, g)| *g == f);
        let kind = if has(Field::Name) && columns.len() >= 3 {
            ListKind::Nominees
        } else if !has(Field::Name) && has(Field::Summary) && has(Field::Date) {
            ListKind::Achievements
        } else {
            continue;
        };
        let mut layout = Layout {
            kind,
            header_end: row,
            columns,
            ignored,
        };
        split_birth(sheet, &mut layout);
        return Some(layout);
    }
    None
}

/// `Năm sinh` merged over two columns with `Nam` | `Nữ` in the row under it:
/// the year is written under the person's gender.
fn split_birth(sheet: &Sheet, layout: &mut Layout) {
    let Some(birth) = layout.column(Field::Birth) else {
        return;
    };
    let below = layout.header_end + 1;
    let sub = |c: u32| words(&sheet.get(below, c).text());
    let (first, second) = (sub(birth), sub(birth + 1));
    let pair = match (first.as_str(), second.as_str()) {
        ("nam", "nữ") => (birth, birth + 1),
        ("nữ", "nam") => (birth + 1, birth),
        _ => return,
    };
    layout.columns.retain(|(_, f)| *f != Field::Birth);
    layout.columns.push((pair.0, Field::BirthMale));
    layout.columns.push((pair.1, Field::BirthFemale));
    layout.ignored.retain(|(c, _)| *c != birth + 1);
    layout.header_end = below;
}

#[cfg(test)]
mod tests {
    use super::{Field, field_of};

    #[test]
    fn headers_offices_write_are_read() {
        for (header, field) in [
            ("TT", Field::Number),
            ("STT", Field::Number),
            ("Họ và tên / Tên tập thể", Field::Name),
            ("Họ và tên", Field::Name),
            ("Năm sinh, Nam/Nữ", Field::BirthGender),
            ("Năm sinh", Field::Birth),
            ("Giới tính", Field::Gender),
            ("Số CCCD", Field::Cccd),
            ("Số định danh cá nhân", Field::Cccd),
            ("Chức vụ, đơn vị công tác", Field::Position),
            ("Đơn vị đề nghị", Field::Unit),
            ("Tóm tắt thành tích", Field::Summary),
            ("Ghi chú", Field::Note),
            ("Ngày", Field::Date),
            ("Số liệu", Field::Figures),
            ("Nội dung thi đua", Field::ContentItem),
            ("Ngày sinh", Field::Birth),
        ] {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
        assert_eq!(field_of("Số điện thoại"), None);
    }
}
