//! Every limit is a located error, never a hang, a crash or lost work: input
//! size, nesting depth, alias expansion, text length, number of documents.

mod common;

use std::path::Path;

use common::*;
use thidua::diag::{self, Lang};
use thidua::pipeline::{self, BuildOptions};

/// The diagnostics of checking `root`, as `CODE file:line message`.
fn check(root: &Path) -> Vec<String> {
    let checked = pipeline::check(root, &BuildOptions::default()).unwrap();
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let l = diag::locate(d, &checked.sources, Lang::Vi);
            format!(
                "{} {}:{} {}",
                l.code,
                l.file.unwrap_or_default(),
                l.line.unwrap_or(0),
                l.message
            )
        })
        .collect()
}

fn with_unit_file(text: &str) -> tempfile::TempDir {
    let root = reference_copy();
    std::fs::write(root.path().join("inputs/units/z-limit.yaml"), text).unwrap();
    root
}

#[test]
fn a_text_over_the_limit_is_located_where_it_is_written() {
    let root = reference_copy();
    let unit = root.path().join("inputs/units/so-noi-vu.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    let long = "Rất dài ".repeat(thidua::load::MAX_TEXT_CHARS / 8 + 1);
    let line = text[..text.find("summary: ").unwrap()]
        .matches('\n')
        .count()
        + 1;
    std::fs::write(
        &unit,
        text.replacen("summary: ", &format!("summary: {long}"), 1),
    )
    .unwrap();
    let found = check(root.path());
    assert!(
        found
            .iter()
            .any(|d| d.starts_with(&format!("TD0015 inputs/units/so-noi-vu.yaml:{line} "))),
        "{found:#?}"
    );
}

#[test]
fn deep_nesting_stops_the_reader_with_a_located_error() {
    let flow = format!(
        "kind: unit\nid: sau\nname: {}{}\n",
        "[".repeat(500),
        "]".repeat(500)
    );
    let found = check(with_unit_file(&flow).path());
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("TD0008 inputs/units/z-limit.yaml:3 ")
                && d.contains("lồng nhau quá sâu")),
        "{found:#?}"
    );
    let mut block = String::from("kind: unit\nid: sau\nname:\n");
    for depth in 1..400 {
        block.push_str(&format!("{}- \n", "  ".repeat(depth)));
    }
    let found = check(with_unit_file(&block).path());
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("TD0008 inputs/units/z-limit.yaml:")),
        "{found:#?}"
    );
}

#[test]
fn an_alias_bomb_is_refused_not_expanded() {
    // Ten levels of ten aliases: 10^10 strings if expanded.
    let mut text = String::from("kind: unit\nid: bom\na0: &a0 [\"ha\"]\n");
    for i in 1..=10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    text.push_str("name: *a10\n");
    let found = check(with_unit_file(&text).path());
    // The limit's own code, not the unknown key `a0` that follows `id`.
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("TD0008 inputs/units/z-limit.yaml:")),
        "{found:#?}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let big = format!(
        "kind: unit\n# {}\n",
        "x".repeat(thidua::load::MAX_INPUT_BYTES as usize)
    );
    let found = check(with_unit_file(&big).path());
    assert!(
        found
            .iter()
            .any(|d| d.starts_with("TD0008 inputs/units/z-limit.yaml") && d.contains("quá lớn")),
        "{found:#?}"
    );
}

#[test]
fn too_many_documents_build_nothing_and_lose_nothing() {
    let root = reference_copy();
    let first = pipeline::build(root.path(), &BuildOptions::default()).unwrap();
    assert!(!first.has_errors());
    let options = BuildOptions {
        max_documents: Some(10),
        ..BuildOptions::default()
    };
    let report = pipeline::build(root.path(), &options).unwrap();
    assert!(report.diagnostics.iter().any(|d| d.code == "TD0016"));
    assert_eq!(
        report.manifest, first.manifest,
        "every earlier document kept and listed"
    );
    for doc in &first.manifest.documents {
        let bytes = std::fs::read(root.path().join(&doc.path)).unwrap();
        assert_eq!(
            thidua::output::sha256_hex(&bytes),
            doc.sha256,
            "{}",
            doc.path
        );
    }
}

#[test]
fn a_character_the_font_lacks_is_located_before_typesetting() {
    let root = reference_copy();
    let unit = root.path().join("inputs/units/so-noi-vu.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    let line = text[..text.find("full_name: ").unwrap()]
        .matches('\n')
        .count()
        + 1;
    std::fs::write(&unit, text.replacen("full_name: ", "full_name: 😀 ", 1)).unwrap();
    let found = check(root.path());
    assert!(
        found.iter().any(
            |d| d.starts_with(&format!("TD0017 inputs/units/so-noi-vu.yaml:{line} "))
                && d.contains("U+1F600")
        ),
        "{found:#?}"
    );
}

/// A control character (BEL, VT, ESC: YAML's `"\a"`, `"\v"`, `"\e"`) is
/// refused where it stands: no document, PDF or Word file (XML cannot hold
/// it), is made from it.
#[test]
fn a_control_character_is_refused_at_input() {
    for escape in ["\\a", "\\v", "\\e", "\\x01"] {
        let root = reference_copy();
        let unit = root.path().join("inputs/units/so-noi-vu.yaml");
        let text = std::fs::read_to_string(&unit).unwrap();
        let at = text.find("full_name: ").unwrap();
        let line = text[..at].matches('\n').count() + 1;
        let end = at + text[at..].find('\n').unwrap();
        let name = text[at + "full_name: ".len()..end].trim().trim_matches('"');
        let edited = format!(
            "{}full_name: \"{}{escape}{}\"{}",
            &text[..at],
            &name[..name.find(' ').unwrap()],
            &name[name.find(' ').unwrap()..],
            &text[end..]
        );
        std::fs::write(&unit, edited).unwrap();
        let found = check(root.path());
        assert!(
            found
                .iter()
                .any(|d| (d.starts_with("TD0017 ") || d.starts_with("TD0001 "))
                    && d.contains(&format!("inputs/units/so-noi-vu.yaml:{line} "))),
            "{escape}: {found:#?}"
        );
    }
}
