//! `ho-so.zip`: a national submission's parts as the national system for
//! commendation dossiers takes them, each as `.pdf` and `.docx`, named in
//! their order (`01-to-trinh.pdf`, `01-to-trinh.docx`, `02-danh-sach.pdf` …).
//! Stored, not compressed again (PDF and DOCX are), with a fixed time.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The archive of `files` (name in the archive, bytes), in that order.
pub fn archive(files: &[(String, Vec<u8>)]) -> Result<Vec<u8>, zip::result::ZipError> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// A part's name in the archive: its place, then the document (a report
/// also names its unit and nominee): `04-bao-cao-thanh-tich-so-noi-vu-dn-hoang-thi-thu`.
pub fn part_name(place: usize, stem: &str) -> String {
    let segments: Vec<&str> = stem.split('/').collect();
    let from = segments
        .iter()
        .position(|s| *s == "bao-cao-thanh-tich")
        .unwrap_or(segments.len().saturating_sub(1));
    format!("{place:02}-{}", segments[from..].join("-"))
}

#[cfg(test)]
mod tests {
    use super::part_name;

    #[test]
    fn parts_are_named_in_order_with_their_nominee() {
        assert_eq!(
            part_name(1, "lang-son/bang-khen-thu-tuong/to-trinh"),
            "01-to-trinh"
        );
        assert_eq!(
            part_name(
                4,
                "lang-son/bang-khen-thu-tuong/bao-cao-thanh-tich/so-noi-vu/dn-a"
            ),
            "04-bao-cao-thanh-tich-so-noi-vu-dn-a"
        );
        assert_eq!(part_name(12, "tham-dinh/bien-ban"), "12-bien-ban");
    }
}
