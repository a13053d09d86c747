//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod layout;
pub mod office;
pub mod seed;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use thidua::pipeline::{self, BuildOptions, Rendered, Session};
use thidua::typeset::inspect::{self, Placed};

/// The repository root: the reference workspace.
pub fn reference_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a workspace's `inputs/` (and `templates/`, if any) into `to`.
pub fn copy_workspace(from: &Path, to: &Path) {
    for folder in ["inputs", "templates"] {
        let src = from.join(folder);
        if !src.is_dir() || (folder == "templates" && from == reference_root()) {
            continue;
        }
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(from).unwrap();
            let dest = to.join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }
}

/// A temporary workspace holding a copy of the reference inputs.
pub fn reference_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&reference_root(), dir.path());
    dir
}

/// A temporary workspace whose campaign file is `campaign` (YAML text).
pub fn workspace_with_campaign(campaign: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs")).unwrap();
    std::fs::write(dir.path().join("inputs/campaign.yaml"), campaign).unwrap();
    dir
}

/// The reference campaign file's text.
pub fn reference_campaign() -> String {
    std::fs::read_to_string(reference_root().join("inputs/campaign.yaml")).unwrap()
}

/// Renders the workspace at `root` and lays out its province-level document of `kind`.
pub fn laid_out(root: &Path, kind: &str) -> (Rendered, Placed) {
    laid_out_of(root, kind, None)
}

/// Renders the workspace at `root` and lays out the document whose output
/// stem is `stem` (`lang-son/tham-dinh/to-trinh`).
pub fn laid_out_stem(root: &Path, stem: &str) -> (Rendered, Placed) {
    laid_out_where(root, |r| r.doc.stem == stem, stem)
}

/// Renders the workspace at `root` and lays out the document of `kind` of `unit`.
pub fn laid_out_of(root: &Path, kind: &str, unit: Option<&str>) -> (Rendered, Placed) {
    laid_out_where(
        root,
        |r| r.doc.kind == kind && r.doc.unit.as_deref() == unit,
        &format!("{kind} document for {unit:?}"),
    )
}

fn laid_out_where(
    root: &Path,
    wanted: impl Fn(&Rendered) -> bool,
    what: &str,
) -> (Rendered, Placed) {
    let session: Session = pipeline::render_all(root, &BuildOptions::default()).unwrap();
    let errors: Vec<_> = session
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    let index = session
        .rendered
        .iter()
        .position(wanted)
        .unwrap_or_else(|| panic!("no {what}"));
    let pages =
        pipeline::typeset(&session, &session.rendered[index]).unwrap_or_else(|e| panic!("{e:#?}"));
    let placed = inspect::placed(&pages);
    let mut session = session;
    (session.rendered.swap_remove(index), placed)
}

/// The small valid workspace the case corpus is built on.
pub fn corpus_base() -> PathBuf {
    reference_root().join("tests/cases/_base")
}

/// A copy of the corpus base whose unit file (`don-vi.yaml`) went through `edit`.
pub fn base_with(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&corpus_base(), dir.path());
    let path = dir.path().join("inputs/units/don-vi.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing");
    std::fs::write(&path, edited).unwrap();
    dir
}

/// A copy of the corpus base whose campaign file went through `edit`.
pub fn base_campaign_with(edit: impl FnOnce(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_workspace(&corpus_base(), dir.path());
    edit_file(&dir.path().join("inputs/campaign.yaml"), edit);
    dir
}

/// A copy of the corpus base with the first `from` of its unit file replaced by `to`.
pub fn base_replacing(from: &str, to: &str) -> tempfile::TempDir {
    base_with(|text| {
        assert!(text.contains(from), "{from:?} not in the fixture");
        text.replacen(from, to, 1)
    })
}

/// The unit `id` of the workspace at `root`, as checked.
pub fn unit_of(root: &Path, id: &str) -> thidua::model::Unit {
    let checked = pipeline::check(root, &BuildOptions::default()).unwrap();
    checked
        .workspace
        .units
        .into_iter()
        .find(|u| u.value.id.value == id)
        .expect("unit")
        .value
}

/// Whether the laid-out text holds `s`, whitespace aside.
pub fn has(placed: &Placed, s: &str) -> bool {
    // Without the page numbers (in the top margin): a sentence may run on
    // over a page break.
    let text: String = placed
        .texts
        .iter()
        .filter(|t| t.y >= 20.0 * layout::MM)
        .map(|t| t.text.as_str())
        .collect();
    inspect::compact(&text).contains(&inspect::compact(s))
}

/// The workspace at `root`, loaded; it must load without an error.
pub fn loaded_workspace(root: &Path) -> thidua::model::Workspace {
    let loaded = thidua::load::load_workspace(root).unwrap();
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:#?}",
        loaded.diagnostics
    );
    loaded.workspace
}

/// `01 tập thể và 02 cá nhân` for a list of nominations.
pub fn count_of(list: &[(&thidua::model::Unit, &thidua::model::unit::Nomination)]) -> String {
    use thidua::model::unit::SubjectType;
    let of = |s: SubjectType| list.iter().filter(|(_, n)| n.subject() == Some(s)).count();
    thidua::jobs::lists::counted(of(SubjectType::Collective), of(SubjectType::Individual))
}

/// Every file under `root/output`, by path, with its bytes; the caches
/// local to a folder (stamps, packet layouts) left out.
pub fn output_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root.join("output"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .filter(|e| !thidua::output::LOCAL_CACHES.contains(&&*e.file_name().to_string_lossy()))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The text of the YAML file at `path`, and the same text with `more`
/// appended to its first line starting (after indentation) with `key`.
pub fn with_line_appended(path: &Path, key: &str, more: &str) -> (String, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(key))
        .unwrap_or_else(|| panic!("{}: no line starting with {key}", path.display()));
    let edited = text.replacen(line, &format!("{line}{more}"), 1);
    (text, edited)
}

/// Rewrites the file at `path` through `edit`, which must change it.
pub fn edit_file(path: &Path, edit: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    let edited = edit(&text);
    assert_ne!(edited, text, "{}: the edit changed nothing", path.display());
    std::fs::write(path, edited).unwrap();
}

/// The text of a Word file's body, as Word shows it: every `w:t` in order,
/// XML's escapes read back.
pub fn docx_text(bytes: &[u8]) -> String {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut text, mut inside) = (String::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) if e.name().as_ref() == b"w:t" => inside = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => inside = false,
            Event::Text(t) if inside => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if inside => match r.resolve_char_ref().unwrap() {
                Some(c) => text.push(c),
                None => text.push_str(match r.decode().unwrap().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity &{other};"),
                }),
            },
            _ => {}
        }
    }
    text
}

/// A unit file's commented examples, uncommented: the Giấy khen block and
/// everything from `nominations: []` on.
pub fn uncomment_unit_examples(text: &str) -> String {
    let strip = |l: &str| l.strip_prefix("# ").unwrap_or(l).to_string();
    let mut out = vec![];
    let (mut in_giay_khen, mut in_nominations) = (false, false);
    for line in text.lines() {
        in_giay_khen = (in_giay_khen && !line.is_empty()) || line == "# giay_khen:";
        if line == "nominations: []" {
            in_nominations = true;
            out.push("nominations:".to_string());
        } else if (in_giay_khen || in_nominations) && line.starts_with('#') {
            out.push(strip(line));
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n") + "\n"
}
