//! The plan document: its number, date, outline and footer. The outline is
//! data, so that any province's plan prints word for word: headings,
//! paragraphs, run-in headings, lists in every numbering style (nested), and
//! the blocks that print the campaign's structured parts where the outline
//! puts them, each with default wording a campaign may replace.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use super::common::{DocNumber, Signer};
use super::date::PartialDate;

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Blank until the records office registers it.
    #[serde(default)]
    pub number: Option<DocNumber>,
    /// `2024-05` for a draft, `2024-05-20` once issued.
    #[schemars(with = "PartialDate")]
    pub date: Spanned<PartialDate>,
    /// Trích yếu (ô 5a).
    pub title: String,
    /// The body, in reading order: the outline is data.
    pub body: Vec<Block>,
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Spanned<String>>,
    /// What follows `Lưu:` on the last recipient line, e.g. `VT, NC`.
    #[schemars(with = "String")]
    pub archive: Spanned<String>,
    pub signer: Signer,
}

/// One element of a document's outline.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A heading as printed, number included (`I. MỤC ĐÍCH, YÊU CẦU`).
    Heading(Heading),
    /// A body paragraph.
    Paragraph(String),
    /// A paragraph opening with a bold heading: `**3. Thời gian:** Hồ sơ …`.
    RunIn(RunIn),
    /// Paragraphs each opening with `- ` (the short form of a `list`).
    Items(Vec<String>),
    /// A list in any numbering style, its items possibly holding lists.
    List(ListBlock),
    /// The content items, numbered `1.` … (or in the style given).
    ContentItems(ContentItemsBlock),
    /// The sentence of the period.
    Period(PeriodBlock),
    /// The lines naming who takes part.
    Subjects(SubjectsBlock),
    /// A numbered heading for one or more awards, with their texts, criteria,
    /// window and selection (`2.2. Bằng khen của Chủ tịch UBND tỉnh`).
    Awards(AwardsBlock),
    /// The campaign's criteria sets (`criteria_sets`), lettered `a)` …
    CriteriaSets(CriteriaSetsBlock),
    /// The names of the awards, one per line (`- Huân chương Lao động;`).
    AwardNames(AwardNamesBlock),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// 1 for `I.`, 2 for `1.`, 3 for `2.1.`, 4 for `a)`.
    #[schemars(with = "u8")]
    pub level: Spanned<u8>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunIn {
    /// Printed bold, with its number: `3. Thời gian trình khen thưởng:`.
    pub heading: String,
    pub text: String,
}

/// How a list numbers its items.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    /// `- `
    #[default]
    Dash,
    /// `+ `
    Plus,
    /// `1.`, `2.` …
    Number,
    /// `a)`, `b)` … in Vietnamese order (a, b, c, d, đ, e, g, h, i, k …).
    Letter,
    /// `(1)`, `(2)` …
    Parenthesised,
    /// No marker: plain paragraphs.
    None,
}

impl ListStyle {
    /// The marker of the item at `index` (from 0), as printed before its text.
    pub fn marker(self, index: usize) -> String {
        match self {
            ListStyle::Dash => "-".to_string(),
            ListStyle::Plus => "+".to_string(),
            ListStyle::Number => format!("{}.", index + 1),
            ListStyle::Letter => format!("{})", crate::notation::letter(index)),
            ListStyle::Parenthesised => format!("({})", index + 1),
            ListStyle::None => String::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListBlock {
    #[serde(default)]
    pub style: ListStyle,
    pub items: Vec<ListItem>,
}

/// An item: its text, or its text with a list under it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ListItem {
    Text(String),
    Nested(NestedItem),
    /// `{ rounds: {} }`: one line per round of the score table (`scoring.rounds`).
    Rounds(RoundsItem),
    /// `{ scoring_deadline: "… trước {deadline}." }`: the scoring deadline in words.
    ScoringDeadline(DeadlineItem),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundsItem {
    pub rounds: RoundsWording,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundsWording {
    /// Each round's line, with `{name}`, `{text}` and `{dates}` (`từ ngày 08
    /// đến ngày 10 tháng 12 năm 2025`). Default: `{name} {text} ({dates})`;
    /// lines end with `;`, the last with `.`.
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineItem {
    /// The sentence, with `{deadline}` (`ngày 31 tháng 12 năm 2025`).
    pub scoring_deadline: String,
}

/// The forms a list item written as a mapping takes.
#[derive(Deserialize)]
#[serde(untagged)]
enum MappedItem {
    Nested(NestedItem),
    Rounds(RoundsItem),
    ScoringDeadline(DeadlineItem),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NestedItem {
    pub text: String,
    pub list: ListBlock,
}

impl<'de> Deserialize<'de> for ListItem {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ListItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::diag::Text::new("văn bản của một mục, { text: …, list: { style: …, items: […] } }, { rounds: {} } hoặc { scoring_deadline: … }", "an item's text, { text: …, list: { style: …, items: […] } }, { rounds: {} } or { scoring_deadline: … }").packed())
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<ListItem, E> {
                Ok(ListItem::Text(text.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<ListItem, A::Error> {
                MappedItem::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(
                    |m| match m {
                        MappedItem::Nested(n) => ListItem::Nested(n),
                        MappedItem::Rounds(r) => ListItem::Rounds(r),
                        MappedItem::ScoringDeadline(d) => ListItem::ScoringDeadline(d),
                    },
                )
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// One printed line of a list: its marker, its text, how deep it is.
#[derive(Debug, Clone, Serialize)]
pub struct ListLine<'a> {
    pub marker: String,
    pub text: &'a str,
    pub depth: usize,
    /// The rounds go here, one line each, in `style` from item `index`.
    pub rounds: Option<&'a RoundsWording>,
    /// `text` holds `{deadline}`, the scoring deadline.
    pub deadline: bool,
    pub style: ListStyle,
    pub index: usize,
}

impl ListBlock {
    /// The list's lines in reading order, nested items after their parent.
    pub fn lines(&self) -> Vec<ListLine<'_>> {
        let mut out = Vec::new();
        self.push_lines(0, &mut out);
        out
    }

    fn push_lines<'a>(&'a self, depth: usize, out: &mut Vec<ListLine<'a>>) {
        for (i, item) in self.items.iter().enumerate() {
            let marker = self.style.marker(i);
            let line = |text: &'a str| ListLine {
                marker: marker.clone(),
                text,
                depth,
                rounds: None,
                deadline: false,
                style: self.style,
                index: i,
            };
            match item {
                ListItem::Text(text) => out.push(line(text)),
                ListItem::Nested(n) => {
                    out.push(line(&n.text));
                    n.list.push_lines(depth + 1, out);
                }
                ListItem::Rounds(r) => out.push(ListLine {
                    rounds: Some(&r.rounds),
                    ..line("")
                }),
                ListItem::ScoringDeadline(d) => out.push(ListLine {
                    deadline: true,
                    ..line(&d.scoring_deadline)
                }),
            }
        }
    }
}

// A list reaches templates with its lines worked out (markers and depth), so
// a template prints `lines` in order rather than recursing.
impl Serialize for ListBlock {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ListBlock", 3)?;
        st.serialize_field("style", &self.style)?;
        st.serialize_field("items", &self.items)?;
        st.serialize_field("lines", &self.lines())?;
        st.end()
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContentItemsBlock {
    /// Default: `number` (`1.`, `2.` …).
    #[serde(default)]
    pub style: Option<ListStyle>,
    /// A paragraph before the items.
    #[serde(default)]
    pub intro: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodBlock {
    /// The sentence, with `{start}` and `{end}` where the period's bounds go
    /// (`ngày ban hành Kế hoạch`, `ngày 01/10/2025`, `tháng 10 năm 2025`;
    /// `hết ngày 31/12/2025`, `hết tháng 3 năm 2026`, or the end event).
    /// Default: `Thời gian thi đua thực hiện từ {start} đến {end}.`
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectsBlock {
    /// Default: `dash`.
    #[serde(default)]
    pub style: Option<ListStyle>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardsBlock {
    /// The heading number, e.g. `2.2.`; none: no heading.
    #[serde(default)]
    pub number: Option<String>,
    #[schemars(with = "Vec<String>")]
    pub awards: Vec<Spanned<String>>,
    /// The labels of the short form's criteria. Default: `Đối với tập thể`, `Đối với cá nhân`.
    #[serde(default)]
    pub collective_label: Option<String>,
    #[serde(default)]
    pub individual_label: Option<String>,
    /// The nomination window's sentence, with `{window}` (`vào Quý IV năm
    /// 2025`, `từ ngày 01/10/2025 đến ngày 15/11/2025`) and `{deadline}`.
    /// Default: `Thời gian đề nghị khen thưởng: thực hiện {window}.`
    #[serde(default)]
    pub window: Option<String>,
    /// The selection's sentence, with `{basis}`, `{selected_by}` and `{submitted_to}`
    /// (the national awards' addressees joined). Default: `{basis}, {selected_by}
    /// lựa chọn tập thể, cá nhân tiêu biểu, xuất sắc trình {submitted_to} khen thưởng.`
    #[serde(default)]
    pub selection: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSetsBlock {
    /// The sets to print, by id; none: all of the campaign's.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub sets: Vec<Spanned<String>>,
    /// How the sets' headings are numbered. Default: `letter`.
    #[serde(default)]
    pub style: Option<ListStyle>,
    /// The heading level of each set's title (3: bold italic, 4: italic, as
    /// `heading`). Default: 4.
    #[serde(default)]
    #[schemars(with = "Option<u8>")]
    pub level: Option<Spanned<u8>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AwardNamesBlock {
    /// The awards, by id; none: all of them, in the campaign's order.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub awards: Vec<Spanned<String>>,
    /// Default: `dash`.
    #[serde(default)]
    pub style: Option<ListStyle>,
}
