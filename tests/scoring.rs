//! Campaigns that score and rank (issue 13), on the Cần Thơ reference
//! (`tests/reference/can-tho/`): each commune's points and rank against a
//! computation done by hand below, ties broken by the second tie-breaker and
//! by the council's vote, the bracket edges, and the errors a bad formula or
//! a zero divisor gives (located, never a panic).

mod common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use rust_decimal::Decimal;
use thidua::scoring::compute;
use thidua::scoring::rank::TieStep;
use thidua::scoring::standings::standings;

fn root() -> PathBuf {
    reference_root().join("tests/reference/can-tho")
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The communes' totals, worked out by hand from their figures
/// (`inputs/units/*.yaml`), criterion by criterion (1; 2; 3; 4; 5.1 + 5.2 + 5.3):
const COMMUNES: &[(&str, &str, usize)] = &[
    // 50 × 0,4 = 20; 950/1000 × 40 = 38; 760/950 × 20 = 16; 950/1000 × 20 = 19;
    // 0 + 4 (95 %) + 5 = 9.
    ("ubnd-phuong-ninh-kieu", "102", 1),
    // Bình Thủy, Phong Điền, Thới Lai: the same figures. 40 × 0,4 = 16;
    // 810/900 × 40 = 36; 648/810 × 20 = 16; 810/900 × 20 = 18; 0 + 3 (90 %,
    // the edge) + 5 = 8: 94 each, and level on every tie-breaker (1.458 new
    // accounts and cards, 810 paid through accounts, 100 % updated); the
    // council's vote puts Phong Điền, Bình Thủy, Thới Lai in that order.
    ("ubnd-xa-phong-dien", "94", 2),
    ("ubnd-phuong-binh-thuy", "94", 3),
    ("ubnd-xa-thoi-lai", "94", 4),
    // Cái Khế: 48 × 0,4 = 19,2; 1000/1200 × 40 = 33,33; 500/1000 × 20 = 10;
    // 1144/1200 × 20 = 19,07; 0 + 4 (95,33 %) + 5 = 9: 90,6.
    // Tân An: 16; 40; 10; 17,6; 5 + 2 (88 %, the edge) + 0 (99 %) = 7: 90,6.
    // Level on the first tie-breaker (1.500 each), Cái Khế ahead on the
    // second (1.144 against 880).
    ("ubnd-phuong-cai-khe", "90.6", 5),
    ("ubnd-phuong-tan-an", "90.6", 6),
    // Cờ Đỏ: no plan of its own, so 0; 480/600 × 40 = 32; 300/480 × 20 = 12,5;
    // 500/600 × 20 = 16,67; 0 + 0 (83,33 %) + 0 = 0: 61,17.
    ("ubnd-xa-co-do", "61.17", 7),
];

#[test]
fn the_communes_score_and_rank_as_computed_by_hand() {
    let ws = loaded_workspace(&root());
    let all = standings(&ws, &|_| true);
    let communes = all
        .iter()
        .find(|s| s.group.id.value == "xa-phuong")
        .unwrap();
    let ranked: Vec<(&str, Decimal, usize)> = communes
        .ranking
        .order
        .iter()
        .map(|&(i, rank)| {
            let e = &communes.entries[i];
            (e.unit.value.id.value.as_str(), e.score.total, rank)
        })
        .collect();
    let expected: Vec<(&str, Decimal, usize)> = COMMUNES
        .iter()
        .map(|&(id, total, rank)| (id, dec(total), rank))
        .collect();
    assert_eq!(ranked, expected);

    // Cái Khế and Tân An: level on the first tie-breaker, parted by the second.
    let tie = communes
        .ranking
        .ties
        .iter()
        .find(|t| t.key == dec("90.6"))
        .unwrap();
    let breakers: Vec<usize> = tie
        .steps
        .iter()
        .map(|s| match s {
            TieStep::Breaker { breaker, .. } => *breaker,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(breakers, [0, 1]);
    // The three at 94: every tie-breaker, then the vote.
    let three = communes
        .ranking
        .ties
        .iter()
        .find(|t| t.key == dec("94"))
        .unwrap();
    assert_eq!(three.steps.len(), 4);
    assert!(matches!(three.steps[3], TieStep::Vote { .. }));

    // The payment organisations rank on new accounts, then ATM cards, then
    // payments through accounts: Agribank 1.500; Bưu điện and VietinBank
    // 1.200 and 900 cards each, parted by 2.500 against 2.100 payments.
    let orgs = all
        .iter()
        .find(|s| s.group.id.value == "to-chuc-chi-tra")
        .unwrap();
    let order: Vec<&str> = orgs
        .ranking
        .order
        .iter()
        .map(|&(i, _)| orgs.entries[i].unit.value.id.value.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "agribank-can-tho",
            "buu-dien-thanh-pho-can-tho",
            "vietinbank-can-tho"
        ]
    );
}

#[test]
fn bracket_edges_belong_to_the_step_that_starts_there() {
    let ws = loaded_workspace(&root());
    let scoring = ws
        .campaign
        .as_ref()
        .unwrap()
        .value
        .scoring
        .as_ref()
        .unwrap();
    let group = scoring.group("xa-phuong").unwrap();
    // 5.2 by the share paid through accounts (of 10.000): below 88 % nothing,
    // "từ 88 – 90 %" 2, "từ 90 – 95 %" 3, "từ 95 – dưới 100 %" 4, 100 % 5.
    for (paid, points) in [
        (8799, "0"),
        (8800, "2"),
        (8999, "2"),
        (9000, "3"),
        (9499, "3"),
        (9500, "4"),
        (9999, "4"),
        (10000, "5"),
    ] {
        let values: HashMap<&str, Decimal> = [
            ("tong_so", 10000),
            ("chua_co_tk", 100),
            ("tuyen_truyen", 100),
            ("co_ke_hoach", 1),
            ("xac_nhan", 50),
            ("mo_moi", 9000),
            ("the_atm", 9000),
            ("nhan_qua_tk", paid),
            ("cap_nhat", 10000),
        ]
        .into_iter()
        .map(|(k, v)| (k, Decimal::from(v)))
        .collect();
        let score = compute::score(scoring, group, &values).unwrap();
        let row = score
            .rows
            .iter()
            .find(|r| r.criterion.number == "5.2")
            .unwrap();
        assert_eq!(
            row.points,
            dec(points),
            "{paid} of 10.000 paid through accounts"
        );
    }
}

fn check(dir: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// The 1-based line and column of the first occurrence of `needle` in `path`.
fn position(path: &Path, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].chars().count() + 1)
}

fn diagnostics(json: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn a_zero_divisor_is_an_error_at_the_figure_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    let unit = dir.path().join("inputs/units/ubnd-xa-co-do.yaml");
    // No new account at all: `the_atm / mo_moi * score` divides by 0.
    edit(
        &unit,
        "{ id: mo_moi, value: 480,",
        "{ id: mo_moi, value: 0,",
    );
    edit(
        &unit,
        "{ id: the_atm, value: 300,",
        "{ id: the_atm, value: 0,",
    );
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(1), "{out}");
    let found = diagnostics(&out);
    let d = found
        .iter()
        .find(|d| d["code"] == "TD0234")
        .unwrap_or_else(|| panic!("{out}"));
    let (line, column) = position(&unit, "{ id: mo_moi, value: 0");
    let column = column + "{ id: mo_moi, value: ".len();
    assert_eq!(d["file"], "inputs/units/ubnd-xa-co-do.yaml", "{d}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{d}"
    );
    assert!(
        d["message"].as_str().unwrap().contains("`mo_moi` bằng 0"),
        "{d}"
    );
}

#[test]
fn a_formula_naming_an_unknown_figure_is_an_error_at_the_name() {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    let campaign = dir.path().join("inputs/campaign.yaml");
    edit(
        &campaign,
        "points: the_atm / mo_moi * score",
        "points: the_atm / mo_moj * score",
    );
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(1), "{out}");
    let found = diagnostics(&out);
    let d = found
        .iter()
        .find(|d| d["code"] == "TD0118")
        .unwrap_or_else(|| panic!("{out}"));
    let (line, column) = position(&campaign, "mo_moj");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{d}"
    );
    assert!(
        d["help"].as_str().unwrap_or_default().contains("mo_moi"),
        "{d}"
    );
    // Every other formula still checks; no unit reports a consequence.
    assert_eq!(
        found.iter().filter(|d| d["severity"] == "error").count(),
        1,
        "{out}"
    );
}

#[test]
fn a_competitor_ranked_below_the_top_proposing_itself_is_an_error_at_its_award() {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    let unit = dir.path().join("inputs/units/ubnd-xa-co-do.yaml");
    // Cờ Đỏ ranks 7th of the communes; the ranking leads only the first 2 to
    // the Bằng khen. Its dossier is otherwise complete (criterion, evidence,
    // submission, its council's vote), so the ranking is the one error.
    let mut text = std::fs::read_to_string(&unit).unwrap();
    assert!(!text.contains("nominations:"), "Cờ Đỏ nominates no one yet");
    text.push_str(
        "
nominations:
  - id: dn-ubnd-xa-co-do
    award: bang-khen-chu-tich-thanh-pho
    collective: { name: UBND xã Cờ Đỏ, kind: UBND xã }
    criteria: [tt-thanh-tich-xuat-sac]
    achievements: [cd-mo-tai-khoan]
    summary: Mở mới hoặc tiếp nhận 480 tài khoản nhận trợ cấp của người hưởng.

submission:
  number: 275
  date: 2025-12-29
  council:
    number: 11
    date: 2025-12-29
    place: Hội trường UBND xã Cờ Đỏ
    members: 7
    present: 7
    chair: Lâm Quốc Khởi
    secretary: Trần Thị Mỹ Tiên
    votes:
      - { nomination: dn-ubnd-xa-co-do, in_favour: 7 }
",
    );
    std::fs::write(&unit, text).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(1), "{out}");
    let found = diagnostics(&out);
    let errors: Vec<&serde_json::Value> =
        found.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{out}");
    let d = errors[0];
    assert_eq!(d["code"], "TD0317", "{d}");
    assert_eq!(d["file"], "inputs/units/ubnd-xa-co-do.yaml", "{d}");
    let (line, column) = position(&unit, "bang-khen-chu-tich-thanh-pho");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line as u64), Some(column as u64)),
        "{d}"
    );
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("UBND xã Cờ Đỏ xếp hạng 7"), "{d}");
    assert!(message.contains("chỉ 2 đơn vị dẫn đầu"), "{d}");
}

#[test]
fn the_report_explains_each_tie_and_the_sheet_shows_its_working() {
    let (_, placed) = laid_out_of(&root(), "xep-hang", Some("so-y-te"));
    for text in [
        "UBND phường Cái Khế, UBND phường Tân An bằng tổng điểm (90,6)",
        "xét số lượng chuyển tiền trợ cấp hàng tháng qua tài khoản: UBND phường Cái Khế 1.144, UBND phường Tân An 880",
        "xếp theo kết quả bỏ phiếu của Hội đồng Thi đua - Khen thưởng ngành Y tế thành phố tại cuộc họp ngày 26/12/2025: UBND xã Phong Điền, UBND phường Bình Thủy, UBND xã Thới Lai",
        // Thới Lai (370 of 380) and Cờ Đỏ (250 of 300) miss target (1).
        "Chỉ tiêu (1): 5/7 đơn vị đạt",
    ] {
        assert!(has(&placed, text), "{text}");
    }
    let (_, placed) = laid_out_of(&root(), "bang-diem", Some("ubnd-phuong-cai-khe"));
    for text in [
        "1.000 / 1.200 × 40",
        "33,33",
        "1.144 / 1.200 × 100 = 95,33",
        "90,6",
    ] {
        assert!(has(&placed, text), "{text}");
    }
}

#[test]
fn typst_syntax_in_the_score_table_and_figures_prints_literally() {
    const HOSTILE: &str = "Nguyễn #Văn $A_1 <b> @c";
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    let campaign = dir.path().join("inputs/campaign.yaml");
    edit(
        &campaign,
        "text: Điểm cộng\n",
        &format!("text: \"Điểm cộng {HOSTILE}\"\n"),
    );
    edit(
        &campaign,
        "label: \"Số lượng thẻ ATM phát hành\"",
        &format!("label: \"Thẻ ATM {HOSTILE}\""),
    );
    edit(
        &campaign,
        "name: Đợt 02,",
        &format!("name: \"Đợt 02 {HOSTILE}\","),
    );
    let unit = dir.path().join("inputs/units/ubnd-phuong-tan-an.yaml");
    edit(
        &unit,
        "name: UBND phường Tân An",
        &format!("name: \"UBND phường Tân An {HOSTILE}\""),
    );
    let (_, plan) = laid_out(dir.path(), "ke-hoach");
    assert!(has(&plan, &format!("Điểm cộng {HOSTILE}")));
    assert!(has(&plan, &format!("Đợt 02 {HOSTILE} dự kiến")));
    let (_, report) = laid_out_of(dir.path(), "xep-hang", Some("so-y-te"));
    assert!(has(&report, &format!("UBND phường Tân An {HOSTILE}")));
    let (_, sheet) = laid_out_of(dir.path(), "bang-diem", Some("agribank-can-tho"));
    assert!(has(&sheet, &format!("Thẻ ATM {HOSTILE}")));
}

#[test]
fn an_unrelated_error_in_a_competitors_file_leaves_the_ranking_alone() {
    // A nominee's CCCD one digit short is that file's error (TD0215), and only
    // that: the commune still ranks, so its tie and the recorded vote stand.
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    let unit = dir.path().join("inputs/units/ubnd-xa-phong-dien.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    let cccd = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("cccd: \""))
        .map(|c| c.trim_end_matches('"').to_string())
        .expect("a nominee with a CCCD");
    edit(
        &unit,
        &format!("cccd: \"{cccd}\""),
        &format!("cccd: \"{}\"", &cccd[1..]),
    );
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(1), "{out}");
    let codes: Vec<String> = diagnostics(&out)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes, ["TD0215"], "{out}");
}

#[test]
fn the_sheet_and_the_report_send_copies_where_they_say() {
    let footer = |root: &Path, kind: &str, unit: &str| {
        let (_, placed) = laid_out_of(root, kind, Some(unit));
        common::layout::footer_of(&placed).compact_text()
    };
    let compact = thidua::typeset::inspect::compact;
    // Without a word of their own: the authority, and the appraiser to check.
    let report = footer(&root(), "xep-hang", "so-y-te");
    assert!(
        report.contains(&compact("- Chủ tịch UBND thành phố (b/c); - Lưu: VT.")),
        "{report}"
    );
    let sheet = footer(&root(), "bang-diem", "ubnd-xa-co-do");
    assert!(
        sheet.contains(&compact("(để kiểm tra, chấm điểm); - Lưu: VT.")),
        "{sheet}"
    );

    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    let inputs = dir.path().join("inputs");
    edit(
        &inputs.join("ranking.yaml"),
        "date: 2025-12-29\n",
        "date: 2025-12-29\nrecipients: [UBND thành phố (b/c), Sở Nội vụ]\narchive: VT, DS\n",
    );
    edit(
        &inputs.join("units/ubnd-xa-co-do.yaml"),
        "  date: 2025-12-12\n  figures:\n",
        "  date: 2025-12-12\n  recipients: [Chi cục Dân số - Xã hội]\n  figures:\n",
    );
    let report = footer(dir.path(), "xep-hang", "so-y-te");
    assert!(
        report.contains(&compact(
            "- UBND thành phố (b/c); - Sở Nội vụ; - Lưu: VT, DS."
        )),
        "{report}"
    );
    let sheet = footer(dir.path(), "bang-diem", "ubnd-xa-co-do");
    assert!(
        sheet.contains(&compact("- Chi cục Dân số - Xã hội; - Lưu: VT.")),
        "{sheet}"
    );
    assert!(!sheet.contains(&compact("chấm điểm)")), "{sheet}");

    // Written with their marks, they are TD0110's, in the file that wrote them.
    edit(
        &inputs.join("ranking.yaml"),
        "archive: VT, DS\n",
        "archive: \"VT, DS.\"\n",
    );
    let (code, out) = check(dir.path());
    assert_eq!(code, Some(0), "{out}");
    let found: Vec<(String, String)> = diagnostics(&out)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().into(),
                d["file"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("TD0110".into(), "inputs/ranking.yaml".into())],
        "{out}"
    );
}
