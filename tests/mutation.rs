//! Random edits of the valid reference inputs (a line or key deleted, a value
//! of another type, dates changed, the file truncated, anchors and aliases,
//! stray YAML characters) never panic: `check` and `build` always end in
//! exit code 0 or 1. Seeded, so a failure reproduces; `THIDUA_MUTATIONS=N`
//! runs more, and `THIDUA_FUZZ_SEED=S` explores from another seed: together,
//! the long-running fuzz mode over the loader, the rules and the build.
//!
//! An edit that certainly breaks its file — a required key deleted, a list or
//! mapping where a scalar belongs, or the reverse — must also yield at least
//! one located error in that file: "no panic" alone passes a loader that
//! accepts anything. What is required and what type a key has are read from
//! the committed JSON Schema, not from the code under test.

mod common;

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

use thidua::pipeline::{self, BuildOptions};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const VALUES: &[&str] = &[
    "[1, 2]",
    "{a: 1}",
    "123",
    "-5",
    "true",
    "~",
    "\"x\"",
    "1e999",
    ".nan",
    "''",
    "2025-13-45",
    "[]",
    "{}",
    "!!binary aGk=",
    "0x1F",
    "\"020190001234\"",
    "|\n  khối\n  văn bản",
];
const DATES: &[&str] = &[
    "2025-13-45",
    "1900-01-01",
    "2099-12-31",
    "2025-02-29",
    "2024-05",
    "2025",
    "0000-00-00",
    "2025-1-1",
];
const STRAY: &[&str] = &[
    ":", "- ", "\"", "'", "[", "{", "]", "}", "\t", "&", "*", "!", "%", "@", "`", "#", "|", ">",
    "? ", "\u{feff}", "\0",
];

/// What the schema says of a key, wherever it appears.
#[derive(Debug, Default)]
struct KeyFacts {
    /// Required in every object that has it.
    always_required: bool,
    /// Its JSON type, when every object that has it agrees (`integer`,
    /// `boolean`, `string`, `array`, `object`).
    kind: Option<String>,
}

/// Every key of every input kind, from `thidua.schema.json`.
static KEYS: LazyLock<BTreeMap<String, KeyFacts>> = LazyLock::new(|| {
    use serde_json::Value;
    let text =
        std::fs::read_to_string(common::reference_root().join("thidua.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let defs = schema["$defs"].as_object().unwrap();
    let resolve = |v: &Value| -> Value {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => defs[r.trim_start_matches("#/$defs/")].clone(),
            None => v.clone(),
        }
    };
    let mut objects: Vec<Value> = defs.values().cloned().collect();
    objects.extend(
        schema["allOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["then"].clone()),
    );
    let mut seen: BTreeMap<String, (bool, Vec<Option<String>>)> = BTreeMap::new();
    for object in objects {
        let Some(properties) = object.get("properties").and_then(Value::as_object) else {
            continue;
        };
        let required: Vec<&str> = object["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (key, property) in properties {
            let kind = resolve(property)
                .get("type")
                .and_then(Value::as_str)
                .map(str::to_string);
            let entry = seen.entry(key.clone()).or_insert((true, Vec::new()));
            entry.0 &= required.contains(&key.as_str());
            entry.1.push(kind);
        }
    }
    seen.into_iter()
        .map(|(key, (always_required, kinds))| {
            let first = kinds[0].clone();
            let kind = first.filter(|_| kinds.iter().all(|k| *k == kinds[0]));
            (
                key,
                KeyFacts {
                    always_required,
                    kind,
                },
            )
        })
        .collect()
});

/// The key a block-style line sets (`  key: …`, `- key: …`), if any.
fn key_of(line: &str) -> Option<&str> {
    let head = line.trim_start();
    let head = head.strip_prefix("- ").unwrap_or(head);
    let key = &head[..head.find(':')?];
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')).then_some(key)
}

/// Whether a value written in place of a key's own breaks its type for sure.
fn breaks_type(kind: &str, value: &str) -> bool {
    let collection = value.starts_with('[') || value.starts_with('{');
    match kind {
        "integer" | "boolean" | "string" | "number" => collection,
        "array" => value.starts_with('{'),
        "object" => value.starts_with('['),
        _ => false,
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A mutated text, and whether the edit certainly broke it (see the module).
fn mutate(text: &str, rng: &mut Rng) -> (String, bool) {
    let ls = lines(text);
    if ls.is_empty() {
        return (text.to_string(), false);
    }
    let at = rng.below(ls.len());
    let facts = key_of(ls[at]).and_then(|k| KEYS.get(k));
    let kind = rng.below(8);
    let broke = match kind {
        1 => facts.is_some_and(|f| f.always_required) && !ls[at].trim_start().starts_with("- "),
        _ => false,
    };
    let text = match kind {
        // Delete a line.
        0 => ls
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != at)
            .map(|(_, l)| *l)
            .collect(),
        // Delete a key with everything indented under it.
        1 => {
            let indent = |l: &str| l.len() - l.trim_start().len();
            let key_indent = indent(ls[at]);
            let mut out: Vec<&str> = ls[..at].to_vec();
            let mut rest = ls[at + 1..]
                .iter()
                .skip_while(|l| indent(l) > key_indent || l.trim().is_empty());
            out.extend(&mut rest);
            out.concat()
        }
        // Give a key a value of another type.
        2 => {
            let mut out: Vec<String> = ls.iter().map(|l| l.to_string()).collect();
            if let Some(colon) = out[at].find(": ") {
                let value = rng.pick(VALUES);
                let old_value = out[at][colon + 2..].trim();
                // A scalar replaced (not a block opened on this line).
                let scalar = old_value
                    .chars()
                    .next()
                    .is_some_and(|c| !"[{|>&*".contains(c));
                let kind = facts.and_then(|f| f.kind.as_deref());
                if scalar && kind.is_some_and(|k| breaks_type(k, value)) {
                    return (
                        {
                            out[at] = format!("{}: {value}\n", &out[at][..colon]);
                            out.concat()
                        },
                        true,
                    );
                }
                out[at] = format!("{}: {value}\n", &out[at][..colon]);
            }
            out.concat()
        }
        // Change a date.
        3 => {
            let bytes = text.as_bytes();
            let dates: Vec<usize> = (0..bytes.len().saturating_sub(10))
                .filter(|&i| {
                    bytes[i..i + 10].iter().enumerate().all(|(j, b)| {
                        if j == 4 || j == 7 {
                            *b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    })
                })
                .collect();
            if dates.is_empty() {
                return (text.to_string(), false);
            }
            let i = *rng.pick(&dates);
            format!("{}{}{}", &text[..i], rng.pick(DATES), &text[i + 10..])
        }
        // Truncate.
        4 => {
            let mut cut = rng.below(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_string()
        }
        // An anchor on one value, an alias in place of another.
        5 => {
            let mut out: Vec<String> = ls.iter().map(|l| l.to_string()).collect();
            let other = rng.below(out.len());
            if let (Some(a), Some(b)) = (out[at].find(": "), out[other].find(": ")) {
                out[at].insert_str(a + 2, "&m ");
                let key = out[other][..b].to_string();
                out[other] = format!("{key}: *m\n");
            }
            out.concat()
        }
        // A stray YAML character.
        6 => {
            let mut i = rng.below(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            format!("{}{}{}", &text[..i], rng.pick(STRAY), &text[i..])
        }
        // Exponential aliases ("billion laughs").
        _ => {
            let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for n in 1..12 {
                let p = n - 1;
                bomb.push_str(&format!("a{n}: &a{n} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
            }
            format!("{bomb}{text}")
        }
    };
    (text, broke)
}

fn input_files(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root.join("inputs"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

#[test]
fn random_edits_never_panic() {
    let rounds: usize = std::env::var("THIDUA_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(240);
    let root = common::reference_root();
    let files = input_files(&root);
    assert!(!files.is_empty());
    let seed = std::env::var("THIDUA_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x7468_6964_7561_2024);
    let mut rng = Rng(seed);
    let mut broken = 0;
    for round in 0..rounds {
        let dir = common::reference_copy();
        let file = rng.pick(&files).clone();
        let original = std::fs::read_to_string(root.join(&file)).unwrap();
        let (mut text, mut broke) = mutate(&original, &mut rng);
        if rng.below(3) == 0 {
            // A second edit could undo the first: only single edits are judged.
            text = mutate(&text, &mut rng).0;
            broke = false;
        }
        std::fs::write(dir.path().join(&file), &text).unwrap();
        let what = format!("seed {seed}, round {round}, {file}:\n{text}");
        let typeset = round % 16 == 0;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if typeset {
                pipeline::build(dir.path(), &BuildOptions::default())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            } else {
                pipeline::check(dir.path(), &BuildOptions::default())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!("not an input diagnostic but a failure: {e}\n{what}"),
            Err(_) => panic!("panicked on {what}"),
        }
        if broke {
            broken += 1;
            let checked = pipeline::check(dir.path(), &BuildOptions::default()).unwrap();
            let located = checked.diagnostics.iter().any(|d| {
                d.is_error()
                    && d.span.is_some()
                    && d.file.is_some_and(|f| checked.sources.name(f) == file)
            });
            assert!(
                located,
                "no located error in {file} for a broken input: {what}\n{:#?}",
                checked.diagnostics
            );
        }
        if round % 20 == 0 {
            let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
                .arg("check")
                .arg(dir.path())
                .output()
                .unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "exit {:?} on {what}",
                out.status.code()
            );
        }
    }
    eprintln!("{broken} of {rounds} random edits certainly broke their file");
}

/// Every line of `text` that sets a key, with the key's facts.
fn keyed_lines(text: &str) -> Vec<(usize, &'static KeyFacts)> {
    lines(text)
        .iter()
        .enumerate()
        .filter_map(|(i, l)| Some((i, KEYS.get(key_of(l)?)?)))
        .collect()
}

/// Edits that certainly break a file, drawn from every input: a required key
/// deleted with its block, a collection where a scalar belongs. Each yields
/// at least one located error in the file it broke.
#[test]
fn certain_breaks_yield_located_errors() {
    let root = common::reference_root();
    let mut edits: Vec<(String, String, String)> = Vec::new();
    for file in input_files(&root) {
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        let ls = lines(&text);
        for (i, facts) in keyed_lines(&text) {
            let line = ls[i];
            let indent = line.len() - line.trim_start().len();
            // A key of a mapping that merges another (`<<: *anchor`) may come
            // from the merged one: deleting it breaks nothing for sure.
            let siblings = ls
                .iter()
                .filter(|l| l.len() - l.trim_start().len() == indent)
                .any(|l| l.trim_start().starts_with("<<:"));
            if facts.always_required && !line.trim_start().starts_with("- ") && !siblings {
                let rest = ls[i + 1..]
                    .iter()
                    .skip_while(|l| l.len() - l.trim_start().len() > indent || l.trim().is_empty());
                let edited: String = ls[..i].iter().copied().chain(rest.copied()).collect();
                edits.push((file.clone(), format!("line {} deleted", i + 1), edited));
            }
            let Some(colon) = line.find(": ") else {
                continue;
            };
            let value = line[colon + 2..].trim();
            let scalar = value.chars().next().is_some_and(|c| !"[{|>&*".contains(c));
            let wrong = match facts.kind.as_deref() {
                Some("integer" | "boolean" | "string" | "number") => "[1, 2]",
                _ => continue,
            };
            if scalar {
                let mut out: Vec<String> = ls.iter().map(|l| l.to_string()).collect();
                out[i] = format!("{}: {wrong}\n", &line[..colon]);
                edits.push((
                    file.clone(),
                    format!("line {} as a list", i + 1),
                    out.concat(),
                ));
            }
        }
    }
    assert!(
        edits.len() >= 100,
        "only {} certain breaks found",
        edits.len()
    );
    let rounds: usize = std::env::var("THIDUA_MUTATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .map_or(80, |n: usize| n.min(edits.len()));
    let mut rng = Rng(0x6272_6f6b_656e);
    for _ in 0..rounds {
        let (file, what, text) = &edits[rng.below(edits.len())];
        let dir = common::reference_copy();
        std::fs::write(dir.path().join(file), text).unwrap();
        let checked = pipeline::check(dir.path(), &BuildOptions::default()).unwrap();
        let located = checked.diagnostics.iter().any(|d| {
            d.is_error()
                && d.span.is_some()
                && d.file.is_some_and(|f| checked.sources.name(f) == file)
        });
        assert!(
            located,
            "{file}, {what}: no located error\n{text}\n{:#?}",
            checked.diagnostics
        );
    }
}
