//! Random edits of the valid reference inputs (a line or key deleted, a value
//! of another type, dates changed, the file truncated, anchors and aliases,
//! stray YAML characters) never panic: `check` and `build` always end in
//! exit code 0 or 1. Seeded, so a failure reproduces; `THIDUA_MUTATIONS=N`
//! runs more, and `THIDUA_FUZZ_SEED=S` explores from another seed: together,
//! the long-running fuzz mode over the loader, the rules and the build.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::process::Command;

use thidua::build::{self, BuildOptions};

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

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let ls = lines(text);
    if ls.is_empty() {
        return text.to_string();
    }
    let at = rng.below(ls.len());
    match rng.below(8) {
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
                return text.to_string();
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
    }
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
    for round in 0..rounds {
        let dir = common::reference_copy();
        let file = rng.pick(&files).clone();
        let original = std::fs::read_to_string(root.join(&file)).unwrap();
        let mut text = mutate(&original, &mut rng);
        if rng.below(3) == 0 {
            text = mutate(&text, &mut rng);
        }
        std::fs::write(dir.path().join(&file), &text).unwrap();
        let what = format!("seed {seed}, round {round}, {file}:\n{text}");
        let typeset = round % 16 == 0;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if typeset {
                build::build(dir.path(), &BuildOptions::default())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            } else {
                build::check(dir.path(), &BuildOptions::default())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => panic!("not an input diagnostic but a failure: {e}\n{what}"),
            Err(_) => panic!("panicked on {what}"),
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
}
