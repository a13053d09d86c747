//! The shape of the code, checked: the pipeline reads one way (no file of
//! `src/` depends, through others, on itself), files keep to one concern
//! (over 500 lines, a file says why at its top) and functions stay short
//! (over 80 lines, a function says why above it).
//!
//! Dependencies are read from the sources: every `crate::…` and `super::…`
//! path, resolved to the file that defines it. A child using its parent's
//! items (`super::Document`) is how a folder offers one interface to its
//! files, not a cycle: edges to a file's own ancestors are left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 80;

/// Every `.rs` file of `src/`, by its module path (`jobs::appraisal::pool`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts
            .last()
            .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
        {
            parts.pop();
        }
        // The binary's files (main.rs, cmd/) are a crate of their own.
        if rel.starts_with("main") || rel.starts_with("cmd") {
            parts.insert(0, "bin".into());
        }
        out.insert(parts, path.to_path_buf());
    }
    out
}

/// The paths a `use` tree or a path expression names, from just after its
/// `crate::`/`super::`: `a::b`, `{a, b::{c, d}}`.
fn expand(text: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut rest = text.trim_start();
    loop {
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            break;
        }
        path.push(ident.clone());
        rest = &rest[ident.len()..];
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => break,
        }
    }
    if let Some(group) = rest.strip_prefix('{') {
        // Split the group at its top-level commas.
        let (mut depth, mut start) = (0, 0);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    expand(&group[start..i], path.clone(), out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&group[start..i], path.clone(), out);
                    start = i + 1;
                }
                _ => {}
            }
        }
    }
    out.push(path);
}

/// The module paths a file's code names: `crate::a::b`, `super::c`.
fn references(module: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let is_dir_module = |m: &[String]| m.is_empty() || m.len() == 1 && m[0] == "bin";
    let code: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (at, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let mut base: Vec<String> = if code[at..].starts_with("crate::") {
            if module.first().is_some_and(|m| m == "bin") {
                vec!["bin".into()]
            } else {
                vec![]
            }
        } else {
            // `super` of a file is its folder's module; of a `mod.rs`, the one above.
            let mut p = module.to_vec();
            if !is_dir_module(module) {
                p.pop();
            }
            p
        };
        let mut rest = &code[at + 7..];
        if code[at..].starts_with("super::") {
            // `super::super::x`
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
        }
        expand(rest, base, &mut found);
    }
    found.into_iter().collect()
}

/// The file module a path points into: its longest prefix that is a file.
fn owner<'a>(
    path: &[String],
    files: &'a BTreeMap<Vec<String>, PathBuf>,
) -> Option<&'a Vec<String>> {
    (1..=path.len())
        .rev()
        .find_map(|n| files.get_key_value(&path[..n]).map(|(k, _)| k))
}

#[test]
fn no_file_depends_on_itself_through_others() {
    let files = modules();
    let mut edges: BTreeMap<&Vec<String>, BTreeSet<&Vec<String>>> = BTreeMap::new();
    for (module, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        for target in references(module, &text) {
            let Some(to) = owner(&target, &files) else {
                continue;
            };
            let ancestor = module.starts_with(to);
            if to != module && !ancestor {
                edges.entry(module).or_default().insert(to);
            }
        }
    }
    // Depth-first search for a cycle, reporting its path.
    fn visit<'a>(
        node: &'a Vec<String>,
        edges: &BTreeMap<&'a Vec<String>, BTreeSet<&'a Vec<String>>>,
        stack: &mut Vec<&'a Vec<String>>,
        done: &mut BTreeSet<&'a Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = stack[at..].iter().map(|n| n.join("::")).collect();
            cycle.push(node.join("::"));
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        stack.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in files.keys() {
        if let Some(cycle) = visit(node, &edges, &mut Vec::new(), &mut done) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
    assert!(
        edges.len() > 20,
        "the dependency reader found too little: {edges:#?}"
    );
}

#[test]
fn long_files_say_why() {
    for path in modules().values() {
        let text = std::fs::read_to_string(path).unwrap();
        let lines = text.lines().count();
        let says_why = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .any(|l| l.contains("Long because"));
        assert!(
            lines <= MAX_FILE_LINES || says_why,
            "{} has {lines} lines: split it, or say at its top why it must be long (`//! Long because …`)",
            path.display()
        );
    }
}

#[test]
fn long_functions_say_why() {
    let mut long = Vec::new();
    for path in modules().values() {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
                .iter()
                .any(|p| trimmed.starts_with(p));
            if !is_fn || trimmed.ends_with(';') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            // rustfmt closes a function's body at the indentation of its `fn`.
            let Some(len) = lines[i..].iter().position(|l| {
                l.len() > indent && l[indent..].starts_with('}') && l[..indent].trim().is_empty()
            }) else {
                continue;
            };
            let says_why = lines[..i]
                .iter()
                .rev()
                .take_while(|l| {
                    l.trim_start().starts_with("//") || l.trim_start().starts_with("#[")
                })
                .any(|l| l.contains("Long because"));
            if len + 1 > MAX_FN_LINES && !says_why {
                long.push(format!("{}:{} ({} lines)", path.display(), i + 1, len + 1));
            }
        }
    }
    assert!(
        long.is_empty(),
        "functions over {MAX_FN_LINES} lines (split them, or say why above them with `// Long because …`):\n{}",
        long.join("\n")
    );
}
