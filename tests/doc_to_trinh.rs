//! The unit's Tờ trình proposing the provincial award: what it says, computed
//! from the unit's nominations, and its Nghị định 30 layout.

mod common;

use common::layout::*;
use common::*;

const UNIT: &str = "so-tu-phap";

#[test]
fn to_trinh_proposes_the_award_with_counts_and_names() {
    let root = corpus_base();
    let unit = unit_of(&root, UNIT);
    let (rendered, placed) = laid_out_of(&root, "to-trinh", Some(UNIT));
    assert_eq!(
        rendered.doc.stem,
        "lang-son/so-tu-phap/bang-khen-chu-tich-tinh/to-trinh"
    );
    let text = |s: &str| has(&placed, s);

    assert!(text("TỜ TRÌNH"));
    assert!(text(
        "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua lập thành tích chào mừng"
    ));
    assert!(text(
        "Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn (qua Sở Nội vụ)"
    ));

    // Legal bases: the campaign's, the provincial plan (a draft: blanks kept), the council.
    assert!(text(
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
    ));
    assert!(text(
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ;"
    ));
    assert!(
        text(
            "Căn cứ Kế hoạch số /KH-UBND ngày tháng 5 năm 2024 của UBND tỉnh Lạng Sơn về triển khai thực hiện phong trào thi đua"
        ),
        "cites the provincial plan"
    );
    // The draft's blanks on the page, not only in the text: number and day.
    assert_blank(&placed, "Kế hoạch số", "/KH-UBND", 4.5, 14.0);
    assert_blank(&placed, "/KH-UBND ngày", "tháng 5 năm 2024", 3.5, 14.0);
    assert!(text(
        "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng Sở Tư pháp ngày 28/10/2025."
    ));
    let basis = placed
        .texts
        .iter()
        .find(|t| t.text.starts_with("Căn cứ Luật Thi đua"))
        .expect("first legal basis");
    assert!(basis.italic && !basis.bold, "legal bases are italic");

    // The body: the unit's plan, the council and its secret ballot.
    assert!(text("Kế hoạch số 45/KH-STP ngày 10/6/2024"));
    assert!(text("Quyết định số 05/QĐ-STP ngày 08/01/2025"));
    assert!(text("có 06/07 thành viên Hội đồng dự họp, bỏ phiếu kín"));

    // The request, counted from the nominations.
    assert!(
        text(
            "kính đề nghị Chủ tịch UBND tỉnh xem xét, tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể và 01 cá nhân"
        ),
        "counts as printed"
    );
    assert!(text("I. Tập thể"));
    assert!(text("II. Cá nhân"));
    for n in &unit.nominations {
        if let Some(c) = &n.collective {
            assert!(text(&format!("1. {}.", c.name)), "collective {}", c.name);
        }
        if let Some(p) = &n.person {
            assert!(
                text(&format!(
                    "1. Bà {}, {}, Sở Tư pháp.",
                    p.full_name, p.position
                )),
                "person {}",
                p.full_name
            );
        }
    }
    assert!(text(
        "đúng đối tượng, đạt tiêu chuẩn khen thưởng và đầy đủ hồ sơ, thủ tục theo quy định"
    ));
    assert!(text(
        "(Có danh sách, biên bản họp Hội đồng và báo cáo thành tích kèm theo)"
    ));
    assert!(text("Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./."));

    // The closing never leaves the signature alone on its page.
    let closing = placed
        .texts
        .iter()
        .find(|t| t.text.contains("Kính trình"))
        .expect("closing");
    let footer = one(&placed.find("Nơi nhận:"), "Nơi nhận").page;
    assert_eq!(closing.page, footer, "closing on the signature's page");

    assert_nd30(
        &placed,
        &Expect {
            issuing: "SỞ TƯ PHÁP",
            number: "38/TTr-STP",
            date: "ngày 05 tháng 11 năm 2025",
            kind: "TỜ TRÌNH",
            recipient_lines: &["- Như trên;", "- Lãnh đạo Sở Tư pháp;", "- Lưu: VT."],
            authority: "GIÁM ĐỐC",
            signer: "Hoàng Văn Minh",
        },
    );
}

#[test]
fn to_trinh_leaves_out_an_empty_group() {
    // Only the collective is proposed: no "và 00 cá nhân", no group II.
    let base = corpus_base().join("inputs/units/don-vi.yaml");
    let text = std::fs::read_to_string(base).unwrap();
    let start = text.find("  - id: dn-nguyen-thi-lan\n").expect("person");
    let end = text[start..].find("\nsubmission:").unwrap() + start;
    let vote = "      - { nomination: dn-nguyen-thi-lan, in_favour: 5 }\n";
    assert!(text.contains(vote));
    let edited = format!("{}{}", &text[..start], &text[end..]).replace(vote, "");

    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&corpus_base(), dir.path());
    std::fs::write(dir.path().join("inputs/units/don-vi.yaml"), edited).unwrap();
    // The appraisal judged the nomination taken out: leave the appraisal out too.
    std::fs::remove_file(dir.path().join("inputs/appraisal.yaml")).unwrap();
    let (_, placed) = laid_out_of(dir.path(), "to-trinh", Some(UNIT));
    let has = |s: &str| has(&placed, s);
    assert!(has(
        "Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể đã có thành tích"
    ));
    assert!(!has("cá nhân đã có thành tích"));
    assert!(has("I. Tập thể"));
    assert!(!has("II. Cá nhân") && !has("I. Cá nhân"));
    assert!(!has("Nguyễn Thị Lan"));
}

#[test]
fn a_units_submission_says_how_the_campaign_went_in_its_own_words() {
    let root = base_with(|unit| {
        unit.replacen(
            "  council:\n",
            "  overview: \"Nhân dân trong thôn tích cực hiến đất, góp công làm đường\"\n  council:\n",
            1,
        )
    });
    let (_, placed) = laid_out_stem(
        root.path(),
        "lang-son/so-tu-phap/bang-khen-chu-tich-tinh/to-trinh",
    );
    assert!(has(
        &placed,
        "thực hiện phong trào thi đua; Nhân dân trong thôn tích cực hiến đất, góp công làm đường."
    ));
    assert!(!has(&placed, "gắn với nhiệm vụ chuyên môn"));
}
