//! The achievement reports (báo cáo thành tích), one per nominee: the
//! individual and the collective forms, each claimed criterion with the
//! evidence it requires, earlier awards, and the two signatures.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::model::unit::Nomination;
use thidua::pipeline::{self, BuildOptions, Rendered};
use thidua::typeset::inspect::{self, Placed, PlacedText, compact};

const PERSON: &str = "dn-nguyen-thi-lan";
const COLLECTIVE: &str = "dn-so-tu-phap";

/// Renders the workspace and lays out the achievement report of `nomination`.
fn report_of(root: &Path, nomination: &str) -> (Rendered, Placed) {
    let session = pipeline::render_all(root, &BuildOptions::default()).unwrap();
    let errors: Vec<_> = session
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    let reports: Vec<usize> = session
        .rendered
        .iter()
        .enumerate()
        .filter(|(_, r)| r.doc.kind == "bao-cao-thanh-tich")
        .filter(|(_, r)| r.doc.stem.starts_with("lang-son/so-tu-phap/"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        reports.len(),
        2,
        "one report per nominee in the unit's dossier"
    );
    let index = *reports
        .iter()
        .find(|&&i| {
            session.rendered[i]
                .doc
                .stem
                .ends_with(&format!("/{nomination}"))
        })
        .unwrap_or_else(|| panic!("no report for {nomination}"));
    let pages =
        pipeline::typeset(&session, &session.rendered[index]).unwrap_or_else(|e| panic!("{e:#?}"));
    let placed = inspect::placed(&pages);
    let mut session = session;
    (session.rendered.swap_remove(index), placed)
}

fn nomination(
    id: &str,
) -> (
    thidua::model::campaign::Campaign,
    thidua::model::unit::Unit,
    Nomination,
) {
    let checked = pipeline::check(&corpus_base(), &BuildOptions::default()).unwrap();
    let campaign = checked.workspace.campaign.as_ref().unwrap().value.clone();
    let unit = checked.workspace.units[0].value.clone();
    let n = unit
        .nominations
        .iter()
        .find(|n| n.id.value == id)
        .unwrap()
        .clone();
    (campaign, unit, n)
}

/// Where `s` starts in the compact text, or a panic naming it.
fn at(text: &str, s: &str) -> usize {
    text.find(&compact(s))
        .unwrap_or_else(|| panic!("{s:?} not in the report"))
}

/// The header of a report: the unit | the national header and the date; no number.
fn assert_report_header(placed: &Placed, date: &str) {
    let page1: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.page == 1).collect();
    let find = |needle: &str| -> &PlacedText {
        page1
            .iter()
            .copied()
            .find(|t| t.text.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not on page 1"))
    };
    let right_column = (30.0 + 0.4 * 165.0) * MM;
    let national = find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!((national.size, national.bold), (12.0, true));
    assert!(national.x >= right_column - 0.5 && national.x + national.width <= 195.0 * MM + 0.5);
    let motto = find("Độc lập - Tự do - Hạnh phúc");
    assert_eq!((motto.size, motto.bold), (13.0, true));
    let governing = find("UBND TỈNH LẠNG SƠN");
    assert_eq!((governing.size, governing.bold), (12.0, false));
    let issuing = find("SỞ TƯ PHÁP");
    assert_eq!((issuing.size, issuing.bold), (12.0, true));
    assert!(issuing.x + issuing.width <= right_column);
    assert!(
        placed
            .rules
            .iter()
            .any(|r| r.page == 1 && r.y > issuing.y && r.y < issuing.y + 10.0),
        "rule under the issuing body"
    );
    let date = find(date);
    assert_eq!((date.size, date.bold, date.italic), (13.0, false, true));
    assert!(date.x >= right_column - 0.5, "date in the right column");
    assert!(
        page1.iter().all(|t| !t.text.starts_with("Số:")),
        "an achievement report has no number"
    );
    let kind = find("BÁO CÁO THÀNH TÍCH");
    assert_eq!((kind.size, kind.bold), (14.0, true));
    let centre = (30.0 + 165.0 / 2.0) * MM;
    assert!(
        (kind.x + kind.width / 2.0 - centre).abs() < 1.0,
        "title centred"
    );
    // The form's second title line, in capitals (Nghị định 152/2025, Mẫu số 05).
    let award = find("ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH");
    assert_eq!((award.size, award.bold), (14.0, true));
    assert!(award.y > kind.y);
}

/// The page and margins of `assert_margins`, for a report of any length.
fn assert_report_margins(placed: &Placed) {
    for (w, h) in &placed.pages {
        assert!((w - 210.0 * MM).abs() < 0.5 && (h - 297.0 * MM).abs() < 0.5);
    }
    let body: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.y > 20.0 * MM).collect();
    let left = body.iter().map(|t| t.x).fold(f64::MAX, f64::min);
    let right = body.iter().map(|t| t.x + t.width).fold(0.0, f64::max);
    let bottom = body.iter().map(|t| t.y).fold(0.0, f64::max);
    assert!(
        (left - 30.0 * MM).abs() < 1.0,
        "left margin {} mm",
        left / MM
    );
    assert!(
        (right - 195.0 * MM).abs() < 1.0,
        "right margin {} mm",
        right / MM
    );
    assert!(bottom <= 277.0 * MM);
    let indented = body
        .iter()
        .filter(|t| (t.x - (30.0 * MM + 12.7 * MM)).abs() < 0.5)
        .count();
    assert!(indented >= 2, "first-line indents of 1.27 cm: {indented}");
}

/// The signer block: `role` bold 14 in its column, `name` under it with room to sign.
fn assert_signs(placed: &Placed, role: &str, name: &str, right: bool) -> (f64, usize) {
    let last = placed.pages.len();
    let on_last = |needle: &str| -> &PlacedText {
        placed
            .texts
            .iter()
            .find(|t| t.page == last && t.text == needle && t.bold && t.size == 14.0)
            .unwrap_or_else(|| panic!("{needle:?} not signed on page {last}"))
    };
    let (role, name) = (on_last(role), on_last(name));
    let centre = |t: &PlacedText| t.x + t.width / 2.0;
    let column = if right {
        (30.0 + 0.4 * 165.0 + 0.6 * 165.0 / 2.0) * MM
    } else {
        (30.0 + 0.4 * 165.0 / 2.0) * MM
    };
    assert!(
        (centre(role) - column).abs() < 1.0,
        "{} in its column",
        role.text
    );
    assert!(
        (centre(name) - column).abs() < 1.0,
        "{} in its column",
        name.text
    );
    assert!(
        name.y - role.y > 25.0 * MM,
        "room to sign under {}",
        role.text
    );
    (name.y, last)
}

#[test]
fn the_individual_report_gives_the_background_and_the_evidence_of_each_criterion() {
    let (campaign, unit, n) = nomination(PERSON);
    let (rendered, placed) = report_of(&corpus_base(), PERSON);
    assert_eq!(
        rendered.doc.stem,
        format!("lang-son/so-tu-phap/bang-khen-chu-tich-tinh/bao-cao-thanh-tich/{PERSON}")
    );
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    // The individual form names the person in I, not under the title.
    assert!(
        !placed
            .texts
            .iter()
            .any(|t| t.page == 1 && t.text == "Nguyễn Thị Lan" && t.bold && t.size == 14.0),
        "no name line under the title"
    );

    // I. in the form's eight fixed lines, in its order; a field the data
    // leaves out keeps its line with a blank.
    assert!(has("I. SƠ LƯỢC LÝ LỊCH"));
    let lines = [
        "- Họ tên (Ghi đầy đủ bằng chữ in thường, không viết tắt): Nguyễn Thị Lan",
        "- Sinh ngày, tháng, năm: 1985",
        "Giới tính: Nữ",
        "- Quê quán: ……………………",
        "- Trú quán: ……………………",
        "- Đơn vị công tác: Sở Tư pháp",
        "- Chức vụ (Đảng, chính quyền, đoàn thể): Phó Trưởng phòng Xây dựng và kiểm tra văn bản",
        "- Trình độ chuyên môn, nghiệp vụ: ……………………",
        "- Học hàm, học vị, danh hiệu, giải thưởng: ……………………",
    ];
    let mut from = 0;
    for line in lines {
        from = at(&text[from..], line) + from;
    }
    assert!(
        !has("Dân tộc:") && !has("Đối tượng:"),
        "the form has no such lines"
    );
    assert!(!has("SƠ LƯỢC ĐẶC ĐIỂM"), "not the collective form");

    assert!(has("II. THÀNH TÍCH ĐẠT ĐƯỢC"));
    assert!(has("1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:"));
    for duty in &n.duties {
        assert!(has(duty), "duty {duty:?}");
    }
    assert!(has("2. Thành tích đạt được của cá nhân:"));

    // a) the achievements criterion, its achievement with its content item;
    // b) the initiatives criterion, its initiative with its decision.
    let award = campaign.award("bang-khen-chu-tich-tinh").unwrap();
    let criterion = |id: &str| {
        award
            .criteria
            .individual
            .iter()
            .find(|c| c.id.value == id)
            .unwrap()
            .text
            .clone()
    };
    assert_eq!(
        n.criteria
            .iter()
            .map(|c| c.value.as_str())
            .collect::<Vec<_>>(),
        ["cn-tham-muu", "cn-sang-kien"]
    );
    let a = at(
        &text,
        &format!("a) Tiêu chuẩn: {}", criterion("cn-tham-muu")),
    );
    let achievement = unit.achievement("tt-van-ban-hdnd").unwrap();
    let item = campaign.content_item("nghi-quyet-hdnd").unwrap();
    let content = at(&text, &format!("Nội dung thi đua 3: {}", item.text));
    let cited = at(
        &text,
        &format!(
            "- {} (ngày 15/3/2025).",
            achievement.text.trim_end_matches('.')
        ),
    );
    let b = at(
        &text,
        &format!("b) Tiêu chuẩn: {}", criterion("cn-sang-kien")),
    );
    let initiative = at(
        &text,
        "- Sáng kiến, giải pháp “Giải pháp số hóa sổ hộ tịch phục vụ thẩm định văn bản”, được công nhận tại Quyết định số 112/QĐ-STP ngày 20/5/2025 của Giám đốc Sở Tư pháp.",
    );
    let awards = at(&text, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG");
    assert!(
        a < content && content < cited && cited < b && b < initiative && initiative < awards,
        "each criterion followed by its evidence"
    );
    // Achievements of the unit the nomination does not cite stay out.
    assert!(!has("Đăng 40 tin, bài"));
    assert!(!has("Tổ chức 12 hội nghị"));

    assert!(
        has(
            "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG 1. Danh hiệu thi đua: Không có. 2. Hình thức khen thưởng: Không có."
        ),
        "no earlier awards: both tables say so"
    );
    assert!(has(
        "Trên đây là báo cáo thành tích của bản thân đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh./."
    ));
}

#[test]
fn the_individual_report_is_signed_by_the_nominee_and_certified_by_the_unit() {
    let (_, placed) = report_of(&corpus_base(), PERSON);
    assert_report_header(&placed, "Lạng Sơn, ngày 05 tháng 11 năm 2025");
    assert_report_margins(&placed);
    assert_page_numbers(&placed);
    let text = placed.compact_text();
    // "CẤP TRÌNH KHEN" as the form writes it, each block with its instruction.
    assert!(text.contains(&compact(
        "XÁC NHẬN CỦA CẤP TRÌNH KHEN (Ký, đóng dấu) GIÁM ĐỐC"
    )));
    assert!(!text.contains(&compact("TRÌNH KHEN THƯỞNG")));
    assert!(text.contains(&compact("NGƯỜI BÁO CÁO THÀNH TÍCH (Ký, ghi rõ họ và tên)")));
    let instruction = &placed.find("(Ký, ghi rõ họ và tên)")[0];
    assert!(
        instruction.italic && !instruction.bold,
        "the instruction is italic, not bold"
    );
    let (reporter, last) =
        assert_signs(&placed, "NGƯỜI BÁO CÁO THÀNH TÍCH", "Nguyễn Thị Lan", true);
    let (head, _) = assert_signs(&placed, "GIÁM ĐỐC", "Hoàng Văn Minh", false);
    assert!((reporter - head).abs() < 0.5, "the two names on one line");
    assert!(
        placed
            .texts
            .iter()
            .any(|t| t.page == last && t.text.contains("Trên đây là báo cáo")),
        "the closing sentence with the signatures"
    );
}

#[test]
fn the_collective_report_describes_the_unit_and_lists_earlier_awards() {
    let (campaign, unit, n) = nomination(COLLECTIVE);
    let (_, placed) = report_of(&corpus_base(), COLLECTIVE);
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(
        placed.texts.iter().any(|t| t.page == 1
            && t.text == "Sở Tư pháp tỉnh Lạng Sơn"
            && t.bold
            && t.size == 14.0),
        "the collective's name in the title"
    );
    assert!(!has("SƠ LƯỢC LÝ LỊCH"), "not the individual form");
    let situation = at(
        &text,
        "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH 1. Đặc điểm, tình hình",
    );
    for s in &n.situation {
        assert!(at(&text, s) > situation, "situation {s:?}");
    }
    let duties = at(&text, "2. Chức năng, nhiệm vụ");
    for d in &n.duties {
        assert!(at(&text, d) > duties, "duty {d:?}");
    }
    let achievements = at(&text, "II. THÀNH TÍCH ĐẠT ĐƯỢC");
    assert!(duties < achievements);
    assert!(has(&format!(
        "a) Tiêu chuẩn: {}",
        campaign
            .award("bang-khen-chu-tich-tinh")
            .unwrap()
            .criteria
            .collective[0]
            .text
    )));
    // Both cited achievements, each after the content item it serves, in the plan's order.
    let first = at(&text, "Nội dung thi đua 1:");
    let posts = at(
        &text,
        unit.achievement("tt-tuyen-truyen")
            .unwrap()
            .text
            .trim_end_matches('.'),
    );
    let second = at(&text, "Nội dung thi đua 2:");
    let meetings = at(
        &text,
        unit.achievement("tt-hoi-nghi")
            .unwrap()
            .text
            .trim_end_matches('.'),
    );
    assert!(achievements < first && first < posts && posts < second && second < meetings);
    assert!(
        has("Số liệu: hội nghị: 12 hội nghị; người tham dự: 1.500 lượt người."),
        "figures in Vietnamese notation"
    );
    assert!(
        !has("Thẩm định đúng hạn 100%"),
        "an achievement it does not cite"
    );

    // The earlier award, on one table row.
    let lines = placed.lines();
    assert!(
        lines.iter().any(|l| l.contains("2023")
            && l.contains("Cờ thi đua của UBND tỉnh")
            && l.contains("Quyết định số 98/QĐ-UBND")),
        "{lines:#?}"
    );
    // III in the form's two tables: the Cờ thi đua is a title (danh hiệu thi
    // đua); there is no award (hình thức khen thưởng).
    let titles = at(&text, "1. Danh hiệu thi đua:");
    assert!(has(
        "Năm Danh hiệu thi đua Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định"
    ));
    let awards = at(&text, "2. Hình thức khen thưởng:");
    assert!(
        titles < at(&text, "Cờ thi đua của UBND tỉnh")
            && at(&text, "Cờ thi đua của UBND tỉnh") < awards
    );
    assert!(text[awards..].starts_with(&compact("2. Hình thức khen thưởng: Không có.")));
}

#[test]
fn the_collective_report_is_signed_by_the_head_of_the_unit() {
    let (_, placed) = report_of(&corpus_base(), COLLECTIVE);
    assert_report_header(&placed, "Lạng Sơn, ngày 05 tháng 11 năm 2025");
    assert_report_margins(&placed);
    assert_page_numbers(&placed);
    let (_, last) = assert_signs(&placed, "THỦ TRƯỞNG ĐƠN VỊ", "Hoàng Văn Minh", true);
    let text = placed.compact_text();
    assert!(text.contains(&compact("XÁC NHẬN CỦA CẤP TRÌNH KHEN (Ký, đóng dấu)")));
    assert!(text.contains(&compact("THỦ TRƯỞNG ĐƠN VỊ (Ký, đóng dấu)")));
    assert!(!text.contains(&compact("NGƯỜI BÁO CÁO THÀNH TÍCH")));
    assert!(
        placed
            .texts
            .iter()
            .any(|t| t.page == last && t.text.contains("Trên đây là báo cáo")),
        "the closing sentence with the signatures"
    );
}

#[test]
fn optional_background_and_earlier_awards_of_a_person_are_reported() {
    let dir = base_replacing(
        "      discipline: không\n",
        "      discipline: không\n      ethnicity: Tày\n      home_town: xã Hoàng Đồng, tỉnh Lạng Sơn\n      birth_date: 1985-04-09\n      residence: phường Lương Văn Tri, tỉnh Lạng Sơn\n      qualification: Cử nhân Luật\n      degrees: Thạc sĩ Luật\n",
    );
    let (_, placed) = report_of(dir.path(), PERSON);
    let text = placed.compact_text();
    // The full date of birth where known; every field of I filled.
    for line in [
        "- Sinh ngày, tháng, năm: 09/4/1985",
        "- Quê quán: xã Hoàng Đồng, tỉnh Lạng Sơn",
        "- Trú quán: phường Lương Văn Tri, tỉnh Lạng Sơn",
        "- Trình độ chuyên môn, nghiệp vụ: Cử nhân Luật",
        "- Học hàm, học vị, danh hiệu, giải thưởng: Thạc sĩ Luật",
    ] {
        assert!(text.contains(&compact(line)), "{line}");
    }
    assert!(
        !text.contains(&compact("Dân tộc")),
        "the form has no such line"
    );

    // An earlier award for the person fills the table instead of "Không có."
    let from = "    duties:\n      - Tham mưu thẩm định";
    let dir = base_replacing(
        from,
        "    earlier_awards:\n      - { year: 2024, name: Chiến sĩ thi đua cơ sở, decision: Quyết định số 15/QĐ-STP ngày 10/01/2025 của Giám đốc Sở Tư pháp }\n    duties:\n      - Tham mưu thẩm định",
    );
    let (_, placed) = report_of(dir.path(), PERSON);
    let lines = placed.lines();
    assert!(
        lines.iter().any(|l| l.contains("2024")
            && l.contains("Chiến sĩ thi đua cơ sở")
            && l.contains("15/QĐ-STP")),
        "{lines:#?}"
    );
    // A Chiến sĩ thi đua is a title: the first table; the second is empty.
    let text = placed.compact_text();
    assert!(text.contains(&compact("2. Hình thức khen thưởng: Không có.")));
    assert!(!text.contains(&compact("1. Danh hiệu thi đua: Không có.")));
}

#[test]
fn typst_syntax_in_the_data_is_printed_as_written() {
    let odd =
        "Có 05 phòng * 02 đơn vị_sự nghiệp #1, $x$, @nhãn, <a> và [ngoặc] // không phải chú thích.";
    let dir = base_replacing(
        "      - Sở Tư pháp là cơ quan chuyên môn",
        &format!("      - \"{odd}\"\n      - Sở Tư pháp là cơ quan chuyên môn"),
    );
    let (_, placed) = report_of(dir.path(), COLLECTIVE);
    assert!(placed.compact_text().contains(&compact(odd)));
}

#[test]
fn a_measurable_criterion_shows_the_achievement_that_reports_its_figure() {
    // tt-hoi-nghi reports the number of conferences a new criterion measures:
    // it goes under that criterion, the other achievement under the first.
    let root = base_with(|unit| {
        unit.replacen(
            "{ label: Hội nghị, value: 12, unit: hội nghị }",
            "{ label: Hội nghị, value: 12, unit: hội nghị, metric: so-hoi-nghi }",
            1,
        )
        .replacen(
            "criteria: [tt-hieu-qua]",
            "criteria: [tt-hieu-qua, tt-hoi-nghi]",
            1,
        )
    });
    edit_file(&root.path().join("inputs/campaign.yaml"), |c| {
        c.replacen(
            "        - id: tt-sang-kien\n",
            "        - id: tt-hoi-nghi\n          requires: achievements\n          metric: { id: so-hoi-nghi, at_least: 10 }\n          text: Tổ chức từ 10 hội nghị phổ biến pháp luật trở lên.\n        - id: tt-sang-kien\n",
            1,
        )
    });
    let (_, placed) = report_of(root.path(), COLLECTIVE);
    let text = placed.compact_text();
    let first = at(&text, "a) Tiêu chuẩn: Các tập thể triển khai có hiệu quả");
    let posts = at(&text, "Đăng 40 tin, bài");
    let second = at(&text, "b) Tiêu chuẩn: Tổ chức từ 10 hội nghị");
    let conferences = at(&text, "Tổ chức 12 hội nghị phổ biến pháp luật");
    assert!(
        first < posts && posts < second && second < conferences,
        "{text}"
    );
    assert_eq!(
        text.matches(&compact("Tổ chức 12 hội nghị")).count(),
        1,
        "printed once"
    );
    assert!(!text.contains(&compact("Các thành tích khác")), "{text}");
}

#[test]
fn a_report_is_certified_by_the_level_that_proposes_the_award() {
    // The unit proposes the provincial award: its chairman certifies.
    let root = reference_root();
    let (_, placed) = laid_out_stem(
        &root,
        "lang-son/ubnd-phuong-dong-kinh/bang-khen-chu-tich-tinh/bao-cao-thanh-tich/dn-vi-thi-hong-nhung",
    );
    assert!(has(&placed, "XÁC NHẬN CỦA CẤP TRÌNH KHEN"));
    assert!(has(&placed, "Vy Hoàng Long"));
    // The province proposes the national one: whoever signs its submission.
    let (_, placed) = laid_out_stem(
        &root,
        "lang-son/bang-khen-ubtvqh/bao-cao-thanh-tich/ubnd-phuong-dong-kinh/dn-vi-thi-hong-nhung",
    );
    assert!(has(&placed, "XÁC NHẬN CỦA CẤP TRÌNH KHEN"));
    assert!(has(&placed, "KT. CHỦ TỊCH") && has(&placed, "Dương Xuân Huyền"));
    assert!(!has(&placed, "Vy Hoàng Long"));
    // A collective's too.
    let (_, placed) = laid_out_stem(
        &root,
        "lang-son/bang-khen-ubtvqh/bao-cao-thanh-tich/ubnd-phuong-dong-kinh/dn-ubnd-phuong-dong-kinh",
    );
    assert!(has(&placed, "Dương Xuân Huyền"));
    assert!(
        has(&placed, "Vy Hoàng Long"),
        "the unit's head signs its own part"
    );
}
