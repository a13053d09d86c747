//! The command line as users and CI run it: exit codes, located messages,
//! output formats. Long because the command line is one contract
//! (`interfaces.md`), held in one place.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

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

#[test]
fn reference_workspace_checks_clean() {
    let out = thidua(&["check"], &reference_root());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 lỗi, 0 cảnh báo"));
}

#[test]
fn build_writes_the_plan_and_the_manifest() {
    let dir = reference_copy();
    let out = thidua(&["build", "--keep-typst"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("output/lang-son/ke-hoach.pdf").is_file());
    assert!(dir.path().join("output/lang-son/ke-hoach.typ").is_file());
    assert!(dir.path().join("output/lib/nd30.typ").is_file());
    assert!(dir.path().join("output/manifest.json").is_file());
}

/// Replaces the first occurrence of `from` in the reference campaign.
fn campaign_with(from: &str, to: &str) -> tempfile::TempDir {
    let text = reference_campaign();
    assert!(text.contains(from), "{from}");
    workspace_with_campaign(&text.replacen(from, to, 1))
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn yaml_syntax_error_is_located() {
    let dir = campaign_with("  symbol: UBND\n", "  symbol: [UBND\n");
    let out = thidua(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("TD0001"), "{err}");
    assert!(err.contains("inputs/campaign.yaml:"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let dir = campaign_with("  symbol: UBND\n", "  symbl: UBND\n");
    let out = thidua(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let line = line_of(&reference_campaign(), "  symbol: UBND");
    assert!(err.contains("TD0002"), "{err}");
    assert!(
        err.contains(&format!("inputs/campaign.yaml:{line}:")),
        "{err}"
    );
    assert!(err.contains("`symbl`") && err.contains("`symbol`"), "{err}");
}

#[test]
fn impossible_date_is_located() {
    let dir = campaign_with("  end: 2025-12-31\n", "  end: 2025-02-30\n");
    let out = thidua(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let line = line_of(&reference_campaign(), "  end: 2025-12-31");
    assert!(err.contains("TD0003"), "{err}");
    assert!(
        err.contains(&format!("inputs/campaign.yaml:{line}:")),
        "{err}"
    );
    assert!(err.contains("2025-02-30"), "{err}");
}

#[test]
fn invalid_input_builds_nothing_and_exits_one() {
    let dir = campaign_with("  end: 2025-12-31\n", "  end: 2023-12-31\n");
    let out = thidua(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("TD0104"));
    assert!(!dir.path().join("output/lang-son/ke-hoach.pdf").exists());
}

#[test]
fn json_format_lists_code_file_line_and_column() {
    let dir = campaign_with("  symbol: UBND\n", "  symbl: UBND\n");
    let out = thidua(&["check", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["code"], "TD0002");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "inputs/campaign.yaml");
    assert_eq!(
        first["line"].as_u64().unwrap() as usize,
        line_of(&reference_campaign(), "  symbol: UBND")
    );
    assert_eq!(first["column"], 3);
}

#[test]
fn github_format_prints_annotations() {
    let dir = campaign_with("  symbol: UBND\n", "  symbl: UBND\n");
    let out = thidua(&["check", "--format", "github", "--lang", "en"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("::error file=inputs/campaign.yaml,line="),
        "{stdout}"
    );
    assert!(stdout.contains("unknown key `symbl`"), "{stdout}");
}

#[test]
fn missing_inputs_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = thidua(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("inputs"));
}

#[test]
fn final_makes_draft_blanks_errors() {
    let out = thidua(&["check", "--final"], &reference_root());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("TD0111"));
}

#[test]
fn garbage_inputs_never_panic() {
    let cases: &[&[u8]] = &[
        b"",
        b"kind: campaign\n",
        b"kind: [1, 2\n",
        b"\xff\xfe\x00binary",
        b"kind: campaign\nid: &a [*a]\n",
        b"- just\n- a list\n",
        b"kind: unit\n",
        b"kind: campain\n",
        b"kind: campaign\nplan: {date: 2024-13}\n",
    ];
    for case in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("inputs")).unwrap();
        std::fs::write(dir.path().join("inputs/campaign.yaml"), case).unwrap();
        let out = thidua(&["build"], dir.path());
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{:?}: {err}",
            String::from_utf8_lossy(case)
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

fn with_template(name: &str, text: &str) -> tempfile::TempDir {
    let dir = reference_copy();
    let path = dir.path().join("templates").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    dir
}

const OVERRIDE_HEAD: &str = "#import \"/lib/nd30.typ\": *\n#show: official-document.with(title: {{ title|typst_str }}, date: {{ campaign.plan.date|typst_date }})\n";

#[test]
fn a_workspace_template_overrides_the_builtin_one() {
    let dir = with_template(
        "ke-hoach.typ",
        &format!("{OVERRIDE_HEAD}#par[Bản riêng: {{{{ campaign.issuer.name }}}}]\n"),
    );
    let (rendered, placed) = laid_out(dir.path(), "ke-hoach");
    assert!(rendered.source.text.contains("Bản riêng"));
    assert!(placed.compact_text().contains("Bảnriêng:UBNDtỉnhLạngSơn"));
}

#[test]
fn templates_cannot_read_outside_their_folder() {
    for hostile in [
        "#read(\"/etc/passwd\")",
        "#read(\"../../../../../../etc/passwd\")",
        "#image(\"/inputs/campaign.yaml\")",
        "#include \"/../inputs/campaign.yaml\"",
        "#import \"@preview/cetz:0.3.0\": *",
        "#json(\"/inputs/campaign.yaml\")",
        "#json(\"../thidua.schema.json\")",
        "#csv(\"/etc/hosts\")",
        "#yaml(\"../inputs/appraisal.yaml\")",
        "#image(\"/fonts/LiberationSerif-Regular.ttf\")",
    ] {
        let dir = with_template("ke-hoach.typ", &format!("{OVERRIDE_HEAD}{hostile}\n"));
        let out = thidua(&["build"], dir.path());
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{hostile}: {err}");
        assert!(err.contains("TD0012"), "{hostile}: {err}");
        assert!(!err.contains("root:"), "{hostile} leaked a file: {err}");
        assert!(!dir.path().join("output/lang-son/ke-hoach.pdf").exists());
    }
}

#[test]
fn typst_errors_point_at_the_template_line() {
    let dir = with_template(
        "ke-hoach.typ",
        &format!("{OVERRIDE_HEAD}#par[một]\n#section(1, [{{{{ campaign.issuer.name }}}}]\n"),
    );
    let out = thidua(&["build"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("TD0012"), "{err}");
    assert!(err.contains("templates/ke-hoach.typ:4:"), "{err}");
}

#[test]
fn template_render_errors_point_at_the_template_line() {
    let dir = with_template(
        "ke-hoach.typ",
        &format!("{OVERRIDE_HEAD}\n{{{{ campaign.plan.titel.x }}}}\n"),
    );
    let out = thidua(&["build"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("TD0011"), "{err}");
    assert!(err.contains("templates/ke-hoach.typ:4:"), "{err}");
}

#[test]
fn new_unit_writes_a_commented_file_that_checks_clean() {
    let dir = reference_copy();
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["new", "unit", "so-tu-phap"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("inputs/units/so-tu-phap.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../../thidua.schema.json\n"));
    assert!(
        text.contains("# Tệp của một đơn vị"),
        "comments in Vietnamese"
    );
    assert!(
        text.contains("tuyen-truyen"),
        "names the campaign's content items"
    );
    assert!(dir.path().join("thidua.schema.json").is_file());
    let check = thidua(&["check"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    // Never overwrites; a bad id is a usage error.
    let again = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["new", "unit", "so-tu-phap"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let bad = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["new", "unit", "Sở Tư pháp"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("so-tu-phap"),
        "suggests an id: {}",
        stderr(&bad)
    );
}

#[test]
fn committed_schema_is_up_to_date_and_describes_every_kind() {
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .arg("schema")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(reference_root().join("thidua.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        printed, committed,
        "run `thidua schema > thidua.schema.json`"
    );
    let defs = printed["$defs"].as_object().unwrap();
    for def in ["Nomination", "Person", "Award", "Criterion", "Council"] {
        assert!(defs.contains_key(def), "{def}");
    }
    assert_eq!(
        defs["Person"]["additionalProperties"], false,
        "unknown keys are flagged in editors"
    );
}

#[test]
fn a_unit_with_errors_loses_only_its_own_documents() {
    let dir = reference_copy();
    let path = dir.path().join("inputs/units/so-noi-vu.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("unit_kind: sở", "unit_kind: hội", 1)).unwrap();
    let out = thidua(&["build"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("TD0202"));
    let output = dir.path().join("output/lang-son");
    assert!(
        !output.join("so-noi-vu").exists(),
        "the invalid unit's documents are not written"
    );
    assert!(output.join("ke-hoach.pdf").is_file());
    for unit in [
        "so-khoa-hoc-cong-nghe",
        "ubnd-huyen-cao-loc",
        "ubnd-phuong-dong-kinh",
    ] {
        assert!(output.join(unit).join("ke-hoach.pdf").is_file(), "{unit}");
        assert!(output.join(unit).join("bao-cao.pdf").is_file(), "{unit}");
    }
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("output/manifest.json")).unwrap(),
    )
    .unwrap();
    let docs = manifest["documents"].as_array().unwrap();
    assert!(docs.iter().all(|d| d["unit"] != "so-noi-vu"));
    assert!(
        docs.iter()
            .any(|d| d["unit"] == "ubnd-phuong-dong-kinh" && d["kind"] == "bao-cao-thanh-tich")
    );
    for kind in [
        "ke-hoach",
        "bao-cao",
        "quyet-dinh",
        "to-trinh",
        "danh-sach",
        "bien-ban",
        "bao-cao-thanh-tich",
    ] {
        assert!(
            docs.iter().any(|d| d["kind"] == kind),
            "{kind} in the manifest"
        );
    }
}

#[test]
fn timings_name_every_stage_and_the_slowest_documents() {
    let dir = reference_copy();
    let out = thidua(
        &["build", "--timings", "--jobs", "2", "--lang", "en"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    for stage in [
        "load and check",
        "render",
        "typeset",
        "PDF",
        "write",
        "total (wall)",
        "slowest:",
    ] {
        assert!(err.contains(stage), "{stage} missing from:\n{err}");
    }
    assert!(
        err.contains("lang-son/"),
        "names the slowest documents:\n{err}"
    );
}

#[test]
fn one_job_and_many_jobs_write_the_same_bytes() {
    let one = reference_copy();
    let many = reference_copy();
    assert_eq!(
        thidua(&["build", "-q", "--jobs", "1"], one.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        thidua(&["build", "-q", "--jobs", "3"], many.path())
            .status
            .code(),
        Some(0)
    );
    let a = std::fs::read_to_string(one.path().join("output/manifest.json")).unwrap();
    let b = std::fs::read_to_string(many.path().join("output/manifest.json")).unwrap();
    assert_eq!(
        a, b,
        "the manifest (with every PDF's SHA-256) does not depend on --jobs"
    );
}

#[test]
fn new_appraisal_lists_every_provincial_nomination_and_checks_clean() {
    let dir = reference_copy();
    std::fs::remove_file(dir.path().join("inputs/appraisal.yaml")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["new", "appraisal", "so-noi-vu"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("inputs/appraisal.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../thidua.schema.json\n"));
    let loaded = thidua::load::load_workspace(dir.path()).unwrap();
    let appraisal = &loaded.workspace.appraisal.as_ref().unwrap().value;
    let nominations: usize = loaded
        .workspace
        .units
        .iter()
        .map(|u| u.value.nominations.len())
        .sum();
    assert_eq!(
        appraisal.verdicts.len(),
        nominations,
        "a verdict per nomination"
    );
    assert_eq!(appraisal.council.votes.len(), nominations);
    // Carried out by the issuer's office and the appraising unit's head, by name.
    assert_eq!(
        appraisal.decision.executors[..2],
        ["Chánh Văn phòng UBND tỉnh Lạng Sơn", "Giám đốc Sở Nội vụ"]
    );
    let check = thidua(&["check"], dir.path());
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    // Never overwrites.
    let again = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["new", "appraisal", "so-noi-vu"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn a_symlinked_template_is_refused_and_reads_nothing() {
    let dir = reference_copy();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", templates.join("ke-hoach.typ")).unwrap();
    std::os::unix::fs::symlink("/etc", templates.join("lib")).unwrap();
    let out = thidua(&["build"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("TD0010"), "{err}");
    assert!(!err.contains("root:"), "leaked a file: {err}");
}

#[test]
fn a_template_reads_no_clock_only_the_documents_own_date() {
    let dir = with_template(
        "ke-hoach.typ",
        &format!("{OVERRIDE_HEAD}#par[Hôm nay: #datetime.today().display()]\n"),
    );
    let (_, placed) = laid_out(dir.path(), "ke-hoach");
    // The plan is dated `2024-05` (a draft): its first day, never the machine's clock.
    assert!(
        placed.compact_text().contains("Hômnay:2024-05-01"),
        "{}",
        placed.compact_text()
    );
}

/// Whether `text` holds a letter only Vietnamese uses (a message left untranslated).
fn has_vietnamese(text: &str) -> bool {
    text.chars().any(|c| {
        "ăâđêôơưạảãàáầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ"
            .contains(c.to_lowercase().next().unwrap_or(c))
    })
}

#[test]
fn every_message_of_every_command_honours_lang_en() {
    let empty = tempfile::tempdir().unwrap();
    let copy = reference_copy();
    let missing = empty.path().join("khong-co");
    let runs: Vec<(Vec<&str>, &Path, i32, &str)> = vec![
        (
            vec!["check", "--lang", "en"],
            empty.path(),
            2,
            "error: no folder",
        ),
        (
            vec!["build", "--lang", "en"],
            empty.path(),
            2,
            "error: no folder",
        ),
        (
            vec!["build", "--lang", "en", "--shard", "5/2"],
            copy.path(),
            2,
            "error: --shard `5/2` is invalid",
        ),
        (
            vec!["merge-manifests", "--lang", "en"],
            empty.path(),
            2,
            "error: no output/manifest.shard-K-of-N.json",
        ),
        (
            vec!["new", "unit", "So X", "--lang", "en"],
            copy.path(),
            2,
            "error: id `So X` is invalid",
        ),
        (
            vec!["new", "unit", "so-noi-vu", "--lang", "en"],
            copy.path(),
            2,
            "exists already",
        ),
        (
            vec!["watch", "--lang", "en"],
            &missing,
            2,
            "error: cannot watch",
        ),
        (
            vec!["build", "--lang", "en"],
            copy.path(),
            0,
            "output/ holds",
        ),
        (
            vec!["merge-manifests", "--lang", "en"],
            copy.path(),
            2,
            "error: no output/manifest.shard-K-of-N.json",
        ),
    ];
    for (args, dir, code, wanted) in runs {
        let out = thidua(&args, dir);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(wanted), "{args:?}: {err}");
        assert!(!has_vietnamese(&err), "{args:?} printed Vietnamese: {err}");
    }
    // The same failures in Vietnamese, by default.
    let out = thidua(&["check"], empty.path());
    assert!(
        stderr(&out).starts_with("lỗi: không tìm thấy thư mục"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_appraisal_names_an_office_that_appraises_once() {
    // A commune's office appraises: its Chánh Văn phòng is the issuer's
    // office head too, so the draft decision names them once.
    let dir = reference_copy();
    std::fs::remove_file(dir.path().join("inputs/appraisal.yaml")).unwrap();
    edit_file(&dir.path().join("inputs/units/so-noi-vu.yaml"), |u| {
        u.replacen(
            "name: Sở Nội vụ\n",
            "name: Văn phòng UBND tỉnh Lạng Sơn\n",
            1,
        )
        .replacen(
            "head: { title: GIÁM ĐỐC,",
            "head: { title: CHÁNH VĂN PHÒNG,",
            1,
        )
    });
    let out = thidua(&["new", "appraisal", "so-noi-vu"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let loaded = thidua::load::load_workspace(dir.path()).unwrap();
    let executors = &loaded
        .workspace
        .appraisal
        .as_ref()
        .unwrap()
        .value
        .decision
        .executors;
    assert_eq!(executors[0], "Chánh Văn phòng UBND tỉnh Lạng Sơn");
    assert_eq!(executors.len(), 2, "{executors:?}");
}

#[test]
fn help_and_usage_errors_speak_vietnamese_and_english_on_request() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .output()
            .unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        (out.status.code(), text)
    };
    let (code, text) = run(&["build", "--help"]);
    assert_eq!(code, Some(0));
    for heading in [
        "Cách dùng (usage):",
        "Đối số (arguments):",
        "Tùy chọn (options):",
        "In trợ giúp này",
        "[mặc định: human]",
        "[giá trị: human, json, github, gitlab]",
    ] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
    assert!(
        !text.contains("Print help") && !text.contains("[default:"),
        "{text}"
    );
    let (code, text) = run(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(
        text.contains("Lệnh (commands):") && !text.contains("Print this message"),
        "{text}"
    );

    let (code, text) = run(&["buidl"]);
    assert_eq!(code, Some(2));
    assert!(text.starts_with("lỗi: không có lệnh `buidl`"), "{text}");
    assert!(text.contains("'build'"), "clap's suggestion stays: {text}");
    let (code, text) = run(&["check", "--format", "xml"]);
    assert_eq!(code, Some(2));
    assert!(
        text.contains("lỗi: giá trị `xml` không hợp lệ cho `--format"),
        "{text}"
    );
    // Asked for English: clap's words alone.
    let (code, text) = run(&["check", "--lang", "en", "--formt", "json"]);
    assert_eq!(code, Some(2));
    assert!(
        text.starts_with("error: unexpected argument '--formt'"),
        "{text}"
    );
}
