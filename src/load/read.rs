//! Reading one input file: within the size limit, readable, UTF-8, and
//! normalised to NFC; each failure a located diagnostic.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::{Loaded, MAX_INPUT_BYTES};
use crate::diag::{Diagnostic, Text};
use crate::source::FileId;

/// The file's bytes, within the size limit; `None` (and a diagnostic, the
/// file added to the sources empty) when it cannot be read.
pub(super) fn bytes(loaded: &mut Loaded, path: &Path, name: &str) -> Option<Vec<u8>> {
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
        return None;
    }
    match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
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
            None
        }
    }
}

/// The file's text, normalised and added to the sources; `None` (and a
/// diagnostic) when it is not UTF-8.
pub(super) fn text(loaded: &mut Loaded, name: String, bytes: Vec<u8>) -> Option<FileId> {
    match String::from_utf8(bytes) {
        // Editors may write decomposed Vietnamese (NFD); normalising the whole
        // text normalises every string in it, and positions stay those of
        // what is shown.
        Ok(text) => Some(loaded.sources.add(name, text.nfc().collect::<String>())),
        Err(e) => {
            not_utf8(loaded, name, &e);
            None
        }
    }
}

/// TD0001 at the first byte that is not UTF-8.
fn not_utf8(loaded: &mut Loaded, name: String, e: &std::string::FromUtf8Error) {
    let valid = e.utf8_error().valid_up_to();
    let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
    let at = lossy
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= valid)
        .unwrap_or(valid);
    let file = loaded.sources.add(name, lossy);
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
}
