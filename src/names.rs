//! Names as they run in a sentence: a head's title before its unit's
//! name, a person's position before their unit, a title opening a line.

/// `giám đốc` → `Giám đốc`: a title at the start of a line.
pub fn uppercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's position and unit as a list prints them (`Phó Trưởng phòng,
/// Sở Tư pháp`), the unit left out when the position already names it
/// (`Nhân dân thôn Đồng Chằm` of `Thôn Đồng Chằm`).
pub fn position_in(position: &str, unit: &str) -> String {
    if position.to_lowercase().contains(&unit.to_lowercase()) {
        position.to_string()
    } else {
        format!("{position}, {unit}")
    }
}

/// A head's title followed by the unit's name, the words they share said
/// once and as the name writes them (the name is the unit's own spelling;
/// the title was upper case, lowered): `Chánh văn phòng` + `Văn phòng UBND
/// xã` → `Chánh Văn phòng UBND xã`, `trưởng thôn` + `thôn Đồng Chằm` →
/// `trưởng thôn Đồng Chằm`, `Giám đốc` + `Sở Nội vụ` → `Giám đốc Sở Nội vụ`.
pub fn head_of(title: &str, name: &str) -> String {
    let (title_words, name_words): (Vec<&str>, Vec<&str>) = (
        title.split_whitespace().collect(),
        name.split_whitespace().collect(),
    );
    let same = |a: &[&str], b: &[&str]| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.to_lowercase() == y.to_lowercase())
    };
    // The longest tail of the title that starts the name, leaving it a word.
    let shared = (1..title_words.len().min(name_words.len()))
        .rev()
        .find(|&n| same(&title_words[title_words.len() - n..], &name_words[..n]))
        .unwrap_or(0);
    let kept = title_words[..title_words.len() - shared].join(" ");
    format!("{kept} {}", name_words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_that_names_its_unit_is_not_followed_by_it() {
        assert_eq!(
            position_in("Phó Trưởng phòng", "Sở Tư pháp"),
            "Phó Trưởng phòng, Sở Tư pháp"
        );
        assert_eq!(
            position_in("Nhân dân thôn Đồng Chằm", "Thôn Đồng Chằm"),
            "Nhân dân thôn Đồng Chằm"
        );
    }

    #[test]
    fn a_head_and_the_unit_share_their_words_once() {
        assert_eq!(
            head_of("Trưởng thôn", "thôn Đồng Chằm"),
            "Trưởng thôn Đồng Chằm"
        );
        assert_eq!(
            head_of("trưởng thôn", "Thôn Đồng Chằm"),
            "trưởng Thôn Đồng Chằm"
        );
        assert_eq!(
            head_of("Chánh văn phòng", "Văn phòng HĐND và UBND xã Tân Lập"),
            "Chánh Văn phòng HĐND và UBND xã Tân Lập"
        );
        assert_eq!(head_of("Giám đốc", "Sở Nội vụ"), "Giám đốc Sở Nội vụ");
        assert_eq!(
            head_of("Hiệu trưởng", "Trường THCS Tân Lập"),
            "Hiệu trưởng Trường THCS Tân Lập"
        );
        assert_eq!(
            head_of("chủ tịch", "UBND xã Tân Lập"),
            "chủ tịch UBND xã Tân Lập"
        );
        // A name all of whose words the title ends with keeps them.
        assert_eq!(head_of("Trưởng thôn", "Thôn"), "Trưởng thôn Thôn");
    }
}
