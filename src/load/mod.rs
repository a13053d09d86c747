//! Stage 1: walk `inputs/`, read each YAML file, normalise it to NFC, dispatch
//! on its `kind:` and parse it into the typed model. Every failure becomes a
//! located diagnostic; nothing here panics on input.

mod cache;
mod comments;
mod kinds;
mod limits;
mod read;
mod syntax;
mod yaml;

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Text};
use crate::model::Workspace;
use crate::source::Sources;

pub use cache::Cache;

/// Input files larger than this are refused rather than parsed.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// A text value longer than this is refused: no field of a document needs it,
/// and laying out one enormous paragraph would take minutes.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The kinds of input file, by their `kind:` value.
pub const KINDS: [&str; 4] = ["campaign", "unit", "appraisal", "ranking"];

/// The result of loading a workspace's inputs.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Sources,
    pub workspace: Workspace,
    pub diagnostics: Vec<Diagnostic>,
}

/// A failure that stops loading altogether (exit code 2), not a problem in an input.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "không tìm thấy thư mục `{0}`: một không gian làm việc cần thư mục inputs/ chứa các tệp YAML"
    )]
    NoInputs(PathBuf),
    #[error("không đọc được {path}: {source}")]
    Walk {
        path: PathBuf,
        source: walkdir::Error,
    },
}

impl LoadError {
    /// The message in both languages.
    pub fn text(&self) -> Text {
        let en = match self {
            LoadError::NoInputs(p) => format!(
                "no folder `{}`: a workspace needs an inputs/ folder of YAML files",
                p.display()
            ),
            LoadError::Walk { path, source } => {
                format!("cannot read {}: {source}", path.display())
            }
        };
        Text::new(self.to_string(), en)
    }
}

/// Loads every `inputs/**/*.yaml` of the workspace at `root`.
pub fn load_workspace(root: &Path) -> Result<Loaded, LoadError> {
    load_with(root, None)
}

/// The same, parsing again only the files whose bytes changed since `cache`
/// last saw them.
pub fn load_cached(root: &Path, cache: &mut Cache) -> Result<Loaded, LoadError> {
    cache.begin();
    let loaded = load_with(root, Some(&mut *cache));
    cache.sweep();
    loaded
}

fn load_with(root: &Path, mut cache: Option<&mut Cache>) -> Result<Loaded, LoadError> {
    let inputs = root.join("inputs");
    if !inputs.is_dir() {
        return Err(LoadError::NoInputs(inputs));
    }
    let mut loaded = Loaded::default();
    let walker = WalkDir::new(&inputs)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walker {
        let entry = entry.map_err(|e| LoadError::Walk {
            path: inputs.clone(),
            source: e,
        })?;
        let path = entry.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if !entry.file_type().is_file() || !is_yaml {
            continue;
        }
        let name = display_name(root, path);
        load_file(&mut loaded, path, name, cache.as_deref_mut());
    }
    if loaded.workspace.campaign.is_none() && !loaded.diagnostics.iter().any(|d| d.is_error()) {
        loaded.diagnostics.push(
            Diagnostic::error(
                "TD0007",
                Text::new(
                    "không có tệp `kind: campaign` nào trong inputs/",
                    "no `kind: campaign` file in inputs/",
                ),
            )
            .help(Text::new(
                "tạo inputs/campaign.yaml bằng `thidua new campaign <mã>`",
                "create inputs/campaign.yaml with `thidua new campaign <id>`",
            )),
        );
    }
    Ok(loaded)
}

/// The path users see: relative to the workspace, with `/` separators.
fn display_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn load_file(loaded: &mut Loaded, path: &Path, name: String, mut cache: Option<&mut Cache>) {
    let Some(bytes) = read::bytes(loaded, path, &name) else {
        return;
    };
    let next = crate::source::FileId(loaded.sources.len());
    if let Some(hit) = cache
        .as_deref_mut()
        .and_then(|c| c.get(&name, &bytes, next))
    {
        let file = loaded.sources.add(name, hit.text);
        loaded.diagnostics.extend(hit.diagnostics);
        kinds::insert(loaded, file, hit.parsed);
        return;
    }
    let kept = cache.as_ref().map(|_| bytes.clone());
    let Some(file) = read::text(loaded, name, bytes) else {
        return;
    };
    let text = loaded.sources.text(file);
    let (parsed, diagnostics) = kinds::parse(text, file);
    if let (Some(cache), Some(bytes)) = (cache, kept) {
        cache.put(
            loaded.sources.name(file),
            bytes,
            text,
            &parsed,
            &diagnostics,
        );
    }
    loaded.diagnostics.extend(diagnostics);
    kinds::insert(loaded, file, parsed);
}
