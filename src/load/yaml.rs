//! YAML through serde-saphyr, its errors turned into located Vietnamese diagnostics.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_saphyr::Error;

use crate::diag::{Diagnostic, Text, closest};
use crate::source::{FileId, location_range};

/// Parses `text` as one YAML document of type `T`.
pub fn parse<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Box<Diagnostic>> {
    serde_saphyr::from_str::<T>(text).map_err(|e| Box::new(diagnostic(&e, text, file)))
}

/// Peels the wrappers saphyr adds (source snippet, alias) off the error that happened.
fn original(mut err: &Error) -> &Error {
    loop {
        match err {
            Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => err = error,
            other => return other,
        }
    }
}

fn diagnostic(err: &Error, text: &str, file: FileId) -> Diagnostic {
    let at = err
        .location()
        .map(|l| location_range(text, &l))
        .unwrap_or(0..0);
    let detail = {
        use serde_saphyr::MessageFormatter;
        serde_saphyr::DefaultMessageFormatter
            .format_message(err)
            .into_owned()
    };
    let diag = match original(err) {
        Error::SerdeUnknownField { field, expected, .. } => unknown_key(field, expected),
        Error::SerdeUnknownVariant { variant, expected, .. } => unknown_value(variant, expected),
        Error::SerdeMissingField { field, .. } => return missing_key(field, text, file, at),
        Error::SerdeInvalidType { unexpected, expected, .. }
        | Error::SerdeInvalidValue { unexpected, expected, .. } => colon_in_text(expected, unexpected.starts_with("map"), text, &at)
            .unwrap_or_else(|| wrong_type(&describe_type(expected), &found_value(unexpected, text, &at))),
        Error::InvalidScalar { ty, .. } => wrong_type(&describe_type(ty), &found_at(text, &at)),
        Error::Unexpected { expected, .. } => colon_in_text(expected, true, text, &at)
            .unwrap_or_else(|| wrong_type(&describe_type(expected), &found_at(text, &at))),
        Error::NonFiniteFloat { value, .. } => wrong_type(&describe_type("f64"), value),
        Error::NullIntoString { .. } => empty_text(text, &at),
        Error::Message { msg, .. } => Diagnostic::error("TD0003", Text::unpacked(msg)),
        Error::Budget { breach, .. } => budget_exceeded(breach),
        // The parser's own cap on nested flow collections (`[[[…]]]`).
        _ if detail.contains("recursion limit") => {
            budget_exceeded(&serde_saphyr::budget::BudgetBreach::Depth { depth: 0 })
        }
        other if let Some((message, help, opened)) = super::syntax::located(other, text, &at) => {
            return Diagnostic::error("TD0001", message).help(help).at(file, opened);
        }
        other if let Some((message, help)) = super::syntax::explained(other) => {
            Diagnostic::error("TD0001", message).help(help)
        }
        _ => Diagnostic::error(
            "TD0001",
            Text::new(format!("lỗi cú pháp YAML: {detail}"), format!("YAML syntax error: {detail}")),
        )
        .help(Text::new(
            "kiểm tra thụt lề (dùng dấu cách, không dùng tab), dấu `:` sau mỗi khóa và dấu ngoặc kép cặp đôi",
            "check indentation (spaces, not tabs), the `:` after each key and paired quotes",
        )),
    };
    diag.at(file, at)
}

/// TD0002: a key the file's kind does not have, with the nearest one.
fn unknown_key(field: &str, expected: &[&str]) -> Diagnostic {
    let d = Diagnostic::error(
        "TD0002",
        Text::new(
            format!("khóa `{field}` không hợp lệ ở đây"),
            format!("unknown key `{field}`"),
        ),
    );
    let listed = listed(expected);
    let key_shaped = field
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    d.help(match closest(field, expected.iter().copied()) {
        Some(guess) => Text::new(
            format!("có phải ý bạn là `{guess}`? Các khóa dùng được: {listed}"),
            format!("did you mean `{guess}`? Allowed keys: {listed}"),
        ),
        // Not a key's shape (`Giáo viên`): a value split by a `,` inside `{…}`.
        None if !key_shaped => Text::new(
            format!("`{field}` không phải tên khóa: có thể dấu `,` trong một giá trị ở trong ngoặc `{{…}}` đã tách nó ra; đặt giá trị đó trong dấu nháy (`position: \"Tổ trưởng, giáo viên\"`). Các khóa dùng được: {listed}"),
            format!("`{field}` is not a key's name: a `,` inside a value within `{{…}}` may have split it off; quote that value (`position: \"Head, teacher\"`). Allowed keys: {listed}"),
        ),
        None => Text::new(
            format!("xóa khóa này hoặc dùng một trong: {listed}"),
            format!("remove it or use one of: {listed}"),
        ),
    })
}

/// The allowed keys or values, as the help lists them: `a`, `b`.
fn listed(expected: &[&str]) -> String {
    let quoted: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
    quoted.join(", ")
}

/// TD0005: a value outside the allowed ones, with the nearest one.
fn unknown_value(variant: &str, expected: &[&str]) -> Diagnostic {
    let listed = listed(expected);
    let d = Diagnostic::error(
        "TD0005",
        Text::new(
            format!("giá trị `{variant}` không thuộc các lựa chọn cho phép"),
            format!("`{variant}` is not one of the allowed values"),
        ),
    );
    d.help(match closest(variant, expected.iter().copied()) {
        Some(guess) => Text::new(
            format!("có phải ý bạn là `{guess}`? Các giá trị: {listed}"),
            format!("did you mean `{guess}`? Allowed: {listed}"),
        ),
        None => Text::new(
            format!("dùng một trong: {listed}"),
            format!("use one of: {listed}"),
        ),
    })
}

/// TD0004: a required key is missing; for a key earlier schemas lacked, the
/// help says exactly what to write and the error points where it goes.
fn missing_key(field: &str, text: &str, file: FileId, at: Range<usize>) -> Diagnostic {
    let missing = Diagnostic::error(
        "TD0004",
        Text::new(
            format!("thiếu khóa bắt buộc `{field}`"),
            format!("missing required key `{field}`"),
        ),
    );
    if let Some((help, anchor)) = migration(field, text) {
        return missing.help(help).at(file, anchor.unwrap_or(at));
    }
    missing
        .help(Text::new(
            format!("thêm `{field}: …` vào khối này"),
            format!("add `{field}: …` to this mapping"),
        ))
        .at(file, at)
}

/// What to write for a key that files of an earlier schema lack, and where:
/// the help, and the top-level key it goes after when the file has it.
fn migration(field: &str, text: &str) -> Option<(Text, Option<Range<usize>>)> {
    match field {
        "roles" => Some((roles_help(text), top_level_key(text, "issuer"))),
        _ => None,
    }
}

/// The `roles` block that keeps a campaign of the earlier schema printing what
/// it printed: the names that version derived from the issuer and wrote itself.
fn roles_help(text: &str) -> Text {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Probe {
        issuer: ProbeIssuer,
    }
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct ProbeIssuer {
        name: String,
        place: String,
        issuing_body: Vec<String>,
    }
    let issuer = serde_saphyr::from_str::<Probe>(text)
        .map(|p| p.issuer)
        .unwrap_or_default();
    let name = Some(issuer.name.trim()).filter(|n| !n.is_empty());
    let authority = name.map_or("Chủ tịch UBND tỉnh …".to_string(), |n| {
        format!("Chủ tịch {n}")
    });
    // The earlier templates wrote the running-text name without the place.
    let place = issuer.place.trim();
    let short = name.map_or("Chủ tịch UBND tỉnh".to_string(), |n| match place {
        "" => format!("Chủ tịch {n}"),
        place => format!("Chủ tịch {}", n.replace(&format!(" {place}"), "")),
    });
    let heading = match issuer.issuing_body.join(" ") {
        body if body.trim().is_empty() => "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …".to_string(),
        body => format!("CHỦ TỊCH {}", body.to_uppercase()),
    };
    let example = format!(
        "roles:\n  authority: {authority}\n  authority_short: {short}\n  authority_heading: {heading}\n  appraiser: Sở Nội vụ\n  appraiser_unit: so-noi-vu\n  council: Hội đồng Thi đua - Khen thưởng tỉnh\n  council_header: [HỘI ĐỒNG THI ĐUA -, KHEN THƯỞNG]\n  council_symbol: HĐTĐKT"
    );
    Text::new(
        format!(
            "từ phiên bản này, phong trào ghi rõ ai quyết định, ai thẩm định và Hội đồng nào bỏ phiếu (các văn bản không tự viết tên cơ quan). Thêm khối sau ở cấp ngoài cùng, ngay sau khối `issuer:` (các giá trị giữ nguyên văn bản như phiên bản trước; sửa theo Kế hoạch nếu khác; `appraiser_unit` là mã tệp đơn vị của Sở Nội vụ, bỏ dòng này nếu Sở không tham gia):\n{example}"
        ),
        format!(
            "campaigns now say who decides, who appraises and whose council votes (documents write no body's name of their own). Add this block at the top level, right after `issuer:` (these values print what the previous version printed; change them where the plan says otherwise; `appraiser_unit` is the Sở Nội vụ's unit file id, drop the line if it does not take part):\n{example}"
        ),
    )
}

/// The span of a top-level `key:` in `text`, to point at where a block goes.
fn top_level_key(text: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return Some(offset..offset + key.len());
        }
        offset += line.len();
    }
    None
}

/// TD0008: a YAML resource limit (nesting, aliases, size) was exceeded: the
/// parser stopped here instead of hanging or exhausting memory.
fn budget_exceeded(breach: &serde_saphyr::budget::BudgetBreach) -> Diagnostic {
    use serde_saphyr::budget::BudgetBreach as B;
    let (vi, en) = match breach {
        B::Depth { depth: 0 } => (
            "dữ liệu lồng nhau quá sâu".to_string(),
            "data nested too deeply".to_string(),
        ),
        B::Depth { depth } => (
            format!("dữ liệu lồng nhau quá sâu ({depth} cấp)"),
            format!("data nested too deeply ({depth} levels)"),
        ),
        B::Aliases { .. } | B::Anchors { .. } => (
            "quá nhiều neo hoặc tham chiếu (`&`, `*`)".to_string(),
            "too many anchors or aliases (`&`, `*`)".to_string(),
        ),
        // An alias bomb expands to more nodes than any campaign holds.
        B::Nodes { .. } | B::Events { .. } => (
            "dữ liệu có quá nhiều phần tử (thường do tham chiếu `*` lồng nhau)".to_string(),
            "too many values (usually nested `*` aliases)".to_string(),
        ),
        _ => (
            "tệp vượt giới hạn an toàn khi đọc".to_string(),
            "the file exceeds a safety limit of the reader".to_string(),
        ),
    };
    Diagnostic::error(
        "TD0008",
        Text::new(
            format!("{vi}; thidua dừng đọc tệp ở đây"),
            format!("{en}; thidua stopped reading here"),
        ),
    )
    .help(Text::new(
        "dữ liệu thi đua không cần lồng quá vài cấp hay tham chiếu lặp lại: viết trực tiếp giá trị",
        "campaign data needs only a few levels and no repeated references: write the values out",
    ))
}

/// The value written at `at`: the rest of its line, without a trailing
/// comment (nothing after a key's `:` reads as empty, for `wrong_type`).
fn found_at(text: &str, at: &Range<usize>) -> String {
    let rest = &text[at.start.min(text.len())..];
    let line = rest.split('\n').next().unwrap_or("");
    let value = line.split(" #").next().unwrap_or("").trim();
    let value = value.strip_prefix(':').unwrap_or(value).trim();
    let value: String = value.chars().take(60).collect();
    format!("`{value}`")
}

/// TD0003: a key that needs text has none (`name:`, or `name: #…`, whose
/// `#…` YAML reads as a comment), named from its line.
fn empty_text(text: &str, at: &Range<usize>) -> Diagnostic {
    let start = text[..at.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].split('\n').next().unwrap_or("");
    let key = line
        .split(':')
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches("- ")
        .trim();
    let (vi, en) = match key {
        "" => (
            "giá trị trống, nhưng ở đây cần một đoạn văn bản".to_string(),
            "empty value where text is needed".to_string(),
        ),
        key => (
            format!("khóa `{key}` chưa có giá trị"),
            format!("`{key}` has no value"),
        ),
    };
    Diagnostic::error("TD0003", Text::new(vi, en)).help(Text::new(
        "ghi giá trị sau dấu `:`; giá trị có dấu `#` đặt trong dấu nháy (`\"Tổ #1\"`), vì ` #` mở đầu chú thích",
        "write the value after the `:`; quote a value with a `#` (`\"Tổ #1\"`), since ` #` starts a comment",
    ))
}

/// TD0003: a value that is not of the type its key needs.
fn wrong_type((vi, en): &(String, String), found: &str) -> Diagnostic {
    Diagnostic::error(
        "TD0003",
        Text::new(
            format!("giá trị sai kiểu: cần {vi}"),
            format!("wrong type: expected {en}"),
        ),
    )
    .help(match found {
        "``" => Text::new(
            format!("ghi {vi} sau dấu `:` (đang để trống)"),
            format!("give {en} after the `:` (it is empty)"),
        ),
        found => {
            let found = Text::unpacked(found);
            Text::new(
                format!("sửa giá trị thành {vi} (đang có: {})", found.vi),
                format!("give {en} (found: {})", found.en),
            )
        }
    })
}

/// TD0003 for a text written with `: ` in it (`- Tổ trưởng: vận động …`):
/// YAML reads a key and its value where the writer meant one sentence.
/// `mapping`: what YAML read there may be a mapping (the parser's error does
/// not always say what it found).
fn colon_in_text(
    expected: &str,
    mapping: bool,
    text: &str,
    at: &Range<usize>,
) -> Option<Diagnostic> {
    let written = found_at(text, at);
    let wants_text = describe_type(expected).1 == "text";
    if !(wants_text && mapping && written.contains(": ")) {
        return None;
    }
    Some(
        Diagnostic::error(
            "TD0003",
            Text::new(
                format!("giá trị {written} có dấu `:` theo sau là dấu cách: YAML đọc thành một khóa và giá trị, không phải một câu"),
                format!("the value {written} holds a `:` followed by a space: YAML reads a key and a value, not one sentence"),
            ),
        )
        .help(Text::new(
            "đặt cả câu trong dấu nháy: \"Tổ trưởng: vận động …\", hoặc thay `: ` bằng `, `",
            "quote the whole sentence: \"Head: …\", or write `, ` instead of `: `",
        )),
    )
}

/// What was found, in the writer's terms: the value as written in the file
/// (`08`, not serde's `floating point 8.0`), or the shape of a block.
fn found_value(unexpected: &str, text: &str, at: &Range<usize>) -> String {
    let written = found_at(text, at);
    if unexpected.starts_with("map") || unexpected.starts_with("sequence") || written == "``" {
        let (vi, en) = describe_type(unexpected);
        return Text::new(vi, en).packed();
    }
    written
}

/// Words for what serde or saphyr expected (`u32`, `a boolean`, `sequence start` …).
fn describe_type(expected: &str) -> (String, String) {
    // A visitor of ours says what it expects in both languages.
    if let Text { vi, en } = Text::unpacked(expected)
        && vi != en
    {
        return (vi, en);
    }
    let e = expected.to_ascii_lowercase();
    let (vi, en) = if e.contains("bool") {
        ("`true` hoặc `false`", "`true` or `false`")
    } else if e.starts_with('u') && e[1..].chars().all(|c| c.is_ascii_digit())
        || e.contains("unsigned")
    {
        ("một số nguyên không âm", "a whole number ≥ 0")
    } else if e.starts_with('i') && e[1..].chars().all(|c| c.is_ascii_digit())
        || e.contains("integer")
    {
        ("một số nguyên", "a whole number")
    } else if e.starts_with('f') && e[1..].chars().all(|c| c.is_ascii_digit())
        || e.contains("float")
    {
        ("một số", "a number")
    } else if e.contains("seq") || e.contains("list") {
        (
            "một danh sách (`- …` hoặc `[…]`)",
            "a list (`- …` or `[…]`)",
        )
    } else if e.contains("map") || e.contains("struct") {
        ("một khối `khóa: giá trị`", "a `key: value` mapping")
    } else if e.contains("str") {
        ("một chuỗi văn bản", "text")
    } else {
        return (format!("giá trị kiểu {expected}"), expected.to_string());
    };
    (vi.to_string(), en.to_string())
}
