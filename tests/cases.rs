//! The invalid-workspace corpus: `tests/cases/<case>/` holds files laid over
//! the valid base workspace `tests/cases/_base/`; its diagnostics must equal
//! the snapshot in `tests/cases/snapshots/`. Each case's name starts with the
//! code it exercises (`td0215-…`), and every rule has at least one case.
//!
//! A case folder may hold:
//! - `inputs/…`: files that replace or add to the base's;
//! - `remove`: base paths to delete, one per line;
//! - `replace`: edits of base files, one per line: `path: from => to` (`\n` for a
//!   line break; `from` must occur once);
//! - `args`: `--final` to check as at the moment of issue.
//!
//! A case raises its own code and no other: a problem is reported once, where
//! it is caused, never as a cascade. The corpus runs in Vietnamese
//! (`snapshots/`) and in English (`snapshots-en/`); a snapshot without a case
//! is an error.
//!
//! New or changed snapshots: `INSTA_UPDATE=always cargo test --test cases`, then review the diff.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use thidua::diag::{self, Lang};
use thidua::pipeline::{self, BuildOptions};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn copy_tree(from: &Path, to: &Path) {
    if !from.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// The case names (folder names), sorted; `_base` excluded.
fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n.starts_with("td"))
        .collect();
    names.sort();
    names
}

/// Checks a case and renders its diagnostics one per line (and help lines).
fn run_case(name: &str, lang: Lang) -> (String, BTreeSet<String>) {
    let case = cases_dir().join(name);
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&cases_dir().join("_base"), dir.path());
    if let Ok(remove) = std::fs::read_to_string(case.join("remove")) {
        for path in remove.lines().map(str::trim).filter(|l| !l.is_empty()) {
            std::fs::remove_file(dir.path().join(path))
                .unwrap_or_else(|e| panic!("{name}: remove {path}: {e}"));
        }
    }
    copy_tree(&case.join("inputs"), &dir.path().join("inputs"));
    // `replace`: one edit of a base file per line, `path: from => to`, where
    // `from` occurs exactly once; a case states only what it changes.
    if let Ok(edits) = std::fs::read_to_string(case.join("replace")) {
        for line in edits.lines().filter(|l| !l.trim().is_empty()) {
            let (path, edit) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("{name}: replace line `{line}`"));
            let (from, to) = edit
                .split_once(" => ")
                .unwrap_or_else(|| panic!("{name}: replace line `{line}`"));
            let (from, to) = (from.replace("\\n", "\n"), to.replace("\\n", "\n"));
            let file = dir.path().join(path);
            let text = std::fs::read_to_string(&file).unwrap();
            assert_eq!(
                text.matches(from.as_str()).count(),
                1,
                "{name}: `{from}` must occur once in {path}"
            );
            std::fs::write(&file, text.replace(&from, &to)).unwrap();
        }
    }
    let args = std::fs::read_to_string(case.join("args")).unwrap_or_default();
    let options = BuildOptions {
        final_: args.contains("--final"),
        ..BuildOptions::default()
    };
    let checked = pipeline::check(dir.path(), &options).unwrap();
    let mut text = String::new();
    let mut codes = BTreeSet::new();
    for d in &checked.diagnostics {
        let l = diag::locate(d, &checked.sources, lang);
        codes.insert(l.code.to_string());
        let place = match (&l.file, l.line, l.column) {
            (Some(f), Some(line), Some(col)) => format!("{f}:{line}:{col}"),
            (Some(f), _, _) => f.clone(),
            _ => "-".to_string(),
        };
        let severity = if d.is_error() { "error" } else { "warning" };
        text.push_str(&format!("{} {severity} {place}: {}\n", l.code, l.message));
        if let Some(help) = &l.help {
            text.push_str(&format!("  help: {help}\n"));
        }
    }
    (text, codes)
}

#[test]
fn base_workspace_is_clean() {
    let (text, _) = run_case("_base", Lang::Vi);
    assert_eq!(text, "", "the base of the corpus must check clean");
}

/// Each case's diagnostics in `lang` equal its snapshot in `folder`, and
/// carry the case's own code and no other.
fn check_corpus(lang: Lang, folder: &str) {
    let names = case_names();
    assert!(names.len() >= 30, "only {} cases", names.len());
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(cases_dir().join(folder));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for name in &names {
            let (text, codes) = run_case(name, lang);
            let code = name[..6].to_uppercase();
            assert_eq!(
                codes,
                BTreeSet::from([code.clone()]),
                "case {name} must raise {code} and nothing else:\n{text}"
            );
            insta::assert_snapshot!(name.as_str(), text);
        }
    });
}

#[test]
fn every_case_matches_its_snapshot_and_raises_its_code() {
    check_corpus(Lang::Vi, "snapshots");
}

#[test]
fn every_case_matches_its_english_snapshot() {
    check_corpus(Lang::En, "snapshots-en");
}

#[test]
fn every_snapshot_belongs_to_a_case() {
    let names: BTreeSet<String> = case_names().into_iter().collect();
    for folder in ["snapshots", "snapshots-en"] {
        for entry in std::fs::read_dir(cases_dir().join(folder)).unwrap() {
            let file = entry.unwrap().file_name().into_string().unwrap();
            let case = file.strip_suffix(".snap");
            assert!(
                case.is_some_and(|c| names.contains(c)),
                "{folder}/{file} belongs to no case in tests/cases: delete it"
            );
        }
    }
}

#[test]
fn every_rule_has_a_case() {
    let covered: BTreeSet<String> = case_names().iter().map(|n| n[..6].to_uppercase()).collect();
    let missing: Vec<&str> = thidua::rules::all()
        .map(|r| r.code)
        .filter(|c| !covered.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a case in tests/cases: {missing:?}"
    );
}
