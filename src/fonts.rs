//! The fonts, embedded in the binary so every machine typesets alike:
//! Liberation Serif (SIL OFL 1.1), metric-compatible with Times New Roman.

use typst::foundations::Bytes;
use typst::text::Font;

/// The family every template uses.
pub const FAMILY: &str = "Liberation Serif";

/// The four faces, by file name, as committed under `fonts/`.
pub const FILES: [(&str, &[u8]); 4] = [
    (
        "LiberationSerif-Regular.ttf",
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        "LiberationSerif-Bold.ttf",
        include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        "LiberationSerif-Italic.ttf",
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "LiberationSerif-BoldItalic.ttf",
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

/// Every face of the embedded files.
pub fn embedded() -> Vec<Font> {
    FILES
        .iter()
        .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
        .collect()
}

/// Whether every face has a glyph for `c`. Text the fonts cannot show makes a
/// PDF/A export fail, so the loader refuses it where it is written (TD0017).
pub fn displayable(c: char) -> bool {
    static FACES: std::sync::LazyLock<Vec<Font>> = std::sync::LazyLock::new(embedded);
    c == '\n' || c == '\t' || FACES.iter().all(|f| f.info().coverage.contains(c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_liberation_serif_faces_are_embedded() {
        let fonts = embedded();
        assert_eq!(fonts.len(), 4);
        assert!(fonts.iter().all(|f| f.info().family == FAMILY));
    }

    #[test]
    fn vietnamese_displays_and_ideographs_do_not() {
        assert!(
            "Nguyễn Thị Ngọc Ánh ơ ư Đ #$_<@ «»–“”"
                .chars()
                .all(displayable)
        );
        assert!(!displayable('漢'));
        assert!(!displayable('😀'));
    }
}
