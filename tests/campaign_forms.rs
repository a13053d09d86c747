//! The forms real plans write, used all at once on the corpus base, check
//! clean when they are met: criteria sets per kind (`require: all`, a
//! measurable criterion met by a figure), quotas by named unit, kind and
//! default (the named one applies), a council's 2/3 and quorum, a deadline
//! and a closing date. Then each form, broken once, raises its own code.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use thidua::pipeline::{self, BuildOptions};

/// Replaces the one `from` of `file` (under the workspace) by `to`.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from:?} in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const CAMPAIGN: &str = "inputs/campaign.yaml";
const UNIT: &str = "inputs/units/don-vi.yaml";
const APPRAISAL: &str = "inputs/appraisal.yaml";

/// The corpus base with every form in use, all of them met.
fn all_forms() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_workspace(&common::corpus_base(), dir.path());
    let root = dir.path();
    edit(
        root,
        CAMPAIGN,
        "    criteria:\n      collective:\n",
        "    criteria_sets:\n      - id: bo-so\n        subject: collective\n        kinds: [sở, ban, ngành]\n        title: Đối với các sở, ban, ngành\n        intro: \"Đạt các tiêu chuẩn sau:\"\n        require: all\n        criteria:\n",
    );
    edit(
        root,
        CAMPAIGN,
        "        - id: tt-sang-kien\n",
        "      - id: bo-huyen\n        subject: collective\n        kinds: [UBND huyện, UBND thành phố]\n        title: Đối với UBND các huyện, thành phố\n        criteria:\n        - id: tt-sang-kien\n",
    );
    edit(
        root,
        CAMPAIGN,
        "      individual:\n",
        "      - id: bo-ca-nhan\n        subject: individual\n        title: Đối với cá nhân\n        criteria:\n",
    );
    edit(
        root,
        CAMPAIGN,
        "          requires: achievements\n          text: Các tập thể",
        "          requires: achievements\n          metric: { id: so-hoi-nghi, at_least: 10, unit: hội nghị }\n          text: Các tập thể",
    );
    edit(
        root,
        CAMPAIGN,
        "      end: 2025-12-31\n  - id: bang-khen-thu-tuong",
        "      end: 2025-12-31\n    deadline: 2026-01-15\n  - id: bang-khen-thu-tuong",
    );
    edit(
        root,
        CAMPAIGN,
        "  end: 2025-12-31\n\n",
        "  end: 2025-12-31\nclosing: 2026-01\n\n",
    );
    edit(
        root,
        CAMPAIGN,
        "legal_bases:\n  - Luật",
        "quotas:\n  - { award: bang-khen-chu-tich-tinh, units: [so-tu-phap], collective: 1, individual: 1, text: \"Sở Tư pháp: 01 tập thể, 01 cá nhân\" }\n  - { award: bang-khen-chu-tich-tinh, unit_kinds: [sở], total: 1 }\n  - { award: bang-khen-chu-tich-tinh, total: 5 }\ncouncil:\n  pass: { at_least: 2/3 }\n  quorum: { at_least: 2/3 }\nlegal_bases:\n  - Luật",
    );
    edit(
        root,
        UNIT,
        "{ label: Hội nghị, value: 12, unit: hội nghị }",
        "{ label: Hội nghị, value: 12, unit: hội nghị, metric: so-hoi-nghi }",
    );
    dir
}

fn codes(root: &Path) -> BTreeSet<String> {
    let checked = pipeline::check(root, &BuildOptions::default()).unwrap();
    checked
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn every_form_met_checks_clean() {
    let dir = all_forms();
    let checked = pipeline::check(dir.path(), &BuildOptions::default()).unwrap();
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
}

#[test]
fn each_form_broken_raises_its_code() {
    let broken: [(&str, &str, &str, &str); 7] = [
        // The named quota allows one collective: a second quota by name would not.
        (
            CAMPAIGN,
            "units: [so-tu-phap], collective: 1, individual: 1",
            "units: [so-tu-phap], collective: 0, individual: 1",
            "TD0221",
        ),
        (UNIT, "criteria: [tt-hieu-qua]", "criteria: []", "TD0210"),
        (
            CAMPAIGN,
            "at_least: 10, unit: hội nghị",
            "at_least: 13, unit: hội nghị",
            "TD0228",
        ),
        (
            UNIT,
            "{ nomination: dn-nguyen-thi-lan, in_favour: 5 }",
            "{ nomination: dn-nguyen-thi-lan, in_favour: 4 }",
            "TD0230",
        ),
        (
            APPRAISAL,
            "nomination: dn-so-tu-phap, in_favour: 10",
            "nomination: dn-so-tu-phap, in_favour: 7",
            "TD0314",
        ),
        (
            UNIT,
            "  number: 38\n  date: 2025-11-05",
            "  number: 38\n  date: 2026-01-20",
            "TD0214",
        ),
        (
            CAMPAIGN,
            "closing: 2026-01",
            "closing: 2025-12-20",
            "TD0117",
        ),
    ];
    for (file, from, to, code) in broken {
        let dir = all_forms();
        edit(dir.path(), file, from, to);
        assert_eq!(
            codes(dir.path()),
            BTreeSet::from([code.to_string()]),
            "{from:?} → {to:?}"
        );
    }
}
