//! Dispatching a file on its `kind:` and parsing it into the model: one
//! campaign, units, one appraisal, one ranking report.

use std::ops::Range;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::limits::text_problems;
use super::{KINDS, Loaded, yaml};
use crate::diag::{Diagnostic, Text, closest};
use crate::model::scoring::RankingReport;
use crate::model::{Appraisal, Campaign, Sourced, Unit};
use crate::source::{FileId, span};

/// One file parsed as the kind it names, before it joins the workspace: what
/// depends on this file alone, so a long-lived process may keep it.
#[derive(Clone)]
pub(super) enum Parsed {
    /// Not parsed: its diagnostics say why.
    Nothing,
    Campaign(Box<Campaign>, Range<usize>),
    Unit(Box<Unit>),
    Appraisal(Box<Appraisal>, Range<usize>),
    Ranking(Box<RankingReport>, Range<usize>),
}

/// Parses the file as the kind it names (the range is its `kind:` value's),
/// with the problems found in it alone.
pub(super) fn parse(text: &str, file: FileId) -> (Parsed, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(kind) = kind_of(&mut diagnostics, text, file) else {
        return (Parsed::Nothing, diagnostics);
    };
    let at = span(text, &kind);
    let mut check = |problems: Vec<Diagnostic>| diagnostics.extend(problems);
    let parsed = match kind.value.as_str() {
        "campaign" => yaml::parse::<Campaign>(text, file).map(|c| {
            check(text_problems(&c, text, file));
            Parsed::Campaign(Box::new(c), at)
        }),
        "unit" => yaml::parse::<Unit>(text, file).map(|u| {
            check(text_problems(&u, text, file));
            Parsed::Unit(Box::new(u))
        }),
        "appraisal" => yaml::parse::<Appraisal>(text, file).map(|a| {
            check(text_problems(&a, text, file));
            Parsed::Appraisal(Box::new(a), at)
        }),
        "ranking" => yaml::parse::<RankingReport>(text, file).map(|r| {
            check(text_problems(&r, text, file));
            Parsed::Ranking(Box::new(r), at)
        }),
        other => {
            diagnostics.push(unknown_kind(file, at, other));
            Ok(Parsed::Nothing)
        }
    };
    match parsed {
        Ok(parsed) => {
            diagnostics.extend(super::comments::cut_values(text, file));
            (parsed, diagnostics)
        }
        Err(d) => {
            diagnostics.push(*d);
            (Parsed::Nothing, diagnostics)
        }
    }
}

/// Adds a parsed file to the workspace; a second campaign, appraisal or
/// ranking report is an error.
pub(super) fn insert(loaded: &mut Loaded, file: FileId, parsed: Parsed) {
    match parsed {
        Parsed::Nothing => {}
        Parsed::Campaign(campaign, at) => {
            if let Some(first) = &loaded.workspace.campaign {
                let first_name = loaded.sources.name(first.file).to_string();
                loaded.diagnostics.push(
                    Diagnostic::error(
                        "TD0009",
                        Text::new(
                            format!("đã có một tệp `kind: campaign` ({first_name}); mỗi không gian làm việc chỉ có một phong trào"),
                            format!("there is already a `kind: campaign` file ({first_name}); a workspace has one campaign"),
                        ),
                    )
                    .at(file, at),
                );
            } else {
                loaded.workspace.campaign = Some(Sourced {
                    file,
                    value: *campaign,
                });
            }
        }
        Parsed::Unit(unit) => loaded.workspace.units.push(Sourced { file, value: *unit }),
        Parsed::Appraisal(appraisal, at) => once(
            loaded,
            (file, at),
            *appraisal,
            |w| &mut w.appraisal,
            &APPRAISAL,
        ),
        Parsed::Ranking(ranking, at) => {
            once(loaded, (file, at), *ranking, |w| &mut w.ranking, &RANKING)
        }
    }
}

/// The `kind:` of the file, or a diagnostic.
fn kind_of(diagnostics: &mut Vec<Diagnostic>, text: &str, file: FileId) -> Option<Spanned<String>> {
    #[derive(Deserialize)]
    struct KindOnly {
        kind: Option<Spanned<String>>,
    }
    let kind = match yaml::parse::<KindOnly>(text, file) {
        Ok(k) => k.kind,
        Err(d) => {
            diagnostics.push(*d);
            return None;
        }
    };
    if kind.is_none() {
        let others = KINDS[1..].join(", ");
        diagnostics.push(
            Diagnostic::error(
                "TD0006",
                Text::new("tệp thiếu khóa `kind:`", "the file has no `kind:` key"),
            )
            .at(file, 0..0)
            .help(Text::new(
                format!("thêm dòng đầu `kind: campaign` (hoặc {others})"),
                format!("add a first line `kind: campaign` (or {others})"),
            )),
        );
    }
    kind
}

/// What a workspace holds one of, and how TD0014 names a second one.
struct OneOf {
    /// `appraisal`: the `kind:` value.
    kind: &'static str,
    /// `một kết quả thẩm định` / `one appraisal`.
    one: (&'static str, &'static str),
    /// How to merge two: `gộp … vào một tệp`.
    help: (&'static str, &'static str),
}

const APPRAISAL: OneOf = OneOf {
    kind: "appraisal",
    one: ("một kết quả thẩm định", "one appraisal"),
    help: (
        "gộp các kết quả thẩm định vào một tệp",
        "merge the appraisals into one file",
    ),
};

const RANKING: OneOf = OneOf {
    kind: "ranking",
    one: ("một báo cáo xếp hạng", "one ranking report"),
    help: (
        "gộp các kết quả bỏ phiếu vào một tệp",
        "merge the votes into one file",
    ),
};

/// `value` into `slot`, unless the workspace has one already (TD0014).
fn once<T>(
    loaded: &mut Loaded,
    (file, at): (FileId, Range<usize>),
    value: T,
    slot: fn(&mut crate::model::Workspace) -> &mut Option<Sourced<T>>,
    what: &OneOf,
) {
    let first = match slot(&mut loaded.workspace) {
        Some(first) => first.file,
        empty => {
            *empty = Some(Sourced { file, value });
            return;
        }
    };
    let first_name = loaded.sources.name(first).to_string();
    let k = what.kind;
    loaded.diagnostics.push(
        Diagnostic::error(
            "TD0014",
            Text::new(
                format!(
                    "đã có một tệp `kind: {k}` ({first_name}); mỗi phong trào chỉ có {}",
                    what.one.0
                ),
                format!(
                    "there is already a `kind: {k}` file ({first_name}); a campaign has {}",
                    what.one.1
                ),
            ),
        )
        .at(file, at)
        .help(Text::new(what.help.0, what.help.1)),
    );
}

/// TD0006: a `kind:` that is none of the kinds, with a "did you mean".
fn unknown_kind(file: FileId, at: Range<usize>, other: &str) -> Diagnostic {
    let diag = Diagnostic::error(
        "TD0006",
        Text::new(
            format!("loại tệp `{other}` không hợp lệ"),
            format!("unknown input kind `{other}`"),
        ),
    )
    .at(file, at);
    match closest(other, KINDS).filter(|g| *g != other) {
        Some(guess) => diag.help(Text::new(
            format!("có phải ý bạn là `{guess}`?"),
            format!("did you mean `{guess}`?"),
        )),
        None => diag,
    }
}
