//! The Typst `World`: a base shared by every document (standard library,
//! embedded fonts, the templates' layout library) and, per document, its main
//! source and date. Nothing else exists: no system font, no file outside the
//! templates, no package, no clock.

use std::collections::HashMap;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Dict, Duration, Value};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World};

use crate::fonts;

/// The one file id every document's main source uses, so the id space (2^16)
/// never runs out however many documents are built.
pub static MAIN_ID: LazyLock<FileId> = LazyLock::new(|| {
    let path = VirtualPath::new("/main.typ").expect("a constant, valid virtual path");
    RootedPath::new(VirtualRoot::Project, path).intern()
});

/// What every document shares. Built once per build.
pub struct Base {
    library: LazyHash<Library>,
    /// The library for the Word file's compilation: HTML export enabled, and
    /// `sys.inputs.thidua-target` = `"word"`, which the layout library reads.
    word_library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Files documents may read, by virtual path (`/lib/nd30.typ`).
    files: HashMap<FileId, Bytes>,
    sources: HashMap<FileId, Source>,
    /// When memoised results are evicted ([`super::Memo`], encoded: a build
    /// sets it once it knows how much it typesets, while threads may read it).
    memo: AtomicUsize,
}

impl Base {
    /// `files` are the library files, by path relative to the templates folder.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let fonts = fonts::embedded();
        let book = FontBook::from_fonts(&fonts);
        let mut base = Self {
            library: LazyHash::new(Library::default()),
            word_library: LazyHash::new(word_library()),
            book: LazyHash::new(book),
            fonts,
            files: HashMap::new(),
            sources: HashMap::new(),
            memo: AtomicUsize::new(super::EVICT_MAX_AGE),
        };
        for (name, text) in files {
            let Ok(path) = VirtualPath::new(format!("/{name}")) else {
                continue;
            };
            let id = RootedPath::new(VirtualRoot::Project, path).intern();
            base.files.insert(id, Bytes::from_string(text.to_string()));
            base.sources.insert(id, Source::new(id, text.to_string()));
        }
        base
    }
}

impl Base {
    /// Keeps memoised layout for `age` compilations: a long-lived process
    /// (`watch`) re-lays out less of a document that changed a little.
    pub fn with_memo_age(self, age: usize) -> Self {
        self.set_memo(super::Memo::Compilations(age));
        self
    }

    /// Sets when memoised results are evicted.
    pub fn set_memo(&self, memo: super::Memo) {
        let code = match memo {
            super::Memo::Compilations(age) => age.min(usize::MAX - 1),
            super::Memo::Build => usize::MAX,
        };
        self.memo.store(code, Ordering::Relaxed);
    }

    pub fn memo(&self) -> super::Memo {
        match self.memo.load(Ordering::Relaxed) {
            usize::MAX => super::Memo::Build,
            age => super::Memo::Compilations(age),
        }
    }
}

fn word_library() -> Library {
    let mut inputs = Dict::new();
    inputs.insert("thidua-target".into(), Value::Str("word".into()));
    Library::builder()
        .with_features([Feature::Html].into_iter().collect())
        .with_inputs(inputs)
        .build()
}

/// One document's world: the shared base plus its main source and date.
pub struct DocWorld<'a> {
    base: &'a Base,
    main: Source,
    today: Datetime,
    /// Compiling for the Word file (HTML export) rather than for pages.
    word: bool,
}

impl<'a> DocWorld<'a> {
    /// `main`: the document's source, parsed ([`super::parse`]).
    pub fn new(base: &'a Base, main: Source, today: Datetime) -> Self {
        Self {
            base,
            main,
            today,
            word: false,
        }
    }

    /// The same document compiled for its Word file.
    pub fn for_word(mut self) -> Self {
        self.word = true;
        self
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

fn refuse(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => FileError::Package(PackageError::Other(Some(
            format!(
                "thidua không dùng gói ({spec}): mọi tệp phải nằm trong templates/ của không gian làm việc"
            )
            .into(),
        ))),
        VirtualRoot::Project => FileError::Other(Some(
            format!(
                "chỉ được đọc tệp trong templates/; không có {}",
                id.vpath().get_with_slash()
            )
            .into(),
        )),
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        match self.word {
            true => &self.base.word_library,
            false => &self.base.library,
        }
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.base.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        self.base
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| refuse(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.base.files.get(&id).cloned().ok_or_else(|| refuse(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.base.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
