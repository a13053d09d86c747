//! The provincial plan: its text is the seed's, its layout the decree's, its
//! bytes the same on every build.

mod common;

use common::*;
use thidua::build::{self, BuildOptions};
use thidua::typeset::inspect::{PlacedText, compact};

const MM: f64 = 72.0 / 25.4;
const SEED: &str = include_str!("fixtures/ke-hoach-lang-son-2024.txt");

#[test]
fn fixture_is_the_shared_seed() {
    // The seed lives in ../shared; a copy is kept so the tests run anywhere.
    let shared = reference_root().join("../shared/seed/ke-hoach-lang-son-2024.txt");
    if let Ok(text) = std::fs::read_to_string(shared) {
        assert_eq!(text, SEED, "tests/fixtures has drifted from ../shared/seed");
    }
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

fn one<'a>(placed: &'a [&'a PlacedText], what: &str) -> &'a PlacedText {
    assert!(!placed.is_empty(), "{what} not found");
    placed[0]
}

#[test]
fn page_and_margins_follow_the_decree() {
    let (_, placed) = laid_out(&reference_root(), "ke-hoach");
    assert!(placed.pages.len() >= 2);
    for (w, h) in &placed.pages {
        assert!(
            (w - 210.0 * MM).abs() < 0.5 && (h - 297.0 * MM).abs() < 0.5,
            "not A4: {w} × {h}"
        );
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
        "justified text must reach the right margin: {} mm",
        right / MM
    );
    assert!(
        bottom <= 277.0 * MM,
        "text below the bottom margin: {} mm",
        bottom / MM
    );
    // Justified body lines start at the left margin or at the 1.27 cm indent.
    let indented = body
        .iter()
        .filter(|t| (t.x - (30.0 * MM + 12.7 * MM)).abs() < 0.5)
        .count();
    assert!(indented > 10, "first-line indents of 1.27 cm: {indented}");
}

#[test]
fn header_elements_have_their_size_and_style() {
    let (_, placed) = laid_out(&reference_root(), "ke-hoach");
    let page1: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.page == 1).collect();
    let find = |needle: &str| {
        page1
            .iter()
            .copied()
            .filter(|t| t.text.contains(needle))
            .collect::<Vec<_>>()
    };

    let national = find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let national = one(&national, "Quốc hiệu");
    assert_eq!(
        (national.size, national.bold, national.italic),
        (12.0, true, false)
    );
    // On one line, inside the right column (60 % of the text width).
    let right_column_start = 30.0 * MM + 0.4 * 165.0 * MM;
    assert!(
        national.x >= right_column_start - 0.5 && national.x + national.width <= 195.0 * MM + 0.5
    );

    let motto = find("Độc lập - Tự do - Hạnh phúc");
    let motto = one(&motto, "Tiêu ngữ");
    assert_eq!((motto.size, motto.bold, motto.italic), (13.0, true, false));
    assert!(motto.y > national.y);
    let centre = |t: &PlacedText| t.x + t.width / 2.0;
    assert!(
        (centre(motto) - centre(national)).abs() < 1.0,
        "Tiêu ngữ centred under Quốc hiệu"
    );
    // A solid rule under the Tiêu ngữ, as long as it.
    let rule = placed.rules.iter().find(|r| {
        r.page == 1 && r.y > motto.y && r.y < motto.y + 10.0 && (r.length - motto.width).abs() < 1.0
    });
    assert!(
        rule.is_some(),
        "rule under the Tiêu ngữ: {:#?}",
        placed.rules
    );

    let issuing = find("TỈNH LẠNG SƠN");
    let issuing = one(&issuing, "issuing body");
    assert_eq!((issuing.size, issuing.bold), (12.0, true));
    assert!(issuing.x + issuing.width <= right_column_start);
    let issuing_rule = placed
        .rules
        .iter()
        .find(|r| r.page == 1 && r.y > issuing.y && r.y < issuing.y + 10.0);
    let issuing_rule = issuing_rule.expect("rule under the issuing body");
    let ratio = issuing_rule.length / issuing.width;
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "issuing body rule is {ratio} of the name"
    );

    let number = find("/KH-UBND");
    let number = one(&number, "Số");
    assert_eq!(
        (number.size, number.bold, number.italic),
        (13.0, false, false)
    );
    assert!(number.text.starts_with("Số:"), "{:?}", number.text);

    let date = find("tháng 5 năm 2024");
    let date = one(&date, "date");
    assert_eq!((date.size, date.bold, date.italic), (13.0, false, true));
    assert!(
        (date.y - number.y).abs() < 0.5,
        "Số and the date share a line"
    );

    let kind = find("KẾ HOẠCH");
    let kind = one(&kind, "document type");
    assert_eq!((kind.size, kind.bold), (14.0, true));
}

#[test]
fn draft_blanks_print_like_the_seed() {
    let (rendered, _) = laid_out(&reference_root(), "ke-hoach");
    let source = &rendered.source.text;
    // Runs of spaces survive as no-break spaces: `Số:      /KH-UBND`.
    assert!(
        source.contains("Số\\: \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\\/KH\\-UBND"),
        "{source}"
    );
    assert!(source.contains("ngày \u{a0}\u{a0}\u{a0}tháng 5 năm 2024"));
}

#[test]
fn footer_elements_have_their_size_and_style() {
    let (_, placed) = laid_out(&reference_root(), "ke-hoach");
    let last = placed.pages.len();
    let on_last: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.page == last).collect();
    let find = |needle: &str| {
        on_last
            .iter()
            .copied()
            .filter(|t| t.text.contains(needle))
            .collect::<Vec<_>>()
    };

    let to = find("Nơi nhận:");
    let to = one(&to, "Nơi nhận");
    assert_eq!((to.size, to.bold, to.italic), (12.0, true, true));
    assert!((to.x - 30.0 * MM).abs() < 1.0);

    for line in ["- Ban TĐKT TW;", "- Lưu: VT, NC_(PVD)."] {
        let runs = find(line);
        let run = one(&runs, line);
        assert_eq!(
            (run.size, run.bold, run.italic),
            (11.0, false, false),
            "{line}"
        );
        assert!((run.x - 30.0 * MM).abs() < 1.0, "{line} flush left");
    }

    let authority = find("TM. ỦY BAN NHÂN DÂN");
    let authority = one(&authority, "authority");
    assert_eq!((authority.size, authority.bold), (14.0, true));
    assert!(
        (authority.y - to.y).abs() < 4.0,
        "Nơi nhận level with the authority"
    );
    let name = find("Dương Xuân Huyền");
    let name = one(&name, "signer");
    assert_eq!((name.size, name.bold), (14.0, true));
    assert!(name.y - authority.y > 25.0 * MM, "room for the signature");
}

#[test]
fn page_numbers_from_page_two_centred_in_the_top_margin() {
    let (_, placed) = laid_out(&reference_root(), "ke-hoach");
    let in_top_margin = |page: usize| {
        placed
            .texts
            .iter()
            .filter(move |t| t.page == page && t.y < 20.0 * MM)
            .collect::<Vec<_>>()
    };
    assert!(
        in_top_margin(1).is_empty(),
        "page 1 has no number: {:#?}",
        in_top_margin(1)
    );
    for page in 2..=placed.pages.len() {
        let numbers = in_top_margin(page);
        assert_eq!(numbers.len(), 1, "page {page}: {numbers:#?}");
        let n = numbers[0];
        assert_eq!(n.text, page.to_string());
        assert_eq!((n.size, n.bold, n.italic), (13.0, false, false));
        let centre = n.x + n.width / 2.0;
        assert!(
            (centre - (30.0 + 165.0 / 2.0) * MM).abs() < 1.0,
            "page {page} number centred"
        );
    }
}

#[test]
fn two_builds_in_two_folders_give_identical_bytes() {
    let a = reference_copy();
    let b = reference_copy();
    let options = BuildOptions::default();
    let ra = build::build(a.path(), &options).unwrap();
    let rb = build::build(b.path(), &options).unwrap();
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
    let again = build::build(a.path(), &options).unwrap();
    assert_eq!(again.manifest, ra.manifest);
}

#[test]
fn manifest_lists_the_plan() {
    let dir = reference_copy();
    let report = build::build(dir.path(), &BuildOptions::default()).unwrap();
    let text = std::fs::read_to_string(dir.path().join("output/manifest.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json["generator"],
        format!("thidua {}", env!("CARGO_PKG_VERSION"))
    );
    let doc = &json["documents"][0];
    assert_eq!(doc["path"], "output/lang-son/ke-hoach.pdf");
    assert_eq!(doc["kind"], "ke-hoach");
    assert!(doc["unit"].is_null());
    assert_eq!(doc["inputs"][0], "inputs/campaign.yaml");
    assert!(
        doc["title"]
            .as_str()
            .unwrap()
            .starts_with("Kế hoạch triển khai thực hiện phong trào thi đua")
    );
    assert_eq!(
        doc["pages"].as_u64().unwrap() as usize,
        report.manifest.documents[0].pages
    );
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
    build::build(dir.path(), &options).unwrap();
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
