//! Every document names the input files it reads (`inputs` in the manifest),
//! and `watch` renders a document again only when one of them changed. So
//! the list must be whole: for each input file of each reference workspace,
//! the prose in it is changed, and every document whose generated source
//! changed must name that file.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use thidua::pipeline::{self, BuildOptions};

/// Each rendered document's source and input files, by stem.
fn rendered(root: &Path) -> BTreeMap<String, (String, Vec<String>)> {
    let session = pipeline::render_all(root, &BuildOptions::default()).unwrap();
    let sources = &session.checked.sources;
    session
        .rendered
        .iter()
        .map(|r| {
            let inputs = r.doc.inputs.iter().map(|f| sources.name(*f).to_string());
            let value = (r.source.text.clone(), inputs.collect());
            (r.doc.stem.clone(), value)
        })
        .collect()
}

/// `key: some words` → `key: some words Zz` (quoted or plain), for every
/// line whose value is prose (words with a space, not a list, a mapping or
/// an anchor), except the lines in `keep` (0-based).
fn change_prose(yaml: &str, keep: &BTreeSet<usize>) -> String {
    let mut out = String::new();
    for (n, line) in yaml.lines().enumerate() {
        if keep.contains(&n) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let changed = line.split_once(": ").and_then(|(key, value)| {
            let key_ok = key
                .trim_start_matches([' ', '-'])
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_');
            let value = value.trim_end();
            let prose = value.contains(' ')
                && !value.starts_with(['[', '{', '|', '>', '&', '*', '!', '#'])
                && !value.contains(": ")
                && !value.contains(" #");
            if !key_ok || !prose {
                return None;
            }
            Some(match value.chars().last() {
                Some(q @ ('"' | '\'')) if value.starts_with(q) => {
                    format!("{key}: {} Zz{q}", &value[..value.len() - 1])
                }
                _ => format!("{key}: {value} Zz"),
            })
        });
        out.push_str(changed.as_deref().unwrap_or(line));
        out.push('\n');
    }
    out
}

fn check_workspace(from: &Path) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_workspace(from, dir.path());
    let root = dir.path();
    let before = rendered(root);
    let files: Vec<String> = walkdir::WalkDir::new(root.join("inputs"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    assert!(files.len() >= 3, "{}", from.display());
    for file in files {
        let path = root.join(&file);
        let original = std::fs::read_to_string(&path).unwrap();
        // Values that must be one of a set (a verdict, a formula) are left
        // as they were: the lines an error points at.
        let mut keep = BTreeSet::new();
        loop {
            std::fs::write(&path, change_prose(&original, &keep)).unwrap();
            let checked = pipeline::check(root, &BuildOptions::default()).unwrap();
            let lines: BTreeSet<usize> = checked
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .filter_map(|d| {
                    let at = d.span.as_ref()?.start;
                    let f = d.file?;
                    (checked.sources.name(f) == file).then(|| checked.sources.line_col(f, at).0 - 1)
                })
                .collect();
            if !checked.has_errors() {
                break;
            }
            assert!(
                !lines.is_subset(&keep),
                "{file}: errors outside its changed lines: {:?}",
                checked.diagnostics
            );
            keep.extend(lines);
        }
        let after = rendered(root);
        std::fs::write(&path, &original).unwrap();
        let mut changed = 0;
        for (stem, (text, inputs)) in &after {
            let Some((old, _)) = before.get(stem) else {
                continue;
            };
            if old != text {
                changed += 1;
                assert!(
                    inputs.contains(&file),
                    "{stem} changed with {file}, which its inputs do not name: {inputs:?}"
                );
            }
        }
        assert!(
            changed > 0,
            "changing the prose of {file} changed no document"
        );
    }
}

#[test]
fn every_document_names_every_file_it_reads_lang_son() {
    check_workspace(&common::reference_root());
}

#[test]
fn every_document_names_every_file_it_reads_nghe_an() {
    check_workspace(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/nghe-an"));
}

#[test]
fn every_document_names_every_file_it_reads_can_tho() {
    check_workspace(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/can-tho"));
}
