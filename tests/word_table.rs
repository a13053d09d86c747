//! The Word file's tables are written as HTML rows by the layout library
//! (`word-table` in `templates/lib/nd30.typ`), not by Typst's `table`. These
//! tests hold them to what Typst's `table` made of the same cells: the same
//! Word file, byte for byte, for spans across rows and columns, headers of
//! several rows, a short last row and rows in many blocks; and a long list's
//! Word file made again in a warm process, as `watch` does, to a cold one's.

use thidua::render::Templates;
use thidua::typeset::{self, Base, Memo};

fn base() -> Base {
    let templates = Templates::builtin();
    Base::new(templates.library().map(|(n, f)| (n, f.text.as_str())))
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

/// The library's tables as Typst's `table` made them for the Word file
/// before: each cell's body in a `div` with its alignment, the header in
/// `table.header`. The reference the library's own rows are held to.
const TYPST_TABLE: &str = r#"
#let typst-cell(c, align) = if type(c) == content and c.func() == table.cell {
  let fields = c.fields()
  let body = fields.remove("body")
  let own = fields.remove("align", default: auto)
  let x = if own == auto { align } else if own.x == center or own == center { "center" } else { "left" }
  for key in ("breakable", "x", "y", "inset", "fill", "stroke") { let _ = fields.remove(key, default: none) }
  table.cell(..fields, html.elem("div", attrs: (data-align: x), body))
} else if type(c) == content and c.func() == table.hline { c } else {
  html.elem("div", attrs: (data-align: align), c)
}
#let typst-table(columns, header, cells, align) = mark("table",
  data-columns: word-columns(columns),
  table(
    columns: columns.len(),
    ..if header.len() > 0 { (table.header(..header.map(h => typst-cell(h, "center"))),) },
    ..cells.map(c => typst-cell(c, align)),
  ))
"#;

/// A document holding one table, made by `function` (`word-table` or
/// `typst-table`) of the Typst arrays `columns`, `header` and `cells`.
fn document(function: &str, columns: &str, header: &str, cells: &str) -> String {
    format!(
        "#import \"/lib/nd30.typ\": *\n#show: official-document.with(title: \"t\", date: datetime(year: 2025, month: 12, day: 1))\n{TYPST_TABLE}\n#{function}({columns}, {header}, {cells}, \"left\")\n"
    )
}

fn docx(base: &Base, source: String) -> Vec<u8> {
    let tree = typeset::word_tree(base, source, date()).unwrap();
    thidua::word::docx(&tree, "t", date()).unwrap()
}

/// The Word file of the table made by the library and by Typst's `table`.
fn both(columns: &str, header: &str, cells: &str) -> (Vec<u8>, Vec<u8>) {
    let base = base();
    let ours = docx(&base, document("word-table", columns, header, cells));
    let typst = docx(&base, document("typst-table", columns, header, cells));
    (ours, typst)
}

fn assert_same_word_file(columns: &str, header: &str, cells: &str) {
    let (ours, typst) = both(columns, header, cells);
    assert!(
        ours == typst,
        "the library's table differs from Typst's for cells {cells}"
    );
}

/// The table of counts' header: two rows, cells over two rows and over two columns.
const COUNT_HEADER: &str = "(table.cell(rowspan: 2, align: center + horizon, strong[TT]), table.cell(rowspan: 2, align: center + horizon, strong[Đơn vị]), table.cell(colspan: 2, align: center + horizon, strong[Hồ sơ]), table.cell(colspan: 2, align: center + horizon, strong[Kết quả]), [Tập thể], [Cá nhân], [Đạt], [Không đạt])";
const SIX: &str = "(1cm, 4cm, 2cm, 2cm, 2cm, 2cm)";

#[test]
fn a_header_of_two_rows_and_a_total_over_two_columns() {
    assert_same_word_file(
        SIX,
        COUNT_HEADER,
        "([1], [Sở A], [01], [02], [03], [00], [2], [Sở B], [04], [05], [06], [01], table.cell(colspan: 2, strong[Tổng cộng]), [05], [07], [09], [01])",
    );
}

#[test]
fn cells_over_rows_a_rule_and_a_short_last_row() {
    // A cell over three rows in the first column, one over two in the middle
    // beside a cell over two columns, alignments of every kind, a rule given
    // among the cells, and a last row of two cells.
    assert_same_word_file(
        SIX,
        "([TT], [Tên], [Năm], [Chức vụ], [Tóm tắt], [Ghi chú])",
        "(table.cell(rowspan: 3, align: center, [1]), [A], table.cell(rowspan: 2, [x]), table.cell(colspan: 2, align: right, [y]), \"z\", [B], [c], [d], [e], table.hline(), table.cell(align: center + horizon, [C]), [f], [g], [h], [i], [2], [D])",
    );
}

#[test]
fn a_cell_over_rows_past_the_last_row_and_a_table_without_header() {
    assert_same_word_file(
        "(3cm, 1fr, 1fr)",
        "()",
        "([a], table.cell(align: center, [1]), table.cell(rowspan: 3, [tall]), [b], [2])",
    );
}

#[test]
fn a_table_of_many_blocks_of_rows() {
    // 250 rows: three blocks, a cell over three rows across the first
    // block's end, group rows over the whole width.
    let mut cells = vec![];
    for row in 0..250 {
        match row {
            98 => cells.push("table.cell(rowspan: 3, [giữa])".to_string()),
            99 | 100 => {}
            r if r % 40 == 0 => {
                cells.push(format!("table.cell(colspan: 3, strong[Nhóm {r}])"));
                continue;
            }
            r => cells.push(format!("[{r}]")),
        }
        cells.push(format!("[tên {row}]"));
        cells.push(format!("table.cell(align: center, [{}])", row * 7 % 13));
    }
    let cells = format!("({})", cells.join(", "));
    let (ours, typst) = both("(1cm, 5cm, 2cm)", "([TT], [Tên], [Số])", &cells);
    assert!(ours == typst, "a table of 250 rows differs from Typst's");
    // The blocks are read as one table: its rows are the Word table's.
    let xml = word_document(&ours);
    assert_eq!(xml.matches("<w:tbl>").count(), 1);
    assert_eq!(
        xml.matches("<w:tr>").count() + xml.matches("<w:tr ").count(),
        251
    );
}

fn word_document(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut text)
        .unwrap();
    text
}

/// A list of nominees of `rows` rows in sections of 30.
fn list(rows: usize) -> String {
    let mut sections = vec![];
    for s in 0..rows.div_ceil(30) {
        let rows: Vec<String> = (s * 30..((s + 1) * 30).min(rows))
            .map(|n| format!("(number: \"{}\", name: \"Người {n}\", birth: \"1980, Nữ\", position: \"Chuyên viên {n}\", summary: \"Hoàn thành xuất sắc nhiệm vụ năm {n}.\", note: \"\")", n + 1))
            .collect();
        sections.push(format!(
            "(heading: \"{}. Đơn vị {s}\", rows: ({},))",
            s + 1,
            rows.join(", ")
        ));
    }
    format!(
        "#import \"/lib/nd30.typ\": *\n#show: official-document.with(title: \"t\", date: datetime(year: 2025, month: 12, day: 1), flipped: true)\n#nominee-table(({},), total: [Tổng cộng: {rows}])\n",
        sections.join(", ")
    )
}

#[test]
fn a_list_of_nominees_is_the_table_typst_made_of_its_cells() {
    let list = list(130);
    let cells = "(..sections.map(s => (nominee-heading(s.heading), ..s.rows.map(nominee-cells).flatten())).flatten(), table.cell(colspan: 6, total))";
    let by_typst = list.replacen(
        "#nominee-table((",
        "#let total = [Tổng cộng: 130]\n#let sections = (",
        1,
    )
    .replacen(
        ", total: [Tổng cộng: 130])\n",
        &format!("\n{TYPST_TABLE}\n#typst-table(nominee-columns, nominee-header.map(strong), {cells}, \"left\")\n"),
        1,
    );
    assert_ne!(by_typst, list);
    let base = base();
    assert!(
        docx(&base, list) == docx(&base, by_typst),
        "the list's Word file differs from Typst's table of its cells"
    );
}

#[test]
fn a_long_list_s_word_file_made_again_warm_has_a_cold_one_s_bytes() {
    let first = list(320);
    // Each edit from the first list: a summary in the second block, a
    // heading, a row taken out (every block after it moves), the first again.
    let edits = [
        first.replacen("nhiệm vụ năm 150.", "nhiệm vụ năm 150, vượt chỉ tiêu.", 1),
        first.replacen("\"4. Đơn vị 3\"", "\"4. Đơn vị ba\"", 1),
        first.replacen(
            "(number: \"11\", name: \"Người 10\", birth: \"1980, Nữ\", position: \"Chuyên viên 10\", summary: \"Hoàn thành xuất sắc nhiệm vụ năm 10.\", note: \"\"), ",
            "",
            1,
        ),
        first.clone(),
    ];
    // Nothing memoised: what a fresh process makes.
    let cold: Vec<Vec<u8>> = edits
        .iter()
        .map(|e| {
            typst::comemo::evict(0);
            docx(&base(), e.clone())
        })
        .collect();
    let warm = base();
    warm.set_memo(Memo::Build);
    let before = docx(&warm, first.clone());
    for (k, (edited, cold)) in edits.iter().zip(&cold).enumerate() {
        assert_ne!(k < 3, edited == &first, "edit {k} changed nothing");
        let again = docx(&warm, edited.clone());
        typeset::end_build(&warm);
        assert_ne!(
            k < 3,
            again == before,
            "edit {k}: the Word file did not change"
        );
        assert!(
            again == *cold,
            "edit {k}: the warm Word file differs from a cold one"
        );
    }
}
