//! A campaign that is not a province's: a ministry's, written from the files
//! `thidua new` makes (the campaign's names changed, the units' and the
//! appraisal's examples kept), checks clean, builds, and no document prints
//! a province's wording: every name the documents print is the campaign's.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect;

fn thidua(args: &[&str], dir: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run thidua");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    out
}

/// The starter campaign's province, renamed a ministry's (longest first
/// where one name contains another).
const MINISTRY: &[(&str, &str)] = &[
    ("[ỦY BAN NHÂN DÂN, TỈNH LẠNG SƠN]", "[BỘ TƯ PHÁP]"),
    (
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
        "BỘ TRƯỞNG BỘ TƯ PHÁP",
    ),
    (
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
        "Bộ trưởng, các Thứ trưởng",
    ),
    ("Chủ tịch UBND tỉnh Lạng Sơn", "Bộ trưởng Bộ Tư pháp"),
    ("Chủ tịch UBND các xã, phường", "Giám đốc các sở tư pháp"),
    ("Chủ tịch UBND tỉnh", "Bộ trưởng Bộ Tư pháp"),
    ("short_name: UBND tỉnh ", "short_name: Bộ "),
    ("UBND tỉnh Lạng Sơn", "Bộ Tư pháp"),
    ("symbol: UBND ", "symbol: BTP "),
    ("place: Lạng Sơn", "place: Hà Nội"),
    (
        "Hội đồng Thi đua - Khen thưởng tỉnh",
        "Hội đồng Thi đua - Khen thưởng Bộ",
    ),
    (
        "kinds: [sở, ban, ngành, UBND xã, UBND phường]",
        "kinds: [cục, vụ, sở tư pháp]",
    ),
    ("kinds: [sở, ban, ngành]", "kinds: [cục, vụ]"),
    ("UBND xã, UBND phường", "sở tư pháp"),
    (
        "Các sở, ban, ngành tỉnh; UBND các xã, phường",
        "Các cục, vụ; các sở tư pháp",
    ),
    ("Đối với tập thể xã, phường", "Đối với các sở tư pháp"),
    // A Nơi nhận line starts with a capital (TD0110).
    ("    - UBND các xã, phường\n", "    - Các sở tư pháp\n"),
    ("UBND các xã, phường", "các sở tư pháp"),
    ("sở, ban, ngành", "cục, vụ"),
    ("Mỗi xã, phường", "Mỗi sở tư pháp"),
    ("các xã, phường", "các sở tư pháp"),
    ("UBND tỉnh", "Bộ Tư pháp"),
    ("so-noi-vu", "vu-thi-dua-khen-thuong"),
    ("Sở Nội vụ", "Vụ Thi đua - Khen thưởng"),
    ("Thường trực Tỉnh ủy", "Ban Cán sự đảng Bộ"),
    ("[TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]", "[KT. BỘ TRƯỞNG]"),
    ("PHÓ CHỦ TỊCH", "THỨ TRƯỞNG"),
    (
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
        "Nghị định số 39/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Tư pháp",
    ),
];

/// What a ministry's documents never print.
const PROVINCE_WORDS: &[&str] = &[
    "ubnd",
    "ủy ban nhân dân",
    "tỉnh",
    "sở nội vụ",
    "chủ tịch ubnd",
    "kt. chủ tịch",
    "phó chủ tịch",
];

/// A unit file from `new unit`, its examples uncommented, named as given.
fn unit(dir: &Path, id: &str, name: &str, heading: &str, symbol: &str, kind: &str, cccd: &str) {
    thidua(&["new", "unit", id], dir);
    let path = dir.join(format!("inputs/units/{id}.yaml"));
    let text = common::uncomment_unit_examples(&std::fs::read_to_string(&path).unwrap())
        .replace("name: Sở Ví dụ ", &format!("name: {name} "))
        .replace("[SỞ VÍ DỤ]", &format!("[{heading}]"))
        .replace("symbol: SVD", &format!("symbol: {symbol}"))
        .replace("unit_kind: cục", &format!("unit_kind: {kind}"))
        .replace("id: de-nghi-01", &format!("id: dn-{id}"))
        .replace("nomination: de-nghi-01", &format!("nomination: dn-{id}"))
        .replace("\"020188001234\"", &format!("\"{cccd}\""));
    std::fs::write(&path, text).unwrap();
}

#[test]
fn a_ministrys_campaign_prints_its_own_names_and_no_provinces() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    thidua(&["new", "campaign", "thi-dua-bo-tu-phap-2026"], root);
    let path = root.join("inputs/campaign.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in MINISTRY {
        assert!(text.contains(from), "the starter campaign names `{from}`");
        text = text.replace(from, to);
    }
    std::fs::write(&path, text).unwrap();
    unit(
        root,
        "cuc-ho-tich",
        "Cục Hộ tịch, quốc tịch, chứng thực",
        "CỤC HỘ TỊCH, QUỐC TỊCH, CHỨNG THỰC",
        "HTQTCT",
        "cục",
        "020188001234",
    );
    unit(
        root,
        "vu-thi-dua-khen-thuong",
        "Vụ Thi đua - Khen thưởng",
        "VỤ THI ĐUA - KHEN THƯỞNG",
        "TĐKT",
        "vụ",
        "001188004321",
    );
    thidua(&["new", "appraisal", "vu-thi-dua-khen-thuong"], root);
    // The commented national submission, for the first unit's nominee.
    let path = root.join("inputs/appraisal.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, example) = text.split_once("national: []\n").unwrap();
    let example: Vec<&str> = example
        .lines()
        .map(|l| l.strip_prefix("# ").unwrap_or(l))
        .collect();
    let example = example
        .join("\n")
        .replace("ma-don-vi", "cuc-ho-tich")
        .replace("ma-de-nghi", "dn-cuc-ho-tich");
    std::fs::write(&path, format!("{head}{example}\n")).unwrap();

    let check = thidua(&["check"], root);
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(err.contains("0 lỗi, 0 cảnh báo"), "{err}");
    thidua(&["build", "-q"], root);

    let session = pipeline::render_all(root, &BuildOptions::default()).unwrap();
    let stems: Vec<&str> = session
        .rendered
        .iter()
        .map(|r| r.doc.stem.as_str())
        .collect();
    for stem in [
        "ke-hoach",
        "tham-dinh/to-trinh",
        "tham-dinh/quyet-dinh",
        "tham-dinh/tong-hop",
        "huan-chuong-lao-dong/to-trinh",
    ] {
        assert!(
            stems.iter().any(|s| s.ends_with(stem)),
            "{stem} among {stems:?}"
        );
    }
    for r in &session.rendered {
        assert!(
            root.join("output")
                .join(format!("{}.pdf", r.doc.stem))
                .is_file()
        );
        let pages = pipeline::typeset(&session, r).unwrap();
        let text = inspect::placed(&pages).compact_text().to_lowercase();
        for word in PROVINCE_WORDS {
            let word = inspect::compact(word);
            assert!(!text.contains(&word), "{} prints `{word}`", r.doc.stem);
        }
    }
    // Their Word files likewise.
    for r in &session.rendered {
        let docx = std::fs::read(root.join("output").join(format!("{}.docx", r.doc.stem))).unwrap();
        let text = common::docx_text(&docx).to_lowercase();
        assert!(
            text.contains("bộ tư pháp"),
            "{}.docx names the ministry",
            r.doc.stem
        );
        for word in PROVINCE_WORDS {
            assert!(!text.contains(word), "{}.docx prints `{word}`", r.doc.stem);
        }
    }
    let (_, placed) = common::laid_out_stem(root, "thi-dua-bo-tu-phap-2026/tham-dinh/tong-hop");
    assert!(
        common::has(&placed, "Cấp Bộ"),
        "the level the short name gives"
    );
    let (_, placed) = common::laid_out_stem(root, "thi-dua-bo-tu-phap-2026/tham-dinh/quyet-dinh");
    assert!(common::has(&placed, "BỘ TRƯỞNG BỘ TƯ PHÁP"));
    assert!(
        common::has(&placed, "KT. BỘ TRƯỞNG"),
        "signed as the plan, without its TM. line"
    );
}
