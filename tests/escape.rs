//! Values never become Typst syntax: whatever a field holds prints literally.
//! A security property (a name must not run code), tested over arbitrary text.

mod common;

use std::sync::LazyLock;

use proptest::prelude::*;
use thidua::build::{self, BuildOptions};
use thidua::documents;
use thidua::model::Workspace;
use thidua::model::campaign::Block;
use thidua::render::{self, Templates};
use thidua::typeset::inspect::{compact, placed};
use thidua::typeset::{self, Base};

struct Fixture {
    workspace: Workspace,
    templates: Templates,
    base: Base,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let checked = build::check(&common::reference_root(), &BuildOptions::default()).unwrap();
    assert!(!checked.has_errors());
    let templates = Templates::builtin();
    let base = Base::new(templates.library().map(|(n, f)| (n, f.text.as_str())));
    Fixture {
        workspace: checked.workspace,
        templates,
        base,
    }
});

/// Puts `value` in the plan's title, a paragraph, a recipient and the signer's
/// name, typesets the plan and returns its text in drawing order and in
/// reading order, separated by a NUL.
fn typeset_with(value: &str) -> Result<String, String> {
    let fixture = &*FIXTURE;
    let mut workspace = fixture.workspace.clone();
    let campaign = &mut workspace.campaign.as_mut().unwrap().value;
    campaign.plan.title = value.to_string();
    campaign.plan.body.push(Block::Paragraph(value.to_string()));
    campaign.plan.recipients[0].value = value.to_string();
    campaign.plan.signer.name = value.to_string();
    let job = documents::plan_jobs(&workspace).remove(0);
    let env = render::environment(&fixture.templates).map_err(|e| e.message)?;
    let source = render::render(&env, job.template, job.context).map_err(|e| e.message)?;
    let pages =
        typeset::layout(&fixture.base, source.text, job.date).map_err(|e| format!("{e:?}"))?;
    // Drawing order, then reading order: a run split by a glyph the font lacks
    // may be drawn out of order, while reading order interleaves the footer's columns.
    let placed = placed(&pages);
    Ok(format!(
        "{}\u{0}{}",
        placed.compact_text(),
        compact(&placed.lines().concat())
    ))
}

fn assert_literal(value: &str) {
    let text = typeset_with(value).unwrap_or_else(|e| panic!("{value:?} broke the document: {e}"));
    let wanted = compact(value);
    if !wanted.is_empty() {
        let count = text
            .split('\u{0}')
            .map(|t| t.matches(&wanted).count())
            .max()
            .unwrap_or(0);
        assert!(
            count >= 4,
            "{value:?} printed {count} times, not 4 (title, paragraph, recipient, signer)"
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
/// runs N cases from a random seed, for a long search.
fn config() -> ProptestConfig {
    match std::env::var("THIDUA_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        Some(cases) => ProptestConfig {
            cases,
            ..ProptestConfig::default()
        },
        None => ProptestConfig {
            cases: 48,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x7468_6964_7561),
            failure_persistence: None,
            ..ProptestConfig::default()
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
