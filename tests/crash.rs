//! Nothing is lost when a build or a merge dies: killed at any file it
//! writes, every document on disk is complete (the old version or the new
//! one), the manifest parses and every entry is true of the file it names,
//! and the next run finishes the work, with the bytes of an uninterrupted one.
//!
//! Kill points are deterministic: the `thidua` binary runs as a subprocess
//! with `THIDUA_TEST_ABORT_AFTER_WRITES=k` ([`thidua::output::test_hook`]),
//! which lets it complete `k` file operations (atomic writes and, in a merge,
//! removals) and aborts it in the middle of the next one, leaving that
//! write's temporary file behind. A run of `T` operations can be killed at
//! `k = 0 ..= T - 1`, and succeeds from `k = T` on.
//!
//! - A build: `T` is counted in-process (the library counts its operations)
//!   on the same rebuild, then checked on the binary: killed at `T - 1`, not
//!   at `T`. It is killed at a spread of points: the first, the last and
//!   evenly between, 12 by default; `THIDUA_KILL_ROUNDS=N` sets how many,
//!   every point when `N >= T`.
//! - A merge of three shards: killed at every `k` from 0 until it succeeds.

#![cfg(unix)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Mutex;

use common::*;
use thidua::output::{Manifest, sha256_hex, test_hook};
use thidua::pipeline::{BuildOptions, Shard};

/// Kill points of the build test unless `THIDUA_KILL_ROUNDS` says otherwise.
const DEFAULT_ROUNDS: usize = 12;

/// Every document's hash by path, from a complete build.
fn hashes(manifest: &Manifest) -> BTreeMap<String, String> {
    manifest
        .documents
        .iter()
        .map(|d| (d.path.clone(), d.sha256.clone()))
        .collect()
}

/// In-process builds and merges (of both tests) take turns, so that the
/// library's count of file operations around one of them is its own.
static IN_PROCESS: Mutex<()> = Mutex::new(());

/// `run`'s result and how many file operations it did.
fn counted<T>(run: impl FnOnce() -> T) -> (T, usize) {
    let _turn = IN_PROCESS.lock().unwrap_or_else(|e| e.into_inner());
    let before = test_hook::operations();
    let out = run();
    (out, test_hook::operations() - before)
}

/// A build that must succeed, and its file operations.
fn build_counted(root: &Path, options: &BuildOptions) -> (Manifest, usize) {
    let (report, operations) = counted(|| thidua::pipeline::build(root, options).unwrap());
    assert!(!report.has_errors(), "{:#?}", report.diagnostics);
    (report.manifest, operations)
}

fn build(root: &Path, options: &BuildOptions) -> Manifest {
    build_counted(root, options).0
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

/// A copy of the workspace at `from`, outputs included, with their
/// modification times: the build's stamps hold in the copy as in the original.
fn copy_workspace_with_outputs(from: &Path) -> tempfile::TempDir {
    let to = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.path().join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
            let modified = entry.metadata().unwrap().modified().unwrap();
            let file = std::fs::File::options().write(true).open(&dest).unwrap();
            file.set_modified(modified).unwrap();
        }
    }
    to
}

/// Runs `thidua <args> <root>`, killed after `kill_after` file operations
/// when given.
fn thidua(args: &[&str], root: &Path, kill_after: Option<usize>) -> ExitStatus {
    let mut command = Command::new(env!("CARGO_BIN_EXE_thidua"));
    command
        .args(args)
        .arg(root)
        .env_remove(test_hook::VAR)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(k) = kill_after {
        command.env(test_hook::VAR, k.to_string());
    }
    command.status().unwrap()
}

/// Whether the run was stopped by the hook (`abort`, SIGABRT), not by
/// finishing, failing or anything else.
fn killed_by_hook(status: ExitStatus) -> bool {
    status.signal() == Some(6)
}

/// `rounds` kill points spread over `0 .. total`: the first, the last and
/// evenly between (every point when `rounds >= total`).
fn spread(total: usize, rounds: usize) -> Vec<usize> {
    if rounds >= total || total < 2 {
        return (0..total).collect();
    }
    let rounds = rounds.max(2);
    let points: BTreeSet<usize> = (0..rounds)
        .map(|i| (i * (total - 1) + (rounds - 1) / 2) / (rounds - 1))
        .collect();
    points.into_iter().collect()
}

/// Every file under `root/output/`, by path relative to the workspace.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root.join("output"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The same without the local caches (file times, packet layouts) that
/// differ from folder to folder (and that a merge does not write).
fn outputs(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = files(root);
    for cache in thidua::output::LOCAL_CACHES {
        files.remove(&format!("output/{cache}"));
    }
    files
}

/// The manifest at `path`, if there is one, must parse, and every file it
/// lists (documents and attachments) must hold the bytes it records.
fn assert_manifest_true(root: &Path, path: &str, at: &str) -> Option<Manifest> {
    let text = std::fs::read_to_string(root.join(path)).ok()?;
    let manifest: Manifest =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{at}: {path} unreadable: {e}"));
    for entry in &manifest.documents {
        let listed = std::iter::once((&entry.path, &entry.sha256))
            .chain(entry.side_files().map(|a| (&a.path, &a.sha256)));
        for (file, sha256) in listed {
            let bytes = std::fs::read(root.join(file))
                .unwrap_or_else(|_| panic!("{at}: {file} listed in {path} but missing"));
            assert_eq!(
                &sha256_hex(&bytes),
                sha256,
                "{at}: {file} is not as {path} says"
            );
        }
    }
    Some(manifest)
}

#[test]
fn a_build_killed_at_any_write_loses_nothing() {
    // The two versions every document may legitimately have; the new one is
    // what the build must end in, file for file.
    let old_root = reference_copy();
    let old = hashes(&build(old_root.path(), &BuildOptions::default()));
    let new_root = reference_copy();
    rename_campaign(new_root.path());
    let new = hashes(&build(new_root.path(), &BuildOptions::default()));
    let known: BTreeSet<String> = (files(old_root.path()).into_keys())
        .chain(files(new_root.path()).into_keys())
        .collect();
    let full_build = outputs(new_root.path());
    let changing: BTreeSet<&String> = old
        .iter()
        .filter(|(path, sha)| new.get(*path) != Some(*sha))
        .map(|(path, _)| path)
        .collect();
    assert!(
        changing.len() * 2 > old.len(),
        "most documents change: {} of {}",
        changing.len(),
        old.len()
    );

    // Each round starts from the old build with the campaign renamed.
    let interrupted = |kill_after: Option<usize>| {
        let root = copy_workspace_with_outputs(old_root.path());
        rename_campaign(root.path());
        let status = thidua(
            &["build", "--quiet", "--jobs", "2"],
            root.path(),
            kill_after,
        );
        (root, status)
    };
    // How many file operations that build does, left alone: counted on the
    // same rebuild in-process (checked on the binary at the end).
    let uninterrupted = copy_workspace_with_outputs(old_root.path());
    rename_campaign(uninterrupted.path());
    let (rebuilt, total) = build_counted(uninterrupted.path(), &BuildOptions::default());
    assert_eq!(hashes(&rebuilt), new, "a rebuild differs from a full build");
    assert!(total > changing.len(), "{total} operations");
    let rounds: usize = std::env::var("THIDUA_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_ROUNDS);
    let points = spread(total, rounds);
    assert!(points.contains(&0) && points.contains(&(total - 1)));
    for k in points {
        let at = format!("killed after {k} of {total} writes");
        let (root, status) = interrupted(Some(k));
        assert!(
            killed_by_hook(status),
            "{at}: the build was not interrupted: {status}"
        );

        // Every document on disk is one of its two versions, whole.
        let (mut now_new, mut still_old) = (0, 0);
        for (path, old_sha) in &old {
            let bytes = std::fs::read(root.path().join(path)).unwrap();
            let sha = sha256_hex(&bytes);
            assert!(
                sha == *old_sha || Some(&sha) == new.get(path),
                "{at}: {path} is neither version"
            );
            if changing.contains(path) {
                match sha == *old_sha {
                    true => still_old += 1,
                    false => now_new += 1,
                }
            }
        }
        // Where the build was stopped shows: before its first write nothing
        // is replaced, at its last one (bookkeeping) everything is, and in
        // the middle half of its writes some documents are and some not.
        if k == 0 {
            assert_eq!(now_new, 0, "{at}: documents replaced before any write");
        }
        if k == total - 1 {
            assert_eq!(still_old, 0, "{at}: documents left at the last write");
        }
        if 4 * k >= total && 4 * k <= 3 * total {
            assert!(
                now_new > 0 && still_old > 0,
                "{at}: not midway: {now_new} new, {still_old} old of {}",
                changing.len()
            );
        }
        // The manifest parses, and what it says of each file is true.
        assert_manifest_true(root.path(), "output/manifest.json", &at)
            .unwrap_or_else(|| panic!("{at}: no manifest"));
        // Killed in the middle of a write: its temporary file is left (and
        // the other thread's, when it was waiting to rename its own).
        let debris = files(root.path())
            .into_keys()
            .filter(|p| !known.contains(p));
        assert!(debris.count() > 0, "{at}: no temporary file left");

        // The next build completes the work: a full build's files, exactly,
        // and nothing else (no temporary file left).
        let finished = build(root.path(), &BuildOptions::default());
        assert_eq!(hashes(&finished), new, "{at}: the next build differs");
        assert_same_files(&outputs(root.path()), &full_build, &at);
    }
    // The binary does as many operations as counted: killed at the last
    // point above, it finishes when allowed one more.
    let status = interrupted(Some(total)).1;
    assert!(status.success(), "more than {total} operations: {status}");
}

#[test]
fn a_merge_killed_at_any_write_or_removal_loses_nothing() {
    // What merging must give: one full build's output (its stamps, a local
    // cache a merge does not write, aside).
    let full = reference_copy();
    build(full.path(), &BuildOptions::default());
    let whole = outputs(full.path());

    // Three shards built into the same folder, as CI gathers them.
    let n = 3;
    let gathered = reference_copy();
    for k in 1..=n {
        let shard = Some(Shard { k, n });
        build(
            gathered.path(),
            &BuildOptions {
                shard,
                ..BuildOptions::default()
            },
        );
    }
    let shards = files(gathered.path());
    let shard_manifests: Vec<&String> = shards
        .keys()
        .filter(|p| p.starts_with("output/manifest.shard-"))
        .collect();
    assert_eq!(shard_manifests.len(), n);

    let mut k = 0;
    let total = loop {
        let at = format!("merge with {} = {k}", test_hook::VAR);
        let root = copy_workspace_with_outputs(gathered.path());
        let status = thidua(&["merge-manifests"], root.path(), Some(k));
        if status.success() {
            assert_same_files(&outputs(root.path()), &whole, &at);
            break k;
        }
        assert!(
            killed_by_hook(status),
            "{at}: the merge was not interrupted: {status}"
        );
        assert!(k < 1000, "the merge never finishes");

        // Every file on disk is whole: a shard's (unchanged) or the full
        // build's; any other is the temporary of the write the merge died in.
        let on_disk = files(root.path());
        for (path, bytes) in &on_disk {
            if let Some(expected) = whole.get(path).or(shards.get(path)) {
                assert!(expected == bytes, "{at}: {path} is not whole");
            }
        }
        // The merged manifest, if written, is true; until it is, every shard
        // manifest is still there.
        let merged = assert_manifest_true(root.path(), "output/manifest.json", &at);
        if merged.is_none() {
            for path in &shard_manifests {
                assert!(
                    on_disk.contains_key(*path),
                    "{at}: {path} gone, no manifest"
                );
            }
        }

        // Merging again completes the work: the full build's files, exactly.
        if let (Err(e), _) = counted(|| thidua::pipeline::merge_manifests(root.path())) {
            panic!("{at}: merging again failed: {e}");
        }
        assert_same_files(&outputs(root.path()), &whole, &at);
        k += 1;
    };
    // Into a fresh folder, every packet, its archive (a national
    // submission's ho-so.zip) and its index is written, then the manifest,
    // then the shard manifests removed: each was a kill point.
    let packets = whole.keys().filter(|p| p.ends_with(".json")).count() - 1;
    let archives = whole.keys().filter(|p| p.ends_with("ho-so.zip")).count();
    assert_eq!(
        total,
        2 * packets + archives + 1 + n,
        "operations of a merge"
    );
}

/// `after` holds the files of `whole`, byte for byte, and no other.
fn assert_same_files(
    after: &BTreeMap<String, Vec<u8>>,
    whole: &BTreeMap<String, Vec<u8>>,
    at: &str,
) {
    let extra: Vec<&String> = after.keys().filter(|p| !whole.contains_key(*p)).collect();
    let missing: Vec<&String> = whole.keys().filter(|p| !after.contains_key(*p)).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "{at}: files not of a full build: {extra:?}, missing: {missing:?}"
    );
    for (path, bytes) in whole {
        assert!(
            after[path] == *bytes,
            "{at}: {path} differs from a full build"
        );
    }
}
