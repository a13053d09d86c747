//! `thidua new campaign ID [DIR]`: a commented starting campaign that checks
//! clean on its own, builds its plan, shows every block of the outline and
//! every form of the rules, and is never written over an existing one.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use thidua::model::campaign::{AwardLevel, Block, ListBlock, ListItem, ListStyle, Require};

fn thidua(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run thidua")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every style of a list and of the lists nested in it.
fn styles(list: &ListBlock, out: &mut Vec<ListStyle>) {
    out.push(list.style);
    for item in &list.items {
        if let ListItem::Nested(n) = item {
            styles(&n.list, out);
        }
    }
}

#[test]
fn new_campaign_writes_a_file_that_checks_clean_and_builds_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = thidua(&["new", "campaign", "thi-dua-2026"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.path().join("inputs/campaign.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../thidua.schema.json\n"));
    assert!(text.contains("\nid: thi-dua-2026 "), "the id given");
    assert!(
        text.contains("# Thời gian thi đua"),
        "comments in Vietnamese"
    );
    for form in ["tháng 10 năm 2025", "{ event:", "2025-10-01"] {
        assert!(text.contains(form), "the period's {form} form is shown");
    }
    assert!(dir.path().join("thidua.schema.json").is_file());

    // On its own the campaign has no error; its one warning names the unit
    // its example quota is for, which has no file yet. The next step a user
    // takes, `new unit`, makes the workspace clean.
    let check = thidua(&["check"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("0 lỗi, 1 cảnh báo") && stderr(&check).contains("TD0116"),
        "{}",
        stderr(&check)
    );
    let unit = thidua(&["new", "unit", "so-noi-vu"], dir.path());
    assert_eq!(unit.status.code(), Some(0), "{}", stderr(&unit));
    let check = thidua(&["check"], dir.path());
    assert!(
        stderr(&check).contains("0 lỗi, 0 cảnh báo"),
        "{}",
        stderr(&check)
    );
    let build = thidua(&["build"], dir.path());
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(
        dir.path()
            .join("output/thi-dua-2026/ke-hoach.pdf")
            .is_file()
    );

    // Never overwrites; a bad id is a usage error.
    let again = thidua(&["new", "campaign", "khac"], dir.path());
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let bad = thidua(
        &["new", "campaign", "Thi đua 2026"],
        tempfile::tempdir().unwrap().path(),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("thi-dua-2026"), "{}", stderr(&bad));
}

#[test]
fn the_new_campaign_shows_every_block_and_rule_form() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs")).unwrap();
    std::fs::write(
        dir.path().join("inputs/campaign.yaml"),
        thidua::scaffold::campaign("mau"),
    )
    .unwrap();
    let loaded = thidua::load::load_workspace(dir.path()).unwrap();
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let c = loaded.workspace.campaign.unwrap().value;
    assert!(c.issuer.short_name.is_some());
    let r = &c.roles;
    assert!(r.authority_short.is_some() && r.authority_heading.is_some());
    assert!(r.appraiser_unit.is_some() && !r.council_header.is_empty());
    assert!(c.closing.is_some() && c.targets.is_some() && !c.legal_bases.is_empty());
    let level = |l: AwardLevel| c.awards.iter().filter(move |a| a.level == l);
    assert!(level(AwardLevel::Unit).count() > 0);
    let province = level(AwardLevel::Province).next().unwrap();
    assert!(!province.criteria.collective.is_empty() && !province.criteria.individual.is_empty());
    assert!(province.window.is_some() && province.deadline.is_some());
    let national = level(AwardLevel::National).next().unwrap();
    assert!(national.selection.as_ref().unwrap().granted_by.is_some());
    for sets in [&national.criteria_sets, &c.criteria_sets] {
        let all = sets.iter().find(|s| s.require == Require::All).unwrap();
        assert!(all.intro.is_some() && !all.kinds.is_empty());
        let metric = all.criteria.iter().find_map(|k| k.metric.as_ref()).unwrap();
        assert!(metric.at_least.is_some() && metric.unit.is_some());
    }
    let quotas = &c.quotas;
    assert!(quotas.iter().any(|q| !q.units.is_empty()));
    assert!(quotas.iter().any(|q| !q.unit_kinds.is_empty()));
    assert!(
        quotas
            .iter()
            .any(|q| q.units.is_empty() && q.unit_kinds.is_empty())
    );
    assert!(
        quotas
            .iter()
            .any(|q| q.collective.is_some() && q.individual.is_some())
    );
    assert!(quotas.iter().any(|q| q.total.is_some()));
    assert!(quotas.iter().all(|q| q.text.is_some()));
    let council = c.council.as_ref().unwrap();
    assert!(council.pass.is_some() && council.quorum.is_some());

    let mut kinds = std::collections::BTreeSet::new();
    let mut list_styles = Vec::new();
    for block in &c.plan.body {
        kinds.insert(
            serde_json::to_value(block)
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
                .next()
                .unwrap()
                .clone(),
        );
        match block {
            Block::Heading(h) => assert!((1..=4).contains(&h.level.value)),
            Block::List(l) => styles(l, &mut list_styles),
            Block::ContentItems(b) => assert!(b.style.is_some() && b.intro.is_some()),
            Block::Period(b) => assert!(b.text.is_some()),
            Block::Awards(b) if b.awards.len() == 1 && b.window.is_some() => {
                assert!(b.collective_label.is_some() && b.individual_label.is_some());
            }
            _ => {}
        }
    }
    let every_block = [
        "heading",
        "paragraph",
        "run_in",
        "items",
        "list",
        "content_items",
        "period",
        "subjects",
        "awards",
        "criteria_sets",
        "award_names",
    ];
    assert_eq!(kinds, every_block.iter().map(|k| k.to_string()).collect());
    let every_style = [
        ListStyle::Dash,
        ListStyle::Plus,
        ListStyle::Number,
        ListStyle::Letter,
        ListStyle::Parenthesised,
        ListStyle::None,
    ];
    for style in every_style {
        assert!(
            list_styles.contains(&style),
            "a list in the style {style:?}"
        );
    }
    let awards_blocks = c.plan.body.iter().filter_map(|b| match b {
        Block::Awards(a) => Some(a),
        _ => None,
    });
    assert!(awards_blocks.clone().any(|b| b.window.is_some()));
    assert!(awards_blocks.clone().any(|b| b.selection.is_some()));
}

#[test]
fn a_new_units_examples_check_clean_once_uncommented_in_every_campaign() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let starter = tempfile::tempdir().unwrap();
    thidua(&["new", "campaign", "thi-dua-2026"], starter.path());
    let campaigns = [
        starter.path().join("inputs/campaign.yaml"),
        root.join("inputs/campaign.yaml"),
        root.join("tests/reference/nghe-an/inputs/campaign.yaml"),
        root.join("tests/reference/can-tho/inputs/campaign.yaml"),
    ];
    for campaign in campaigns {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("inputs")).unwrap();
        std::fs::copy(&campaign, dir.path().join("inputs/campaign.yaml")).unwrap();
        let out = thidua(&["new", "unit", "so-noi-vu"], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let path = dir.path().join("inputs/units/so-noi-vu.yaml");
        let text = common::uncomment_unit_examples(&std::fs::read_to_string(&path).unwrap());
        for block in [
            "\ngiay_khen:\n",
            "\n  - id: de-nghi-01\n",
            "\nsubmission:\n",
        ] {
            assert!(text.contains(block), "{block} uncommented:\n{text}");
        }
        std::fs::write(&path, &text).unwrap();
        let check = thidua(&["check"], dir.path());
        assert!(
            stderr(&check).contains("0 lỗi"),
            "{}: {}\n{text}",
            campaign.display(),
            stderr(&check)
        );
    }
}
