//! Stage 4: templates → Typst sources. A minijinja environment whose `.typ`
//! templates escape every interpolated value for Typst markup, with filters
//! for the decree's numbers and dates. Templates are the built-in ones,
//! overlaid by files of the same name in the workspace's `templates/`.

pub mod escape;
mod origin;
mod templates;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use std::ops::Range;

pub use origin::Origins;
pub use templates::{LIBRARY_DIR, Origin, TemplateError, TemplateFile, Templates};

use crate::model::date::PartialDate;
use crate::notation;

/// The auto-escape mode of `.typ` templates.
const TYPST_ESCAPE: &str = "typst";

/// A template that failed to render, located in the template file.
#[derive(Debug, Clone)]
pub struct RenderError {
    pub template: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Builds the environment over a set of templates.
pub fn environment(templates: &Templates) -> Result<Environment<'static>, RenderError> {
    let mut env = Environment::new();
    // Typst's `{#…}`-free syntax clashes with Jinja's `{# #}` comments (e.g. `{#let x}`);
    // Jinja comments are written `{##  ##}` instead.
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .comment_delimiters("{##", "##}")
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| render_error("", &e))?;
    env.set_syntax(syntax);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // Bounds a runaway template (a loop over a huge range) instead of hanging.
    env.set_fuel(Some(50_000_000));
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ") {
            AutoEscape::Custom(TYPST_ESCAPE.into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env.add_filter("typst_str", typst_str);
    env.add_filter("typst_date", typst_date);
    env.add_function("number_line", number_line);
    env.add_function("doc_number", doc_number);
    env.add_function("place_date", place_date);
    env.add_function("reference", reference);
    env.add_filter("long_date", long_date);
    env.add_filter("clock", clock);
    env.add_filter("short_date", short_date);
    env.add_function("span_text", span_text);
    env.add_function("window_text", window_text);
    env.add_function("marker", marker);
    env.add_filter("month_text", month_text);
    env.add_filter("fill", fill);
    env.add_filter("two_digits", |n: u64| notation::two_digits(n));
    env.add_filter("roman", |n: u32| notation::roman(n));
    env.add_filter("letter", letter);
    env.add_filter("lower_first", |s: String| notation::lowercase_first(&s));
    env.add_filter("position_in", |position: String, unit: String| {
        crate::names::position_in(&position, &unit)
    });
    env.add_filter("head_of", |title: String, name: String| {
        crate::names::head_of(&title, &name)
    });
    for (name, file) in templates.jinja() {
        env.add_template_owned(name.to_string(), file.text.clone())
            .map_err(|e| render_error(name, &e))?;
    }
    Ok(env)
}

/// A rendered Typst source and, for each piece of it, the template text that wrote it.
#[derive(Debug)]
pub struct Output {
    pub text: String,
    pub origins: Origins,
}

impl Output {
    /// The template and byte range in it that produced output byte `at`: the
    /// very byte for verbatim template text, the whole `{{ … }}` for a value.
    pub fn origin(&self, at: usize) -> Option<(&str, Range<usize>)> {
        self.origins.at(at)
    }
}

/// Renders template `name` with `context`.
pub fn render(env: &Environment, name: &str, context: Value) -> Result<Output, RenderError> {
    let template = env.get_template(name).map_err(|e| render_error(name, &e))?;
    let (mut text, spans) = template
        .render_with_spans(context)
        .map_err(|e| render_error(name, &e))?;
    // minijinja reserves ahead; a long-lived process keeps every source.
    // Measured (BENCHMARKS.md): 26 MB held for 16 MB of text.
    text.shrink_to_fit();
    Ok(Output {
        text,
        origins: Origins::new(&spans),
    })
}

fn render_error(name: &str, e: &Error) -> RenderError {
    let mut message = e.kind().to_string();
    if let Some(detail) = e.detail() {
        message.push_str(": ");
        message.push_str(detail);
    }
    RenderError {
        template: e.name().unwrap_or(name).to_string(),
        line: e.line(),
        message,
    }
}

fn format_value(
    out: &mut minijinja::Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Custom(name) if name == TYPST_ESCAPE) {
        if value.is_safe() {
            return write!(out, "{value}").map_err(Error::from);
        }
        if value.is_none() || value.is_undefined() {
            return Ok(());
        }
        return write!(out, "{}", escape::markup(&value.to_string())).map_err(Error::from);
    }
    minijinja::escape_formatter(out, state, value)
}

fn invalid(message: String) -> Error {
    Error::new(ErrorKind::InvalidOperation, message)
}

fn parse_date(value: &Value) -> Result<PartialDate, Error> {
    let text = value
        .as_str()
        .ok_or_else(|| invalid(format!("cần một ngày dạng chuỗi, có {value}")))?;
    PartialDate::parse(text).map_err(|e| invalid(e.to_string()))
}

/// A value as a Typst string literal, for code context: `title: {{ x|typst_str }}`.
fn typst_str(value: &Value) -> Value {
    let text = if value.is_none() || value.is_undefined() {
        String::new()
    } else {
        value.to_string()
    };
    Value::from_safe_string(escape::string(&text))
}

/// A date as Typst code, for `set document(date: …)`; a draft's blanks count as the 1st.
fn typst_date(value: &Value) -> Result<Value, Error> {
    let d = parse_date(value)?.earliest();
    use chrono::Datelike;
    Ok(Value::from_safe_string(format!(
        "datetime(year: {}, month: {}, day: {})",
        d.year(),
        d.month(),
        d.day()
    )))
}

fn number_line(number: Option<String>, type_code: Option<String>, symbol: String) -> String {
    notation::number_line(number.as_deref(), type_code.as_deref(), &symbol)
}

/// `157/KH-UBND`, or the blank of a draft.
fn doc_number(number: Option<String>, type_code: Option<String>, symbol: String) -> String {
    notation::number(number.as_deref(), type_code.as_deref(), &symbol)
}

fn reference(
    number: Option<String>,
    type_code: Option<String>,
    symbol: String,
    date: Value,
) -> Result<String, Error> {
    Ok(notation::reference(
        number.as_deref(),
        type_code.as_deref(),
        &symbol,
        &parse_date(&date)?,
    ))
}

fn place_date(place: String, date: Value) -> Result<String, Error> {
    Ok(notation::place_date(&place, &parse_date(&date)?))
}

/// `08:30` (as a time serialises, `08:30:00`) → `08 giờ 30 phút`.
fn clock(time: String) -> Result<String, Error> {
    chrono::NaiveTime::parse_from_str(&time, "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(&time, "%H:%M"))
        .map(|t| crate::model::common::ClockTime(t).words())
        .map_err(|_| invalid(format!("giờ `{time}` không hợp lệ")))
}

fn long_date(date: Value) -> Result<String, Error> {
    Ok(notation::long_date(&parse_date(&date)?))
}

fn short_date(date: Value) -> Result<String, Error> {
    let d = parse_date(&date)?;
    let full = d
        .complete()
        .ok_or_else(|| invalid(format!("ngày {d} chưa đủ ngày, tháng")))?;
    Ok(notation::short_date(full))
}

fn span_text(start: Value, end: Value) -> Result<String, Error> {
    let start = parse_date(&start)?.earliest();
    let end = parse_date(&end)?.earliest();
    Ok(notation::span_text(start, end))
}

/// 0 → `a`, 1 → `b` …, 4 → `đ`: the letters of `a)`, `b)` items, in
/// Vietnamese order.
fn letter(index: u32) -> String {
    notation::letter(index as usize)
}

/// A nomination window as the object of `thực hiện`: `vào Quý IV năm 2025`.
fn window_text(start: Value, end: Value) -> Result<String, Error> {
    let start = parse_date(&start)?.earliest();
    let end = parse_date(&end)?.earliest();
    Ok(notation::span_after_verb(start, end))
}

/// The marker of item `index` (from 0) of a list in `style` (`dash`,
/// `letter` …): `-`, `a)`, `1.`.
fn marker(style: String, index: u32) -> Result<String, Error> {
    let style: crate::model::outline::ListStyle =
        serde_json::from_value(serde_json::Value::String(style.clone()))
            .map_err(|_| invalid(format!("kiểu danh sách `{style}` không có")))?;
    Ok(style.marker(index as usize))
}

/// `2026-03` → `tháng 3 năm 2026`.
fn month_text(date: Value) -> Result<String, Error> {
    Ok(notation::month_year(&parse_date(&date)?))
}

/// A campaign's own wording with its placeholders filled: `{start}` …
/// A placeholder no value is given for is an error naming it.
fn fill(text: String, kwargs: minijinja::value::Kwargs) -> Result<String, Error> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        let value: Option<Value> = kwargs.get(name).ok();
        match value {
            Some(v) => out.push_str(&v.to_string()),
            None => {
                return Err(invalid(format!(
                    "chỗ trống `{{{name}}}` không có trong câu này (dùng được: {})",
                    kwargs
                        .args()
                        .map(|a| format!("{{{a}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    kwargs.assert_all_used().ok();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with(name: &str, text: &str) -> Environment<'static> {
        let mut templates = Templates::builtin();
        templates.insert(name, text.to_string(), Origin::Builtin);
        environment(&templates).unwrap()
    }

    #[test]
    fn typ_templates_escape_values_and_keep_safe_code() {
        let env = env_with(
            "t.typ",
            "[{{ name }}] #set document(title: {{ name|typst_str }})",
        );
        let out = render(&env, "t.typ", minijinja::context! { name => "A_1 \"q\"" })
            .unwrap()
            .text;
        assert_eq!(
            out,
            "[A\\_1 \\\"q\\\"] #set document(title: \"A_1 \\\"q\\\"\")"
        );
    }

    #[test]
    fn jinja_comments_use_double_hash_so_typst_braces_pass_through() {
        let env = env_with("t.typ", "{## note ##}#{let x = 1}{#x}");
        assert_eq!(
            render(&env, "t.typ", minijinja::context! {}).unwrap().text,
            "#{let x = 1}{#x}"
        );
    }

    #[test]
    fn decree_functions_are_available_to_templates() {
        let env = env_with(
            "t.typ",
            "{{ number_line(none, 'KH', 'UBND') }}|{{ place_date('Lạng Sơn', '2024-05') }}|{{ '2025-12-31'|short_date }}|{{ span_text('2025-10-01', '2025-12-31') }}|{{ 2|letter }}",
        );
        let out = render(&env, "t.typ", minijinja::context! {}).unwrap().text;
        assert_eq!(
            out,
            "Số\\: \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\\/KH\\-UBND|Lạng Sơn\\, ngày \u{a0}\u{a0}\u{a0}tháng 5 năm 2024|31\\/12\\/2025|Quý IV năm 2025|c"
        );
    }

    #[test]
    fn undefined_values_are_errors_with_the_template_line() {
        let env = env_with("t.typ", "a\n{{ missing.field }}");
        let err = render(&env, "t.typ", minijinja::context! {}).unwrap_err();
        assert_eq!(err.template, "t.typ");
        assert_eq!(err.line, Some(2));
    }
}
