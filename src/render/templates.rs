//! The template set: built-in files embedded in the binary, overlaid by the
//! workspace's `templates/` folder. Files under `lib/` are plain Typst (the
//! Nghị định 30 layout library) served to the typesetter; the others are
//! minijinja templates, one per document kind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Folder (inside `templates/`) of plain Typst files that documents import.
pub const LIBRARY_DIR: &str = "lib";

#[rustfmt::skip]
const BUILTIN: &[(&str, &str)] = &[
    ("lib/nd30.typ", include_str!("../../templates/lib/nd30.typ")),
    ("macros.typ", include_str!("../../templates/macros.typ")),
    ("ke-hoach.typ", include_str!("../../templates/ke-hoach.typ")),
    ("ke-hoach-don-vi.typ", include_str!("../../templates/ke-hoach-don-vi.typ")),
    ("bao-cao.typ", include_str!("../../templates/bao-cao.typ")),
    ("quyet-dinh.typ", include_str!("../../templates/quyet-dinh.typ")),
    ("to-trinh.typ", include_str!("../../templates/to-trinh.typ")),
    ("danh-sach.typ", include_str!("../../templates/danh-sach.typ")),
    ("bien-ban.typ", include_str!("../../templates/bien-ban.typ")),
    ("bao-cao-thanh-tich.typ", include_str!("../../templates/bao-cao-thanh-tich.typ")),
    ("to-trinh-tham-dinh.typ", include_str!("../../templates/to-trinh-tham-dinh.typ")),
    ("bien-ban-tinh.typ", include_str!("../../templates/bien-ban-tinh.typ")),
    ("quyet-dinh-tinh.typ", include_str!("../../templates/quyet-dinh-tinh.typ")),
    ("tong-hop.typ", include_str!("../../templates/tong-hop.typ")),
    ("bang-diem.typ", include_str!("../../templates/bang-diem.typ")),
    ("xep-hang.typ", include_str!("../../templates/xep-hang.typ")),
    ("to-trinh-trung-uong.typ", include_str!("../../templates/to-trinh-trung-uong.typ")),
];

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Builtin,
    /// A file in the workspace's `templates/`, overriding or adding to the built-ins.
    Workspace(PathBuf),
}

#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub text: String,
    pub origin: Origin,
}

impl TemplateFile {
    /// The path shown in diagnostics: `templates/<name>` either way.
    pub fn display_path(name: &str) -> String {
        format!("templates/{name}")
    }
}

/// A workspace template that could not be taken.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TemplateError {
    #[error("templates/{0}: liên kết tượng trưng (symlink) không được phép trong templates/")]
    Symlink(String),
    #[error("templates/{0}: không đọc được tệp ({1})")]
    Read(String, String),
}

impl TemplateError {
    /// The message in both languages.
    pub fn text(&self) -> crate::diag::Text {
        let en = match self {
            TemplateError::Symlink(n) => {
                format!("templates/{n}: a symbolic link is not allowed in templates/")
            }
            TemplateError::Read(n, e) => format!("templates/{n}: cannot read the file ({e})"),
        };
        crate::diag::Text::new(self.to_string(), en)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Templates {
    files: BTreeMap<String, TemplateFile>,
}

impl Templates {
    pub fn builtin() -> Self {
        let mut t = Self::default();
        for (name, text) in BUILTIN {
            t.insert(name, (*text).to_string(), Origin::Builtin);
        }
        t
    }

    /// The built-ins overlaid by `<workspace>/templates/**` (if the folder exists).
    pub fn for_workspace(root: &Path) -> (Self, Vec<TemplateError>) {
        let mut t = Self::builtin();
        let mut errors = Vec::new();
        let dir = root.join("templates");
        if !dir.is_dir() {
            return (t, errors);
        }
        for entry in WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let Ok(rel) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if entry.path_is_symlink() {
                errors.push(TemplateError::Symlink(name));
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => t.insert(&name, text, Origin::Workspace(entry.path().to_path_buf())),
                Err(e) => errors.push(TemplateError::Read(name, e.to_string())),
            }
        }
        (t, errors)
    }

    pub fn insert(&mut self, name: &str, text: String, origin: Origin) {
        self.files
            .insert(name.to_string(), TemplateFile { text, origin });
    }

    pub fn get(&self, name: &str) -> Option<&TemplateFile> {
        self.files.get(name)
    }

    /// Document templates, rendered by minijinja.
    pub fn jinja(&self) -> impl Iterator<Item = (&str, &TemplateFile)> {
        self.files
            .iter()
            .filter(|(name, _)| {
                !name.starts_with(&format!("{LIBRARY_DIR}/")) && name.ends_with(".typ")
            })
            .map(|(n, f)| (n.as_str(), f))
    }

    /// Plain Typst files under `lib/`, served to the typesetter at `/lib/…`.
    pub fn library(&self) -> impl Iterator<Item = (&str, &TemplateFile)> {
        self.files
            .iter()
            .filter(|(name, _)| name.starts_with(&format!("{LIBRARY_DIR}/")))
            .map(|(n, f)| (n.as_str(), f))
    }
}
