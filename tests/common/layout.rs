//! The Nghị định 30 layout, measured on laid-out pages: shared by the tests
//! of every document.
#![allow(dead_code)]

use thidua::typeset::inspect::{Placed, PlacedText};

pub const MM: f64 = 72.0 / 25.4;

/// What a document's header and footer should show.
pub struct Expect<'a> {
    /// A line of the issuing body (ô 2, bold).
    pub issuing: &'a str,
    /// A fragment of the number line (ô 3), e.g. `/KH-UBND`.
    pub number: &'a str,
    /// A fragment of the date (ô 4), e.g. `tháng 5 năm 2024`.
    pub date: &'a str,
    /// The document type (ô 5a).
    pub kind: &'a str,
    /// Recipient lines as printed, e.g. `- Sở Nội vụ;`.
    pub recipient_lines: &'a [&'a str],
    /// The first line of the signature block.
    pub authority: &'a str,
    pub signer: &'a str,
}

/// The reference plan's header and footer (UBND tỉnh Lạng Sơn, May 2024).
pub const LANG_SON_PLAN: Expect = Expect {
    issuing: "TỈNH LẠNG SƠN",
    number: "/KH-UBND",
    date: "tháng 5 năm 2024",
    kind: "KẾ HOẠCH",
    recipient_lines: &["- Ban TĐKT TW;", "- Lưu: VT, NC_(PVD)."],
    authority: "TM. ỦY BAN NHÂN DÂN",
    signer: "Dương Xuân Huyền",
};

pub fn one<'a>(placed: &'a [&'a PlacedText], what: &str) -> &'a PlacedText {
    assert!(!placed.is_empty(), "{what} not found");
    placed[0]
}

/// Every layout check at once.
pub fn assert_nd30(placed: &Placed, e: &Expect) {
    assert_margins(placed);
    assert_header(placed, e);
    assert_footer(placed, e);
    assert_page_numbers(placed);
}

pub fn assert_margins(placed: &Placed) {
    assert!(placed.pages.len() >= 2);
    for (w, h) in &placed.pages {
        assert!(
            (w - 210.0 * MM).abs() < 0.5 && (h - 297.0 * MM).abs() < 0.5,
            "not A4: {w} × {h}"
        );
    }
    let body: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.y > 20.0 * MM).collect();
    let left = body.iter().map(|t| t.x).fold(f64::MAX, f64::min);
    let right = body.iter().map(|t| t.x + t.width).fold(0.0, f64::max);
    let bottom = body.iter().map(|t| t.y).fold(0.0, f64::max);
    assert!(
        (left - 30.0 * MM).abs() < 1.0,
        "left margin {} mm",
        left / MM
    );
    assert!(
        (right - 195.0 * MM).abs() < 1.0,
        "justified text must reach the right margin: {} mm",
        right / MM
    );
    assert!(
        bottom <= 277.0 * MM,
        "text below the bottom margin: {} mm",
        bottom / MM
    );
    // Justified body lines start at the left margin or at the 1.27 cm indent.
    let indented = body
        .iter()
        .filter(|t| (t.x - (30.0 * MM + 12.7 * MM)).abs() < 0.5)
        .count();
    assert!(indented >= 2, "first-line indents of 1.27 cm: {indented}");
}

pub fn assert_header(placed: &Placed, e: &Expect) {
    let page1: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.page == 1).collect();
    let find = |needle: &str| {
        page1
            .iter()
            .copied()
            .filter(|t| t.text.contains(needle))
            .collect::<Vec<_>>()
    };

    let national = find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let national = one(&national, "Quốc hiệu");
    assert_eq!(
        (national.size, national.bold, national.italic),
        (12.0, true, false)
    );
    // On one line, inside the right column (60 % of the text width).
    let right_column_start = 30.0 * MM + 0.4 * 165.0 * MM;
    assert!(
        national.x >= right_column_start - 0.5 && national.x + national.width <= 195.0 * MM + 0.5
    );

    let motto = find("Độc lập - Tự do - Hạnh phúc");
    let motto = one(&motto, "Tiêu ngữ");
    assert_eq!((motto.size, motto.bold, motto.italic), (13.0, true, false));
    assert!(motto.y > national.y);
    let centre = |t: &PlacedText| t.x + t.width / 2.0;
    assert!(
        (centre(motto) - centre(national)).abs() < 1.0,
        "Tiêu ngữ centred under Quốc hiệu"
    );
    // A solid rule under the Tiêu ngữ, as long as it.
    let rule = placed.rules.iter().find(|r| {
        r.page == 1 && r.y > motto.y && r.y < motto.y + 10.0 && (r.length - motto.width).abs() < 1.0
    });
    assert!(
        rule.is_some(),
        "rule under the Tiêu ngữ: {:#?}",
        placed.rules
    );

    let issuing = find(e.issuing);
    let issuing = one(&issuing, "issuing body");
    assert_eq!((issuing.size, issuing.bold), (12.0, true));
    assert!(issuing.x + issuing.width <= right_column_start);
    let issuing_rule = placed
        .rules
        .iter()
        .find(|r| r.page == 1 && r.y > issuing.y && r.y < issuing.y + 10.0);
    let issuing_rule = issuing_rule.expect("rule under the issuing body");
    // Measured against the name's longest line: `ỦY BAN NHÂN DÂN` over a
    // shorter `TỈNH NGHỆ AN` (the bold lines of ô 2 above the rule).
    let name_width = page1
        .iter()
        .filter(|t| t.bold && t.size == 12.0 && t.y < issuing_rule.y)
        .filter(|t| t.x + t.width <= right_column_start)
        .map(|t| t.width)
        .fold(issuing.width, f64::max);
    let ratio = issuing_rule.length / name_width;
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "issuing body rule is {ratio} of the name"
    );

    let number = find(e.number);
    let number = one(&number, "Số");
    assert_eq!(
        (number.size, number.bold, number.italic),
        (13.0, false, false)
    );
    assert!(number.text.starts_with("Số:"), "{:?}", number.text);

    let date = find(e.date);
    let date = one(&date, "date");
    assert_eq!((date.size, date.bold, date.italic), (13.0, false, true));
    assert!(
        (date.y - number.y).abs() < 0.5,
        "Số and the date share a line"
    );

    let kind = find(e.kind);
    let kind = one(&kind, "document type");
    assert_eq!((kind.size, kind.bold), (14.0, true));
}

pub fn assert_footer(placed: &Placed, e: &Expect) {
    let last = placed.pages.len();
    let on_last: Vec<&PlacedText> = placed.texts.iter().filter(|t| t.page == last).collect();
    let find = |needle: &str| {
        on_last
            .iter()
            .copied()
            .filter(|t| t.text.contains(needle))
            .collect::<Vec<_>>()
    };

    let to = find("Nơi nhận:");
    let to = one(&to, "Nơi nhận");
    assert_eq!((to.size, to.bold, to.italic), (12.0, true, true));
    assert!((to.x - 30.0 * MM).abs() < 1.0);

    for line in e.recipient_lines {
        let runs = find(line);
        let run = one(&runs, line);
        assert_eq!(
            (run.size, run.bold, run.italic),
            (11.0, false, false),
            "{line}"
        );
        assert!((run.x - 30.0 * MM).abs() < 1.0, "{line} flush left");
    }

    let authority = find(e.authority);
    let authority = one(&authority, "authority");
    assert_eq!((authority.size, authority.bold), (14.0, true));
    assert!(
        (authority.y - to.y).abs() < 4.0,
        "Nơi nhận level with the authority"
    );
    // Not a recipient line naming the signer (`- PCT UBND tỉnh Phùng Thành Vinh;`).
    let name: Vec<_> = find(e.signer)
        .into_iter()
        .filter(|t| !t.text.starts_with("- "))
        .collect();
    let name = one(&name, "signer");
    assert_eq!((name.size, name.bold), (14.0, true));
    assert!(name.y - authority.y > 25.0 * MM, "room for the signature");
}

pub fn assert_page_numbers(placed: &Placed) {
    let in_top_margin = |page: usize| {
        placed
            .texts
            .iter()
            .filter(move |t| t.page == page && t.y < 20.0 * MM)
            .collect::<Vec<_>>()
    };
    assert!(
        in_top_margin(1).is_empty(),
        "page 1 has no number: {:#?}",
        in_top_margin(1)
    );
    for page in 2..=placed.pages.len() {
        let numbers = in_top_margin(page);
        assert_eq!(numbers.len(), 1, "page {page}: {numbers:#?}");
        let n = numbers[0];
        assert_eq!(n.text, page.to_string());
        assert_eq!((n.size, n.bold, n.italic), (13.0, false, false));
        let centre = n.x + n.width / 2.0;
        assert!(
            (centre - (30.0 + 165.0 / 2.0) * MM).abs() < 1.0,
            "page {page} number centred"
        );
    }
}

/// The footer (Nơi nhận and signature) cut from the rest of its page: the
/// deciding authority above it holds `CHỦ TỊCH` too.
pub fn footer_of(main: &Placed) -> Placed {
    let to = main.find("Nơi nhận:");
    let to = one(&to, "Nơi nhận");
    let (page, top) = (to.page, to.y - 10.0);
    Placed {
        texts: main
            .texts
            .iter()
            .filter(|t| t.page == page && t.y >= top)
            .cloned()
            .collect(),
        rules: Vec::new(),
        pages: main.pages[..page].to_vec(),
    }
}

pub fn centred(t: &PlacedText) -> bool {
    (t.x + t.width / 2.0 - (30.0 + 165.0 / 2.0) * MM).abs() < 1.0
}

/// The blank on the page between `before` and the `after` that follows it on
/// the same line, in points: from where `before` ends to where `after`
/// starts. Measured on the glyphs, so a collapsed run of spaces shows.
/// `None` when no line holds `before`, whitespace, then `after`.
pub fn blank_between(placed: &Placed, before: &str, after: &str) -> Option<f64> {
    // Each line as its characters with the x where each starts.
    let mut runs: Vec<&PlacedText> = placed.texts.iter().collect();
    runs.sort_by(|a, b| {
        (a.page, a.y.round() as i64)
            .cmp(&(b.page, b.y.round() as i64))
            .then(a.x.total_cmp(&b.x))
    });
    let mut lines: Vec<Vec<(char, f64)>> = Vec::new();
    let mut key = None;
    for run in runs {
        let this = (run.page, run.y.round() as i64);
        if key != Some(this) {
            lines.push(Vec::new());
            key = Some(this);
        }
        let line = lines.last_mut().unwrap();
        line.extend(run.text.char_indices().map(|(i, c)| (c, run.x_at(i))));
        // The run's end, as a space: the next run starts after a gap.
        line.push((' ', run.x + run.width));
    }
    for line in &lines {
        let text: String = line.iter().map(|(c, _)| *c).collect();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (start, _) in text.match_indices(before) {
            let Some(end) = chars.iter().position(|(b, _)| *b == start + before.len()) else {
                continue;
            };
            let mut k = end;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            if k > end && text[chars.get(k).map_or(text.len(), |c| c.0)..].starts_with(after) {
                return Some(line[k].1 - line[end].1);
            }
        }
    }
    None
}

/// Asserts that the draft's blank between `before` and `after` is at least
/// `spaces` spaces wide at `size` (a space of Liberation Serif is 0.25 em):
/// `Số:      /KH-UBND`, not `Số: /KH-UBND`.
pub fn assert_blank(placed: &Placed, before: &str, after: &str, spaces: f64, size: f64) {
    let gap = blank_between(placed, before, after)
        .unwrap_or_else(|| panic!("no line with `{before}`, a blank, then `{after}`"));
    let wanted = spaces * 0.25 * size;
    assert!(
        gap >= wanted,
        "the blank between `{before}` and `{after}` is {gap:.1} pt, under {spaces} spaces ({wanted:.1} pt)"
    );
}
