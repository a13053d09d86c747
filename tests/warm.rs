//! The warm path of `watch`: one process keeps, from build to build, each
//! input file's parse, each document's rendered source, each packet's layout
//! and Typst's memoised layout (`pipeline::Warm`). After each edit of a
//! sequence, every file it has written (PDFs, Word files, spreadsheets,
//! packets, the manifest) equals, byte for byte, what a cold build of the
//! same inputs in a fresh process writes; and only the documents that read
//! the edited file were rendered again. The first warm build finds the
//! outputs of an earlier one, as `watch` started on a built workspace does.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use thidua::pipeline::{self, BuildOptions, BuildReport, Warm};

/// A cold build of `root`'s inputs, in a fresh folder and process.
fn cold(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    common::copy_workspace(root, dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["build", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::output_files(dir.path())
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file}: {from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// How many documents of the manifest read `file`.
fn readers(report: &BuildReport, file: &str) -> usize {
    let documents = report.manifest.documents.iter();
    documents
        .filter(|d| d.parts.is_empty() && d.inputs.iter().any(|i| i == file))
        .count()
}

const UNIT: &str = "inputs/units/so-noi-vu.yaml";
const OTHER: &str = "inputs/units/ubnd-huyen-cao-loc.yaml";
const SUMMARY: &str = "summary: Trực tiếp tham mưu";

#[test]
fn warm_rebuilds_equal_cold_builds_after_a_sequence_of_edits() {
    let root = common::reference_copy();
    let root = root.path();
    let options = BuildOptions {
        memo_age: Some(thidua::typeset::WATCH_EVICT_MAX_AGE),
        ..BuildOptions::default()
    };
    // Outputs an earlier build left: watch's first build reuses them, and
    // lays out ahead (for Typst's memo only) what any unit's edit lays out again.
    pipeline::build(root, &options).unwrap();
    let mut warm = Warm::default();
    let first = pipeline::build_warm(root, &options, &mut warm).unwrap();
    assert!(first.rewritten.is_empty(), "{:?}", first.rewritten);
    assert!(
        first.timings.warmed_up > 0,
        "the province's documents laid out ahead"
    );
    let other = std::fs::read_to_string(root.join(OTHER)).unwrap();
    let long = format!(
        "{SUMMARY}{}",
        " Chủ trì nhiều nhiệm vụ trọng tâm của ngành.".repeat(40)
    );
    let (mut copied, mut verbatim) = (0, 0);
    for step in 0..9 {
        match step {
            // A nominee's summary: the unit's list, minutes, report; the province's lists.
            0 => edit(
                root,
                UNIT,
                SUMMARY,
                "summary: Đã cập nhật. Trực tiếp tham mưu",
            ),
            // A person's position: every document naming her.
            1 => edit(
                root,
                UNIT,
                "position: Chuyên viên Phòng Xây dựng",
                "position: Phó Trưởng phòng Xây dựng",
            ),
            // A summary long enough to add pages: the parts after it in a packet move.
            2 => edit(
                root,
                UNIT,
                "summary: Đã cập nhật. Trực tiếp tham mưu",
                &long,
            ),
            // The plan's title: every document citing it.
            3 => edit(root, "inputs/campaign.yaml", "chào mừng", "hướng tới"),
            // A unit's file removed, then back: the province's documents list one unit less.
            4 => std::fs::remove_file(root.join(OTHER)).unwrap(),
            5 => std::fs::write(root.join(OTHER), &other).unwrap(),
            // A template of the workspace: every document it writes.
            6 => {
                let builtin = std::fs::read_to_string("templates/to-trinh.typ").unwrap();
                let changed = builtin.replace("Căn cứ kết quả họp", "Căn cứ vào kết quả họp");
                assert_ne!(builtin, changed);
                std::fs::create_dir_all(root.join("templates")).unwrap();
                std::fs::write(root.join("templates/to-trinh.typ"), changed).unwrap();
            }
            7 => std::fs::remove_dir_all(root.join("templates")).unwrap(),
            // Back as it was: memoised layout of earlier builds may come back into use.
            _ => edit(root, UNIT, &long, SUMMARY),
        }
        let report = pipeline::build_warm(root, &options, &mut warm).unwrap();
        assert!(
            !report.has_errors(),
            "step {step}: {:?}",
            report.diagnostics
        );
        // A unit's file removed only removes its own documents.
        assert!(
            step == 4 || !report.rewritten.is_empty(),
            "step {step} rewrote something"
        );
        copied += report.timings.parts_copied;
        verbatim += report.timings.parts_verbatim;
        if matches!(step, 0 | 1 | 2 | 8) {
            assert_eq!(
                report.timings.rendered,
                readers(&report, UNIT),
                "step {step}: only the documents reading the unit's file are rendered"
            );
        }
        let (warm_files, cold_files) = (common::output_files(root), cold(root));
        assert_eq!(
            warm_files.keys().collect::<Vec<_>>(),
            cold_files.keys().collect::<Vec<_>>(),
            "step {step}: the same files"
        );
        for (path, bytes) in &warm_files {
            assert!(
                bytes == &cold_files[path],
                "step {step}: {path} differs from a cold build's"
            );
        }
    }
    assert!(
        copied > 0,
        "packets copied unchanged parts from their last files"
    );
    assert!(
        verbatim > 0,
        "the unchanged head of a packet's last file copied whole"
    );
}

/// A one-off build keeps nothing: it renders every document it builds.
#[test]
fn a_cold_build_renders_every_document() {
    let root = common::reference_copy();
    let report = pipeline::build(root.path(), &BuildOptions::default()).unwrap();
    let documents = report
        .manifest
        .documents
        .iter()
        .filter(|d| d.parts.is_empty());
    assert_eq!(report.timings.rendered, documents.count());
    assert_eq!(report.timings.parts_copied, 0);
}
