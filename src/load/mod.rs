//! Stage 1: walk `inputs/`, read each YAML file, normalise it to NFC, dispatch
//! on its `kind:` and parse it into the typed model. Every failure becomes a
//! located diagnostic; nothing here panics on input.

mod yaml;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;


use crate::diag::{Diagnostic, Text, closest};
use crate::source::{FileId, Sources};
use crate::model::{Appraisal, Campaign, Sourced, Unit, Workspace};

/// Input files larger than this are refused rather than parsed.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// A text value longer than this is refused: no field of a document needs it,
/// and laying out one enormous paragraph would take minutes.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// The kinds of input file, by their `kind:` value.
pub const KINDS: [&str; 3] = ["campaign", "unit", "appraisal"];

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
        load_file(&mut loaded, path, name);
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

fn load_file(loaded: &mut Loaded, path: &Path, name: String) {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_INPUT_BYTES {
        let file = loaded.sources.add(name, "");
        loaded.diagnostics.push(
            Diagnostic::error(
                "TD0008",
                Text::new(
                    format!("tệp quá lớn ({size} byte, tối đa {MAX_INPUT_BYTES})"),
                    format!("file too large ({size} bytes, at most {MAX_INPUT_BYTES})"),
                ),
            )
            .in_file(file)
            .help(Text::new(
                "chia nội dung thành nhiều tệp nhỏ hơn",
                "split it into smaller files",
            )),
        );
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let file = loaded.sources.add(name, "");
            loaded.diagnostics.push(
                Diagnostic::error(
                    "TD0008",
                    Text::new(
                        format!("không đọc được tệp: {e}"),
                        format!("cannot read file: {e}"),
                    ),
                )
                .in_file(file),
            );
            return;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = loaded.sources.add(name, lossy.clone());
            let at = lossy
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| i >= valid)
                .unwrap_or(valid);
            loaded.diagnostics.push(
                Diagnostic::error(
                    "TD0001",
                    Text::new("tệp không phải văn bản UTF-8", "file is not UTF-8 text"),
                )
                .at(file, at..at)
                .help(Text::new(
                    "lưu lại tệp với bảng mã UTF-8 (Unicode)",
                    "save the file again as UTF-8 (Unicode)",
                )),
            );
            return;
        }
    };
    // Editors may write decomposed Vietnamese (NFD); normalising the whole text
    // normalises every string in it, and positions stay those of what is shown.
    let text: String = text.nfc().collect();
    let file = loaded.sources.add(name, text);
    let text = loaded.sources.text(file).to_string();

    #[derive(Deserialize)]
    struct KindOnly {
        kind: Option<Spanned<String>>,
    }
    let kind = match yaml::parse::<KindOnly>(&text, file) {
        Ok(k) => k.kind,
        Err(d) => {
            loaded.diagnostics.push(*d);
            return;
        }
    };
    let Some(kind) = kind else {
        loaded.diagnostics.push(
            Diagnostic::error(
                "TD0006",
                Text::new("tệp thiếu khóa `kind:`", "the file has no `kind:` key"),
            )
            .at(file, 0..0)
            .help(Text::new(
                format!(
                    "thêm dòng đầu `kind: campaign` (hoặc {})",
                    KINDS[1..].join(", ")
                ),
                format!(
                    "add a first line `kind: campaign` (or {})",
                    KINDS[1..].join(", ")
                ),
            )),
        );
        return;
    };
    match kind.value.as_str() {
        "campaign" => match yaml::parse::<Campaign>(&text, file) {
            Ok(campaign) => {
                loaded
                    .diagnostics
                    .extend(text_problems(&campaign, &text, file));
                if let Some(first) = &loaded.workspace.campaign {
                    let span = crate::source::span(&text, &kind);
                    let first_name = loaded.sources.name(first.file).to_string();
                    loaded.diagnostics.push(
                        Diagnostic::error(
                            "TD0009",
                            Text::new(
                                format!("đã có một tệp `kind: campaign` ({first_name}); mỗi không gian làm việc chỉ có một phong trào"),
                                format!("there is already a `kind: campaign` file ({first_name}); a workspace has one campaign"),
                            ),
                        )
                        .at(file, span),
                    );
                } else {
                    loaded.workspace.campaign = Some(Sourced {
                        file,
                        value: campaign,
                    });
                }
            }
            Err(d) => loaded.diagnostics.push(*d),
        },
        "unit" => match yaml::parse::<Unit>(&text, file) {
            Ok(unit) => {
                loaded.diagnostics.extend(text_problems(&unit, &text, file));
                loaded.workspace.units.push(Sourced { file, value: unit })
            }
            Err(d) => loaded.diagnostics.push(*d),
        },
        "appraisal" => match yaml::parse::<Appraisal>(&text, file) {
            Ok(appraisal) => {
                loaded
                    .diagnostics
                    .extend(text_problems(&appraisal, &text, file));
                if let Some(first) = &loaded.workspace.appraisal {
                    let span = crate::source::span(&text, &kind);
                    let first_name = loaded.sources.name(first.file).to_string();
                    loaded.diagnostics.push(
                        Diagnostic::error(
                            "TD0014",
                            Text::new(
                                format!("đã có một tệp `kind: appraisal` ({first_name}); mỗi phong trào chỉ có một kết quả thẩm định"),
                                format!("there is already a `kind: appraisal` file ({first_name}); a campaign has one appraisal"),
                            ),
                        )
                        .at(file, span)
                        .help(Text::new(
                            "gộp các kết quả thẩm định vào một tệp",
                            "merge the appraisals into one file",
                        )),
                    );
                } else {
                    loaded.workspace.appraisal = Some(Sourced {
                        file,
                        value: appraisal,
                    });
                }
            }
            Err(d) => loaded.diagnostics.push(*d),
        },
        other => {
            let span = crate::source::span(&text, &kind);
            let (vi, en) = (
                format!("loại tệp `{other}` không hợp lệ"),
                format!("unknown input kind `{other}`"),
            );
            let mut diag = Diagnostic::error("TD0006", Text::new(vi, en)).at(file, span);
            if let Some(guess) = closest(other, KINDS).filter(|g| *g != other) {
                diag = diag.help(Text::new(
                    format!("có phải ý bạn là `{guess}`?"),
                    format!("did you mean `{guess}`?"),
                ));
            }
            loaded.diagnostics.push(diag);
        }
    }
}

/// TD0015: text values longer than [`MAX_TEXT_CHARS`]; TD0017: characters
/// the embedded fonts cannot show. Each located where it is written (the
/// value found by its opening words).
fn text_problems(model: &impl serde::Serialize, text: &str, file: FileId) -> Vec<Diagnostic> {
    fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::String(s) => out.push(s),
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let Ok(tree) = serde_json::to_value(model) else {
        return vec![];
    };
    let mut all = Vec::new();
    strings(&tree, &mut all);
    let opening_of = |s: &str| {
        let opening: String = s.chars().take(40).collect();
        text.find(&opening)
    };
    let mut out = Vec::new();
    for s in all {
        let count = s.chars().count();
        if count > MAX_TEXT_CHARS {
            let at = opening_of(s).map_or(0..0, |i| {
                i..i + s.chars().take(40).map(char::len_utf8).sum::<usize>()
            });
            out.push(
                Diagnostic::error(
                    "TD0015",
                    Text::new(
                        format!("văn bản dài {count} ký tự, quá giới hạn {MAX_TEXT_CHARS} ký tự của một mục"),
                        format!("a text of {count} characters, over the limit of {MAX_TEXT_CHARS} for one field"),
                    ),
                )
                .at(file, at)
                .help(Text::new(
                    "chia thành nhiều đoạn (mỗi đoạn một mục trong danh sách)",
                    "split it into several paragraphs (one list item each)",
                )),
            );
        }
        if let Some(bad) = s.chars().find(|c| !crate::fonts::displayable(*c)) {
            let from = opening_of(s).unwrap_or(0);
            let at = text[from..]
                .find(bad)
                .map_or(0..0, |i| from + i..from + i + bad.len_utf8());
            let code = format!("U+{:04X}", bad as u32);
            out.push(
                Diagnostic::error(
                    "TD0017",
                    Text::new(
                        format!("ký tự `{bad}` ({code}) không có trong phông chữ của văn bản (Liberation Serif)"),
                        format!("character `{bad}` ({code}) is not in the documents' font (Liberation Serif)"),
                    ),
                )
                .at(file, at)
                .help(Text::new(
                    "thay bằng chữ Việt, chữ Latinh hoặc dấu câu thông thường; văn bản hành chính không dùng ký tự này",
                    "use Vietnamese or Latin letters and ordinary punctuation instead",
                )),
            );
        }
    }
    out
}
