//! The Word files: one beside every PDF, listed in the manifest, the same
//! bytes from the same inputs; opened by a real office suite (LibreOffice
//! headless, `tests/common/office.rs`), each reads as its PDF reads and
//! passes the layout checks of the PDFs. Long because every check reads the
//! Word file and its PDF with the same helpers.

mod common;

use std::path::{Path, PathBuf};

use common::layout::{Expect, assert_margins, assert_nd30, assert_page_numbers};
use common::office;
use thidua::output::Manifest;
use thidua::pipeline::{self, BuildOptions};

fn build(root: &Path, options: &BuildOptions) -> Manifest {
    let report = pipeline::build(root, options).unwrap();
    assert!(
        !report.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        report.diagnostics
    );
    Manifest::read(&root.join("output/manifest.json")).unwrap()
}

/// A part of the Word file at `docx` (relative to `root`), as text.
fn docx_part(root: &Path, docx: &str, name: &str) -> String {
    let file = std::fs::File::open(root.join(docx)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

/// The body of the Word file beside the PDF at `pdf` (as the manifest lists it).
fn word_body(root: &Path, manifest: &Manifest, pdf: &str) -> String {
    let entry = (manifest.documents.iter()).find(|d| d.path == pdf).unwrap();
    docx_part(
        root,
        &entry.docx.as_ref().unwrap().path,
        "word/document.xml",
    )
}

/// Every document but a packet has its `.docx` beside its PDF, listed with its hash.
fn assert_every_document_has_its_word_file(root: &Path, manifest: &Manifest) {
    for d in &manifest.documents {
        match (&d.docx, d.kind.as_str()) {
            (None, "packet") => {}
            (Some(docx), _) if d.kind != "packet" => {
                assert_eq!(docx.path, d.path.replace(".pdf", ".docx"));
                let bytes = std::fs::read(root.join(&docx.path)).unwrap();
                assert_eq!(
                    docx.sha256,
                    thidua::output::sha256_hex(&bytes),
                    "{}",
                    docx.path
                );
            }
            (docx, kind) => panic!("{kind} {}: docx {docx:?}", d.path),
        }
    }
}

/// Builds `workspace` in a copy, opens every Word file in LibreOffice and
/// compares its words with its PDF's, in order; returns the converted PDFs
/// by document path, with the copy that holds them.
fn open_all(workspace: &Path) -> Option<(tempfile::TempDir, Vec<(String, PathBuf)>)> {
    let dir = tempfile::tempdir().unwrap();
    common::copy_workspace(workspace, dir.path());
    let manifest = build(dir.path(), &BuildOptions::default());
    assert_every_document_has_its_word_file(dir.path(), &manifest);
    if !office::available() {
        return None;
    }
    let docs: Vec<_> = manifest
        .documents
        .iter()
        .filter(|d| d.docx.is_some())
        .collect();
    let files: Vec<(String, PathBuf)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            (
                format!("d{i}"),
                dir.path().join(&d.docx.as_ref().unwrap().path),
            )
        })
        .collect();
    let office_dir = dir.path().join("office");
    let pdfs = office::convert(&files, &office_dir);
    let mut mismatches = vec![];
    let mut converted = vec![];
    for (i, d) in docs.iter().enumerate() {
        let from_word = &pdfs[&format!("d{i}")];
        // Pages break elsewhere in Word: a repeated header row prints a
        // different number of times, a table row split across pages reads
        // in another order. So the words are compared as counts; and where
        // lines break differently (inside a word longer than its cell, or
        // where the PDF reader joins two lines' words) the words that differ
        // hold the same letters on both sides.
        let typst = office::word_counts(&dir.path().join(&d.path));
        let word = office::word_counts(from_word);
        let repeated =
            office::repeated_header_words(&dir.path().join(&d.docx.as_ref().unwrap().path));
        let differ: Vec<String> = typst
            .keys()
            .chain(word.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .filter(|w| {
                let (a, b) = (
                    typst.get(*w).copied().unwrap_or(0),
                    word.get(*w).copied().unwrap_or(0),
                );
                if repeated.contains(*w) {
                    (a == 0) != (b == 0)
                } else {
                    a != b
                }
            })
            .map(|w| {
                format!(
                    "`{w}` PDF {} Word {}",
                    typst.get(w).unwrap_or(&0),
                    word.get(w).unwrap_or(&0)
                )
            })
            .collect();
        let letters = |counts: &std::collections::BTreeMap<String, usize>,
                       other: &std::collections::BTreeMap<String, usize>| {
            let mut chars: Vec<char> = counts
                .iter()
                .filter(|(w, _)| !repeated.contains(*w))
                .flat_map(|(w, n)| {
                    let extra = n.saturating_sub(other.get(w).copied().unwrap_or(0));
                    std::iter::repeat_n(w.chars(), extra).flatten()
                })
                .collect();
            chars.sort_unstable();
            chars
        };
        if !differ.is_empty() && letters(&typst, &word) != letters(&word, &typst) {
            mismatches.push(format!("{}: {}", d.path, differ.join(", ")));
        }
        // The same paper, the same way up.
        let (pdf_pages, word_pages) = (
            office::placed(&dir.path().join(&d.path)).pages,
            office::placed(from_word).pages,
        );
        let size = |p: &[(f64, f64)]| p.first().map(|(w, h)| (w.round(), h.round()));
        assert_eq!(size(&pdf_pages), size(&word_pages), "{}: page size", d.path);
        converted.push((d.path.clone(), from_word.clone()));
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    Some((dir, converted))
}

fn converted<'a>(all: &'a [(String, PathBuf)], path: &str) -> &'a Path {
    &all.iter()
        .find(|(p, _)| p.ends_with(path))
        .unwrap_or_else(|| panic!("{path}"))
        .1
}

/// Every page A4; in every document of more than one page without an
/// attached list (numbered on its own), the margins, indents and page
/// numbers of the PDFs' checks, on the pages LibreOffice laid out.
fn assert_pages(all: &[(String, PathBuf)]) {
    let mut checked = 0;
    for (path, pdf) in all {
        let placed = office::placed(pdf);
        for (w, h) in &placed.pages {
            let (short, long) = (w.min(*h), w.max(*h));
            assert!(
                (short - 595.3).abs() < 1.0 && (long - 841.9).abs() < 1.0,
                "{path}: not A4"
            );
        }
        let portrait = placed.pages.iter().all(|(w, h)| w < h);
        let attached = path.contains("quyet-dinh") || path.contains("danh-sach");
        if portrait && !attached && placed.pages.len() >= 2 {
            assert_margins(&placed);
            assert_page_numbers(&placed);
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked} documents checked");
}

#[test]
fn reference_word_files_read_as_their_pdfs_and_keep_the_layout() {
    let Some((_dir, all)) = open_all(&common::reference_root()) else {
        return;
    };
    // Header, footer, margins and page numbers as the PDFs' tests check them.
    let submission = office::placed(converted(
        &all,
        "so-noi-vu/bang-khen-chu-tich-tinh/to-trinh.pdf",
    ));
    let expect = Expect {
        issuing: "SỞ NỘI VỤ",
        number: "/TTr-SNV",
        date: "tháng 11 năm 2025",
        kind: "TỜ TRÌNH",
        recipient_lines: &["- Như trên;", "- Lãnh đạo Sở Nội vụ;", "- Lưu: VT."],
        authority: "GIÁM ĐỐC",
        signer: "Lý Văn Thắng",
    };
    assert_nd30(&submission, &expect);

    let plan = office::placed(converted(&all, "lang-son/ke-hoach.pdf"));
    let expect = common::layout::LANG_SON_PLAN;
    assert_nd30(&plan, &expect);

    let report = office::placed(converted(&all, "so-khoa-hoc-cong-nghe/bao-cao.pdf"));
    let expect = Expect {
        issuing: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        number: "251/BC-SKHCN",
        date: "ngày 12 tháng 11 năm 2025",
        kind: "BÁO CÁO",
        recipient_lines: &["- Sở Nội vụ;", "- Lưu: VT."],
        authority: "KT. GIÁM ĐỐC",
        signer: "Hà Thị Mai",
    };
    assert_nd30(&report, &expect);

    assert_pages(&all);

    // A list is landscape; its header row repeats on every page.
    let list = office::placed(converted(&all, "tham-dinh/danh-sach.pdf"));
    assert!(list.pages.len() >= 2);
    for page in 1..=list.pages.len() {
        assert!(list.pages[page - 1].0 > list.pages[page - 1].1, "landscape");
        assert!(
            list.texts
                .iter()
                .any(|t| t.page == page && t.bold && t.text.contains("Tóm tắt thành tích")),
            "header row on page {page}"
        );
    }
}

#[test]
fn can_tho_word_files_read_as_their_pdfs() {
    if let Some((_dir, all)) = open_all(&common::reference_root().join("tests/reference/can-tho")) {
        assert_pages(&all);
    }
}

#[test]
fn nghe_an_word_files_read_as_their_pdfs() {
    if let Some((_dir, all)) = open_all(&common::reference_root().join("tests/reference/nghe-an")) {
        assert_pages(&all);
    }
}

#[test]
fn word_files_are_reproducible_listed_and_optional() {
    let dir = common::reference_copy();
    let first = build(dir.path(), &BuildOptions::default());
    let bytes = |m: &Manifest| -> Vec<(String, Vec<u8>)> {
        m.documents
            .iter()
            .filter_map(|d| d.docx.as_ref())
            .map(|a| {
                (
                    a.path.clone(),
                    std::fs::read(dir.path().join(&a.path)).unwrap(),
                )
            })
            .collect()
    };
    let before = bytes(&first);
    assert!(before.len() > 30);
    // Typeset again from nothing: byte for byte the same files.
    let again = build(
        dir.path(),
        &BuildOptions {
            force: true,
            ..BuildOptions::default()
        },
    );
    assert_eq!(before, bytes(&again));
    // A Word file deleted by hand comes back; nothing else is rewritten.
    let victim = dir.path().join(&before[0].0);
    std::fs::remove_file(&victim).unwrap();
    let report = pipeline::build(dir.path(), &BuildOptions::default()).unwrap();
    assert_eq!(report.rewritten.len(), 1, "{:?}", report.rewritten);
    assert!(victim.is_file());
    // `--no-docx`: no Word file, none listed; on again, all back.
    let off = build(
        dir.path(),
        &BuildOptions {
            no_docx: true,
            ..BuildOptions::default()
        },
    );
    assert!(off.documents.iter().all(|d| d.docx.is_none()));
    assert!(!victim.is_file(), "a Word file no build lists is removed");
    let on = build(dir.path(), &BuildOptions::default());
    assert_eq!(before, bytes(&on));
}

/// The package as Word reads it: A4 and the decree's margins in twips, the
/// page number a PAGE field shown from page 2, Times New Roman 14 pt body
/// justified with its 1.27 cm indent, header rows repeated, an attached
/// list in its own section numbered from 1.
#[test]
fn word_file_is_laid_out_in_words_own_terms() {
    let dir = common::reference_copy();
    let manifest = build(dir.path(), &BuildOptions::default());
    let part = |docx: &str, name: &str| docx_part(dir.path(), docx, name);
    let decision = manifest
        .documents
        .iter()
        .find(|d| d.path.ends_with("so-noi-vu/quyet-dinh.pdf"))
        .unwrap();
    let docx = &decision.docx.as_ref().unwrap().path;
    let body = part(docx, "word/document.xml");
    assert!(body.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#), "A4");
    assert!(
        body.contains(r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#),
        "20/15/20/30 mm"
    );
    assert_eq!(
        body.matches("<w:titlePg/>").count(),
        2,
        "two sections, no number on their first page"
    );
    assert!(
        body.contains(r#"<w:pgNumType w:start="1"/>"#),
        "the attached list numbered on its own"
    );
    assert!(
        body.contains("<w:tblHeader/>"),
        "the list's header row repeats"
    );
    assert!(body.contains("Nơi nhận:"));
    let header = part(docx, "word/header1.xml");
    assert!(header.contains(" PAGE ") && header.contains(r#"<w:jc w:val="center"/>"#));
    let styles = part(docx, "word/styles.xml");
    assert!(styles.contains(r#"w:ascii="Times New Roman""#));
    assert!(styles.contains(r#"<w:sz w:val="28"/>"#), "14 pt");
    assert!(
        styles.contains(r#"<w:ind w:firstLine="720"/><w:jc w:val="both"/>"#),
        "justified, 1.27 cm"
    );
    // Every part is well-formed XML.
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/settings.xml",
        "[Content_Types].xml",
        "docProps/core.xml",
    ] {
        let text = part(docx, name);
        let mut reader = quick_xml::Reader::from_str(&text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
}

/// A national submission's `ho-so.zip`: every part of its packet as PDF and
/// Word file, named in order, the same bytes as the parts' own files.
#[test]
fn national_submission_has_its_dossier_as_the_national_system_takes_it() {
    let dir = common::reference_copy();
    let manifest = build(dir.path(), &BuildOptions::default());
    let packet = manifest
        .documents
        .iter()
        .find(|d| d.path.ends_with("bang-khen-thu-tuong/packet.pdf"))
        .unwrap();
    let archive = packet
        .attachments
        .iter()
        .find(|a| a.path.ends_with("bang-khen-thu-tuong/ho-so.zip"))
        .expect("ho-so.zip listed with the packet");
    let bytes = std::fs::read(dir.path().join(&archive.path)).unwrap();
    assert_eq!(archive.sha256, thidua::output::sha256_hex(&bytes));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    let mut expected = vec![];
    for (i, part) in packet.parts.iter().enumerate() {
        let name = thidua::output::dossier::part_name(
            i + 1,
            part.path
                .trim_start_matches("output/")
                .trim_end_matches(".pdf"),
        );
        let entry = manifest
            .documents
            .iter()
            .find(|d| d.path == part.path)
            .unwrap();
        for (ext, path) in [
            ("pdf", &entry.path),
            ("docx", &entry.docx.as_ref().unwrap().path),
        ] {
            let mut inside = vec![];
            std::io::Read::read_to_end(
                &mut zip.by_name(&format!("{name}.{ext}")).unwrap(),
                &mut inside,
            )
            .unwrap();
            assert_eq!(
                inside,
                std::fs::read(dir.path().join(path)).unwrap(),
                "{name}.{ext}"
            );
            expected.push(format!("{name}.{ext}"));
        }
    }
    assert_eq!(names, expected);
    assert_eq!(names[..2], ["01-to-trinh.pdf", "01-to-trinh.docx"]);
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("04-bao-cao-thanh-tich-"))
    );
    // Provincial packets have none.
    assert!(
        manifest
            .documents
            .iter()
            .filter(|d| d.path.ends_with("tham-dinh/packet.pdf"))
            .all(|d| d.attachments.iter().all(|a| !a.path.ends_with(".zip")))
    );
}

/// A workspace's template override changes the PDF and the Word file alike:
/// one source of wording.
#[test]
fn a_template_override_changes_both_files() {
    let dir = common::reference_copy();
    let builtin =
        std::fs::read_to_string(common::reference_root().join("templates/to-trinh.typ")).unwrap();
    let marker = "#par[Kính trình {{ authority_short }} xem xét, quyết định./.]";
    assert!(builtin.contains(marker));
    let sentence = "Câu riêng của mẫu ghi đè: #không-phải-mã $x$.";
    let overridden = builtin.replace(marker, &format!("#par[{{{{ {:?} }}}}]\n{marker}", sentence));
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/to-trinh.typ"), overridden).unwrap();
    let manifest = build(dir.path(), &BuildOptions::default());
    let stem = "lang-son/so-noi-vu/bang-khen-chu-tich-tinh/to-trinh";
    let xml = word_body(dir.path(), &manifest, &format!("output/{stem}.pdf"));
    assert!(
        xml.contains("Câu riêng của mẫu ghi đè: #không-phải-mã $x$."),
        "in the Word file"
    );
    let (_, placed) = common::laid_out_stem(dir.path(), stem);
    assert!(common::has(&placed, sentence), "in the PDF");
}

/// The layout library's tables take their cells as an array (`rows:`, what
/// the built-in templates pass: Typst binds spread arguments in quadratic
/// time) and, for a workspace's templates written before, one by one; both
/// print, in order, in the PDF and the Word file.
#[test]
fn tables_take_their_cells_as_an_array_or_one_by_one() {
    let dir = common::reference_copy();
    let head = "#import \"/lib/nd30.typ\": *\n#show: official-document.with(title: {{ title|typst_str }}, date: {{ campaign.plan.date|typst_date }})\n";
    let body = "#data-table(columns: (1fr, 1fr), header: ([A], [B]), rows: ([Mảng một], [Mảng hai]), [Lẻ một], [Lẻ hai])\n\
                #count-table(columns: (1fr, 1fr), header: ([C], [D]), [Đếm một], [Đếm hai])\n";
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/ke-hoach.typ"),
        format!("{head}{body}"),
    )
    .unwrap();
    let cells = [
        "Mảng một",
        "Mảng hai",
        "Lẻ một",
        "Lẻ hai",
        "Đếm một",
        "Đếm hai",
    ];
    let (_, placed) = common::laid_out(dir.path(), "ke-hoach");
    let text = placed.compact_text();
    let at: Vec<usize> = (cells.iter())
        .map(|c| text.find(&c.replace(' ', "")).expect(c))
        .collect();
    assert!(at.is_sorted(), "in order in the PDF: {text}");
    let manifest = build(dir.path(), &BuildOptions::default());
    let xml = word_body(dir.path(), &manifest, "output/lang-son/ke-hoach.pdf");
    let at: Vec<usize> = cells.iter().map(|c| xml.find(c).expect(c)).collect();
    assert!(at.is_sorted(), "in order in the Word file");
}

/// A workspace's own layout library written before the Word files (no
/// `word` branches): every PDF is still written, each Word file that cannot
/// be made is a warning (TD0018) shown again at the next build.
#[test]
fn a_layout_library_without_word_branches_keeps_the_pdfs() {
    let dir = common::reference_copy();
    let library =
        std::fs::read_to_string(common::reference_root().join("templates/lib/nd30.typ")).unwrap();
    let marker = "#let word = sys.inputs.at(\"thidua-target\", default: none) == \"word\"";
    assert!(library.contains(marker));
    std::fs::create_dir_all(dir.path().join("templates/lib")).unwrap();
    std::fs::write(
        dir.path().join("templates/lib/nd30.typ"),
        library.replace(marker, "#let word = false"),
    )
    .unwrap();
    for _ in 0..2 {
        let report = pipeline::build(dir.path(), &BuildOptions::default()).unwrap();
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        let documents = report
            .manifest
            .documents
            .iter()
            .filter(|d| d.kind != "packet")
            .count();
        let warned = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "TD0018")
            .count();
        assert_eq!(
            warned, documents,
            "one warning per document, at every build"
        );
        assert!(report.manifest.documents.iter().all(|d| d.docx.is_none()));
        for d in &report.manifest.documents {
            assert!(dir.path().join(&d.path).is_file(), "{}", d.path);
        }
    }
}
