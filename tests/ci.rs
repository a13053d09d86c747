//! The CI pipelines offices copy (`ci/github-actions.yml`, `ci/gitlab-ci.yml`)
//! and the one script both call (`ci/build-sharded.sh`): the script run as a
//! matrix would run it (each shard in a folder of its own, then the merge)
//! gives one full build's files byte for byte; the check step speaks each CI's
//! format; both YAML files parse and every command their jobs run exists.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn script() -> PathBuf {
    reference_root().join("ci/build-sharded.sh")
}

/// Runs `ci/build-sharded.sh args…` in `dir`, with this build's thidua.
fn run_script(dir: &Path, args: &[&str]) -> Output {
    Command::new("bash")
        .arg(script())
        .args(args)
        .current_dir(dir)
        .env("THIDUA", env!("CARGO_BIN_EXE_thidua"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn ok(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: {:?}\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn assert_same(expected: &BTreeMap<String, Vec<u8>>, got: &BTreeMap<String, Vec<u8>>) {
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(got), names(expected), "the same files");
    for (path, bytes) in expected {
        assert!(got[path] == *bytes, "{path} differs from the full build");
    }
}

#[test]
fn the_matrix_then_the_merge_equals_one_full_build() {
    let full = reference_copy();
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["build", "--quiet"])
        .arg(full.path())
        .output()
        .unwrap();
    ok(&out, "full build");
    let expected = output_files(full.path());
    assert!(expected.len() > 50, "{} files", expected.len());

    // Three jobs, each in a checkout of its own, as a matrix runs them.
    let jobs: Vec<_> = (1..=3).map(|_| reference_copy()).collect();
    for (k, job) in jobs.iter().enumerate() {
        let k = (k + 1).to_string();
        ok(&run_script(job.path(), &["shard", &k, "3"]), "shard");
        assert!(
            job.path()
                .join(format!("output/manifest.shard-{k}-of-3.json"))
                .is_file()
        );
    }
    // The merge job: the shards' output/ folders gathered, then joined.
    let merge = reference_copy();
    let outputs: Vec<String> = jobs
        .iter()
        .map(|j| j.path().join("output").to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["merge"];
    args.extend(outputs.iter().map(String::as_str));
    ok(&run_script(merge.path(), &args), "merge");
    assert_same(&expected, &output_files(merge.path()));

    // The same, all in one folder: `ci/build-sharded.sh N`.
    let local = reference_copy();
    ok(&run_script(local.path(), &["3"]), "local matrix");
    assert_same(&expected, &output_files(local.path()));

    // thidua is there: `install` does nothing.
    ok(&run_script(merge.path(), &["install"]), "install");

    // The published site lists every PDF.
    ok(&run_script(merge.path(), &["site", "public"]), "site");
    let index = std::fs::read_to_string(merge.path().join("public/index.html")).unwrap();
    for path in expected.keys().filter(|p| p.ends_with(".pdf")) {
        let rel = path.strip_prefix("output/").unwrap();
        assert!(
            index.contains(&format!("href=\"{rel}\"")),
            "{rel} not listed"
        );
        assert!(
            merge.path().join("public").join(rel).is_file(),
            "{rel} not published"
        );
    }
}

#[test]
fn the_check_step_fails_with_diagnostics_each_ci_shows() {
    let dir = reference_copy();
    let unit = dir.path().join("inputs/units/so-noi-vu.yaml");
    let text = std::fs::read_to_string(&unit).unwrap();
    let edited = text.replacen("kind: unit", "kind: unit\nwrong_key: 1", 1);
    let line = edited.lines().position(|l| l == "wrong_key: 1").unwrap() + 1;
    std::fs::write(&unit, edited).unwrap();

    let github = run_script(dir.path(), &["check", "github"]);
    assert_eq!(github.status.code(), Some(1));
    let annotations = String::from_utf8_lossy(&github.stdout);
    assert!(
        annotations.contains(&format!(
            "::error file=inputs/units/so-noi-vu.yaml,line={line},"
        )),
        "{annotations}"
    );

    let gitlab = run_script(dir.path(), &["check", "gitlab"]);
    assert_eq!(gitlab.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&gitlab.stdout).unwrap();
    let issue = &report[0];
    assert_eq!(issue["check_name"], "TD0002");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["location"]["path"], "inputs/units/so-noi-vu.yaml");
    assert_eq!(issue["location"]["lines"]["begin"], line);
    assert_eq!(issue["fingerprint"].as_str().map(str::len), Some(64));

    let human = run_script(dir.path(), &["check"]);
    assert_eq!(human.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&human.stderr).contains("TD0002"));
}

/// The shell lines a job runs, joined where a line continues.
fn lines_of(script: &serde_json::Value) -> Vec<String> {
    let text = match script {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Every command a line runs (after `||`, `&&`, `;`) exists: the script (with
/// a subcommand it knows), a shell builtin, or a program here.
fn assert_commands_exist(file: &str, job: &str, line: &str) {
    for command in line
        .split(['|', '&', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let words: Vec<&str> = command.split_whitespace().collect();
        let program = words[0].trim_start_matches('$');
        let known = match program {
            "ci/build-sharded.sh" => {
                assert!(script().is_file(), "{file}: {job}: the script is missing");
                let sub = words.get(1).copied().unwrap_or("");
                let known_sub = ["install", "check", "shard", "merge", "site"].contains(&sub)
                    || sub.chars().all(|c| c.is_ascii_digit());
                assert!(known_sub, "{file}: {job}: `{command}`: unknown subcommand");
                true
            }
            "command" | "exit" | "export" | "true" | "status" => true,
            p if p.starts_with("status=") || p.starts_with("{") => true,
            p => Command::new("bash")
                .args(["-c", &format!("command -v {p}")])
                .output()
                .is_ok_and(|o| o.status.success()),
        };
        assert!(
            known,
            "{file}: {job}: `{program}` is not a command here ({line})"
        );
    }
}

fn yaml(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(reference_root().join("ci").join(name)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn github_actions_file_parses_and_runs_only_commands_that_exist() {
    let workflow = yaml("github-actions.yml");
    let jobs = workflow["jobs"].as_object().expect("jobs");
    for name in ["check", "build", "merge", "pages"] {
        assert!(jobs.contains_key(name), "no job {name}");
    }
    let mut ran = 0;
    for (name, job) in jobs {
        for need in job["needs"].as_str().into_iter() {
            assert!(
                jobs.contains_key(need),
                "{name} needs an unknown job {need}"
            );
        }
        for step in job["steps"].as_array().into_iter().flatten() {
            assert!(
                step.get("uses").is_some() || step.get("run").is_some(),
                "{name}: {step}"
            );
            for line in lines_of(&step["run"]) {
                assert_commands_exist("github-actions.yml", name, &line);
                ran += 1;
            }
        }
    }
    assert!(ran >= 6, "only {ran} run lines");
    // The matrix's shards are the N the build step passes.
    let shards = jobs["build"]["strategy"]["matrix"]["shard"]
        .as_array()
        .unwrap();
    let build = serde_json::to_string(&jobs["build"]["steps"]).unwrap();
    assert!(
        build.contains(&format!("{}\"", shards.len()))
            || build.contains(&format!(" {}", shards.len()))
    );
}

#[test]
fn gitlab_file_parses_and_runs_only_commands_that_exist() {
    let pipeline = yaml("gitlab-ci.yml");
    let map = pipeline.as_object().expect("a mapping");
    let stages: Vec<&str> = map["stages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    let mut jobs = 0;
    for line in lines_of(&map["default"]["before_script"]) {
        assert_commands_exist("gitlab-ci.yml", "default", &line);
    }
    for (name, job) in map.iter().filter(|(_, j)| j.get("script").is_some()) {
        jobs += 1;
        let stage = job["stage"].as_str().unwrap_or("test");
        assert!(stages.contains(&stage), "{name}: unknown stage {stage}");
        for line in lines_of(&job["script"]) {
            assert_commands_exist("gitlab-ci.yml", name, &line);
        }
    }
    assert_eq!(jobs, 4, "check, build, merge, pages");
    let shards = map["build"]["parallel"]["matrix"][0]["SHARD"]
        .as_array()
        .unwrap();
    assert_eq!(
        map["variables"]["SHARDS"].as_str(),
        Some(shards.len().to_string().as_str())
    );
    assert_eq!(
        map["check"]["artifacts"]["reports"]["codequality"].as_str(),
        Some("gl-code-quality-report.json")
    );
}
