//! The minutes (biên bản) of a unit's emulation and rewards council: who sat,
//! the secret ballot per nominee with shares counted over all members, the
//! conclusion, and the secretary | chair signatures.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::pipeline::Rendered;
use thidua::typeset::inspect::{Placed, PlacedText, compact};

const UNIT: &str = "so-tu-phap";

fn minutes(root: &Path) -> (Rendered, Placed) {
    laid_out_of(root, "bien-ban", Some(UNIT))
}

/// The line (runs on one baseline) that contains every fragment.
fn line_with<'a>(lines: &'a [String], fragments: &[&str]) -> Option<&'a String> {
    lines
        .iter()
        .find(|l| fragments.iter().all(|f| l.contains(f)))
}

#[test]
fn minutes_name_the_meeting_and_its_members() {
    let (rendered, placed) = minutes(&corpus_base());
    assert_eq!(
        rendered.doc.stem,
        "lang-son/so-tu-phap/bang-khen-chu-tich-tinh/bien-ban"
    );
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(has(
        "BIÊN BẢN Họp Hội đồng Thi đua - Khen thưởng Sở Tư pháp xét đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh"
    ));
    assert!(has("Thời gian: vào hồi"), "time of the meeting");
    assert!(
        has("ngày 28 tháng 10 năm 2025."),
        "the meeting's date in words"
    );
    assert!(has("Địa điểm: Phòng họp Sở Tư pháp."));
    assert!(has("I. THÀNH PHẦN"));
    assert!(has(
        "Chủ tọa: đồng chí Hoàng Văn Minh, Giám đốc Sở Tư pháp."
    ));
    assert!(has("Thư ký: đồng chí Lê Thị Hoa."));
    assert!(
        has(
            "Tổng số thành viên Hội đồng theo Quyết định số 05/QĐ-STP ngày 08/01/2025 của Giám đốc Sở Tư pháp: 07 thành viên;"
        ),
        "members by the founding decision"
    );
    assert!(has("Số thành viên có mặt: 06 thành viên;"));
    assert!(has("Số thành viên vắng mặt: 01 thành viên"));
    assert!(has("II. NỘI DUNG"));
    assert!(
        has("Kế hoạch số 45/KH-STP ngày 10/6/2024 của Sở Tư pháp"),
        "the chair presents the unit's plan"
    );
    assert!(
        has("Đối với tập thể: các tập thể triển khai có hiệu quả phong trào thi đua"),
        "and the criteria"
    );
    assert!(has("Đối với cá nhân: cá nhân có thành tích xuất sắc"));
    assert!(
        has("Tập thể Sở Tư pháp tỉnh Lạng Sơn: triển khai hiệu quả công tác phổ biến"),
        "each nominee's achievements were presented"
    );
    assert!(has(
        "Bà Nguyễn Thị Lan, Phó Trưởng phòng Xây dựng và kiểm tra văn bản: tham mưu"
    ));
    assert!(has("bỏ phiếu kín"));
}

#[test]
fn each_nominee_has_votes_and_a_share_of_all_members() {
    let (_, placed) = minutes(&corpus_base());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(
        has("TT Họ và tên / Tên tập thể Năm sinh, giới tính Chức vụ, đơn vị Số phiếu đồng ý Tỷ lệ"),
        "the table's header"
    );
    let lines = placed.lines();
    // 6 of 7 members for the collective, 5 of 7 for the person: on their rows.
    assert!(
        line_with(&lines, &["Sở Tư pháp tỉnh", "06", "85,71%"]).is_some(),
        "{lines:#?}"
    );
    assert!(
        line_with(
            &lines,
            &[
                "Nguyễn Thị Lan",
                "1985, Nữ",
                "Phó Trưởng phòng",
                "05",
                "71,43%"
            ]
        )
        .is_some(),
        "{lines:#?}"
    );
    assert!(has("I. TẬP THỂ") && has("II. CÁ NHÂN"), "grouped rows");
    assert!(
        has("Tỷ lệ phiếu đồng ý được tính trên tổng số 07 thành viên Hội đồng"),
        "says the share is over all members"
    );
    assert!(
        has(
            "thống nhất đề nghị Chủ tịch UBND tỉnh tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể và 01 cá nhân"
        ),
        "the conclusion counts the nominees"
    );
    assert!(
        has("trình Chủ tịch UBND tỉnh Lạng Sơn (qua Sở Nội vụ) xem xét, quyết định."),
        "where the dossier goes"
    );
    assert!(has("Cuộc họp kết thúc vào hồi"), "the meeting's end");
}

#[test]
fn absent_members_and_shares_follow_the_council_data() {
    // 9 members, 7 present: 2 absent; 6 of 9 and 5 of 9.
    let dir = base_replacing(
        "    members: 7\n    present: 6\n",
        "    members: 9\n    present: 7\n",
    );
    let (_, placed) = minutes(dir.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    assert!(has(": 09 thành viên;"));
    assert!(has("Số thành viên có mặt: 07 thành viên;"));
    assert!(
        has("Số thành viên vắng mặt: 02 thành viên"),
        "members − present"
    );
    assert!(has("trên tổng số 09 thành viên Hội đồng"));
    let lines = placed.lines();
    assert!(
        line_with(&lines, &["Sở Tư pháp tỉnh", "06", "66,67%"]).is_some(),
        "{lines:#?}"
    );
    assert!(
        line_with(&lines, &["Nguyễn Thị Lan", "05", "55,56%"]).is_some(),
        "{lines:#?}"
    );

    // Everyone present: nobody absent.
    let dir = base_replacing("    present: 6\n", "    present: 7\n");
    let (_, placed) = minutes(dir.path());
    let text = placed.compact_text();
    assert!(text.contains(&compact("Số thành viên vắng mặt: không.")));
}

#[test]
fn minutes_without_a_founding_decision_still_count_members() {
    let dir = base_replacing(
        "    established_by: Quyết định số 05/QĐ-STP ngày 08/01/2025 của Giám đốc Sở Tư pháp\n",
        "",
    );
    let (_, placed) = minutes(dir.path());
    let text = placed.compact_text();
    assert!(text.contains(&compact("Tổng số thành viên Hội đồng: 07 thành viên;")));
    assert!(!text.contains("05/QĐ-STP"));
}

#[test]
fn minutes_follow_the_nd30_layout_and_are_signed_by_secretary_and_chair() {
    let (_, placed) = minutes(&corpus_base());
    assert_margins(&placed);
    assert_header(
        &placed,
        &Expect {
            issuing: "SỞ TƯ PHÁP",
            number: "/BB-STP",
            date: "ngày 28 tháng 10 năm 2025",
            kind: "BIÊN BẢN",
            recipient_lines: &[],
            authority: "",
            signer: "",
        },
    );
    assert_page_numbers(&placed);
    let number = placed.find("/BB-STP");
    assert!(
        one(&number, "Số").text.starts_with("Số: \u{a0}"),
        "a draft blank: {:?}",
        number[0].text
    );

    // Secretary at left, chair at right, each name under its role, on one line.
    let last = placed.pages.len();
    let signer = |needle: &str| -> &PlacedText {
        placed
            .texts
            .iter()
            .find(|t| t.page == last && t.text == needle && t.bold && t.size == 14.0)
            .unwrap_or_else(|| panic!("{needle} not signed on page {last}"))
    };
    let centre = |t: &PlacedText| t.x + t.width / 2.0;
    let left_centre = (30.0 + 0.4 * 165.0 / 2.0) * MM;
    let right_centre = (30.0 + 0.4 * 165.0 + 0.6 * 165.0 / 2.0) * MM;
    let (secretary_role, chair_role) = (signer("THƯ KÝ"), signer("CHỦ TỌA"));
    let (secretary, chair) = (signer("Lê Thị Hoa"), signer("Hoàng Văn Minh"));
    for (role, name) in [(secretary_role, secretary), (chair_role, chair)] {
        assert!(
            (centre(role) - centre(name)).abs() < 1.0,
            "{} centred over {}",
            role.text,
            name.text
        );
        assert!(
            name.y - role.y > 25.0 * MM,
            "room to sign under {}",
            role.text
        );
    }
    assert!((centre(secretary_role) - left_centre).abs() < 1.0);
    assert!((centre(chair_role) - right_centre).abs() < 1.0);
    assert!((secretary_role.y - chair_role.y).abs() < 0.5);
    assert!((secretary.y - chair.y).abs() < 0.5);
    // The closing sentence is on the signatures' page: they never stand alone.
    assert!(
        placed
            .texts
            .iter()
            .any(|t| t.page == last && t.text.contains("Cuộc họp kết thúc")),
        "closing sentence with the signatures"
    );
    assert!(
        placed.find("Nơi nhận").is_empty(),
        "minutes have no recipients block"
    );
}

#[test]
fn minutes_print_the_vote_the_campaign_requires() {
    // The law's default: more than half of all 07 members, so 04 votes.
    let (_, placed) = minutes(&corpus_base());
    assert!(has(
        &placed,
        "một trường hợp được đề nghị khi đạt quá 1/2 tổng số thành viên Hội đồng (từ 04 phiếu đồng ý trở lên)."
    ));
    // A campaign that asks two thirds and a quorum of 80 %.
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&corpus_base(), dir.path());
    let path = dir.path().join("inputs/campaign.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "\nlegal_bases:",
        "\ncouncil:\n  pass: { at_least: 2/3 }\n  quorum: { at_least: 80% }\n\nlegal_bases:",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let (_, placed) = minutes(dir.path());
    assert!(has(
        &placed,
        "một trường hợp được đề nghị khi đạt từ 2/3 tổng số thành viên Hội đồng (từ 05 phiếu đồng ý trở lên), cuộc họp có từ 80% tổng số thành viên dự họp."
    ));
}

#[test]
fn a_wards_council_is_named_as_its_founding_decision_names_it() {
    // `council.name`: "Hội đồng Thi đua - Khen thưởng phường Đông Kinh",
    // not the default after the unit's name ("… UBND phường Đông Kinh").
    let root = reference_root();
    for kind in ["bien-ban", "to-trinh"] {
        let (_, placed) = laid_out_of(&root, kind, Some("ubnd-phuong-dong-kinh"));
        assert!(
            has(&placed, "Hội đồng Thi đua - Khen thưởng phường Đông Kinh"),
            "{kind}"
        );
        assert!(
            !has(&placed, "Hội đồng Thi đua - Khen thưởng UBND phường"),
            "{kind}"
        );
    }
}

#[test]
fn criteria_closed_by_a_semicolon_run_on_in_one_sentence() {
    let root = base_campaign_with(|c| {
        c.replacen(
            "được quy định tại mục II của Kế hoạch này.\n        - id: tt-sang-kien",
            "được quy định tại mục II của Kế hoạch này;\n        - id: tt-sang-kien",
            1,
        )
    });
    let (_, placed) = minutes(root.path());
    let text = placed.compact_text();
    assert!(
        text.contains(&compact(
            "mục II của Kế hoạch này; có sáng kiến, giải pháp, hoàn thành vượt mức"
        )),
        "{text}"
    );
    // Closed by a full stop, the next criterion keeps its capital.
    let (_, placed) = minutes(&corpus_base());
    assert!(has(
        &placed,
        "mục II của Kế hoạch này. Có sáng kiến, giải pháp"
    ));
}
