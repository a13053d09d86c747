//! Opening Word files as an office would: LibreOffice headless
//! (`libreoffice-writer-nogui`) converts them to PDF with the embedded
//! fonts' files standing in for Times New Roman, and poppler
//! (`poppler-utils`) reads the PDFs back: their text, and their runs and
//! rules placed on the pages, for the layout checks of `layout.rs`.
//! `.ci/run` installs both; under CI a missing one fails the test.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use thidua::typeset::inspect::{Placed, PlacedRule, PlacedText};

/// Whether the office tools are there. Missing: a panic under CI (`THIDUA_CI`,
/// set by `.ci/run`, or `CI`), otherwise `false` with a note, so that a
/// developer without LibreOffice can still run `cargo test`.
pub fn available() -> bool {
    let found = |program: &str| {
        Command::new(program)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    };
    let missing: Vec<&str> = ["soffice", "pdftotext", "pdftohtml"]
        .into_iter()
        .filter(|p| !found(p))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let ci = std::env::var_os("THIDUA_CI").is_some() || std::env::var_os("CI").is_some();
    assert!(
        !ci,
        "{missing:?} missing: .ci/run installs libreoffice-writer-nogui and poppler-utils"
    );
    eprintln!("note: {missing:?} not installed; the Word files were not opened in an office suite");
    false
}

/// Converts each `(name, docx)` to PDF in one LibreOffice run; the PDFs by name.
pub fn convert(files: &[(String, PathBuf)], dir: &Path) -> BTreeMap<String, PathBuf> {
    let (input, output) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&input).unwrap();
    std::fs::create_dir_all(&output).unwrap();
    let fonts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
    // Times New Roman is the Liberation Serif the PDFs embed, from the same files.
    let conf = format!(
        r#"<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{}</dir>
  <cachedir>{}</cachedir>
  <alias binding="same"><family>Times New Roman</family><prefer><family>Liberation Serif</family></prefer></alias>
</fontconfig>"#,
        fonts.display(),
        dir.join("fontcache").display()
    );
    std::fs::write(dir.join("fonts.conf"), conf).unwrap();
    let mut args: Vec<String> = vec![
        format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ),
        "--headless".into(),
        "--norestore".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        output.display().to_string(),
    ];
    for (name, docx) in files {
        let copy = input.join(format!("{name}.docx"));
        std::fs::copy(docx, &copy).unwrap();
        args.push(copy.display().to_string());
    }
    let mut child = Command::new("soffice")
        .args(&args)
        .env("FONTCONFIG_FILE", dir.join("fonts.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("soffice runs");
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            panic!("LibreOffice did not finish converting in 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    files
        .iter()
        .map(|(name, _)| {
            let pdf = output.join(format!("{name}.pdf"));
            assert!(pdf.is_file(), "LibreOffice did not convert {name}.docx");
            (name.clone(), pdf)
        })
        .collect()
}

/// A PDF's words in content order, page numbers (a page's first line when
/// it is a number) left out: pages break in different places in Word.
pub fn words(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut words = vec![];
    for page in text.split('\u{c}') {
        let mut lines = page.lines().filter(|l| !l.trim().is_empty()).peekable();
        if lines
            .peek()
            .is_some_and(|l| l.trim().chars().all(|c| c.is_ascii_digit()))
        {
            lines.next();
        }
        for line in lines {
            words.extend(line.split_whitespace().map(str::to_string));
        }
    }
    words
}

/// A PDF's words and how often each occurs, page numbers left out; a word
/// is cut after `-` and `/`, where a line may break (`1235/QĐ-` | `UBND`).
pub fn word_counts(pdf: &Path) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in words(pdf) {
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if c == '-' || c == '/' {
                *counts.entry(std::mem::take(&mut piece)).or_default() += 1;
            }
        }
        if !piece.is_empty() {
            *counts.entry(piece).or_default() += 1;
        }
    }
    counts
}

/// The words of a Word file's repeated header rows (`w:tblHeader`), cut as
/// `word_counts` cuts them: they print once on every page a table spans.
pub fn repeated_header_words(docx: &Path) -> std::collections::BTreeSet<String> {
    let file = std::fs::File::open(docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut words = std::collections::BTreeSet::new();
    for row in xml.split("<w:tr>").skip(1) {
        let row = row.split("</w:tr>").next().unwrap_or("");
        if !row.contains("<w:tblHeader/>") {
            continue;
        }
        for text in row.split("<w:t xml:space=\"preserve\">").skip(1) {
            let text = text.split("</w:t>").next().unwrap_or("");
            for word in text.split_whitespace() {
                for piece in word.split_inclusive(['-', '/']) {
                    words.insert(piece.replace("&amp;", "&"));
                }
            }
        }
    }
    words
}

/// The runs and rules of a PDF, as `inspect::placed` gives them for Typst's
/// pages: runs from poppler (`pdftohtml -xml`, a run per line piece, its
/// baseline from the top of its box and Liberation Serif's ascent), rules
/// from the pages' `m … l S` paths.
pub fn placed(pdf: &Path) -> Placed {
    let out = Command::new("pdftohtml")
        .args(["-xml", "-i", "-q", "-stdout", "-zoom", "3"])
        .arg(pdf)
        .output()
        .expect("pdftohtml runs");
    let xml = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut placed = Placed::default();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut fonts: BTreeMap<String, f64> = BTreeMap::new();
    let mut scale = 3.0;
    let mut run: Option<PlacedText> = None;
    let (mut bold, mut italic) = (false, false);
    use quick_xml::events::Event;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> String {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name.as_bytes())
            .map(|a| a.unescape_value().unwrap().into_owned())
            .unwrap_or_default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"page" => {
                    let (w, h): (f64, f64) = (
                        attr(&e, "width").parse().unwrap(),
                        attr(&e, "height").parse().unwrap(),
                    );
                    // Zoom 3, unless poppler chose otherwise: A4 is 595.28 pt wide or high.
                    scale = w.min(h) / 595.28;
                    placed.pages.push((w / scale, h / scale));
                }
                b"fontspec" => {
                    fonts.insert(attr(&e, "id"), attr(&e, "size").parse().unwrap());
                }
                b"text" => {
                    let size = fonts[&attr(&e, "font")] / scale;
                    let size = (size * 2.0).round() / 2.0;
                    let top: f64 = attr(&e, "top").parse::<f64>().unwrap() / scale;
                    run = Some(PlacedText {
                        page: placed.pages.len(),
                        x: attr(&e, "left").parse::<f64>().unwrap() / scale,
                        y: top + 0.952 * size,
                        width: attr(&e, "width").parse::<f64>().unwrap() / scale,
                        size,
                        bold: false,
                        italic: false,
                        text: String::new(),
                        glyph_x: vec![],
                    });
                }
                b"b" => bold = true,
                b"i" => italic = true,
                _ => {}
            },
            Event::Text(t) => {
                if let Some(r) = run.as_mut() {
                    r.text.push_str(&t.decode().unwrap());
                    r.bold |= bold;
                    r.italic |= italic;
                }
            }
            Event::GeneralRef(e) => {
                if let Some(r) = run.as_mut() {
                    let c = match e.resolve_char_ref().unwrap() {
                        Some(c) => c,
                        None => match e.decode().unwrap().as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            _ => '\'',
                        },
                    };
                    r.text.push(c);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"text" => {
                    if let Some(r) = run.take() {
                        placed.texts.push(r);
                    }
                    (bold, italic) = (false, false);
                }
                b"b" => bold = false,
                b"i" => italic = false,
                _ => {}
            },
            _ => {}
        }
    }
    placed.rules = rules(pdf);
    placed
}

/// Horizontal strokes `x1 y1 m x2 y2 l S` of every page, top-down `y`.
fn rules(pdf: &Path) -> Vec<PlacedRule> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut rules = vec![];
    for (index, (_, id)) in doc.get_pages().into_iter().enumerate() {
        let height = doc
            .get_object(id)
            .and_then(|p| p.as_dict())
            .and_then(|p| p.get(b"MediaBox"))
            .and_then(|b| b.as_array())
            .ok()
            .and_then(|b| b.get(3).and_then(|v| v.as_float().ok()))
            .unwrap_or(841.89) as f64;
        let content = doc.get_and_decode_page_content(id).unwrap();
        let (mut from, mut to) = (None, None);
        for op in content.operations {
            let nums: Vec<f64> = op
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok().map(f64::from))
                .collect();
            match (op.operator.as_str(), nums.as_slice()) {
                ("m", [x, y]) => (from, to) = (Some((*x, *y)), None),
                ("l", [x, y]) => to = Some((*x, *y)),
                ("S", _) => {
                    if let (Some((x1, y1)), Some((x2, y2))) = (from, to)
                        && (y1 - y2).abs() < 0.1
                        && (x1 - x2).abs() > 1.0
                    {
                        rules.push(PlacedRule {
                            page: index + 1,
                            x: x1.min(x2),
                            y: height - y1,
                            length: (x1 - x2).abs(),
                        });
                    }
                    (from, to) = (None, None);
                }
                _ => {}
            }
        }
    }
    rules
}
