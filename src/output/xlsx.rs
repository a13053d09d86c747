//! A nominee list as an Excel workbook, for the Department of Home Affairs,
//! which collates lists in Excel. Drawn from the same [`List`] as the PDF.
//!
//! Every cell is text (`@`): TT and CCCD must keep their leading zeros, and a
//! name that starts with `=` must never become a formula. The bytes depend
//! only on the list and the date, so a rebuild does not show up as a change.

use chrono::Datelike;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use crate::jobs::lists::List;

/// The worksheet's name, as Vietnamese users expect to see it on the tab.
pub const SHEET_NAME: &str = "Danh sách";

/// Header text and column width (in Excel character units) of each column,
/// in the order of the fields of [`crate::lists::ListRow`].
const COLUMNS: [(&str, f64); 8] = [
    ("TT", 5.0),
    ("Họ và tên / Tên tập thể", 28.0),
    ("Năm sinh, Nam/Nữ", 12.0),
    ("Số CCCD", 15.0),
    ("Chức vụ, đơn vị công tác", 32.0),
    ("Đơn vị đề nghị", 24.0),
    ("Tóm tắt thành tích", 60.0),
    ("Ghi chú", 12.0),
];

/// Last column index, for ranges merged across the table.
const LAST_COL: u16 = COLUMNS.len() as u16 - 1;

/// Zero-based row of the column headers: title, attached-to line, one blank
/// row (as on paper), then the headers.
pub const HEADER_ROW: u32 = 3;

/// Why a list could not be turned into a workbook.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// Excel stores dates from 1900 to 9999 only.
    #[error("ngày {0} nằm ngoài khoảng Excel ghi được (1900–9999)")]
    DateOutOfRange(chrono::NaiveDate),
    #[error("không tạo được tệp Excel: {0}")]
    Write(#[from] rust_xlsxwriter::XlsxError),
}

/// The formats of the sheet. All share the font and the Text number format.
struct Formats {
    title: Format,
    attached_to: Format,
    header: Format,
    heading: Format,
    /// Short values (TT, birth year, CCCD): centred, not wrapped.
    short: Format,
    /// Free text: wrapped so Excel grows the row instead of cutting it.
    long: Format,
    total: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_num_format("@")
            .set_align(FormatAlign::VerticalCenter);
        let cell = base.clone().set_border(FormatBorder::Thin);
        Self {
            title: base.clone().set_bold().set_align(FormatAlign::Center),
            attached_to: base.clone().set_italic().set_align(FormatAlign::Center),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            heading: cell.clone().set_bold(),
            short: cell.clone().set_align(FormatAlign::Center),
            long: cell.clone().set_text_wrap(),
            total: cell.set_bold(),
        }
    }

    /// The format of data column `col`.
    fn data(&self, col: u16) -> &Format {
        match col {
            0 | 2 | 3 => &self.short,
            _ => &self.long,
        }
    }
}

/// Writes `list` as an .xlsx file. `date` is the list's date; it becomes the
/// file's creation date, in place of the clock, so the bytes are reproducible.
pub fn list_xlsx(list: &List, date: chrono::NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&list.title)
            .set_creation_datetime(&excel_date(date)?),
    );
    let sheet = workbook.add_worksheet();
    write_sheet(sheet, list)?;
    Ok(workbook.save_to_buffer()?)
}

fn excel_date(date: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let out_of_range = || XlsxError::DateOutOfRange(date);
    let year = u16::try_from(date.year()).map_err(|_| out_of_range())?;
    let month = u8::try_from(date.month()).map_err(|_| out_of_range())?;
    let day = u8::try_from(date.day()).map_err(|_| out_of_range())?;
    ExcelDateTime::from_ymd(year, month, day).map_err(|_| out_of_range())
}

fn write_sheet(sheet: &mut Worksheet, list: &List) -> Result<(), XlsxError> {
    let formats = Formats::new();
    sheet.set_name(SHEET_NAME)?;

    for (col, (_, width)) in (0u16..).zip(COLUMNS) {
        sheet.set_column_width(col, width)?;
        // Rows the user adds later are text too, so a typed CCCD keeps its zeros.
        sheet.set_column_format(
            col,
            &formats.data(col).clone().set_border(FormatBorder::None),
        )?;
    }

    sheet.merge_range(0, 0, 0, LAST_COL, &list.title, &formats.title)?;
    sheet.merge_range(1, 0, 1, LAST_COL, &list.attached_to, &formats.attached_to)?;
    for (col, (header, _)) in (0u16..).zip(COLUMNS) {
        sheet.write_string_with_format(HEADER_ROW, col, header, &formats.header)?;
    }

    // Headers stay in view while scrolling and on every printed page.
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0); // one page wide, as long as needed

    let mut row = HEADER_ROW + 1;
    for section in &list.sections {
        sheet.merge_range(row, 0, row, LAST_COL, &section.heading, &formats.heading)?;
        row += 1;
        for item in &section.rows {
            let cells = [
                &item.number,
                &item.name,
                &item.birth_gender,
                &item.cccd,
                &item.position,
                &item.unit,
                &item.summary,
                &item.note,
            ];
            for (col, text) in (0u16..).zip(cells) {
                // A string cell: Excel never parses it as a number or formula.
                sheet.write_string_with_format(row, col, text.as_str(), formats.data(col))?;
            }
            row += 1;
        }
    }
    sheet.merge_range(row, 0, row, LAST_COL, &list.total, &formats.total)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::lists::{ListRow, ListSection};
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    use std::io::Cursor;

    fn row(number: &str, name: &str, birth: &str, cccd: &str, position: &str) -> ListRow {
        ListRow {
            number: number.into(),
            name: name.into(),
            birth_gender: birth.into(),
            cccd: cccd.into(),
            position: position.into(),
            unit: "Sở Nội vụ tỉnh Quảng Ngãi".into(),
            summary: "Hoàn thành xuất sắc nhiệm vụ năm 2024; dẫn đầu phong trào thi đua.".into(),
            note: String::new(),
        }
    }

    fn sample() -> List {
        // A would-be formula must stay a literal name.
        let mut formula = row("02", "=SUM(A1)", "1990, Nam", "079090000001", "Chuyên viên");
        formula.note = "Ghi chú: 50% & \"trích dẫn\"".into();
        List {
            title: "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH".into(),
            attached_to: "(Kèm theo Tờ trình số 12/TTr-SNV ngày 14 tháng 3 năm 2025 của Sở Nội vụ)"
                .into(),
            sections: vec![
                ListSection {
                    heading: "I. TẬP THỂ".into(),
                    rows: vec![row("1", "Tổ #$_<@ Công chức, viên chức", "", "", "")],
                },
                ListSection {
                    heading: "II. CÁ NHÂN".into(),
                    rows: vec![
                        row(
                            "01",
                            "Nguyễn Thị Hồng Nhung",
                            "1978, Nữ",
                            "001078012345",
                            "Trưởng phòng Công chức, viên chức, Sở Nội vụ",
                        ),
                        formula,
                    ],
                },
            ],
            total: "Tổng cộng: 01 tập thể và 02 cá nhân.".into(),
        }
    }

    fn date() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2025, 3, 14).unwrap()
    }

    fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes)).unwrap()
    }

    /// A cell as text; blank cells (empty strings) read back as `Empty`.
    fn text(range: &calamine::Range<Data>, pos: (u32, u32)) -> String {
        match range.get_value(pos) {
            None | Some(Data::Empty) => String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(other) => panic!("cell {pos:?} is not a string: {other:?}"),
        }
    }

    fn fields(r: &ListRow) -> [&str; 8] {
        [
            &r.number,
            &r.name,
            &r.birth_gender,
            &r.cccd,
            &r.position,
            &r.unit,
            &r.summary,
            &r.note,
        ]
    }

    #[test]
    fn xlsx_reads_back_as_the_list() {
        let list = sample();
        let mut book = open(list_xlsx(&list, date()).unwrap());
        assert_eq!(book.sheet_names(), vec![SHEET_NAME.to_string()]);
        let range = book.worksheet_range(SHEET_NAME).unwrap();

        assert_eq!(text(&range, (0, 0)), list.title);
        assert_eq!(text(&range, (1, 0)), list.attached_to);
        assert_eq!(text(&range, (2, 0)), "");
        let headers: Vec<String> = (0..8).map(|c| text(&range, (HEADER_ROW, c))).collect();
        assert_eq!(
            headers,
            [
                "TT",
                "Họ và tên / Tên tập thể",
                "Năm sinh, Nam/Nữ",
                "Số CCCD",
                "Chức vụ, đơn vị công tác",
                "Đơn vị đề nghị",
                "Tóm tắt thành tích",
                "Ghi chú",
            ]
        );

        // Heading rows, then their rows, then the total, with nothing between.
        let mut r = HEADER_ROW + 1;
        for section in &list.sections {
            assert_eq!(text(&range, (r, 0)), section.heading);
            for c in 1..8 {
                assert_eq!(text(&range, (r, c)), "", "merged heading row {r}");
            }
            r += 1;
            for item in &section.rows {
                let got: Vec<String> = (0..8).map(|c| text(&range, (r, c))).collect();
                assert_eq!(got, fields(item), "row {r}");
                r += 1;
            }
        }
        assert_eq!(text(&range, (r, 0)), list.total);
        assert_eq!(range.end(), Some((r, 7)), "nothing after the total row");

        // Literal strings, not numbers or formulas.
        assert_eq!(range.get_value((7, 0)), Some(&Data::String("01".into())));
        assert_eq!(
            range.get_value((7, 3)),
            Some(&Data::String("001078012345".into()))
        );
        assert_eq!(
            range.get_value((8, 1)),
            Some(&Data::String("=SUM(A1)".into()))
        );
        let formulas = book.worksheet_formula(SHEET_NAME).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formulas"
        );

        // Title, attached-to, headings and total span the whole table.
        let mut merged: Vec<_> = book
            .merge_cells_by_sheet_name(SHEET_NAME)
            .unwrap()
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect();
        merged.sort();
        assert_eq!(
            merged,
            vec![
                ((0, 0), (0, 7)),
                ((1, 0), (1, 7)),
                ((4, 0), (4, 7)),
                ((6, 0), (6, 7)),
                ((9, 0), (9, 7)),
            ]
        );
    }

    #[test]
    fn xlsx_cells_are_text_in_times_new_roman() {
        let mut book = open(list_xlsx(&sample(), date()).unwrap());
        let styles = book.worksheet_style(SHEET_NAME).unwrap();
        let range = book.worksheet_range(SHEET_NAME).unwrap();
        for (r, c, _) in range.used_cells() {
            let pos = (r as u32, c as u32);
            let style = styles.get(pos).unwrap();
            let format = style.number_format.as_ref().unwrap();
            assert_eq!(format.format_code, "@", "cell {pos:?}");
            let font = style.font.as_ref().unwrap();
            assert_eq!(font.name.as_deref(), Some("Times New Roman"));
            assert_eq!(font.size, Some(12.0));
        }
        let is_bold = |pos| styles.get(pos).unwrap().font.as_ref().unwrap().is_bold();
        assert!(is_bold((0, 0)), "title");
        assert!(
            styles
                .get((1, 0))
                .unwrap()
                .font
                .as_ref()
                .unwrap()
                .is_italic()
        );
        for c in 0..8 {
            let header = styles.get((HEADER_ROW, c)).unwrap();
            assert!(is_bold((HEADER_ROW, c)));
            assert!(header.alignment.as_ref().unwrap().wrap_text);
            assert!(header.borders.as_ref().unwrap().has_visible_borders());
        }
        assert!(is_bold((4, 0)), "section heading");
        assert!(is_bold((9, 0)), "total");
        assert!(!is_bold((5, 1)), "data row");
        let summary = styles.get((5, 6)).unwrap();
        assert!(summary.alignment.as_ref().unwrap().wrap_text);
    }

    #[test]
    fn xlsx_bytes_depend_only_on_list_and_date() {
        let list = sample();
        let first = list_xlsx(&list, date()).unwrap();
        // Past a second boundary, so any clock time in the file would differ.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let second = list_xlsx(&list, date()).unwrap();
        assert!(first == second, "same list and date, different bytes");

        let later = chrono::NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
        assert_ne!(list_xlsx(&list, later).unwrap(), first, "date is recorded");
    }

    #[test]
    fn xlsx_rejects_dates_excel_cannot_store() {
        let old = chrono::NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
        assert!(matches!(
            list_xlsx(&sample(), old),
            Err(XlsxError::DateOutOfRange(_))
        ));
    }
}
