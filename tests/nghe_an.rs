//! The second reference campaign: UBND tỉnh Nghệ An's Kế hoạch 982/KH-UBND of
//! 19/11/2025 (`tests/reference/nghe-an/`), a plan shaped unlike Lạng Sơn's:
//! criteria per kind of subject lettered a) … đ), awards up to the Huân
//! chương Lao động (granted by the Chủ tịch nước on the Thủ tướng's
//! submission), a period ending at an event. Its units and appraisal check
//! clean, a full build writes every kind of document, and the plan's PDF
//! holds every paragraph of the original, in order.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::layout::*;
use common::seed::{SeedText, plan_text, seed_texts};
use common::*;
use thidua::model::campaign::{AwardLevel, PeriodEnd, PeriodStart};
use thidua::model::unit::SubjectType;
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::compact;

const SEED: &str = include_str!("fixtures/ke-hoach-nghe-an-2025.md");

fn root() -> PathBuf {
    reference_root().join("tests/reference/nghe-an")
}

/// A temporary copy of the Nghệ An workspace (builds write `output/`).
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&root(), dir.path());
    dir
}

/// The original prints its summary (ô 5a) in capitals; the campaign writes it
/// in lower case, as Nghị định 30 (Phụ lục I) sets it and as other documents
/// quote it ("… về triển khai Đợt thi đua …"). It is compared without case.
const SUMMARY_START: &str = "TRIỂN KHAI ĐỢT THI ĐUA";

#[test]
fn fixture_is_the_shared_seed() {
    // A copy is kept so the tests run anywhere; a missing ../shared is a
    // broken path, not a reason to skip.
    let shared = reference_root().join("../shared/seed/ke-hoach-nghe-an-2025.md");
    let text =
        std::fs::read_to_string(&shared).unwrap_or_else(|e| panic!("{}: {e}", shared.display()));
    assert_eq!(text, SEED, "tests/fixtures has drifted from ../shared/seed");
}

#[test]
fn seed_is_read_as_paragraphs_and_table_lines() {
    let texts = seed_texts(SEED);
    let body: Vec<&SeedText> = texts.iter().filter(|t| !t.in_table).collect();
    // Header: 2 bodies, 2 + 1 Quốc hiệu and Tiêu ngữ, number, 2 of the date;
    // footer: Nơi nhận and 11 lines, 5 of the signer.
    assert_eq!(texts.len() - body.len(), 8 + 17);
    assert_eq!(body.len(), 61);
    assert_eq!(body[0].text, "KẾ HOẠCH");
    assert!(body[1].text.starts_with(SUMMARY_START));
    assert!(body[60].text.ends_with("xem xét, quyết định./."));
    let headings: Vec<&str> = body
        .iter()
        .filter(|t| t.bold)
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(headings.len(), 17, "{headings:#?}");
    assert!(headings.contains(&"đ) Đối với cá nhân"));
    assert!(
        texts
            .iter()
            .any(|t| t.in_table && t.text == "- Lưu: VT, NC (TP, Loan).")
    );
    assert!(texts.iter().all(|t| !t.text.contains('*')));
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
fn plan_headings_are_bold_and_upright_as_in_the_seed() {
    let (_, placed) = laid_out(&root(), "ke-hoach");
    for t in seed_texts(SEED).iter().filter(|t| t.bold) {
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
    // The criteria sets are lettered in Vietnamese order, a) … đ).
    let text = plan_text(&placed);
    let letters = [
        "a)Đốivớitỉnh",
        "b)ĐốivớiỦy",
        "c)Đốivớicác",
        "d)Đốivớicác",
        "đ)Đốivớicá",
    ];
    let mut at = 0;
    for l in letters {
        let i = text[at..].find(l).unwrap_or_else(|| panic!("{l} in order"));
        at += i + l.len();
    }
    // The awards of III.2.a, one per line, `;` then `.`.
    for line in [
        "- Huân chương Lao động;",
        "- Bằng khen của Thủ tướng Chính phủ;",
        "- Bằng khen của Chủ tịch UBND tỉnh;",
        "- Giấy khen.",
    ] {
        let runs = placed.find(line);
        assert_eq!(runs.len(), 1, "{line}");
        assert!(!runs[0].bold && !runs[0].italic, "{line}");
    }
}

#[test]
fn plan_is_laid_out_as_the_decree_prescribes() {
    let (_, placed) = laid_out(&root(), "ke-hoach");
    assert_nd30(
        &placed,
        &Expect {
            issuing: "TỈNH NGHỆ AN",
            number: "982/KH-UBND",
            date: "ngày 19 tháng 11 năm 2025",
            kind: "KẾ HOẠCH",
            recipient_lines: &[
                "- Bộ Nội vụ (Báo cáo);",
                "- PCT UBND tỉnh Phùng Thành Vinh;",
                "- Lưu: VT, NC (TP, Loan).",
            ],
            authority: "TM. ỦY BAN NHÂN DÂN",
            signer: "Phùng Thành Vinh",
        },
    );
}

#[test]
fn campaign_models_the_plan() {
    let checked = pipeline::check(&root(), &BuildOptions::default()).unwrap();
    let c = &checked.workspace.campaign.as_ref().unwrap().value;
    assert_eq!(c.content_items.len(), 5);
    // From the issue date to an event, with the day the rules read it as.
    assert_eq!(c.period.start.value, PeriodStart::IssueDate);
    let PeriodEnd::Event(event) = &c.period.end.value else {
        panic!("the period ends at an event")
    };
    assert!(event.event.starts_with("khi tổ chức thành công Đại hội"));
    assert_eq!(c.period_start().to_string(), "2025-11-19");
    assert_eq!(c.period_end().unwrap().to_string(), "2026-01-31");
    // Five criteria sets, a) the province itself … đ) individuals.
    let sets: Vec<(&str, SubjectType)> = c
        .criteria_sets
        .iter()
        .map(|s| (s.title.as_str(), s.subject))
        .collect();
    assert_eq!(
        sets,
        [
            ("Đối với tỉnh Nghệ An", SubjectType::Collective),
            (
                "Đối với Ủy ban Mặt trận Tổ quốc tỉnh, các tổ chức chính trị - xã hội",
                SubjectType::Collective
            ),
            (
                "Đối với các cơ quan, đơn vị trên địa bàn tỉnh",
                SubjectType::Collective
            ),
            ("Đối với các doanh nghiệp", SubjectType::Collective),
            ("Đối với cá nhân", SubjectType::Individual),
        ]
    );
    // The Huân chương Lao động: chosen from the provincial pool by the UBND
    // tỉnh, submitted to the Thủ tướng, granted by the Chủ tịch nước.
    let hcld = c.award("huan-chuong-lao-dong").unwrap();
    assert_eq!(hcld.level, AwardLevel::National);
    let sel = hcld.selection.as_ref().unwrap();
    assert_eq!(sel.pool.value, "bang-khen-chu-tich-tinh");
    assert_eq!(sel.selected_by, "UBND tỉnh");
    assert_eq!(sel.submitted_to, "Thủ tướng Chính phủ");
    assert_eq!(sel.granted_by.as_deref(), Some("Chủ tịch nước"));
    let levels: Vec<(&str, AwardLevel)> = c
        .awards
        .iter()
        .map(|a| (a.name.as_str(), a.level))
        .collect();
    assert_eq!(
        levels,
        [
            ("Huân chương Lao động", AwardLevel::National),
            ("Bằng khen của Thủ tướng Chính phủ", AwardLevel::National),
            ("Bằng khen của Chủ tịch UBND tỉnh", AwardLevel::Province),
            ("Giấy khen", AwardLevel::Unit),
        ]
    );
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
fn nominations_claim_the_criteria_set_of_their_kind() {
    let checked = pipeline::check(&root(), &BuildOptions::default()).unwrap();
    let c = &checked.workspace.campaign.as_ref().unwrap().value;
    let units = &checked.workspace.units;
    let kinds: BTreeSet<&str> = units
        .iter()
        .map(|u| u.value.unit_kind.value.as_str())
        .collect();
    assert_eq!(
        kinds,
        BTreeSet::from(["doanh nghiệp", "sở", "UBND phường"]),
        "a sở, a phường and an enterprise"
    );
    let mut claimed_sets = BTreeSet::new();
    let mut subjects = BTreeSet::new();
    for n in units.iter().flat_map(|u| &u.value.nominations) {
        let award = c.award(&n.award.value).unwrap();
        assert_eq!(award.level, AwardLevel::Province);
        assert!(award.criteria.collective.is_empty() && award.criteria.individual.is_empty());
        let subject = n.subject().unwrap();
        let kind = match (&n.collective, &n.person) {
            (Some(col), _) => col.kind.value.as_str(),
            (_, Some(p)) => p.staff_kind.value.as_str(),
            _ => unreachable!(),
        };
        let set = award
            .set_for(&c.criteria_sets, subject, kind)
            .and_then(|s| s.set)
            .unwrap_or_else(|| panic!("{}: no criteria set", n.id.value));
        for k in &n.criteria {
            assert!(
                set.criteria.iter().any(|o| o.id.value == k.value),
                "{} claims {} outside its set {}",
                n.id.value,
                k.value,
                set.id.value
            );
        }
        claimed_sets.insert(set.id.value.as_str());
        subjects.insert(subject);
    }
    assert_eq!(
        claimed_sets,
        BTreeSet::from([
            "doi-voi-ca-nhan",
            "doi-voi-co-quan-don-vi",
            "doi-voi-doanh-nghiep"
        ])
    );
    assert_eq!(subjects.len(), 2, "collectives and individuals");
    // a) is the province itself: a kind of subject no unit file has.
    assert!(units.iter().all(|u| u.value.unit_kind.value != "tỉnh"));
}

const KINDS: [&str; 9] = [
    "ke-hoach",
    "bao-cao",
    "to-trinh",
    "danh-sach",
    "bao-cao-thanh-tich",
    "quyet-dinh",
    "bien-ban",
    "tong-hop",
    "packet",
];

#[test]
fn full_build_writes_every_document_kind() {
    let dir = copy();
    let report = pipeline::build(dir.path(), &BuildOptions::default()).unwrap();
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let manifest = &report.manifest;
    let kinds: BTreeSet<&str> = manifest.documents.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, BTreeSet::from(KINDS));
    for d in &manifest.documents {
        let bytes = std::fs::read(dir.path().join(&d.path)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{}", d.path);
    }
    let paths: BTreeSet<&str> = manifest.documents.iter().map(|d| d.path.as_str()).collect();
    for unit in [
        "so-noi-vu",
        "ubnd-phuong-truong-vinh",
        "cong-ty-xay-dung-lam-hong",
    ] {
        for doc in [
            "ke-hoach",
            "quyet-dinh",
            "bang-khen-chu-tich-tinh/to-trinh",
            "bang-khen-chu-tich-tinh/danh-sach",
            "bang-khen-chu-tich-tinh/bien-ban",
            "bang-khen-chu-tich-tinh/packet",
        ] {
            let path = format!("output/nghe-an/{unit}/{doc}.pdf");
            assert!(paths.contains(path.as_str()), "{path}");
        }
    }
    for doc in [
        "ke-hoach",
        "tham-dinh/to-trinh",
        "tham-dinh/danh-sach",
        "tham-dinh/bien-ban",
        "tham-dinh/quyet-dinh",
        "tham-dinh/tong-hop",
        "tham-dinh/packet",
        "huan-chuong-lao-dong/to-trinh",
        "huan-chuong-lao-dong/danh-sach",
        "huan-chuong-lao-dong/packet",
        "huan-chuong-lao-dong/bao-cao-thanh-tich/cong-ty-xay-dung-lam-hong/dn-cong-ty-lam-hong",
        "bang-khen-thu-tuong/to-trinh",
        "bang-khen-thu-tuong/danh-sach",
        "bang-khen-thu-tuong/packet",
    ] {
        let path = format!("output/nghe-an/{doc}.pdf");
        assert!(paths.contains(path.as_str()), "{path}");
    }
}

#[test]
fn huan_chuong_goes_to_the_prime_minister_for_the_president() {
    let (_, placed) = laid_out_stem(&root(), "nghe-an/huan-chuong-lao-dong/to-trinh");
    assert!(has(
        &placed,
        "Kính gửi: Thủ tướng Chính phủ (qua Bộ Nội vụ)."
    ));
    assert!(has(
        &placed,
        "kính đề nghị Thủ tướng Chính phủ xem xét, trình Chủ tịch nước tặng Huân chương Lao động cho 01 tập thể"
    ));
    assert!(has(
        &placed,
        "Kính trình Thủ tướng Chính phủ xem xét, trình Chủ tịch nước quyết định./."
    ));
    assert!(has(
        &placed,
        "Công ty Cổ phần Xây dựng Giao thông Lam Hồng."
    ));
    // The Thủ tướng grants his own Bằng khen: asked to award, not to relay.
    let (_, placed) = laid_out_stem(&root(), "nghe-an/bang-khen-thu-tuong/to-trinh");
    assert!(has(
        &placed,
        "kính đề nghị Thủ tướng Chính phủ xem xét, tặng Bằng khen của Thủ tướng Chính phủ cho 01 tập thể và 01 cá nhân"
    ));
    assert!(!has(&placed, "Chủ tịch nước"));
}

#[test]
fn provincial_decision_leaves_out_those_sent_up_and_those_failed() {
    let (_, placed) = laid_out_stem(&root(), "nghe-an/tham-dinh/quyet-dinh");
    for name in [
        "Sở Nội vụ tỉnh Nghệ An",
        "Nguyễn Đình Quang",
        "Trần Văn Lợi",
        "Lê Văn Hùng",
    ] {
        assert!(has(&placed, name), "{name} is awarded");
    }
    for name in [
        "Hồ Thị Thanh Tâm",
        "UBND phường Trường Vinh,",
        "Phan Thị Minh Huyền",
    ] {
        assert!(!has(&placed, name), "{name} is not in the decision");
    }
    assert!(has(
        &placed,
        "Tặng Bằng khen của Chủ tịch UBND tỉnh cho 01 tập thể và 03 cá nhân"
    ));
}

#[test]
fn unit_plan_words_the_period_ending_at_an_event() {
    let (_, placed) = laid_out_of(&root(), "ke-hoach", Some("ubnd-phuong-truong-vinh"));
    assert!(has(
        &placed,
        "Từ ngày ban hành Kế hoạch đến khi tổ chức thành công Đại hội đại biểu toàn quốc lần thứ XIV của Đảng."
    ));
    assert!(has(
        &placed,
        "Thực hiện Kế hoạch số 982/KH-UBND ngày 19/11/2025 của UBND tỉnh Nghệ An về triển khai Đợt thi đua"
    ));
}
