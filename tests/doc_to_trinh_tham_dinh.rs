//! The Sở Nội vụ's Tờ trình to the Chủ tịch UBND tỉnh after the appraisal:
//! what it received, what passed and failed, the provincial council's ballot
//! and the request, all counted from the inputs; and its Nghị định 30 layout.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::model::Workspace;
use thidua::model::appraisal::Outcome;
use thidua::model::campaign::AwardLevel;
use thidua::model::unit::{Nomination, Unit};
use thidua::notation::{reference, short_date};
use thidua::typeset::inspect::{Placed, compact};

const STEM: &str = "lang-son/tham-dinh/to-trinh";

/// What the appraisal says, computed from the parsed inputs.
struct Facts<'a> {
    /// Every nomination for the provincial award, in unit file order.
    pool: Vec<(&'a Unit, &'a Nomination)>,
    passed: Vec<(&'a Unit, &'a Nomination)>,
    /// (nominee, unit, reason).
    failed: Vec<(&'a str, &'a str, &'a str)>,
    /// Passed and not selected for a national award.
    provincial: Vec<(&'a Unit, &'a Nomination)>,
}

fn facts(ws: &Workspace) -> Facts<'_> {
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().expect("the appraisal").value;
    let award = campaign
        .awards
        .iter()
        .find(|a| a.level == AwardLevel::Province)
        .unwrap();
    let pool: Vec<(&Unit, &Nomination)> = ws
        .units
        .iter()
        .flat_map(|u| u.value.nominations.iter().map(move |n| (&u.value, n)))
        .filter(|(_, n)| n.award.value == award.id.value)
        .collect();
    let verdict = |u: &Unit, n: &Nomination| ap.verdict(&u.id.value, &n.id.value).unwrap();
    let passed: Vec<_> = pool
        .iter()
        .copied()
        .filter(|(u, n)| verdict(u, n).result.value == Outcome::Passed)
        .collect();
    let failed = pool
        .iter()
        .filter(|(u, n)| verdict(u, n).result.value == Outcome::Failed)
        .map(|(u, n)| {
            (
                n.nominee_name(),
                u.name.as_str(),
                verdict(u, n).reason.as_deref().unwrap(),
            )
        })
        .collect();
    let provincial = passed
        .iter()
        .copied()
        .filter(|(u, n)| !ap.selected_upward(&u.id.value, &n.id.value))
        .collect();
    Facts {
        pool,
        passed,
        failed,
        provincial,
    }
}

fn to_trinh(root: &Path) -> Placed {
    let (rendered, placed) = laid_out_stem(root, STEM);
    assert_eq!(rendered.doc.template, "to-trinh-tham-dinh.typ");
    placed
}

#[test]
fn to_trinh_reports_what_was_received_appraised_and_voted() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let f = facts(&ws);
    let placed = to_trinh(root.path());
    let text = |s: &str| has(&placed, s);
    let award = "Bằng khen của Chủ tịch UBND tỉnh";

    assert!(text("TỜ TRÌNH"));
    assert!(text(&format!(
        "Về việc đề nghị tặng {award} cho các tập thể, cá nhân có thành tích xuất sắc trong {}",
        campaign.name
    )));
    assert!(text("Kính gửi: Chủ tịch UBND tỉnh Lạng Sơn."));

    // Legal bases: the campaign's, the provincial plan, the council's meeting; italic.
    for basis in &campaign.legal_bases {
        assert!(text(&format!("Căn cứ {basis};")), "{basis}");
    }
    let plan = reference(
        thidua::model::common::number_text(&campaign.plan.number),
        Some("KH"),
        &campaign.issuer.symbol.value,
        &campaign.plan.date.value,
    );
    assert!(text(&format!(
        "Căn cứ Kế hoạch {plan} của UBND tỉnh Lạng Sơn về triển khai thực hiện phong trào thi đua"
    )));
    let met = short_date(ap.council.date.value.0);
    assert!(text(&format!(
        "Căn cứ kết quả họp Hội đồng Thi đua - Khen thưởng tỉnh ngày {met}."
    )));
    let bases: Vec<_> = placed
        .texts
        .iter()
        .filter(|t| t.text.starts_with("Căn cứ"))
        .collect();
    assert_eq!(bases.len(), campaign.legal_bases.len() + 2, "{bases:#?}");
    assert!(bases.iter().all(|t| t.italic && !t.bold && t.size == 14.0));

    // I. Each unit's Tờ trình, with its reference and counts; then the total.
    assert!(text("I. KẾT QUẢ TIẾP NHẬN HỒ SƠ"));
    let mut units = 0;
    for u in &ws.units {
        let mine: Vec<_> = f
            .pool
            .iter()
            .copied()
            .filter(|(x, _)| x.id.value == u.value.id.value)
            .collect();
        if mine.is_empty() {
            assert!(
                !text(&format!("- {}:", u.value.name)),
                "{} sent nothing",
                u.value.name
            );
            continue;
        }
        units += 1;
        let s = u.value.submission.as_ref().unwrap();
        let r = reference(
            thidua::model::common::number_text(&s.number),
            Some("TTr"),
            &u.value.symbol.value,
            &s.date.value,
        );
        let line = format!(
            "- {}: Tờ trình {r}, đề nghị khen thưởng {}",
            u.value.name,
            count_of(&mine)
        );
        assert!(text(&line), "{line}");
    }
    assert_eq!(units, 3);
    assert!(text(&format!(
        "Tổng số: {units:02} cơ quan, đơn vị đề nghị tặng {award} cho {}.",
        count_of(&f.pool)
    )));

    // II. The appraisal: passed and failed counted, each failure with its reason.
    assert!(text("II. KẾT QUẢ THẨM ĐỊNH"));
    assert_eq!(f.passed.len() + f.failed.len(), f.pool.len());
    assert!(!f.failed.is_empty());
    assert!(text(&format!(
        "trong tổng số {} được đề nghị, có {:02} trường hợp ({}) đủ điều kiện, tiêu chuẩn khen thưởng; {:02} trường hợp không đủ điều kiện, tiêu chuẩn khen thưởng, cụ thể:",
        count_of(&f.pool),
        f.passed.len(),
        count_of(&f.passed),
        f.failed.len()
    )));
    for (name, unit, reason) in &f.failed {
        assert!(text(&format!("- {name}, {unit}: {reason}")), "{name}");
    }

    // III. The provincial council's secret ballot.
    assert!(text("III. KẾT QUẢ HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH"));
    let c = &ap.council;
    assert!(text(&format!(
        "có {:02}/{:02} thành viên Hội đồng dự họp, biểu quyết bằng hình thức bỏ phiếu kín",
        c.present.value, c.members.value
    )));
    if let Some(established) = &c.established_by {
        assert!(text(&format!("(thành lập theo {established})")));
    }
    let lowest = c.votes.iter().map(|v| v.in_favour.value).min().unwrap();
    assert!(text(&format!(
        "đều đạt từ {lowest:02}/{:02} phiếu đồng ý trở lên",
        c.members.value
    )));

    // IV. The request: the provincial award, then one line per national award.
    assert!(text("IV. ĐỀ NGHỊ"));
    assert_eq!(f.provincial.len() + 4, f.passed.len(), "four go upward");
    assert!(text(&format!(
        "1. Xem xét, quyết định tặng {award} cho {} đã có thành tích xuất sắc trong phong trào thi đua (có danh sách kèm theo);",
        count_of(&f.provincial)
    )));
    for (i, s) in ap.national.iter().enumerate() {
        let national = campaign.award(&s.award.value).unwrap();
        let to = &national.selection.as_ref().unwrap().submitted_to;
        let chosen: Vec<_> = s
            .nominees
            .iter()
            .map(|r| {
                let u = &ws.unit(&r.unit.value).unwrap().value;
                (
                    u,
                    u.nominations
                        .iter()
                        .find(|n| n.id.value == r.nomination.value)
                        .unwrap(),
                )
            })
            .collect();
        let via = s
            .via
            .as_ref()
            .map(|v| format!(" (qua {v})"))
            .unwrap_or_default();
        let line = format!(
            "{}. Xem xét, trình {to}{via} tặng {} cho {}",
            i + 2,
            national.name,
            count_of(&chosen)
        );
        assert!(text(&line), "{line}");
    }
    assert!(text(
        "trình Thủ tướng Chính phủ (qua Bộ Nội vụ) tặng Bằng khen của Thủ tướng Chính phủ"
    ));
    assert!(text("mỗi thành tích chỉ đề nghị một hình thức khen thưởng"));

    // The closing, on the signature's page.
    assert!(text(
        "(Có danh sách, biên bản họp Hội đồng, dự thảo Quyết định và hồ sơ kèm theo)"
    ));
    assert!(text("Kính trình Chủ tịch UBND tỉnh xem xét, quyết định./."));
    let closing = one(&placed.find("Kính trình Chủ tịch"), "closing").page;
    let attachments = placed.find("(Có danh sách");
    let attachments = one(&attachments, "attachments");
    assert!(attachments.italic);
    let footer = one(&placed.find("Nơi nhận:"), "Nơi nhận").page;
    assert_eq!((closing, attachments.page), (footer, footer));

    // Sections in order.
    let all = placed.compact_text();
    let at = |s: &str| all.find(&thidua::typeset::inspect::compact(s)).unwrap();
    assert!(at("I. KẾT QUẢ TIẾP NHẬN") < at("II. KẾT QUẢ THẨM ĐỊNH"));
    assert!(at("II. KẾT QUẢ THẨM ĐỊNH") < at("III. KẾT QUẢ HỌP"));
    assert!(at("III. KẾT QUẢ HỌP") < at("IV. ĐỀ NGHỊ"));
    assert!(at("IV. ĐỀ NGHỊ") < at("Kính trình Chủ tịch UBND tỉnh xem xét"));

    let snv = &ws.unit("so-noi-vu").unwrap().value;
    assert_nd30(
        &placed,
        &Expect {
            issuing: "SỞ NỘI VỤ",
            number: "/TTr-SNV",
            date: "tháng 12 năm 2025",
            kind: "TỜ TRÌNH",
            recipient_lines: &["- Như trên;", "- Lãnh đạo UBND tỉnh;", "- Lưu: VT, TĐKT."],
            authority: &snv.signer.title,
            signer: &snv.signer.name,
        },
    );
}

#[test]
fn without_failures_every_case_is_said_to_pass() {
    let root = reference_copy();
    let path = root.path().join("inputs/appraisal.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let failed = "    result: không đạt\n    reason: thành tích chưa gắn với các nội dung thi đua tại mục II của Kế hoạch, chưa có số liệu cụ thể\n";
    let vote = "    - { unit: ubnd-phuong-dong-kinh, nomination: dn-loc-thi-yen, in_favour: 10 }\n";
    assert!(yaml.contains(failed) && yaml.contains(vote));
    let edited = yaml.replace(failed, "    result: đạt\n").replace(
        vote,
        &format!("{vote}    - {{ unit: ubnd-phuong-dong-kinh, nomination: dn-hoang-van-khanh, in_favour: 9 }}\n"),
    );
    std::fs::write(&path, edited).unwrap();

    let ws = loaded_workspace(root.path());
    let f = facts(&ws);
    assert!(f.failed.is_empty());
    let placed = to_trinh(root.path());
    let text = |s: &str| has(&placed, s);
    assert!(text(&format!(
        "Kết quả: {} được đề nghị đều đủ điều kiện, tiêu chuẩn khen thưởng.",
        count_of(&f.pool)
    )));
    assert!(!text("không đủ điều kiện"));
    assert!(text(
        "đều đạt từ 09/13 phiếu đồng ý trở lên (từ 69,23% tổng số thành viên Hội đồng)"
    ));
    assert!(text(&format!(
        "Xem xét, quyết định tặng Bằng khen của Chủ tịch UBND tỉnh cho {}",
        count_of(&f.provincial)
    )));
    assert_nd30(
        &placed,
        &Expect {
            issuing: "SỞ NỘI VỤ",
            number: "/TTr-SNV",
            date: "tháng 12 năm 2025",
            kind: "TỜ TRÌNH",
            recipient_lines: &["- Như trên;", "- Lưu: VT, TĐKT."],
            authority: "GIÁM ĐỐC",
            signer: "Lý Văn Thắng",
        },
    );
}

#[test]
fn the_submission_and_the_report_send_copies_where_the_appraisal_says() {
    let root = reference_copy();
    edit_file(&root.path().join("inputs/appraisal.yaml"), |yaml| {
        let line = "  archive: VT, TĐKT ";
        assert_eq!(yaml.matches(line).count(), 1);
        let yaml = yaml.replacen(
            line,
            &format!("  recipients: [Chủ tịch UBND tỉnh]\n{line}"),
            1,
        );
        format!("{yaml}\nstatistics: {{ recipients: [Văn phòng UBND tỉnh, Ban TĐKT TW] }}\n")
    });

    let placed = to_trinh(root.path());
    let footer = footer_of(&placed).compact_text();
    let expected = compact("- Như trên; - Chủ tịch UBND tỉnh; - Lưu: VT, TĐKT.");
    assert!(footer.contains(&expected), "{footer}");
    assert!(!has(&placed, "Lãnh đạo UBND tỉnh"));
    let (_, report) = laid_out_stem(root.path(), "lang-son/tham-dinh/tong-hop");
    let footer = footer_of(&report).compact_text();
    let expected = compact("- Văn phòng UBND tỉnh; - Ban TĐKT TW; - Lưu: VT, TĐKT.");
    assert!(footer.contains(&expected), "{footer}");
}
