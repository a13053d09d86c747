//! Every text field of every input kind, at once, holds hostile text: the
//! workspace still checks clean, every document typesets without a Typst
//! error, and each value prints literally somewhere. A security property:
//! a value never becomes Typst (or template) syntax, wherever it lands.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::{Placed, PlacedText, compact, placed};

/// Keys whose values are free text printed in documents. Ids, dates,
/// numbers, enums and the fields a rule constrains (symbols, signing
/// authority) are not: they are checked, not printed as given.
const TEXT_KEYS: &[&str] = &[
    "name",
    "full_name",
    "title",
    "text",
    "summary",
    "position",
    "reason",
    "place",
    "chair",
    "chair_title",
    "secretary",
    "lead",
    "target",
    "label",
    "issuer",
    "established_by",
    "ethnicity",
    "home_town",
    "residence",
    "qualification",
    "degrees",
    "functions_act",
    "proposed_by",
    "basis",
    "submitted_to",
    "via",
    "prize",
    "paragraph",
    "decision",
    "number",
];

/// Keys whose values are lists of free text, one item per line (`- …`).
const TEXT_LIST_KEYS: &[&str] = &[
    "legal_bases",
    "authority_bases",
    "attachments",
    "recipients",
    "executors",
    "situation",
    "duties",
    "organisation",
    "highlights",
    "strengths",
    "limits",
    "causes",
    "lessons",
    "next_steps",
    "proposals",
    "items",
    "governing_body",
    "issuing_body",
];

/// Text fields that print only in some documents, as `parent.key`, and why:
/// they are planted (so must never break a document) but need not print.
const NOT_ALWAYS_PRINTED: &[(&str, &str)] = &[
    (
        "person.ethnicity",
        "the national report form (Nghị định 152/2025, Mẫu số 05) has no Dân tộc line; kept so earlier inputs load",
    ),
    (
        "successor.name",
        "checked by TD0224; no document names the successor",
    ),
    (
        "head.name",
        "printed in achievement reports, so not by a unit without nominations",
    ),
    (
        "figures.label",
        "a figure with a unit prints as `12 hội nghị`; the label prints in achievement reports",
    ),
];

/// Fixed hostile values: Typst markup, code, math, labels and references,
/// file access, template delimiters, quotes and backslashes.
const HOSTILE: &[&str] = &[
    "Nguyễn #Văn $A_1 <b> @c",
    "*đậm* _nghiêng_ `mã` [liên kết](x) \\ // /* chú thích */ ~ '",
    "#read(\"/etc/passwd\") #image(\"/x.png\") #include \"/lib/nd30.typ\"",
    "{{ campaign.name }} {% for x in y %} {## ##} ]) #let x = 1",
    "$ x^2 $ <nhan> @tham-chieu #set text(red) #show: none",
    "= Không là đề mục - không là gạch + không đánh số 1. x",
];

/// One planted value: where, under which key, and what.
struct Planted {
    /// Its number, in its markers.
    index: usize,
    file: String,
    key: String,
    value: String,
    /// Whether some document must print it.
    must_print: bool,
}

/// Rewrites every text field of a YAML document with hostile values from
/// `pick`, returning it as JSON (which is YAML): flow and block styles,
/// anchors and merge keys all come out the same.
fn plant(
    file: &str,
    text: &str,
    pick: &mut dyn FnMut(usize) -> String,
    out: &mut Vec<Planted>,
) -> String {
    let mut tree: serde_json::Value = serde_saphyr::from_str(text).unwrap();
    plant_in(file, "", &mut tree, pick, out);
    serde_json::to_string_pretty(&tree).unwrap()
}

fn plant_in(
    file: &str,
    parent: &str,
    value: &mut serde_json::Value,
    pick: &mut dyn FnMut(usize) -> String,
    out: &mut Vec<Planted>,
) {
    use serde_json::Value;
    fn fresh(
        file: &str,
        parent: &str,
        key: &str,
        pick: &mut dyn FnMut(usize) -> String,
        out: &mut Vec<Planted>,
    ) -> Value {
        // Markers unique to this value (`«12«` … `»12»`: no marker holds another).
        let n = out.len();
        let value = format!("«{n}«{}»{n}»", pick(n));
        let path = format!("{parent}.{key}");
        out.push(Planted {
            index: n,
            file: file.into(),
            key: key.into(),
            value: value.clone(),
            must_print: !NOT_ALWAYS_PRINTED.iter().any(|(p, _)| *p == path),
        });
        Value::String(value)
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                let text = TEXT_KEYS.contains(&key.as_str());
                let list = TEXT_LIST_KEYS.contains(&key.as_str()) || text;
                match child {
                    Value::String(_) if text => *child = fresh(file, parent, key, pick, out),
                    Value::Array(items)
                        if list && !items.is_empty() && items.iter().all(Value::is_string) =>
                    {
                        for item in items.iter_mut() {
                            *item = fresh(file, parent, key, pick, out);
                        }
                    }
                    _ => plant_in(file, key, child, pick, out),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                plant_in(file, parent, item, pick, out);
            }
        }
        _ => {}
    }
}

/// Compact, case-folded text: documents upper-case titles and lower-case
/// first letters. Upper-casing first folds `ß` and `SS` alike, as printing a
/// value in capitals does.
fn folded(text: &str) -> String {
    compact(text).to_uppercase().to_lowercase()
}

/// Whether `text` (compact, folded) prints `value` (with its markers) exactly:
/// the markers with exactly the value between them.
fn prints(text: &str, value: &str) -> bool {
    text.contains(&folded(value))
}

/// The text in column order: the pieces of line that start at the same x,
/// page by page, top to bottom, one such column after the other. A table cell
/// broken across a page break reads whole in it: in drawing order the
/// neighbouring cells of its row, the next page's number and the repeated
/// header come between its two parts, and in reading order its lines alternate
/// with its neighbours'. A left-aligned cell's lines all start at its left
/// edge, on both pages, and the header is centred, so nothing else starts there
/// in between. A piece of line is the runs that touch on one baseline (shaping
/// splits a line into runs where the script changes, `Ѩ` in Latin text);
/// neighbouring cells are two insets apart. Runs stay whole and in their line:
/// a value can only be found in it printed whole, line after line.
fn column_order(placed: &Placed) -> String {
    let mut runs: Vec<&PlacedText> = placed.texts.iter().collect();
    runs.sort_by(|a, b| {
        (a.page, (a.y * 10.0).round() as i64)
            .cmp(&(b.page, (b.y * 10.0).round() as i64))
            .then(a.x.total_cmp(&b.x))
    });
    // (page, x, y, text, where the piece ends)
    let mut pieces: Vec<(usize, f64, f64, String, f64)> = Vec::new();
    for run in runs {
        match pieces.last_mut() {
            Some((page, _, y, text, end))
                if *page == run.page && (*y - run.y).abs() < 0.05 && (run.x - *end).abs() < 0.5 =>
            {
                text.push_str(&run.text);
                *end = run.x + run.width;
            }
            _ => pieces.push((run.page, run.x, run.y, run.text.clone(), run.x + run.width)),
        }
    }
    pieces.sort_by_key(|&(page, x, y, ..)| {
        ((x * 10.0).round() as i64, page, (y * 10.0).round() as i64)
    });
    pieces.into_iter().map(|(.., text, _)| text).collect()
}

/// What the texts hold between the markers of value `n` (the first `«n«` and
/// the next `»n»`), the first few different readings, for messages.
fn printed_between(texts: &[String], n: usize) -> Vec<String> {
    let (open, close) = (format!("«{n}«"), format!("»{n}»"));
    let mut found: Vec<String> = Vec::new();
    for text in texts {
        let Some(start) = text.find(&open).map(|s| s + open.len()) else {
            continue;
        };
        let rest = &text[start..];
        let end = rest.find(&close).unwrap_or(rest.len());
        let between: String = rest[..end].chars().take(120).collect();
        if !found.contains(&between) {
            found.push(between);
        }
    }
    found.truncate(3);
    found
}

/// Plants hostile text in every input, builds every document and checks that
/// nothing errs and every planted value prints.
fn check_workspace(pick: &mut dyn FnMut(usize) -> String) -> Result<(), String> {
    let root = common::reference_copy();
    let mut planted = Vec::new();
    for entry in walkdir::WalkDir::new(root.path().join("inputs")).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root.path())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        std::fs::write(entry.path(), plant(&rel, &text, pick, &mut planted)).unwrap();
    }
    // The reference inputs use every text key, in all three kinds of file.
    for key in TEXT_KEYS.iter().chain(TEXT_LIST_KEYS) {
        if !planted.iter().any(|p| p.key == *key) {
            return Err(format!("no `{key}` field was planted"));
        }
    }
    for kind in [
        "inputs/campaign.yaml",
        "inputs/appraisal.yaml",
        "inputs/units/",
    ] {
        if !planted.iter().any(|p| p.file.starts_with(kind)) {
            return Err(format!("nothing planted in {kind}"));
        }
    }
    let (printed, in_word) = typeset_all(root.path()).map_err(|e| {
        // Keep the planted workspace to look at.
        let kept = root.keep();
        format!("{e}\n(workspace kept at {})", kept.display())
    })?;
    let mut missing = Vec::new();
    // In the PDFs, and on its own in the Word files.
    for (output, texts) in [("PDF", &printed), ("Word", &in_word)] {
        for p in planted.iter().filter(|p| p.must_print) {
            if !texts.iter().any(|text| prints(text, &p.value)) {
                missing.push(format!(
                    "{output}: {} `{}` = {:?}; printed between its markers: {:?}",
                    p.file,
                    p.key,
                    p.value,
                    printed_between(texts, p.index)
                ));
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} values not printed literally:\n{}",
            missing.len(),
            planted.len(),
            missing.join("\n")
        ))
    }
}

/// Every document's text, compact and case-folded, in drawing, reading and
/// column order; and, apart, its Word file's text.
fn typeset_all(root: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let session =
        pipeline::render_all(root, &BuildOptions::default()).map_err(|e| e.to_string())?;
    let errors: Vec<String> = session
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{d:?}"))
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "hostile text made the inputs invalid:\n{}",
            errors.join("\n")
        ));
    }
    let mut texts = Vec::new();
    let mut in_word = Vec::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for doc in &session.rendered {
        let pages = pipeline::typeset(&session, doc)
            .map_err(|e| format!("{} does not typeset: {e:?}", doc.doc.stem))?;
        thidua::typeset::pdf(&pages, &doc.doc.stem)
            .map_err(|e| format!("{} does not export: {e:?}", doc.doc.stem))?;
        let placed = placed(&pages);
        texts.push(folded(&placed.compact_text()));
        texts.push(folded(&placed.lines().concat()));
        texts.push(folded(&column_order(&placed)));
        let docx = pipeline::word(&session, doc)
            .map_err(|e| format!("{} has no Word file: {e:?}", doc.doc.stem))?;
        in_word.push(folded(&common::docx_text(&docx)));
        *kinds.entry(doc.doc.kind.as_str()).or_default() += 1;
    }
    // Every kind of document took part.
    for kind in [
        "ke-hoach",
        "bao-cao",
        "quyet-dinh",
        "to-trinh",
        "danh-sach",
        "bien-ban",
        "bao-cao-thanh-tich",
        "tong-hop",
    ] {
        if !kinds.contains_key(kind) {
            return Err(format!("no {kind} document was built"));
        }
    }
    Ok((texts, in_word))
}

#[test]
fn hostile_text_in_every_field_of_every_input_prints_literally() {
    let mut pick = |i: usize| HOSTILE[i % HOSTILE.len()].to_string();
    if let Err(e) = check_workspace(&mut pick) {
        panic!("{e}");
    }
}

/// Characters that stress escaping: Typst's and Jinja's specials, Vietnamese
/// letters with their marks, digits and spaces.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select("#$*_`<>@[]{}()\\/=-+~'\".:;,!?%&|^".chars().collect::<Vec<_>>()),
        prop::sample::select("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ0123456789".chars().collect::<Vec<_>>()),
        Just(' '),
        any::<char>().prop_filter("a character the documents can print as given", printable),
    ]
}

/// Any character the embedded font shows and shaping keeps in place: not a
/// control, combining mark, default-ignorable or right-to-left character
/// (a mark without its letter, a dropped joiner or a reordered run cannot
/// be compared with the input). A character the font lacks is refused by
/// the loader (TD0017, `tests/limits.rs`).
fn printable(c: &char) -> bool {
    let code = *c as u32;
    let excluded = [
        0x0300..=0x036F, // combining diacritical marks
        0x0483..=0x0489, // Cyrillic combining marks
        0x0590..=0x08FF, // Hebrew, Arabic and other right-to-left scripts
        0x00AD..=0x00AD, // soft hyphen
        0x200B..=0x200F, // zero-width and direction marks
        0x2028..=0x202E, // separators and embeddings
        0x2060..=0x206F, // invisible operators
        0xFB1D..=0xFDFF, // Hebrew and Arabic presentation forms
        0xFE00..=0xFE0F, // variation selectors
        0xFE20..=0xFE2F, // combining half marks
        0xFE70..=0xFEFF, // Arabic presentation forms, byte-order mark
    ];
    !c.is_control() && !excluded.iter().any(|r| r.contains(&code)) && thidua::fonts::displayable(*c)
}

/// Random hostile values in every field at once: 2 workspaces from a fixed
/// seed in CI (each is a full build); `THIDUA_PROPTEST_CASES=N` for N from a
/// random seed. Either way the seeds of past failures in
/// `injection.proptest-regressions` (next to this file) run first and a new
/// failure's seed is added there; shrinking stops after 64 steps or two
/// minutes, so a failure is reported rather than timing out.
#[test]
fn random_hostile_text_in_every_field_prints_literally() {
    use proptest::test_runner::{FileFailurePersistence, RngSeed};
    let (cases, rng_seed) = match std::env::var("THIDUA_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        Some(n) => (u32::max(n, 1), RngSeed::Random),
        None => (2, RngSeed::Fixed(0x696e_6a65_6374)),
    };
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed,
        max_shrink_iters: 64,
        max_shrink_time: 120_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        // The runner is not made by `proptest!`, which would name the file.
        source_file: Some(file!()),
        ..Config::default()
    });
    let values = prop::collection::vec(prop::collection::vec(hostile_char(), 1..40), 64);
    runner
        .run(&values, |values| {
            let mut pick = |i: usize| {
                let chars = &values[i % values.len()];
                // A value starts and ends with a visible character, as YAML keeps it.
                let s: String = chars.iter().collect();
                format!("x{}x", s.trim())
            };
            check_workspace(&mut pick).map_err(TestCaseError::fail)
        })
        .unwrap();
}
