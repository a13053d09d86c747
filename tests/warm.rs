//! The warm path of `watch`: one process keeps Typst's memoised layout from
//! build to build (`WATCH_EVICT_MAX_AGE`). After each edit of a sequence,
//! every file it has written (PDFs, Word files, spreadsheets, packets, the
//! manifest) equals, byte for byte, what a cold build of the same inputs in
//! a fresh process writes.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use thidua::pipeline::{self, BuildOptions};

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

#[test]
fn warm_rebuilds_equal_cold_builds_after_a_sequence_of_edits() {
    let root = common::reference_copy();
    let warm = BuildOptions {
        memo_age: Some(thidua::typeset::WATCH_EVICT_MAX_AGE),
        ..BuildOptions::default()
    };
    pipeline::build(root.path(), &warm).unwrap();
    let unit = "inputs/units/so-noi-vu.yaml";
    let steps: [(&str, &str, &str); 4] = [
        // A nominee's summary: the unit's list, minutes, report; the province's lists.
        (
            unit,
            "summary: Trực tiếp tham mưu",
            "summary: Đã cập nhật. Trực tiếp tham mưu",
        ),
        // A person's position: every document naming her.
        (
            unit,
            "position: Chuyên viên Phòng Xây dựng",
            "position: Phó Trưởng phòng Xây dựng",
        ),
        // The plan's title: every document citing it.
        ("inputs/campaign.yaml", "chào mừng", "hướng tới"),
        // Back as it was: memoised layout of the first build comes back into use.
        (
            unit,
            "summary: Đã cập nhật. Trực tiếp tham mưu",
            "summary: Trực tiếp tham mưu",
        ),
    ];
    for (i, (file, from, to)) in steps.iter().enumerate() {
        edit(root.path(), file, from, to);
        let report = pipeline::build(root.path(), &warm).unwrap();
        assert!(!report.rewritten.is_empty(), "step {i} rewrote something");
        let (warm_files, cold_files) = (common::output_files(root.path()), cold(root.path()));
        assert_eq!(
            warm_files.keys().collect::<Vec<_>>(),
            cold_files.keys().collect::<Vec<_>>(),
            "step {i}: the same files"
        );
        for (path, bytes) in &warm_files {
            assert!(
                bytes == &cold_files[path],
                "step {i}: {path} differs from a cold build's"
            );
        }
    }
}
