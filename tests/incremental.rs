//! Incremental and sharded builds: an unchanged document is not typeset or
//! rewritten, a changed input rebuilds exactly what depends on it, a vanished
//! input's documents are removed, and N shards merged equal one full build.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use common::*;
use thidua::pipeline::{self, BuildOptions, Shard};

fn build(root: &Path, options: &BuildOptions) -> pipeline::BuildReport {
    let report = pipeline::build(root, options).unwrap();
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    report
}

/// Every file under `output/`, by path relative to it: bytes and mtime.
fn tree(root: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let out = root.join("output");
    walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        // Local caches (file times differ between folders), not output.
        .filter(|e| !thidua::output::LOCAL_CACHES.contains(&&*e.file_name().to_string_lossy()))
        .map(|e| {
            let rel = e.path().strip_prefix(&out).unwrap();
            let meta = e.metadata().unwrap();
            (
                rel.to_string_lossy().into_owned(),
                (std::fs::read(e.path()).unwrap(), meta.modified().unwrap()),
            )
        })
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
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

fn changed(
    before: &BTreeMap<String, (Vec<u8>, SystemTime)>,
    after: &BTreeMap<String, (Vec<u8>, SystemTime)>,
) -> Vec<String> {
    let mut out: Vec<String> = after
        .iter()
        .filter(|(path, (bytes, _))| before.get(*path).is_none_or(|(old, _)| old != bytes))
        .map(|(path, _)| path.clone())
        .collect();
    out.extend(before.keys().filter(|p| !after.contains_key(*p)).cloned());
    out.sort();
    out
}

#[test]
fn a_build_with_nothing_changed_rewrites_nothing() {
    let root = reference_copy();
    let first = build(root.path(), &BuildOptions::default());
    assert_eq!(first.reused, 0);
    let before = tree(root.path());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(root.path(), &BuildOptions::default());
    assert_eq!(
        again.reused,
        first.manifest.documents.len(),
        "every document reused"
    );
    assert_eq!(again.manifest, first.manifest);
    let after = tree(root.path());
    assert_eq!(before.len(), after.len());
    for (path, (bytes, modified)) in &after {
        let (old_bytes, old_modified) = &before[path];
        assert_eq!(bytes, old_bytes, "{path}");
        assert_eq!(modified, old_modified, "{path} was rewritten");
    }
}

#[test]
fn changing_one_input_rebuilds_exactly_the_documents_that_print_it() {
    let root = reference_copy();
    build(root.path(), &BuildOptions::default());
    let before = tree(root.path());

    // A task of one unit's own plan prints in that plan and nowhere else.
    let unit = root.path().join("inputs/units/so-khoa-hoc-cong-nghe.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    let task = text
        .lines()
        .find(|l| l.trim_start().starts_with("text:") && text.contains("tasks:"))
        .unwrap()
        .to_string();
    let edited = text.replacen(&task, &format!("{task} Đã bổ sung."), 1);
    assert_ne!(edited, text);
    std::fs::write(&unit, edited).unwrap();
    let report = build(root.path(), &BuildOptions::default());
    assert_eq!(
        changed(&before, &tree(root.path())),
        [
            "lang-son/so-khoa-hoc-cong-nghe/ke-hoach.docx".to_string(),
            "lang-son/so-khoa-hoc-cong-nghe/ke-hoach.pdf".to_string(),
            "manifest.json".to_string()
        ]
    );
    assert_eq!(report.reused, report.manifest.documents.len() - 1);

    // A nominee's summary prints in the unit's list, minutes and report, the
    // Sở Nội vụ's documents, and every packet that joins them.
    let before = tree(root.path());
    let (_, edited) = with_line_appended(&unit, "summary:", " Tiêu biểu.");
    std::fs::write(&unit, edited).unwrap();
    build(root.path(), &BuildOptions::default());
    let now = changed(&before, &tree(root.path()));
    assert!(now.contains(
        &"lang-son/so-khoa-hoc-cong-nghe/bang-khen-chu-tich-tinh/danh-sach.pdf".to_string()
    ));
    assert!(now.contains(
        &"lang-son/so-khoa-hoc-cong-nghe/bang-khen-chu-tich-tinh/danh-sach.xlsx".to_string()
    ));
    assert!(now.contains(
        &"lang-son/so-khoa-hoc-cong-nghe/bang-khen-chu-tich-tinh/packet.pdf".to_string()
    ));
    assert!(now.contains(
        &"lang-son/so-khoa-hoc-cong-nghe/bang-khen-chu-tich-tinh/packet.json".to_string()
    ));
    for untouched in [
        "lang-son/ke-hoach.pdf",
        "lang-son/so-khoa-hoc-cong-nghe/ke-hoach.pdf",
        "lang-son/so-noi-vu/bang-khen-chu-tich-tinh/danh-sach.pdf",
        "lang-son/so-noi-vu/bang-khen-chu-tich-tinh/packet.pdf",
    ] {
        assert!(
            !now.contains(&untouched.to_string()),
            "{untouched} changed: {now:#?}"
        );
    }
}

#[test]
fn a_removed_input_takes_its_documents_away_and_force_rebuilds_the_same_bytes() {
    let root = reference_copy();
    let first = build(root.path(), &BuildOptions::default());
    let gone: Vec<String> = first
        .manifest
        .documents
        .iter()
        .filter(|d| d.unit.as_deref() == Some("ubnd-huyen-cao-loc"))
        .map(|d| d.path.clone())
        .collect();
    assert!(!gone.is_empty());
    std::fs::remove_file(root.path().join("inputs/units/ubnd-huyen-cao-loc.yaml")).unwrap();
    let second = build(root.path(), &BuildOptions::default());
    for path in &gone {
        assert!(!root.path().join(path).exists(), "{path} still there");
        assert!(second.manifest.documents.iter().all(|d| &d.path != path));
    }
    let before = tree(root.path());
    let forced = build(
        root.path(),
        &BuildOptions {
            force: true,
            ..BuildOptions::default()
        },
    );
    assert_eq!(forced.reused, 0);
    assert_eq!(changed(&before, &tree(root.path())), Vec::<String>::new());
}

#[test]
fn a_document_whose_input_turned_invalid_keeps_its_last_good_file() {
    let root = reference_copy();
    build(root.path(), &BuildOptions::default());
    let plan = root.path().join("output/lang-son/so-noi-vu/ke-hoach.pdf");
    let good = std::fs::read(&plan).unwrap();
    let unit = root.path().join("inputs/units/so-noi-vu.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    std::fs::write(&unit, text.replacen("symbol: SNV", "symbol: 12 3", 1)).unwrap();
    let report = pipeline::build(root.path(), &BuildOptions::default()).unwrap();
    assert!(report.has_errors());
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        good,
        "nothing written is lost"
    );
    let entry = report
        .manifest
        .documents
        .iter()
        .find(|d| d.path == "output/lang-son/so-noi-vu/ke-hoach.pdf")
        .expect("still listed, as the file still is");
    assert_eq!(entry.sha256, thidua::output::sha256_hex(&good));
}

#[test]
fn shards_merged_equal_one_full_build_byte_for_byte() {
    let full = reference_copy();
    build(full.path(), &BuildOptions::default());
    let whole = tree(full.path());

    let n = 3;
    let gathered = reference_copy();
    let mut counts = Vec::new();
    for k in 1..=n {
        let shard = reference_copy();
        let report = build(
            shard.path(),
            &BuildOptions {
                shard: Some(Shard { k, n }),
                ..BuildOptions::default()
            },
        );
        counts.push(report.manifest.documents.len());
        assert!(!shard.path().join("output/manifest.json").exists());
        // What a CI job uploads and the next downloads: the shard's output/.
        copy_tree(
            &shard.path().join("output"),
            &gathered.path().join("output"),
        );
    }
    assert!(
        counts.iter().all(|&c| c > 0),
        "every shard has work: {counts:?}"
    );
    // Every document but the packets, which merging joins.
    assert_eq!(counts.iter().sum::<usize>(), {
        let m: thidua::output::Manifest =
            serde_json::from_slice(&whole["manifest.json"].0).unwrap();
        m.documents.iter().filter(|d| d.kind != "packet").count()
    });
    let merged = pipeline::merge_manifests(gathered.path()).unwrap();
    assert!(!merged.documents.is_empty());
    let union = tree(gathered.path());
    let names = |t: &BTreeMap<String, (Vec<u8>, SystemTime)>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&union), names(&whole));
    for (path, (bytes, _)) in &whole {
        assert!(union[path].0 == *bytes, "{path} differs");
    }
}

#[test]
fn merging_refuses_an_incomplete_set_of_shards() {
    let root = reference_copy();
    build(
        root.path(),
        &BuildOptions {
            shard: Some(Shard { k: 1, n: 2 }),
            ..BuildOptions::default()
        },
    );
    let err = pipeline::merge_manifests(root.path()).unwrap_err();
    assert!(err.to_string().contains("thiếu phần 2 trên 2"), "{err}");
    assert!(Shard::parse("3/2").is_none() && Shard::parse("0/2").is_none());
    assert_eq!(Shard::parse("2/4"), Some(Shard { k: 2, n: 4 }));
}

#[test]
fn a_panic_in_one_document_is_its_error_and_the_others_are_written() {
    let root = reference_copy();
    let stem = "lang-son/so-noi-vu/bao-cao";
    let report = pipeline::build(
        root.path(),
        &BuildOptions {
            panic_on: Some(stem.to_string()),
            ..BuildOptions::default()
        },
    )
    .unwrap();
    let td0013: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "TD0013")
        .collect();
    assert_eq!(td0013.len(), 1, "{:#?}", report.diagnostics);
    assert!(report.has_errors());
    assert!(!root.path().join(format!("output/{stem}.pdf")).exists());
    let full = pipeline::build(reference_copy().path(), &BuildOptions::default()).unwrap();
    assert_eq!(
        report.manifest.documents.len(),
        full.manifest.documents.len() - 1
    );
    for doc in &report.manifest.documents {
        assert!(root.path().join(&doc.path).is_file(), "{}", doc.path);
    }
}

#[test]
fn a_damaged_output_file_is_rebuilt_not_trusted() {
    let root = reference_copy();
    let first = build(root.path(), &BuildOptions::default());
    let plan = root.path().join("output/lang-son/ke-hoach.pdf");
    let good = std::fs::read(&plan).unwrap();
    std::fs::write(&plan, &good[..good.len() / 2]).unwrap();
    let again = build(root.path(), &BuildOptions::default());
    assert_eq!(again.reused, first.manifest.documents.len() - 1);
    assert_eq!(std::fs::read(&plan).unwrap(), good);
}

#[test]
fn an_unchanged_clean_workspace_is_decided_before_anything_is_read() {
    let root = reference_copy();
    let first = build(root.path(), &BuildOptions::default());
    assert!(first.diagnostics.is_empty());
    let loaded = |r: &pipeline::BuildReport| r.sources.find("inputs/campaign.yaml").is_some();
    assert!(loaded(&first));
    let before = tree(root.path());

    // Nothing changed: the last manifest stands, no input is even loaded.
    let second = build(root.path(), &BuildOptions::default());
    assert!(!loaded(&second), "decided from the inputs' digest");
    assert_eq!(second.manifest, first.manifest);
    assert_eq!(second.reused, first.manifest.documents.len());
    assert!(second.rewritten.is_empty());
    assert_eq!(changed(&before, &tree(root.path())), Vec::<String>::new());

    // An output file touched by hand: the build runs and restores it.
    let plan = root.path().join("output/lang-son/ke-hoach.pdf");
    let bytes = std::fs::read(&plan).unwrap();
    std::fs::write(&plan, b"not a pdf").unwrap();
    let third = build(root.path(), &BuildOptions::default());
    assert!(loaded(&third));
    assert_eq!(std::fs::read(&plan).unwrap(), bytes);

    // One input byte changed: the build runs.
    let unit = root.path().join("inputs/units/so-noi-vu.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    std::fs::write(&unit, text.replace("Lý Văn Thắng", "Lý Văn Thắm")).unwrap();
    let fourth = build(root.path(), &BuildOptions::default());
    assert!(loaded(&fourth));
    assert!(!fourth.rewritten.is_empty());
}

#[test]
fn a_workspace_with_warnings_is_built_again_to_show_them() {
    // Warnings are shown by every build: a build with any is never skipped.
    // A figure naming a metric no criterion has (TD0229, a warning).
    let dir = base_replacing(
        "{ label: Hội nghị, value: 12, unit: hội nghị }",
        "{ label: Hội nghị, value: 12, unit: hội nghị, metric: so-hoi-ngi }",
    );
    let first = pipeline::build(dir.path(), &BuildOptions::default()).unwrap();
    let warned = first.diagnostics.len();
    assert!(warned > 0 && !first.has_errors());
    let second = pipeline::build(dir.path(), &BuildOptions::default()).unwrap();
    assert_eq!(second.diagnostics.len(), warned);
    assert!(second.sources.find("inputs/campaign.yaml").is_some());
}

#[test]
fn a_one_off_build_copies_unchanged_packet_parts_from_their_last_files() {
    let root = reference_copy();
    build(root.path(), &BuildOptions::default());
    // A nominee's summary: the unit's and the province's packets join again.
    let unit = root.path().join("inputs/units/so-khoa-hoc-cong-nghe.yaml");
    let (text, edited) = with_line_appended(&unit, "summary:", " Tiêu biểu.");
    std::fs::write(&unit, &edited).unwrap();
    let report = build(root.path(), &BuildOptions::default());
    assert!(
        report.timings.parts_copied > 0,
        "the layouts the last build left are used"
    );
    // Hashing states are kept in memory only: from disk, part by part.
    assert_eq!(report.timings.parts_verbatim, 0);

    // The same bytes as a build from nothing of the edited workspace.
    let cold = reference_copy();
    std::fs::write(
        cold.path().join("inputs/units/so-khoa-hoc-cong-nghe.yaml"),
        &edited,
    )
    .unwrap();
    build(cold.path(), &BuildOptions::default());
    assert_eq!(output_files(root.path()), output_files(cold.path()));

    // Layouts that are not this tool's, or describe other files, are not used.
    let layouts = root
        .path()
        .join("output")
        .join(thidua::output::LAYOUTS_FILE);
    std::fs::write(&layouts, b"thidua 0.0.0 layouts 1\nrubbish").unwrap();
    std::fs::write(&unit, &text).unwrap();
    let report = build(root.path(), &BuildOptions::default());
    assert_eq!(report.timings.parts_copied, 0);
    let back = reference_copy();
    build(back.path(), &BuildOptions::default());
    assert_eq!(output_files(root.path()), output_files(back.path()));
}
