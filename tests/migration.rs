//! Files written in the previous schema (`tests/fixtures/schema-2024/`: the
//! reference inputs before campaigns named their roles) either still load or
//! get a located error whose help says exactly what to write: the units and the
//! appraisal load; the campaign gets one error, at its `issuer:` block, naming
//! `roles` with the block to add; and the file with that block added checks clean.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn fixture() -> PathBuf {
    reference_root().join("tests/fixtures/schema-2024")
}

/// The diagnostics of `thidua check --format json` on `dir`, and its exit code.
fn check_json(dir: &Path, lang: &str) -> (Option<i32>, Vec<serde_json::Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["check", "--format", "json", "--lang", lang])
        .arg(dir)
        .output()
        .unwrap();
    let diagnostics = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), diagnostics)
}

#[test]
fn units_and_appraisal_of_the_previous_schema_still_load() {
    let loaded = thidua::load::load_workspace(&fixture()).unwrap();
    let ws = &loaded.workspace;
    let ids: Vec<&str> = ws.units.iter().map(|u| u.value.id.value.as_str()).collect();
    assert_eq!(
        ids.len(),
        4,
        "every unit file of the previous schema loads: {ids:?}"
    );
    assert!(ids.contains(&"ubnd-thanh-pho-lang-son"));
    assert!(ws.appraisal.is_some(), "the appraisal loads");
    assert!(ws.campaign.is_none(), "the campaign lacks `roles`");
    assert_eq!(loaded.diagnostics.len(), 1, "{:#?}", loaded.diagnostics);
}

#[test]
fn the_campaign_gets_one_located_error_that_gives_the_roles_block() {
    let text = std::fs::read_to_string(fixture().join("inputs/campaign.yaml")).unwrap();
    let issuer_line = text.lines().position(|l| l == "issuer:").unwrap() + 1;
    for lang in ["vi", "en"] {
        let (code, diagnostics) = check_json(&fixture(), lang);
        assert_eq!(code, Some(1));
        let [d] = diagnostics.as_slice() else {
            panic!("one diagnostic, no other error: {diagnostics:#?}");
        };
        assert_eq!(d["code"], "TD0004", "{d:#?}");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["file"], "inputs/campaign.yaml");
        assert_eq!(d["line"], issuer_line, "at the block `roles` follows");
        assert!(d["message"].as_str().unwrap().contains("`roles`"), "{d:#?}");
        let help = d["help"].as_str().unwrap();
        assert!(help.contains("`issuer:`"), "says where: {help}");
        // Exactly what to write: the names the previous version printed,
        // derived from this campaign's issuer.
        let block = &help[help.find("\nroles:\n").expect(help) + 1..];
        assert_eq!(
            block,
            "roles:\n  authority: Chủ tịch UBND tỉnh Lạng Sơn\n  authority_short: Chủ tịch UBND tỉnh\n  authority_heading: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n  appraiser: Sở Nội vụ\n  appraiser_unit: so-noi-vu\n  council: Hội đồng Thi đua - Khen thưởng tỉnh\n  council_header: [HỘI ĐỒNG THI ĐUA -, KHEN THƯỞNG]\n  council_symbol: HĐTĐKT",
            "{lang}"
        );
    }
}

#[test]
fn with_the_block_the_help_gives_the_previous_workspace_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&fixture(), dir.path());
    let (_, diagnostics) = check_json(dir.path(), "vi");
    let help = diagnostics[0]["help"].as_str().unwrap();
    let block = &help[help.find("\nroles:\n").unwrap() + 1..];
    // Right after the `issuer:` block, as the help says.
    let path = dir.path().join("inputs/campaign.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let issuer = lines.iter().position(|l| *l == "issuer:").unwrap();
    let after = issuer
        + 1
        + lines[issuer + 1..]
            .iter()
            .take_while(|l| l.starts_with(' '))
            .count();
    lines.splice(after..after, block.lines());
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, diagnostics) = check_json(dir.path(), "vi");
    assert_eq!(code, Some(0), "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}
