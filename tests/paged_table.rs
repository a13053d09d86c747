//! A list of nominees is laid out one page at a time (`paged-table` in
//! `templates/lib/nd30.typ`): the library shares its rows out among pages
//! itself, so that an edit lays out again only the pages it changes. These
//! tests hold it to what Typst's own table does with the same rows: every
//! text and every rule in the same place on the same page; and a list laid
//! out again in a warm process, as `watch` does, to a cold compilation's bytes.

use thidua::render::Templates;
use thidua::typeset::inspect::{Placed, placed};
use thidua::typeset::{self, Base, Memo};

/// Prints, after the list, how many tables it was laid out as.
const TABLES: &str = "#context place(bottom, [BẢNG #query(table).len()])\n";

/// How many tables the list was laid out as, and the marks without that line.
fn tables(placed: &Placed) -> (usize, Vec<String>) {
    let count = placed
        .texts
        .iter()
        .find_map(|t| t.text.strip_prefix("BẢNG ")?.trim().parse().ok())
        .expect("the count of tables");
    let marks = marks(placed)
        .into_iter()
        .filter(|m| !m.contains("BẢNG"))
        .collect();
    (count, marks)
}

/// Deterministic words of varying length, so rows take one to many lines.
struct Words(u64);

impl Words {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }

    fn phrase(&mut self, most: u64) -> String {
        const WORDS: [&str; 8] = [
            "tham mưu",
            "tổ chức",
            "hội nghị",
            "phổ biến",
            "pháp luật",
            "cho 605 lượt người",
            "hoàn thành",
            "chỉ tiêu",
        ];
        let n = 1 + self.next(most);
        (0..n)
            .map(|_| WORDS[self.next(WORDS.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A document: `before` paragraphs, then a list of `sections`, paged or
/// laid out as one table.
fn source(seed: u64, flipped: bool, before: usize, sections: usize, paged: bool) -> String {
    let mut words = Words(seed);
    let mut s = format!(
        "#import \"/lib/nd30.typ\": *\n#show: official-document.with(title: \"t\", date: datetime(year: 2025, month: 12, day: 1), flipped: {flipped})\n"
    );
    s.push_str("#list-title([DANH SÁCH], attached-to: [(Kèm theo)])\n");
    for _ in 0..before {
        s.push_str(&format!("{}.\n\n", words.phrase(60)));
    }
    s.push_str("#nominee-table((");
    let mut number = 0;
    for k in 0..sections {
        s.push_str(&format!("(heading: \"{}. Đơn vị {k}\", rows: (", k + 1));
        for _ in 0..1 + words.next(14) {
            number += 1;
            s.push_str(&format!(
                "(number: \"{number}\", name: \"{}\", birth: \"1980, Nữ\", position: \"{}\", summary: \"{}\", note: \"\"),",
                words.phrase(3),
                words.phrase(6),
                words.phrase(40),
            ));
        }
        s.push_str(")),");
    }
    s.push_str(&format!(
        "), total: \"Tổng cộng.\", paged: {paged})\n{TABLES}"
    ));
    s
}

fn base() -> Base {
    let templates = Templates::builtin();
    Base::new(templates.library().map(|(n, f)| (n, f.text.as_str())))
}

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

fn lay_out(source: String) -> Placed {
    placed(&typeset::layout(&base(), source, date()).unwrap())
}

/// Texts and rules, rounded to a hundredth of a point.
fn marks(placed: &Placed) -> Vec<String> {
    let mut marks: Vec<String> = placed
        .texts
        .iter()
        .map(|t| format!("{} {:.2} {:.2} {}", t.page, t.x, t.y, t.text))
        .chain(
            placed
                .rules
                .iter()
                .map(|r| format!("{} {:.2} {:.2} rule {:.2}", r.page, r.x, r.y, r.length)),
        )
        .collect();
    marks.sort();
    marks
}

/// The first text under the repeated header of each page after the first.
fn page_openings(placed: &Placed) -> Vec<String> {
    // The header's last line: "Năm sinh, / Nam/Nữ" takes two.
    let header_bottom = |page: usize| {
        placed
            .texts
            .iter()
            .filter(|t| t.page == page && t.text == "Nam/Nữ")
            .map(|t| t.y)
            .next()
    };
    (2..=placed.pages.len())
        .filter_map(|page| {
            let below = header_bottom(page)?;
            placed
                .texts
                .iter()
                .filter(|t| t.page == page && t.y > below + 1.0)
                .min_by(|a, b| (a.y, a.x).partial_cmp(&(b.y, b.x)).unwrap())
                .map(|t| t.text.clone())
        })
        .collect()
}

/// A council's ballot: any `data-table` whose cells do not break, given as
/// markup, one row after another, no sections.
fn ballot(seed: u64, rows: usize, paged: bool) -> String {
    let mut words = Words(seed);
    let mut s = String::from(
        "#import \"/lib/nd30.typ\": *\n#show: official-document.with(title: \"t\", date: datetime(year: 2025, month: 12, day: 1), flipped: true)\n",
    );
    s.push_str("#par[Kết quả như sau:]\n#data-table(columns: ballot-columns, header: ([TT], [Họ và tên], [Năm sinh], [Chức vụ, đơn vị], [Số phiếu], [Tỷ lệ], [Đề nghị]), rows: (\n");
    for n in 1..=rows {
        s.push_str(&format!(
            "table.cell(align: center, breakable: false)[{n}], table.cell(breakable: false)[{}], table.cell(align: center, breakable: false)[1980, Nữ], table.cell(breakable: false)[{}], table.cell(align: center, breakable: false)[{}], table.cell(align: center, breakable: false)[90%], table.cell(breakable: false)[{}],\n",
            words.phrase(4),
            words.phrase(12),
            words.next(30),
            words.phrase(3),
        ));
    }
    s.push_str(&format!("), paged: {paged})\n#par[Kết luận.]\n{TABLES}"));
    s
}

#[test]
fn a_ballot_of_rows_that_never_split_breaks_its_pages_as_one_table() {
    let (paged_tables, paged) = tables(&lay_out(ballot(41, 160, true)));
    let (one_table, one) = tables(&lay_out(ballot(41, 160, false)));
    assert_eq!(one_table, 1);
    assert!(paged_tables >= 5, "laid out as {paged_tables} tables");
    assert_eq!(paged, one);
}

#[test]
fn a_table_with_a_cell_that_may_break_stays_one_table() {
    // Typst may split such a row across pages; only one table does that.
    let breakable = ballot(41, 160, true).replacen(
        "table.cell(align: center, breakable: false)[1980, Nữ]",
        "[1980, Nữ]",
        1,
    );
    let (count, _) = tables(&lay_out(breakable));
    assert_eq!(count, 1);
}

fn assert_as_one_table(seed: u64, flipped: bool, before: usize, sections: usize) -> Placed {
    let paged = lay_out(source(seed, flipped, before, sections, true));
    let one = lay_out(source(seed, flipped, before, sections, false));
    assert_eq!(paged.pages.len(), one.pages.len(), "pages (seed {seed})");
    let ((paged_tables, paged_marks), (one_table, one_marks)) = (tables(&paged), tables(&one));
    assert_eq!(one_table, 1);
    // A table per page the list is on (none on a first page it leaves).
    assert!(paged_tables > 1, "seed {seed}: laid out as one table");
    assert_eq!(paged_marks, one_marks, "seed {seed}");
    paged
}

#[test]
fn a_landscape_list_breaks_its_pages_as_one_table() {
    let placed = assert_as_one_table(7, true, 0, 24);
    assert!(placed.pages.len() >= 10, "{} pages", placed.pages.len());
    // Some page opens with a section's heading, carried over with its first
    // row: the case where the library must keep the two together.
    let openings = page_openings(&placed);
    assert!(
        openings.iter().any(|t| t.contains("Đơn vị")),
        "no page opens with a heading: {openings:?}"
    );
}

#[test]
fn a_list_starting_low_on_its_page_breaks_its_pages_as_one_table() {
    for (seed, before) in [(11, 2), (12, 4), (13, 6), (14, 9)] {
        assert_as_one_table(seed, true, before, 6);
    }
}

#[test]
fn a_list_whose_first_row_does_not_fit_its_first_page_starts_on_the_next() {
    // Text before the list until the header and a first row no longer fit
    // under it: the list opens the next page, as one table does.
    let moved = (1..30).find(|&before| {
        let placed = assert_as_one_table(21, true, before, 2);
        let header = placed.texts.iter().find(|t| t.text == "TT").unwrap();
        let first_on_page = placed
            .texts
            .iter()
            .filter(|t| t.page == header.page && !t.text.chars().all(|c| c.is_ascii_digit()))
            // The header's two-line cell starts a line above its "TT".
            .all(|t| t.y >= header.y - 20.0);
        let text_before = placed
            .texts
            .iter()
            .any(|t| t.page == header.page - 1 && t.text.contains("tham"));
        header.page > 1 && first_on_page && text_before
    });
    assert!(moved.is_some(), "no case moved the list to the next page");
}

#[test]
fn a_paged_list_laid_out_again_warm_has_a_cold_compilation_s_bytes() {
    let list = source(31, true, 0, 20, true);
    let summary = list
        .split("summary: \"")
        .nth(40)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let longer = [summary.as_str(); 6].join(" ");
    let heading = "(heading: \"3. Đơn vị 2\"";
    // Each edit from the one before: a row made taller (the pages after it
    // move), a heading renamed, a row taken out, then the first list again.
    let edits = [
        list.replacen(&summary, &longer, 1),
        list.replacen(&summary, &longer, 1)
            .replacen(heading, "(heading: \"3. Đơn vị hai\"", 1),
        list.replacen(&format!("summary: \"{summary}\""), "summary: \"\"", 1),
        list.clone(),
    ];
    let warm = base();
    warm.set_memo(Memo::Build);
    let first = typeset::layout(&warm, list.clone(), date()).unwrap();
    typeset::pdf(&first, "list").unwrap();
    let mut pages = vec![first.pages().len()];
    for (k, edited) in edits.iter().enumerate() {
        assert_ne!(k < 3, edited == &list, "edit {k} changed nothing");
        let again = typeset::layout(&warm, edited.clone(), date()).unwrap();
        let warm_bytes = typeset::pdf(&again, "list").unwrap();
        typeset::end_build(&warm);
        pages.push(again.pages().len());
        // Nothing memoised: what a fresh process lays out.
        typst::comemo::evict(0);
        let cold = typeset::layout(&base(), edited.clone(), date()).unwrap();
        assert!(
            warm_bytes == typeset::pdf(&cold, "list").unwrap(),
            "edit {k}: the warm PDF differs from a cold one"
        );
    }
    assert!(
        pages[1] > pages[0],
        "the taller row added no page: {pages:?}"
    );
}
