//! The unit's results report (Báo cáo): what it says, computed from the unit's
//! data, and its Nghị định 30 layout.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::{Placed, compact};

const UNIT: &str = "so-tu-phap";

fn report(root: &Path) -> Placed {
    let (rendered, placed) = laid_out_of(root, "bao-cao", Some(UNIT));
    assert_eq!(rendered.doc.stem, format!("lang-son/{UNIT}/bao-cao"));
    placed
}

/// Where `needle` starts in the compact text; panics when absent.
fn at(text: &str, needle: &str) -> usize {
    text.find(&compact(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in the report"))
}

#[test]
fn report_states_the_results_rewards_and_assessment_of_the_unit() {
    let root = corpus_base();
    let checked = pipeline::check(&root, &BuildOptions::default()).unwrap();
    let unit = &checked.workspace.units[0].value;
    let campaign = &checked.workspace.campaign.as_ref().unwrap().value;
    assert_eq!(unit.id.value, UNIT);
    let placed = report(&root);
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    assert!(has(&format!("BÁO CÁO Kết quả thực hiện {}", campaign.name)));
    assert!(has("Kính gửi: Sở Nội vụ"));
    assert!(
        has(
            "Thực hiện Kế hoạch số /KH-UBND ngày tháng 5 năm 2024 của UBND tỉnh Lạng Sơn về triển khai thực hiện phong trào thi đua"
        ),
        "cites the provincial plan, its blanks kept"
    );
    // The blanks on the page, which the compact text above cannot see.
    assert_blank(&placed, "Kế hoạch số", "/KH-UBND", 4.5, 14.0);
    assert_blank(&placed, "/KH-UBND ngày", "tháng 5 năm 2024", 3.5, 14.0);
    assert!(
        has("Kế hoạch số 45/KH-STP ngày 10/6/2024 của Sở Tư pháp"),
        "cites the unit's own plan"
    );
    assert!(has("Sở Tư pháp báo cáo kết quả thực hiện như sau:"));

    // The five parts, in order.
    let parts = [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC THỰC HIỆN",
        "II. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG THI ĐUA",
        "III. CÔNG TÁC KHEN THƯỞNG",
        "IV. ĐÁNH GIÁ CHUNG",
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ; ĐỀ XUẤT, KIẾN NGHỊ",
    ];
    let positions: Vec<usize> = parts.iter().map(|p| at(&text, p)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{parts:?} in order"
    );

    let report = unit.report.as_ref().unwrap();
    for line in report
        .organisation
        .iter()
        .chain(&report.highlights)
        .chain(&report.next_steps)
        .chain(&report.proposals)
    {
        assert!(has(line), "{line:?}");
    }

    // II: every content item with achievements gets a numbered heading, in the
    // campaign's order, and a table of its achievements with their dates.
    let mut last = 0;
    let mut number = 0;
    for item in &campaign.content_items {
        let done: Vec<_> = unit
            .achievements
            .iter()
            .filter(|a| a.content_item.value == item.id.value)
            .collect();
        if done.is_empty() {
            continue;
        }
        number += 1;
        let heading = at(&text, &format!("{number}. {}", item.text));
        assert!(heading > last, "item {number} after the one before");
        last = heading;
        for a in done {
            let row = format!("{}{}", a.text, thidua::notation::short_date(a.date.value.0));
            assert!(at(&text, &row) > heading, "{:?} under its item", a.text);
        }
    }
    assert!(number >= 2, "the fixture reports on several items");
    assert!(has("TT Thành tích Ngày Số liệu"), "the table's header row");
    // Figures: integers without `.0`, thousands grouped the Vietnamese way.
    assert!(has("12 hội nghị; 1.500 lượt người"));
    assert!(!has("12.0") && !has("1500"), "figures printed as integers");
    assert!(
        at(&text, "Điển hình tiêu biểu") > last,
        "highlights after the items"
    );

    // III: counts as the decree prints them, a zero part left out.
    assert!(has(
        "Giám đốc Sở Tư pháp đã tặng Giấy khen cho 01 tập thể có thành tích xuất sắc trong phong trào thi đua (Quyết định số 210/QĐ-STP ngày 15/7/2025)."
    ));
    assert!(
        !has("00 cá nhân") && !has("00 tập thể"),
        "zero counts left out"
    );
    assert!(has(
        "Sở Tư pháp đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể và 01 cá nhân có thành tích xuất sắc, tiêu biểu (Tờ trình số 38/TTr-STP ngày 05/11/2025)."
    ));

    // IV: the four parts of the assessment, numbered, each with its items.
    let assessment = [
        ("1. Ưu điểm", &report.strengths),
        ("2. Hạn chế", &report.limits),
        ("3. Nguyên nhân", &report.causes),
        ("4. Bài học kinh nghiệm", &report.lessons),
    ];
    let mut last = at(&text, "IV. ĐÁNH GIÁ CHUNG");
    for (heading, items) in assessment {
        let h = at(&text, heading);
        assert!(h > last, "{heading} in order");
        for item in items.iter() {
            assert!(
                at(&text, &format!("- {item}")) > h,
                "{item:?} under {heading}"
            );
        }
        last = h;
    }
    assert!(has("1. Phương hướng, nhiệm vụ") && has("2. Đề xuất, kiến nghị"));
    assert!(has(
        "Trên đây là báo cáo kết quả thực hiện phong trào thi đua của Sở Tư pháp, kính gửi Sở Nội vụ tổng hợp, báo cáo UBND tỉnh Lạng Sơn./."
    ));

    // Part headings are bold 14 pt.
    for part in parts {
        let opening: String = part.split(' ').take(2).collect::<Vec<_>>().join(" ");
        let runs: Vec<_> = placed
            .texts
            .iter()
            .filter(|t| t.text.starts_with(&opening))
            .collect();
        let run = one(&runs, part);
        assert_eq!(
            (run.size, run.bold, run.italic),
            (14.0, true, false),
            "{part}"
        );
    }

    assert_nd30(
        &placed,
        &Expect {
            issuing: "SỞ TƯ PHÁP",
            number: "Số: 52/BC-STP",
            date: "ngày 05 tháng 11 năm 2025",
            kind: "BÁO CÁO",
            recipient_lines: &["- Sở Nội vụ;", "- Lãnh đạo Sở Tư pháp;", "- Lưu: VT."],
            authority: &unit.signer.title,
            signer: &unit.signer.name,
        },
    );
}

#[test]
fn kinh_gui_is_centred_between_the_title_and_the_body() {
    let placed = report(&corpus_base());
    let to = placed.find("Kính gửi");
    let to = one(&to, "Kính gửi");
    assert_eq!(
        (to.page, to.size, to.bold, to.italic),
        (1, 14.0, false, false)
    );
    let centre = to.x + to.width / 2.0;
    assert!(
        (centre - (30.0 + 165.0 / 2.0) * MM).abs() < 1.0,
        "Kính gửi centred: {} mm",
        centre / MM
    );
    let title = placed.find("BÁO CÁO");
    let opening = placed.find("Thực hiện Kế hoạch");
    assert!(one(&title, "title").y < to.y && to.y < one(&opening, "opening").y);
}

#[test]
fn figures_in_any_form_and_empty_parts_are_printed_cleanly() {
    let dir = base_with(|t| {
        t.replace(
            "{ label: Hội nghị, value: 12, unit: hội nghị }",
            "{ label: Tỷ lệ hài lòng, value: 97.5, unit: \"%\" }\n      - { label: Tin bài, value: 40 }\n      - { label: Lượt truy cập, value: 1234567, unit: lượt }",
        )
        // Both achievements on the HĐND item move to the first item.
        .replace(
            "content_item: nghi-quyet-hdnd\n    date: 2025-03-15",
            "content_item: tuyen-truyen\n    date: 2025-03-15",
        )
        .replace("  lessons:\n    - Gắn chỉ tiêu thi đua với nhiệm vụ được giao của từng phòng.\n", "")
        .replace("  limits:\n    - Một số hội nghị tổ chức chậm so với kế hoạch.\n", "")
        .replace(
            "  proposals:\n    - Đề nghị UBND tỉnh quan tâm khen thưởng các tập thể, cá nhân tiêu biểu.\n",
            "",
        )
    });
    let placed = report(dir.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    assert!(
        has("97,5%; Tin bài: 40; 1.234.567 lượt; 1.500 lượt người"),
        "decimal comma, no space before %, label when no unit, grouped thousands"
    );
    // The HĐND item has no achievement left: no heading for it; the others renumber.
    assert!(!has(
        "Tham mưu xây dựng và tổ chức thực hiện Nghị quyết của HĐND các cấp"
    ));
    assert!(has(
        "3. Nâng cao chất lượng, hiệu quả công tác tổ chức tiếp xúc cử tri"
    ));
    assert!(has("4. Điển hình tiêu biểu"));
    // Two rows in the first item's table, numbered 1 and 2.
    let first = at(&text, "1. Tuyên truyền về mục đích");
    let second = at(&text, "2. Tổ chức phổ biến");
    let rows = &text[first..second];
    assert!(
        rows.contains(&compact("1 Đăng 40 tin")) && rows.contains(&compact("2 Thẩm định đúng hạn"))
    );
    // Empty parts of the assessment are left out; the rest renumber.
    assert!(has("1. Ưu điểm") && has("2. Nguyên nhân"));
    assert!(!has("Hạn chế") && !has("Bài học kinh nghiệm"));
    // No proposals: part V is next steps only, without sub-numbers.
    assert!(has(
        "V. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI - Tiếp tục phổ biến"
    ));
    assert!(!has("Đề xuất, kiến nghị"));
}

#[test]
fn a_unit_without_giay_khen_or_nominations_says_so() {
    let dir = base_with(|t| {
        let start = t.find("giay_khen:").unwrap();
        let end = t.find("report:").unwrap();
        format!("{}{}", &t[..start], &t[end..])
    });
    // No nominations, so nothing for the Sở Nội vụ to appraise either.
    std::fs::remove_file(dir.path().join("inputs/appraisal.yaml")).unwrap();
    let text = report(dir.path()).compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(has(
        "Giám đốc Sở Tư pháp chưa tặng Giấy khen trong phong trào thi đua."
    ));
    assert!(has("Sở Tư pháp không đề nghị cấp trên khen thưởng."));
    assert!(!has("Tờ trình số") && !has("Quyết định số"));
}

#[test]
fn the_so_noi_vu_reports_to_the_province_not_to_itself() {
    let dir = base_with(|t| t.replace("name: Sở Tư pháp\n", "name: Sở Nội vụ\n"));
    appraiser_is_the_unit(dir.path());
    let text = report(dir.path()).compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(has("Kính gửi: UBND tỉnh Lạng Sơn"));
    assert!(has("của Sở Nội vụ, kính báo cáo UBND tỉnh Lạng Sơn./."));
    assert!(has(
        "- UBND tỉnh Lạng Sơn; - Lãnh đạo Sở Nội vụ; - Lưu: VT."
    ));
    assert!(!has("Kính gửi: Sở Nội vụ") && !has("- Sở Nội vụ;"));
}

/// Makes the corpus unit the campaign's appraising body (`roles.appraiser_unit`).
fn appraiser_is_the_unit(root: &std::path::Path) {
    let path = root.join("inputs/campaign.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "  council_symbol: HĐTĐKT\n",
        "  council_symbol: HĐTĐKT\n  appraiser_unit: so-tu-phap\n",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
}
