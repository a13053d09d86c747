//! Stage 5, beside the PDF: the Word file. The document's Typst source is
//! evaluated for HTML export (`typeset::word_tree`); the layout library then
//! emits semantic elements instead of pages, which `read` turns into Word
//! paragraphs, tables and sections, written as a `.docx` package. One source
//! of wording: a template, or a workspace's override of it, makes both files.

mod blocks;
mod model;
mod package;
mod read;
mod styles;
mod table;
mod tree;
mod xml;

use chrono::NaiveDate;
use typst_html::HtmlDocument;

#[derive(Debug, thiserror::Error)]
pub enum WordError {
    #[error("mẫu không gọi `official-document` của thư viện trình bày, nên không có tệp Word")]
    NoDocument,
    #[error("thư viện trình bày thiếu thuộc tính {0}")]
    Attribute(&'static str),
    #[error("không ghi được tệp Word: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("không ghi được tệp Word: {0}")]
    Io(#[from] std::io::Error),
}

/// The `.docx` bytes of an evaluated document; `title` and `date` are its
/// properties (the date is the document's own, never the clock's).
pub fn docx(tree: &HtmlDocument, title: &str, date: NaiveDate) -> Result<Vec<u8>, WordError> {
    let (layout, sections) = read::read(tree)?;
    let parts = package::Parts {
        document: xml::document(&layout, &sections),
        styles: styles::styles(&layout),
        settings: styles::settings(),
        header: styles::header(&layout),
    };
    package::zip(parts, title, date)
}
