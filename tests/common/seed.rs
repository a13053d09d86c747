//! The public copies of real plans (`tests/fixtures/*.md`, markdown) read as
//! the paragraphs and table lines that must print, and a plan's laid-out text
//! to find them in: shared by the reference campaigns' tests.

use thidua::typeset::inspect::{Placed, compact};

use super::layout::MM;

/// One element of the seed as it must print: a paragraph of the body (its
/// wrapped lines joined), or one line of the header or footer table.
#[derive(Debug)]
pub struct SeedText {
    pub text: String,
    /// A line of a table cell (header: bodies, Quốc hiệu, number, place and
    /// date; footer: Nơi nhận, signer): two columns, read in any order.
    pub in_table: bool,
    /// Wholly bold in the seed (`**…**`): a heading.
    pub bold: bool,
}

/// `plan` (the seed's markdown, or the part of it before an annex):
/// paragraphs separated by blank lines and wrapped over several lines;
/// `**…**` bold, `*…*` italic; the header and footer are table cells whose
/// lines start after a `|` line, with rules (`---`) under the bodies and the
/// Quốc hiệu. A paragraph with no text (an empty bold run `** **`) is left out.
pub fn seed_texts(plan: &str) -> Vec<SeedText> {
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in plan.lines() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else {
            blocks.last_mut().unwrap().push(line.trim());
        }
    }
    let mut out = Vec::new();
    for block in blocks.into_iter().filter(|b| !b.is_empty()) {
        if block[0].starts_with('|') {
            for line in block {
                let text = line.replace('*', "");
                let rule = text.chars().all(|c| c == '-');
                if !text.starts_with('|') && !rule {
                    out.push(SeedText {
                        text,
                        in_table: true,
                        bold: false,
                    });
                }
            }
        } else {
            let joined = block.join(" ");
            let bold = joined.starts_with("**") && joined.ends_with("**");
            let text = joined.replace('*', "").trim().to_string();
            if !text.is_empty() {
                out.push(SeedText {
                    text,
                    in_table: false,
                    bold,
                });
            }
        }
    }
    out
}

/// The plan's laid-out text, whitespace compacted, without the page numbers
/// of the top margin (they would split a paragraph that crosses a page).
pub fn plan_text(placed: &Placed) -> String {
    compact(
        &placed
            .texts
            .iter()
            .filter(|t| t.y > 20.0 * MM)
            .map(|t| t.text.as_str())
            .collect::<String>(),
    )
}
