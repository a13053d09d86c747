//! The list (danh sách) attached to the unit's Tờ trình: landscape, no national
//! header, a table of nominees whose header row repeats on every page, and its
//! own page numbers.

mod common;

use common::layout::*;
use common::*;
use thidua::model::unit::Gender;
use thidua::typeset::inspect::Placed;

const UNIT: &str = "so-tu-phap";

fn assert_landscape_a4(placed: &Placed) {
    for (w, h) in &placed.pages {
        assert!(
            (w - 297.0 * MM).abs() < 0.5 && (h - 210.0 * MM).abs() < 0.5,
            "not landscape A4: {w} × {h}"
        );
    }
}

#[test]
fn danh_sach_lists_every_nominee_on_a_landscape_page() {
    let root = corpus_base();
    let unit = unit_of(&root, UNIT);
    let (rendered, placed) = laid_out_of(&root, "danh-sach", Some(UNIT));
    assert_eq!(
        rendered.doc.stem,
        "lang-son/so-tu-phap/bang-khen-chu-tich-tinh/danh-sach"
    );
    assert_landscape_a4(&placed);
    assert!(
        placed.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").is_empty(),
        "no national header"
    );

    let title = placed
        .texts
        .iter()
        .find(|t| {
            t.text
                .contains("DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH")
        })
        .expect("title in upper case");
    assert!(title.bold && title.size == 14.0 && title.page == 1);
    assert!(has(
        &placed,
        "(Kèm theo Tờ trình số 38/TTr-STP ngày 05/11/2025 của Sở Tư pháp)"
    ));
    let found = placed.find("Kèm theo Tờ trình");
    let attached = one(&found, "attached to");
    assert!(attached.italic && attached.y > title.y);

    for header in [
        "TT",
        "Chức vụ, đơn vị công tác",
        "Tóm tắt thành tích",
        "Ghi chú",
    ] {
        assert!(
            placed.texts.iter().any(|t| t.text == header && t.bold),
            "header {header}"
        );
    }
    assert!(has(&placed, "Họ và tên / Tên tập thể"));
    assert!(has(&placed, "Năm sinh, Nam/Nữ"));
    let group = |name: &str| {
        placed
            .texts
            .iter()
            .find(|t| t.text == name && t.bold)
            .unwrap_or_else(|| panic!("group row {name}"))
            .y
    };
    let (collectives, individuals) = (group("I. TẬP THỂ"), group("II. CÁ NHÂN"));
    assert!(collectives < individuals);

    let lines = placed.lines();
    for n in &unit.nominations {
        assert!(has(&placed, &n.summary), "summary of {}", n.id.value);
        if let Some(c) = &n.collective {
            assert!(has(&placed, &c.name), "collective {}", c.name);
            let row = one(&placed.find(&c.name), &c.name).y;
            assert!(collectives < row && row < individuals);
        }
        if let Some(p) = &n.person {
            let gender = match p.gender.value {
                Gender::Male => "Nam",
                Gender::Female => "Nữ",
            };
            let cell = format!("{}, {gender}", p.birth_year.value);
            assert!(
                lines
                    .iter()
                    .any(|l| l.contains(&p.full_name) && l.contains(&cell)),
                "{} with {cell}: {lines:#?}",
                p.full_name
            );
            assert!(has(&placed, &format!("{}, Sở Tư pháp", p.position)));
            let row = one(&placed.find(&p.full_name), &p.full_name).y;
            assert!(row > individuals);
        }
    }
    // The fixture's woman, as printed.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("1 Nguyễn Thị Lan 1985, Nữ")),
        "{lines:#?}"
    );
    assert!(has(&placed, "Tổng cộng: 01 tập thể và 01 cá nhân."));
}

/// A copy of the fixture with `extra` more collective nominees, each with its vote.
fn with_many_collectives(extra: usize) -> tempfile::TempDir {
    let path = corpus_base().join("inputs/units/don-vi.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let (mut nominations, mut votes) = (String::new(), String::new());
    for i in 1..=extra {
        // Rows of different heights, so that page breaks fall inside rows unless kept out.
        let more = " Phối hợp tổ chức tuyên truyền trên cổng thông tin điện tử.".repeat(i % 4);
        nominations.push_str(&format!(
            "  - id: dn-phong-{i:02}\n    award: bang-khen-chu-tich-tinh\n    collective: {{ name: Đơn vị thử nghiệm số {i:02}, kind: sở }}\n    criteria: [tt-hieu-qua]\n    achievements: [tt-hoi-nghi]\n    summary: Tổ chức hiệu quả các hội nghị phổ biến, giáo dục pháp luật cho cán bộ, công chức, viên chức và Nhân dân trên địa bàn, lần thứ {i}.{more}\n"
        ));
        votes.push_str(&format!(
            "      - {{ nomination: dn-phong-{i:02}, in_favour: 6 }}\n"
        ));
    }
    let at = text.find("\nsubmission:").expect("submission") + 1;
    let mut edited = format!("{}{nominations}\n{}", &text[..at], &text[at..]);
    let last_vote = "      - { nomination: dn-nguyen-thi-lan, in_favour: 5 }\n";
    let at = edited.find(last_vote).expect("votes") + last_vote.len();
    edited.insert_str(at, &votes);

    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&corpus_base(), dir.path());
    std::fs::write(dir.path().join("inputs/units/don-vi.yaml"), edited).unwrap();
    dir
}

#[test]
fn a_long_list_repeats_the_table_header_and_numbers_its_pages() {
    let dir = with_many_collectives(30);
    let (_, placed) = laid_out_of(dir.path(), "danh-sach", Some(UNIT));
    assert_landscape_a4(&placed);
    let pages = placed.pages.len();
    assert!(pages >= 2, "{pages} pages");

    // The header row, once on every page.
    let with_header: Vec<usize> = placed
        .texts
        .iter()
        .filter(|t| t.text == "Tóm tắt thành tích" && t.bold)
        .map(|t| t.page)
        .collect();
    assert_eq!(with_header, (1..=pages).collect::<Vec<_>>());

    // Rows are not split across pages: under the header, each page opens with a row's number
    // (or the totals row).
    for page in 2..=pages {
        let header_y = placed
            .texts
            .iter()
            .find(|t| t.page == page && t.text == "Tóm tắt thành tích")
            .unwrap()
            .y;
        let below: Vec<_> = placed
            .texts
            .iter()
            .filter(|t| t.page == page && !t.bold && t.y > header_y + 1.0)
            .collect();
        let top = below.iter().map(|t| t.y).fold(f64::MAX, f64::min);
        let mut first_line: Vec<_> = below.iter().filter(|t| (t.y - top).abs() < 0.5).collect();
        first_line.sort_by(|a, b| a.x.total_cmp(&b.x));
        assert!(
            first_line[0].text.parse::<u32>().is_ok()
                || first_line[0].text.starts_with("Tổng cộng:"),
            "page {page} opens with a row's continuation: {:?}",
            first_line.iter().map(|t| &t.text).collect::<Vec<_>>()
        );
    }

    // Every nominee, numbered in its group: 31 collectives, then 1 person.
    assert!(has(&placed, "Tổng cộng: 31 tập thể và 01 cá nhân."));
    for i in 1..=30 {
        assert!(has(&placed, &format!("Đơn vị thử nghiệm số {i:02}")), "{i}");
    }
    let lines = placed.lines();
    assert!(lines.iter().any(|l| l.starts_with("31 Đơn vị thử nghiệm")));
    assert!(lines.iter().any(|l| l.starts_with("1 Nguyễn Thị Lan")));

    // Own page numbers: none on page 1, then 2, 3 … centred over the text width.
    let in_top_margin = |page: usize| {
        placed
            .texts
            .iter()
            .filter(|t| t.page == page && t.y < 20.0 * MM)
            .collect::<Vec<_>>()
    };
    assert!(in_top_margin(1).is_empty());
    for page in 2..=pages {
        let numbers = in_top_margin(page);
        assert_eq!(numbers.len(), 1, "page {page}: {numbers:#?}");
        let n = numbers[0];
        assert_eq!(n.text, page.to_string());
        assert_eq!((n.size, n.bold, n.italic), (13.0, false, false));
        let centre = n.x + n.width / 2.0;
        assert!(
            (centre - (30.0 + (297.0 - 45.0) / 2.0) * MM).abs() < 1.0,
            "page {page} number centred"
        );
    }
    // Nothing below the bottom margin.
    let bottom = placed.texts.iter().map(|t| t.y).fold(0.0, f64::max);
    assert!(bottom <= 190.0 * MM, "text below the bottom margin");
}
