//! The third reference campaign: UBND thành phố Cần Thơ's Kế hoạch
//! 157/KH-UBND of 18/11/2025 (`tests/reference/can-tho/`), a centrally
//! governed city's short campaign, shaped unlike Lạng Sơn's and Nghệ An's:
//! two rounds in twenty days, the Sở Y tế (not the Sở Nội vụ) inspecting,
//! scoring and gathering the proposals, the council of the health sector
//! ranking, communes, wards and payment-service organisations (banks, the
//! post office) as the subjects, five targets (1) … (5) as the contents. Its
//! units check clean, a build writes the city's plan and every unit's own,
//! and the plan's PDF holds every paragraph of the original, in order, and
//! every cell of its annex (PHỤ LỤC, the score table), printed from the
//! campaign's `scoring` data (`tests/scoring.rs` checks what it computes).
//! Long because it is one campaign's whole check, its helpers used by most
//! of its tests.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::layout::*;
use common::seed::{SeedText, plan_text};
use common::*;
use thidua::model::campaign::AwardLevel;
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::{Placed, compact};

const SEED: &str = include_str!("fixtures/ke-hoach-can-tho-2025.md");

fn root() -> PathBuf {
    reference_root().join("tests/reference/can-tho")
}

/// A temporary copy of the Cần Thơ workspace (builds write `output/`).
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    dir
}

/// Where the plan ends and its annex (the score table) begins.
const ANNEX: &str = "**PHỤ LỤC**";

/// The seed up to its annex, read as the paragraphs and table lines that must print.
fn seed_texts(seed: &str) -> Vec<SeedText> {
    common::seed::seed_texts(&seed[..seed.find(ANNEX).expect("the seed has its annex")])
}

/// The plan's body: the paragraphs from the first legal basis ("Thực hiện
/// Chỉ thị số 21 …") to the closing one ("… xem xét, quyết định./.").
fn body(texts: &[SeedText]) -> &[SeedText] {
    let first = texts
        .iter()
        .position(|t| !t.in_table && t.text.starts_with("Thực hiện Chỉ thị số 21"))
        .expect("the body's first paragraph");
    let last = texts
        .iter()
        .position(|t| !t.in_table && t.text.ends_with("xem xét, quyết định./."))
        .expect("the body's closing paragraph");
    &texts[first..=last]
}

/// The original prints its summary (ô 5a) in capitals; the campaign writes it
/// in lower case, as Nghị định 30 (Phụ lục I) sets it and as other documents
/// quote it. It is compared without case.
const SUMMARY_START: &str = "PHÁT ĐỘNG PHONG TRÀO THI ĐUA";

#[test]
fn fixture_is_the_shared_seed() {
    // A copy is kept so the tests run anywhere; a missing ../shared is a
    // broken path, not a reason to skip.
    let shared = reference_root().join("../shared/seed/ke-hoach-can-tho-2025.md");
    let text =
        std::fs::read_to_string(&shared).unwrap_or_else(|e| panic!("{}: {e}", shared.display()));
    assert_eq!(text, SEED, "tests/fixtures has drifted from ../shared/seed");
}

#[test]
fn seed_is_read_as_paragraphs_and_table_lines() {
    let texts = seed_texts(SEED);
    let outside: Vec<&SeedText> = texts.iter().filter(|t| !t.in_table).collect();
    // Header: 2 bodies, 2 + 1 Quốc hiệu and Tiêu ngữ, number, 2 of the date;
    // footer: Nơi nhận and 7 lines, 5 of the signer.
    assert_eq!(texts.len() - outside.len(), 8 + 13);
    // The document type, the summary, then the body.
    assert_eq!(outside.len(), 2 + 85);
    assert_eq!(outside[0].text, "KẾ HOẠCH");
    assert!(outside[1].text.starts_with(SUMMARY_START));
    let body = body(&texts);
    assert_eq!(body.len(), 85);
    assert!(body.iter().all(|t| !t.in_table));
    let headings: Vec<&str> = body
        .iter()
        .filter(|t| t.bold)
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(headings.len(), 21, "{headings:#?}");
    assert!(headings.contains(&"3. Ngân hàng Nhà nước chi nhánh khu vực 14"));
    // The note on ties is italic, not a heading.
    assert!(
        body.iter()
            .any(|t| !t.bold && t.text == "Lưu ý khi bình xét thi đua:")
    );
    assert!(
        texts
            .iter()
            .any(|t| t.in_table && t.text == "- CT, PCT UBND TP (1AE)")
    );
    assert!(texts.iter().all(|t| !t.text.contains('*')));
    assert!(texts.iter().all(|t| !t.text.contains("PHỤ LỤC")));
}

#[test]
fn plan_holds_every_paragraph_of_the_seed_in_order() {
    let (_, placed) = laid_out(&root(), "ke-hoach");
    let text = plan_text(&placed);
    let upper = text.to_uppercase();
    let mut missing = Vec::new();
    let mut out_of_order = Vec::new();
    let mut at = 0;
    for t in seed_texts(SEED) {
        let wanted = compact(&t.text);
        let found = if t.text.starts_with(SUMMARY_START) {
            upper.contains(&wanted.to_uppercase())
        } else {
            text.contains(&wanted)
        };
        if !found {
            missing.push(t.text.clone());
            continue;
        }
        // The body reads in the seed's order (the tables' two columns may
        // interleave, so their lines are only required to be there).
        if !t.in_table {
            match upper[at..].find(&wanted.to_uppercase()) {
                Some(i) => at += i + wanted.to_uppercase().len(),
                None => out_of_order.push(t.text.clone()),
            }
        }
    }
    assert!(
        missing.is_empty(),
        "paragraphs of the seed missing from the PDF: {missing:#?}"
    );
    assert!(
        out_of_order.is_empty(),
        "paragraphs printed out of the seed's order: {out_of_order:#?}"
    );
}

#[test]
fn every_paragraph_of_the_body_prints_once() {
    // A paragraph printed twice (an outline block repeating a structured
    // part) would pass the ordered search above.
    let (_, placed) = laid_out(&root(), "ke-hoach");
    let text = plan_text(&placed);
    let texts = seed_texts(SEED);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for t in body(&texts).iter().filter(|t| t.text.chars().count() > 40) {
        let wanted = compact(&t.text);
        counts.insert(t.text.clone(), text.matches(&wanted).count());
    }
    let twice: Vec<_> = counts.iter().filter(|(_, n)| **n != 1).collect();
    assert!(twice.is_empty(), "{twice:#?}");
}

#[test]
fn plan_headings_and_lists_print_as_in_the_seed() {
    let (_, placed) = laid_out(&root(), "ke-hoach");
    let texts = seed_texts(SEED);
    for t in body(&texts).iter().filter(|t| t.bold) {
        // The heading's opening words: the run that starts it.
        let opening: String = t
            .text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        let runs: Vec<_> = placed
            .texts
            .iter()
            .filter(|r| r.text.trim_start().starts_with(&opening))
            .collect();
        assert!(!runs.is_empty(), "no run opens with {opening:?}");
        for r in runs {
            assert!(r.bold && !r.italic, "{:?} is not bold upright", r.text);
        }
    }
    // `*` then italic in the seed: the note on ties.
    let note = placed.find("Lưu ý khi bình xét thi đua:");
    assert_eq!(note.len(), 1);
    assert!(note[0].italic && !note[0].bold, "{:?}", note[0]);

    let text = plan_text(&placed);
    let in_order = |marks: &[&str]| {
        let mut at = 0;
        for m in marks {
            let m = compact(m);
            let i = text[at..]
                .find(&m)
                .unwrap_or_else(|| panic!("{m} in order"));
            at += i + m.len();
        }
    };
    // Lettered in Vietnamese order, a) … đ) (III.2).
    in_order(&[
        "a) Ủy ban nhân dân xã, phường huy động",
        "b) Thực hiện mở tài khoản",
        "c) Thực hiện chi trả",
        "d) Kiểm tra, giám sát",
        "đ) Xét thi đua khen thưởng",
    ]);
    // The targets of III.1, parenthesised.
    in_order(&[
        "như sau: (1) 100% số người",
        "(2) Ít nhất 85%",
        "(3) Ít nhất 80%",
        "(4) Phấn đấu có ít nhất 70%",
        "(5) 100% số người",
    ]);
    // A lettered item holding dash items (II.1, II.2, V.3).
    in_order(&[
        "a) Tập thể - Ủy ban nhân dân xã, phường",
        "b) Cá nhân - Cán bộ, công chức",
        "a) Thời gian thi đua chia thành 02 đợt: - Đợt 01 dự kiến",
        "cụ thể như sau: - Các ngân hàng thương mại tham gia",
    ]);
    // The one extraction artefact mended (V.5 b).
    assert!(text.contains(&compact("loa phát thanh di động. Nội dung")));
}

#[test]
fn plan_is_laid_out_as_the_decree_prescribes() {
    let (_, all) = laid_out(&root(), "ke-hoach");
    // The plan itself, without its landscape annex (its own page numbering).
    let portrait = all.pages.iter().take_while(|(w, h)| w < h).count();
    assert!(portrait < all.pages.len(), "the annex follows the plan");
    let placed = Placed {
        texts: all
            .texts
            .iter()
            .filter(|t| t.page <= portrait)
            .cloned()
            .collect(),
        rules: all
            .rules
            .iter()
            .filter(|r| r.page <= portrait)
            .cloned()
            .collect(),
        pages: all.pages[..portrait].to_vec(),
    };
    assert_nd30(
        &placed,
        &Expect {
            issuing: "THÀNH PHỐ CẦN THƠ",
            number: "157/KH-UBND",
            date: "ngày 18 tháng 11 năm 2025",
            kind: "KẾ HOẠCH",
            recipient_lines: &[
                "- Sở: Nội vụ, Y tế, KHCN;",
                "- NH Nhà nước CN khu vực 14;",
                "- UBND xã, phường;",
                "- Lưu: VT, MX.",
            ],
            authority: "TM. ỦY BAN NHÂN DÂN",
            signer: "Nguyễn Thị Ngọc Điệp",
        },
    );
    // Signed on behalf of the Chủ tịch by a Phó Chủ tịch.
    for line in ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] {
        let runs = placed.find(line);
        assert_eq!(runs.len(), 1, "{line}");
        assert!(runs[0].bold, "{line}");
    }
}

#[test]
fn campaign_models_the_plan() {
    let checked = pipeline::check(&root(), &BuildOptions::default()).unwrap();
    let c = &checked.workspace.campaign.as_ref().unwrap().value;
    // The targets (1) … (5) of III.1 are the contents units report on.
    assert_eq!(c.content_items.len(), 5);
    assert!(c.content_items[1].text.starts_with("Ít nhất 85%"));
    // From the first day of round 1 to the last of round 2 (II.2 a).
    assert_eq!(c.period_start().to_string(), "2025-11-20");
    assert_eq!(c.period_end().unwrap().to_string(), "2025-12-10");
    // The Sở Y tế appraises, the health sector's council ranks.
    let roles = c.role_names();
    assert_eq!(roles.appraiser, "Sở Y tế");
    assert_eq!(roles.appraiser_unit.as_deref(), Some("so-y-te"));
    assert_eq!(
        roles.council,
        "Hội đồng Thi đua - Khen thưởng ngành Y tế thành phố"
    );
    assert_eq!(roles.authority_short, "Chủ tịch UBND thành phố");
    assert_eq!(
        c.collective_kinds(),
        [
            "UBND xã",
            "UBND phường",
            "tổ chức cung cấp dịch vụ chi trả",
            "sở"
        ]
    );
    let levels: Vec<(&str, AwardLevel)> = c
        .awards
        .iter()
        .map(|a| (a.name.as_str(), a.level))
        .collect();
    assert_eq!(
        levels,
        [
            (
                "Bằng khen của Chủ tịch UBND thành phố",
                AwardLevel::Province
            ),
            ("Giấy khen", AwardLevel::Unit),
        ]
    );
    // "Thời gian kiểm tra và đánh giá … xếp hạng thi đua trước ngày 31 tháng
    // 12 năm 2025" (II.2 b).
    let bang_khen = c.award("bang-khen-chu-tich-thanh-pho").unwrap();
    assert_eq!(
        bang_khen.deadline.as_ref().unwrap().value.0.to_string(),
        "2025-12-31"
    );
    assert!(bang_khen.window.is_none());
}

/// Whether the workspace at `root` checks without any diagnostic.
fn assert_clean(root: &Path, options: &BuildOptions) {
    let checked = pipeline::check(root, options).unwrap();
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
}

#[test]
fn workspace_checks_clean_even_as_final() {
    assert_clean(&root(), &BuildOptions::default());
    // Every document is numbered and dated: ready to issue.
    assert_clean(
        &root(),
        &BuildOptions {
            final_: true,
            ..BuildOptions::default()
        },
    );
}

#[test]
fn units_are_the_plans_subjects_and_its_appraiser() {
    let checked = pipeline::check(&root(), &BuildOptions::default()).unwrap();
    let c = &checked.workspace.campaign.as_ref().unwrap().value;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for u in &checked.workspace.units {
        *kinds.entry(u.value.unit_kind.value.as_str()).or_default() += 1;
    }
    assert_eq!(
        kinds,
        BTreeMap::from([
            ("UBND phường", 4),
            ("UBND xã", 3),
            ("sở", 1),
            ("tổ chức cung cấp dịch vụ chi trả", 3),
        ])
    );
    let (start, end) = (c.period_start(), c.period_end().unwrap());
    for u in &checked.workspace.units {
        let u = &u.value;
        assert!(!u.achievements.is_empty(), "{}", u.id.value);
        assert!(!u.plan.tasks.is_empty(), "{}", u.id.value);
        // Dated inside one of the two rounds, never between them (04 – 07/12).
        for a in &u.achievements {
            let day = a.date.value.0;
            let gap = ("2025-12-04"..="2025-12-07").contains(&day.to_string().as_str());
            assert!(day >= start && day <= end && !gap, "{}: {day}", a.id.value);
        }
    }
    // Only the leaders of each group's ranking nominate themselves (and, in
    // the two communes, one person each), following the ranking report.
    let nominating: Vec<&str> = checked
        .workspace
        .units
        .iter()
        .filter(|u| !u.value.nominations.is_empty())
        .map(|u| u.value.id.value.as_str())
        .collect();
    assert_eq!(
        nominating,
        [
            "agribank-can-tho",
            "ubnd-phuong-ninh-kieu",
            "ubnd-xa-phong-dien"
        ]
    );
}

#[test]
fn build_writes_the_city_plan_and_every_units_plan() {
    let dir = copy();
    let report = pipeline::build(dir.path(), &BuildOptions::default()).unwrap();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let paths: Vec<&str> = report
        .manifest
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert!(paths.contains(&"output/can-tho/ke-hoach.pdf"));
    for unit in [
        "so-y-te",
        "ubnd-phuong-ninh-kieu",
        "ubnd-phuong-cai-khe",
        "ubnd-phuong-tan-an",
        "ubnd-phuong-binh-thuy",
        "ubnd-xa-phong-dien",
        "ubnd-xa-thoi-lai",
        "ubnd-xa-co-do",
        "buu-dien-thanh-pho-can-tho",
        "vietinbank-can-tho",
        "agribank-can-tho",
    ] {
        let path = format!("output/can-tho/{unit}/ke-hoach.pdf");
        assert!(paths.contains(&path.as_str()), "{path}");
    }
    // Every competitor's self-assessment, and the Sở Y tế's ranking report.
    for unit in [
        "ubnd-phuong-ninh-kieu",
        "ubnd-xa-co-do",
        "buu-dien-thanh-pho-can-tho",
        "agribank-can-tho",
    ] {
        let path = format!("output/can-tho/{unit}/bang-diem.pdf");
        assert!(paths.contains(&path.as_str()), "{path}");
    }
    assert!(paths.contains(&"output/can-tho/xep-hang.pdf"));
    // The dossiers that follow the ranking: Tờ trình, list, minutes and a
    // report per nominee; the Sở Y tế's appraisal and its packet.
    for (unit, nominees) in [
        (
            "ubnd-phuong-ninh-kieu",
            &["dn-ubnd-phuong-ninh-kieu", "dn-nguyen-hoang-phuc"][..],
        ),
        (
            "ubnd-xa-phong-dien",
            &["dn-ubnd-xa-phong-dien", "dn-vo-thi-bich-thuy"][..],
        ),
        ("agribank-can-tho", &["dn-agribank-can-tho"][..]),
    ] {
        let dossier = format!("output/can-tho/{unit}/bang-khen-chu-tich-thanh-pho");
        for part in ["to-trinh", "danh-sach", "bien-ban", "packet"] {
            let path = format!("{dossier}/{part}.pdf");
            assert!(paths.contains(&path.as_str()), "{path}");
        }
        for n in nominees {
            let path = format!("{dossier}/bao-cao-thanh-tich/{n}.pdf");
            assert!(paths.contains(&path.as_str()), "{path}");
        }
    }
    for part in [
        "to-trinh",
        "danh-sach",
        "bien-ban",
        "quyet-dinh",
        "tong-hop",
        "packet",
    ] {
        let path = format!("output/can-tho/tham-dinh/{part}.pdf");
        assert!(paths.contains(&path.as_str()), "{path}");
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &report.manifest.documents {
        *kinds.entry(d.kind.as_str()).or_default() += 1;
        let bytes = std::fs::read(dir.path().join(&d.path)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{}", d.path);
    }
    // Three dossiers (to-trinh, danh-sach, bien-ban, packet each; five
    // reports) and the appraisal's to-trinh, danh-sach, bien-ban, quyet-dinh,
    // tong-hop and packet.
    let expected = BTreeMap::from([
        ("ke-hoach", 12),
        ("bang-diem", 10),
        ("xep-hang", 1),
        ("to-trinh", 4),
        ("danh-sach", 4),
        ("bien-ban", 4),
        ("bao-cao-thanh-tich", 5),
        ("packet", 4),
        ("quyet-dinh", 1),
        ("tong-hop", 1),
    ]);
    assert_eq!(kinds, expected);
}

#[test]
fn unit_plan_cites_the_city_plan() {
    let (_, placed) = laid_out_of(&root(), "ke-hoach", Some("ubnd-xa-phong-dien"));
    assert!(has(
        &placed,
        "Thực hiện Kế hoạch số 157/KH-UBND ngày 18/11/2025 của UBND thành phố Cần Thơ về phát động phong trào thi đua"
    ));
    assert!(has(&placed, "ỦY BAN NHÂN DÂN XÃ PHONG ĐIỀN"));
    let (_, placed) = laid_out_of(&root(), "ke-hoach", Some("agribank-can-tho"));
    assert!(has(&placed, "Số: 3075/KH-AGRCT"));
    assert!(has(&placed, "Ít nhất 80% người hưởng trợ cấp xã hội"));
}

#[test]
fn the_appraisal_proposes_exactly_the_passed_nominees_the_ranking_leads_to() {
    use thidua::model::appraisal::Outcome;
    use thidua::model::unit::{Nomination, Unit};

    // The ranking report names the leaders each group's ranking proposes.
    let (_, report) = laid_out_of(&root(), "xep-hang", Some("so-y-te"));
    for text in [
        "Theo kết quả xếp hạng, 02 đơn vị dẫn đầu nhóm được đề nghị xét tặng Bằng khen của Chủ tịch UBND thành phố: UBND phường Ninh Kiều, UBND xã Phong Điền.",
        "Theo kết quả xếp hạng, 01 đơn vị dẫn đầu nhóm được đề nghị xét tặng Bằng khen của Chủ tịch UBND thành phố: Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh Cần Thơ.",
    ] {
        assert!(has(&report, text), "{text}");
    }

    let ws = loaded_workspace(&root());
    let ap = &ws.appraisal.as_ref().expect("the appraisal").value;
    let passed: Vec<(&Unit, &Nomination)> = ws
        .units
        .iter()
        .flat_map(|u| u.value.nominations.iter().map(move |n| (&u.value, n)))
        .filter(|(u, n)| {
            ap.verdict(&u.id.value, &n.id.value)
                .is_some_and(|v| v.result.value == Outcome::Passed)
        })
        .collect();
    let names: Vec<&str> = passed.iter().map(|(_, n)| n.nominee_name()).collect();
    assert_eq!(
        names,
        [
            "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh Cần Thơ",
            "UBND phường Ninh Kiều",
            "Nguyễn Hoàng Phúc",
            "UBND xã Phong Điền",
            "Võ Thị Bích Thủy",
        ]
    );
    let counted = count_of(&passed);
    assert_eq!(counted, "03 tập thể và 02 cá nhân");
    // Competitors the ranking does not lead to are named nowhere.
    let others = [
        "UBND phường Bình Thủy",
        "UBND xã Thới Lai",
        "UBND phường Cái Khế",
        "UBND phường Tân An",
        "UBND xã Cờ Đỏ",
        "Bưu điện thành phố Cần Thơ",
        "Ngân hàng TMCP Công Thương",
    ];

    // The Sở Y tế's Tờ trình: each nominating unit's own Tờ trình, the count
    // of the passed, the request for exactly them.
    let (rendered, tt) = laid_out_of(&root(), "to-trinh", Some("so-y-te"));
    assert_eq!(rendered.doc.template, "to-trinh-tham-dinh.typ");
    for text in [
        "Kính gửi: Chủ tịch Ủy ban nhân dân thành phố Cần Thơ.",
        "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam - Chi nhánh Cần Thơ: Tờ trình số 3412/TTr-AGRCT ngày 29/12/2025, đề nghị khen thưởng 01 tập thể;",
        "UBND phường Ninh Kiều: Tờ trình số 468/TTr-UBND ngày 29/12/2025, đề nghị khen thưởng 01 tập thể và 01 cá nhân;",
        "UBND xã Phong Điền: Tờ trình số 301/TTr-UBND ngày 29/12/2025, đề nghị khen thưởng 01 tập thể và 01 cá nhân.",
        &format!("Kết quả: {counted} được đề nghị đều đủ điều kiện, tiêu chuẩn khen thưởng."),
        &format!(
            "Xem xét, quyết định tặng Bằng khen của Chủ tịch UBND thành phố cho {counted} đã có thành tích xuất sắc"
        ),
    ] {
        assert!(has(&tt, text), "{text}");
    }
    for other in others {
        assert!(!has(&tt, other), "{other} in the Tờ trình");
    }

    // Its list: every passed nominee, the total, and no one else.
    let (rendered, list) = laid_out_of(&root(), "danh-sach", Some("so-y-te"));
    assert!(
        rendered.doc.stem.ends_with("tham-dinh/danh-sach"),
        "{}",
        rendered.doc.stem
    );
    assert!(has(
        &list,
        "(Kèm theo Tờ trình số 318/TTr-SYT ngày 31/12/2025 của Sở Y tế)"
    ));
    for (u, n) in &passed {
        assert!(has(&list, n.nominee_name()), "{}", n.nominee_name());
        assert!(has(&list, &n.summary), "{}", n.id.value);
        if let Some(p) = &n.person {
            assert!(
                has(&list, &format!("{}, {}", p.position, u.name)),
                "{}",
                p.full_name
            );
        }
    }
    assert!(has(&list, &format!("Tổng cộng: {counted}.")));
    for other in others {
        assert!(!has(&list, other), "{other} in the list");
    }
}

/// The annex of the seed: its title lines, then the score table's cells,
/// each cell's wrapped lines joined (a cell starts after a `|` line).
fn annex_cells(seed: &str) -> Vec<String> {
    let annex = &seed[seed.find(ANNEX).expect("the seed has its annex")..];
    let mut cells: Vec<Vec<&str>> = vec![Vec::new()];
    for line in annex.lines().map(str::trim) {
        if line == "|" || line.is_empty() {
            cells.push(Vec::new());
        } else {
            cells.last_mut().unwrap().push(line);
        }
    }
    cells
        .into_iter()
        .map(|c| {
            // `**bold**` and `*italic*` marks go; `b/a * 100%` keeps its sign.
            let text = c.join(" ").replace("**", "").replace(" * ", "\u{0}");
            text.replace('*', "")
                .replace('\u{0}', " * ")
                .trim()
                .to_string()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

#[test]
fn the_annex_prints_every_cell_of_the_score_table() {
    let cells = annex_cells(SEED);
    assert!(cells.len() > 40, "the seed's table is read: {cells:#?}");
    assert!(cells.iter().any(|c| c == "115"), "the communes' total");
    let (_, placed) = laid_out(&root(), "ke-hoach");
    let text = plan_text(&placed);
    let missing: Vec<&String> = cells
        .iter()
        .filter(|c| !text.contains(&compact(c)))
        .collect();
    assert!(
        missing.is_empty(),
        "cells of the annex missing from the PDF: {missing:#?}"
    );
    // The annex is one landscape table after the signature.
    let pages = placed.pages.len();
    assert!(pages >= 2);
    let (width, height) = placed.pages[pages - 1];
    assert!(width > height, "the annex is landscape");
}

#[test]
fn the_appraisers_submission_cites_the_ranking_report() {
    let (_, placed) = laid_out_stem(&root(), "can-tho/tham-dinh/to-trinh");
    assert!(has(
        &placed,
        "Căn cứ Báo cáo số 1268/BC-SYT ngày 29/12/2025 của Sở Y tế về kết quả chấm điểm, xếp hạng phong trào thi đua vận động"
    ));
}
