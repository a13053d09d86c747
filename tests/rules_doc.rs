//! `docs/rules.md` documents every diagnostic code the tool can raise.

use std::collections::BTreeSet;

const DOC: &str = include_str!("../docs/rules.md");

fn documented() -> BTreeSet<String> {
    DOC.lines()
        .filter_map(|l| l.strip_prefix("### "))
        .map(|c| c.trim().to_string())
        .collect()
}

/// Every `"TDnnnn"` literal in the sources.
fn raised_in_sources() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for entry in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (i, _) in text.match_indices("\"TD") {
                let code = &text[i + 1..(i + 7).min(text.len())];
                if code[2..].chars().all(|c| c.is_ascii_digit()) && code.len() == 6 {
                    codes.insert(code.to_string());
                }
            }
        }
    }
    codes
}

#[test]
fn every_rule_and_stage_code_is_documented() {
    let documented = documented();
    let listed = thidua::rules::all().map(|r| r.code.to_string()).chain(
        thidua::rules::STAGE_CODES
            .iter()
            .map(|(c, _)| c.to_string()),
    );
    for code in listed {
        assert!(
            documented.contains(&code),
            "{code} is missing from docs/rules.md"
        );
    }
}

#[test]
fn every_code_in_the_sources_is_listed_and_documented() {
    let listed: BTreeSet<String> = thidua::rules::all()
        .map(|r| r.code.to_string())
        .chain(
            thidua::rules::STAGE_CODES
                .iter()
                .map(|(c, _)| c.to_string()),
        )
        .collect();
    let raised = raised_in_sources();
    assert!(raised.len() >= 20, "found only {raised:?}");
    for code in raised {
        assert!(
            listed.contains(&code),
            "{code} is raised but not in rules::all() or STAGE_CODES"
        );
        assert!(
            documented().contains(&code),
            "{code} is missing from docs/rules.md"
        );
    }
}
