//! The provincial plan: its text is the seed's, its layout the decree's, its
//! bytes the same on every build.

mod common;

use common::layout::*;
use common::*;
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::compact;

const SEED: &str = include_str!("fixtures/ke-hoach-lang-son-2024.txt");

#[test]
fn plan_is_laid_out_as_the_decree_prescribes() {
    let (_, placed) = laid_out(&reference_root(), "ke-hoach");
    assert!(placed.pages.len() >= 2);
    assert_nd30(&placed, &LANG_SON_PLAN);
}

#[test]
fn fixture_is_the_shared_seed() {
    // The seed lives in ../shared; a copy is kept so the tests run anywhere.
    // CI checks out ../shared beside the repository: a missing seed is a
    // broken path, not a reason to skip.
    let shared = reference_root().join("../shared/seed/ke-hoach-lang-son-2024.txt");
    let text =
        std::fs::read_to_string(&shared).unwrap_or_else(|e| panic!("{}: {e}", shared.display()));
    assert_eq!(text, SEED, "tests/fixtures has drifted from ../shared/seed");
}

#[test]
fn plan_holds_every_line_of_the_seed() {
    let (_, placed) = laid_out(&reference_root(), "ke-hoach");
    // Page numbers (in the top margin) would split a paragraph that crosses a page.
    let text = compact(
        &placed
            .texts
            .iter()
            .filter(|t| t.y > 20.0 * MM)
            .map(|t| t.text.as_str())
            .collect::<String>(),
    );
    let mut missing = Vec::new();
    for line in SEED.lines().filter(|l| !l.trim().is_empty()) {
        // `**…**` marks bold in the seed's text export.
        let wanted = compact(&line.replace("**", ""));
        if !text.contains(&wanted) {
            missing.push(line);
        }
    }
    assert!(
        missing.is_empty(),
        "lines of the seed missing from the PDF: {missing:#?}"
    );
}

#[test]
fn seed_bold_date_prints_bold() {
    let (_, placed) = laid_out(&reference_root(), "ke-hoach");
    let runs = placed.find("31/12/2025");
    assert!(!runs.is_empty());
    assert!(runs.iter().all(|r| r.bold), "{runs:#?}");
}

#[test]
fn draft_blanks_print_like_the_seed() {
    let (rendered, placed) = laid_out(&reference_root(), "ke-hoach");
    // On the page: five blanks after `Số:`, three for the day.
    assert_blank(&placed, "Số:", "/KH-UBND", 4.5, 13.0);
    assert_blank(&placed, "ngày", "tháng 5 năm 2024", 3.5, 13.0);
    let source = &rendered.source.text;
    // Runs of spaces survive as no-break spaces: `Số:      /KH-UBND`.
    assert!(
        source.contains("Số\\: \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\\/KH\\-UBND"),
        "{source}"
    );
    assert!(source.contains("ngày \u{a0}\u{a0}\u{a0}tháng 5 năm 2024"));
}

#[test]
fn two_builds_in_two_folders_give_identical_bytes() {
    let a = reference_copy();
    let b = reference_copy();
    let options = BuildOptions::default();
    let ra = pipeline::build(a.path(), &options).unwrap();
    let rb = pipeline::build(b.path(), &options).unwrap();
    assert!(!ra.has_errors() && !rb.has_errors());
    assert_eq!(ra.manifest, rb.manifest);
    assert!(!ra.manifest.documents.is_empty());
    for doc in &ra.manifest.documents {
        let x = std::fs::read(a.path().join(&doc.path)).unwrap();
        let y = std::fs::read(b.path().join(&doc.path)).unwrap();
        assert!(x == y, "{} differs between folders", doc.path);
        assert_eq!(thidua::output::sha256_hex(&x), doc.sha256);
    }
    // A rebuild in place gives the same bytes again.
    let again = pipeline::build(a.path(), &options).unwrap();
    assert_eq!(again.manifest, ra.manifest);
}

#[test]
fn manifest_lists_the_plan() {
    let dir = reference_copy();
    let report = pipeline::build(dir.path(), &BuildOptions::default()).unwrap();
    let text = std::fs::read_to_string(dir.path().join("output/manifest.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["generator"],
        format!("thidua {}", env!("CARGO_PKG_VERSION"))
    );
    let doc = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "output/lang-son/ke-hoach.pdf")
        .expect("the plan is listed");
    assert_eq!(doc["kind"], "ke-hoach");
    assert!(doc["unit"].is_null());
    assert_eq!(doc["inputs"][0], "inputs/campaign.yaml");
    assert!(
        doc["title"]
            .as_str()
            .unwrap()
            .starts_with("Kế hoạch triển khai thực hiện phong trào thi đua")
    );
    let plan = report
        .manifest
        .documents
        .iter()
        .find(|d| d.path == "output/lang-son/ke-hoach.pdf")
        .unwrap();
    assert_eq!(doc["pages"].as_u64().unwrap() as usize, plan.pages);
    let pdf = std::fs::read(dir.path().join("output/lang-son/ke-hoach.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // PDF/A-2b identification and the document's own date in the metadata.
    let pdf_text = String::from_utf8_lossy(&pdf);
    assert!(
        pdf_text.contains("<pdfaid:part>2</pdfaid:part>"),
        "PDF/A part"
    );
    assert!(
        pdf_text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "PDF/A conformance"
    );
    assert!(
        pdf_text.contains("2024-05-01"),
        "document date in the XMP metadata"
    );
}

#[test]
fn keep_typst_writes_sources_that_compile_against_output() {
    let dir = reference_copy();
    let options = BuildOptions {
        keep_typst: true,
        ..BuildOptions::default()
    };
    pipeline::build(dir.path(), &options).unwrap();
    let source = std::fs::read_to_string(dir.path().join("output/lang-son/ke-hoach.typ")).unwrap();
    let library = std::fs::read_to_string(dir.path().join("output/lib/nd30.typ")).unwrap();
    assert!(source.contains("#import \"/lib/nd30.typ\": *"));
    // What `typst compile --root output` sees: the kept source and library.
    let base = thidua::typeset::Base::new([("lib/nd30.typ", library.as_str())]);
    let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    let pages = thidua::typeset::layout(&base, source, date).unwrap();
    assert!(pages.pages().len() >= 2);
}

#[test]
fn decomposed_input_is_normalised_to_nfc() {
    use unicode_normalization::UnicodeNormalization;
    let nfd: String = reference_campaign().nfd().collect();
    assert_ne!(nfd, reference_campaign());
    let dir = workspace_with_campaign(&nfd);
    let (_, placed) = laid_out(dir.path(), "ke-hoach");
    let text = placed.compact_text();
    assert!(text.contains("DươngXuânHuyền"), "NFC name");
    assert_eq!(
        text,
        text.nfc().collect::<String>(),
        "all typeset text is NFC"
    );
}

#[test]
fn an_award_with_one_item_under_it_is_not_lettered() {
    // The base's Giấy khen has only a deadline under it: no lone `a)`. The
    // provincial award keeps its a) b) c).
    let root = base_campaign_with(|c| {
        c.replacen(
            "    level: unit\n",
            "    level: unit\n    deadline: 2025-12-15\n",
            1,
        )
    });
    let (_, placed) = laid_out(root.path(), "ke-hoach");
    let text = placed.compact_text();
    let after = |heading: &str| {
        let at = text.find(&compact(heading)).expect(heading);
        text[at + compact(heading).len()..].to_string()
    };
    // After the award's own text: the deadline, unlettered.
    let giay_khen = after("thực hiện khen thưởng theo thẩm quyền.");
    assert!(
        giay_khen.starts_with(&compact(
            "Thời gian đề nghị khen thưởng: trước ngày 15/12/2025. 2.2."
        )),
        "{giay_khen}"
    );
    assert!(!has(
        &placed,
        "a) Thời gian đề nghị khen thưởng: trước ngày 15/12/2025."
    ));
    for lettered in [
        "a) Đối với tập thể",
        "b) Đối với cá nhân",
        "c) Thời gian đề nghị khen thưởng:",
    ] {
        assert!(has(&placed, lettered), "{lettered}");
    }
}
