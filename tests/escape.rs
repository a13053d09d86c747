//! Values never become Typst syntax: whatever a field holds prints literally.
//! A security property (a name must not run code), tested over arbitrary text.

mod common;

use std::sync::LazyLock;

use proptest::prelude::*;
use thidua::jobs::{self, Job};
use thidua::model::Workspace;
use thidua::model::campaign::Block;
use thidua::pipeline::{self, BuildOptions};
use thidua::render::{self, Templates};
use thidua::typeset::inspect::{compact, placed};
use thidua::typeset::{self, Base};

struct Fixture {
    workspace: Workspace,
    templates: Templates,
    base: Base,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let checked = pipeline::check(&common::reference_root(), &BuildOptions::default()).unwrap();
    assert!(!checked.has_errors());
    let templates = Templates::builtin();
    let base = Base::new(templates.library().map(|(n, f)| (n, f.text.as_str())));
    Fixture {
        workspace: checked.workspace,
        templates,
        base,
    }
});

/// The four places a value is planted, each between its own pair of markers
/// (characters the embedded font has and `compact` keeps), so that each place
/// is checked on its own and for exactly the value, not for a match anywhere.
const PLACES: [(&str, &str, &str); 4] = [
    ("title", "«1«", "»1»"),
    ("paragraph", "«2«", "»2»"),
    ("recipient", "«3«", "»3»"),
    ("signer's name", "«4«", "»4»"),
];

/// `value` between the markers of a place, on a line of its own: the value
/// still starts a line (a line break, `\` in markup, keeps Typst's
/// line-start syntax: `- `, `+ `, `= `, `1. `, `/ `), so the markers do not
/// shield it from what a leading marker would mean.
fn marked(open: &str, value: &str, close: &str) -> String {
    format!("{open}\n{value}\n{close}")
}

/// Puts `value` in the plan's title, a paragraph, a recipient and the signer's
/// name, each between the markers of its place, typesets the plan and returns
/// its text in drawing order and in reading order.
fn typeset_with(value: &str) -> Result<[String; 2], String> {
    let fixture = &*FIXTURE;
    let mut workspace = fixture.workspace.clone();
    let campaign = &mut workspace.campaign.as_mut().unwrap().value;
    let [title, paragraph, recipient, signer] = PLACES.map(|(_, o, c)| marked(o, value, c));
    campaign.plan.title = title;
    campaign.plan.body.push(Block::Paragraph(paragraph));
    campaign.plan.recipients[0].value = recipient;
    campaign.plan.signer.name = signer;
    let Job::Document(job) = jobs::for_workspace(&workspace, 1).remove(0) else {
        return Err("the plan is the first job".to_string());
    };
    let env = render::environment(&fixture.templates).map_err(|e| e.message)?;
    let source = render::render(&env, job.template, job.context).map_err(|e| e.message)?;
    let pages =
        typeset::layout(&fixture.base, source.text, job.date).map_err(|e| format!("{e:?}"))?;
    // Drawing order, then reading order: a run split by a glyph the font lacks
    // may be drawn out of order, while reading order interleaves the footer's columns.
    let placed = placed(&pages);
    Ok([placed.compact_text(), compact(&placed.lines().concat())])
}

/// What `text` holds between the first `open` and the next `close`, for messages.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let rest = &text[start..];
    let end = rest.find(close).unwrap_or(rest.len());
    Some(
        rest[..end]
            .char_indices()
            .nth(200)
            .map_or(&rest[..end], |(i, _)| &rest[..i]),
    )
}

/// Each place prints its markers once, with exactly `compact(value)` between
/// them, in drawing or in reading order.
fn assert_literal(value: &str) {
    let texts = typeset_with(value).unwrap_or_else(|e| panic!("{value:?} broke the document: {e}"));
    let wanted = compact(value);
    for (place, open, close) in PLACES {
        let exact = format!("{open}{wanted}{close}");
        let printed = texts
            .iter()
            .any(|text| text.matches(open).count() == 1 && text.contains(&exact));
        assert!(
            printed,
            "{value:?} does not print literally in the {place}: wanted {wanted:?} between \
             {open} and {close} once; drawing order has {:?} ({} times), reading order {:?}",
            between(&texts[0], open, close),
            texts[0].matches(open).count(),
            between(&texts[1], open, close),
        );
    }
}

#[test]
fn the_hostile_name_of_the_brief_prints_literally() {
    assert_literal("Nguyễn #Văn $A_1 <b> @c");
}

#[test]
fn typst_syntax_at_the_start_of_a_value_prints_literally() {
    for value in [
        "- Ban TĐKT TW;",
        "+ một",
        "= Tiêu đề",
        "1. Mục",
        "// chú thích",
        "/* khối */",
        "/ thuật ngữ: định nghĩa",
        "#panic(\"x\")",
        "#read(\"/etc/passwd\")",
        "]#set page(width: 1cm)[",
        "\"quoted\" 'single'",
        "\\u{41} \\ backslash",
        "`raw` ```typ #x```",
        "https://example.org/a_b",
        "a -- b --- c ... ~ -?",
        "$x^2$ *đậm* _nghiêng_",
        "<label> @ref",
        "Lưu: VT, NC_(PVD).",
        "e\u{301} combining; Nguyê\u{303}n",
        "{{ not jinja }} {% raw %}",
    ] {
        assert_literal(value);
    }
}

/// Printable characters outside the right-to-left scripts: no control or
/// format characters, no default-ignorable ones (variation selectors), which
/// shaping drops, and no combining marks, which the embedded font mostly lacks:
/// shaping splits them into fallback runs drawn apart from their base letter.
/// Vietnamese combining marks are in `typst_heavy` and the literal cases.
const RTL_FREE_TEXT: &str = "[\\PC&&[^\\p{M}\\p{Default_Ignorable_Code_Point}\\p{Arabic}\\p{Hebrew}\\p{Syriac}\\p{Thaana}\\p{Nko}\\p{Samaritan}\\p{Mandaic}\\p{Adlam}\\p{Hanifi_Rohingya}\\p{Yezidi}\\p{Mende_Kikakui}\\p{Old_South_Arabian}\\p{Old_North_Arabian}\\p{Avestan}\\p{Imperial_Aramaic}\\p{Inscriptional_Pahlavi}\\p{Inscriptional_Parthian}\\p{Kharoshthi}\\p{Lydian}\\p{Manichaean}\\p{Nabataean}\\p{Old_Hungarian}\\p{Old_Turkic}\\p{Palmyrene}\\p{Phoenician}\\p{Psalter_Pahlavi}\\p{Sogdian}\\p{Old_Sogdian}\\p{Elymaic}\\p{Chorasmian}\\p{Cypriot}\\p{Hatran}\\p{Meroitic_Cursive}\\p{Meroitic_Hieroglyphs}\\p{Old_Uyghur}\\p{Garay}]]{0,40}";

fn typst_heavy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#", "$", "*", "_", "@", "<", ">", "[", "]", "\\", "/", "//", "/*", "*/", "`", "~", "\"",
        "'", "=", "+", "-", "- ", "+ ", "= ", "1. ", ".", ":", ";", "{", "}", "(", ")", "\n", "  ",
        " ", "Nguyễn", "Văn", "đ", "\u{301}", "\u{323}", "a", "Z", "0", "9", "https://", "-?",
        "...",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

/// 48 cases from a fixed seed, so CI is repeatable; `THIDUA_PROPTEST_CASES=N`
/// runs N cases from a random seed, for a long search. Either way the seeds of
/// past failures in `escape.proptest-regressions` (next to this file) run first
/// and a new failure's seed is added there; shrinking stops after 64 steps or
/// a minute, so a failure is reported rather than timing out.
fn config() -> ProptestConfig {
    use proptest::test_runner::{FileFailurePersistence, RngSeed};
    let bounded = ProptestConfig {
        max_shrink_iters: 64,
        max_shrink_time: 60_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    };
    match std::env::var("THIDUA_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        Some(cases) => ProptestConfig {
            cases,
            rng_seed: RngSeed::Random,
            ..bounded
        },
        None => ProptestConfig {
            cases: 48,
            rng_seed: RngSeed::Fixed(0x7468_6964_7561),
            ..bounded
        },
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn typst_special_text_prints_literally(value in typst_heavy()) {
        assert_literal(&value);
    }

    // Any printable text, in left-to-right scripts (right-to-left runs are
    // reordered on the line, so their reading order is not comparable).
    #[test]
    fn arbitrary_text_prints_literally(value in RTL_FREE_TEXT) {
        assert_literal(&value);
    }
}
