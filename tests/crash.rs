//! Nothing is lost when a build dies: killed with SIGKILL at random moments,
//! every document on disk is complete (the old version or the new one), the
//! manifest parses and every entry is true of the file it names, and the next
//! build finishes the work.

#![cfg(unix)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use thidua::output::{Manifest, sha256_hex};

/// Every document's hash by path, from a complete build.
fn hashes(manifest: &Manifest) -> BTreeMap<String, String> {
    manifest
        .documents
        .iter()
        .map(|d| (d.path.clone(), d.sha256.clone()))
        .collect()
}

fn build(root: &Path) -> Manifest {
    let report = thidua::build::build(root, &Default::default()).unwrap();
    assert!(!report.has_errors());
    report.manifest
}

/// What a change of the campaign's name does: most documents differ.
fn rename_campaign(root: &Path) {
    let path = root.join("inputs/campaign.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen(
        "name: phong trào thi đua",
        "name: phong trào thi đua đợt hai",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
}

#[test]
fn a_build_killed_at_any_moment_loses_nothing() {
    // The two versions every document may legitimately have.
    let old_root = reference_copy();
    let old = hashes(&build(old_root.path()));
    let new_root = reference_copy();
    rename_campaign(new_root.path());
    let new = hashes(&build(new_root.path()));
    let changing = old
        .iter()
        .filter(|(path, sha)| new.get(*path) != Some(*sha))
        .count();
    assert!(
        changing * 2 > old.len(),
        "most documents change: {changing} of {}",
        old.len()
    );

    let rounds: usize = std::env::var("THIDUA_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(6);
    // How long the interrupted build takes when left alone: kill moments
    // fall within it, from a fixed seed (xorshift), so CI is repeatable.
    let timed = reference_copy();
    build(timed.path());
    rename_campaign(timed.path());
    let started = std::time::Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["build", "--quiet", "--jobs", "2"])
        .arg(timed.path())
        .status()
        .unwrap();
    assert!(status.success());
    let span = (started.elapsed().as_millis() as u64).max(1);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next_delay = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % span
    };
    let mut killed_midway = 0;
    for round in 0..rounds {
        let root = reference_copy();
        build(root.path());
        rename_campaign(root.path());
        let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["build", "--quiet", "--jobs", "2"])
            .arg(root.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = next_delay();
        std::thread::sleep(Duration::from_millis(delay));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        // Every document on disk is one of its two versions, whole.
        let mut seen_new = 0;
        for (path, old_sha) in &old {
            let bytes = std::fs::read(root.path().join(path)).unwrap();
            let sha = sha256_hex(&bytes);
            assert!(
                sha == *old_sha || Some(&sha) == new.get(path),
                "round {round} ({delay} ms): {path} is neither version"
            );
            seen_new += usize::from(Some(&sha) == new.get(path) && sha != *old_sha);
        }
        if !finished && seen_new > 0 && seen_new < changing {
            killed_midway += 1;
        }
        // The manifest parses, and what it says of each file is true.
        let text = std::fs::read_to_string(root.path().join("output/manifest.json")).unwrap();
        let manifest: Manifest = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("round {round}: manifest unreadable: {e}"));
        for entry in &manifest.documents {
            let bytes = std::fs::read(root.path().join(&entry.path))
                .unwrap_or_else(|_| panic!("round {round}: {} listed but missing", entry.path));
            assert_eq!(
                sha256_hex(&bytes),
                entry.sha256,
                "round {round}: {}",
                entry.path
            );
            for a in &entry.attachments {
                let bytes = std::fs::read(root.path().join(&a.path)).unwrap();
                assert_eq!(sha256_hex(&bytes), a.sha256, "round {round}: {}", a.path);
            }
        }

        // The next build completes the work and leaves no temporary file.
        let finished = build(root.path());
        assert_eq!(hashes(&finished), new, "round {round}");
        let leftovers: BTreeSet<String> = walkdir::WalkDir::new(root.path().join("output"))
            .into_iter()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
    eprintln!("{killed_midway} of {rounds} rounds killed the build midway");
}
