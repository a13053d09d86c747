//! Dispatching a file on its `kind:` and parsing it into the model: one
//! campaign, units, one appraisal, one ranking report.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::limits::text_problems;
use super::{KINDS, Loaded, yaml};
use crate::diag::{Diagnostic, Text, closest};
use crate::model::scoring::RankingReport;
use crate::model::{Appraisal, Campaign, Sourced, Unit};
use crate::source::{FileId, span};

/// Parses the file as the kind it names.
pub(super) fn parse(loaded: &mut Loaded, file: FileId) {
    let text = loaded.sources.text(file).to_string();
    let Some(kind) = kind_of(loaded, &text, file) else {
        return;
    };
    match kind.value.as_str() {
        "campaign" => match yaml::parse::<Campaign>(&text, file) {
            Ok(campaign) => {
                loaded
                    .diagnostics
                    .extend(text_problems(&campaign, &text, file));
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
                        .at(file, span(&text, &kind)),
                    );
                } else {
                    loaded.workspace.campaign = Some(Sourced {
                        file,
                        value: campaign,
                    });
                }
            }
            Err(d) => loaded.diagnostics.push(*d),
        },
        "unit" => match yaml::parse::<Unit>(&text, file) {
            Ok(unit) => {
                loaded.diagnostics.extend(text_problems(&unit, &text, file));
                loaded.workspace.units.push(Sourced { file, value: unit })
            }
            Err(d) => loaded.diagnostics.push(*d),
        },
        "appraisal" => match yaml::parse::<Appraisal>(&text, file) {
            Ok(appraisal) => once(
                loaded,
                (&text, file, &kind),
                appraisal,
                |w| &mut w.appraisal,
                &APPRAISAL,
            ),
            Err(d) => loaded.diagnostics.push(*d),
        },
        "ranking" => match yaml::parse::<RankingReport>(&text, file) {
            Ok(ranking) => once(
                loaded,
                (&text, file, &kind),
                ranking,
                |w| &mut w.ranking,
                &RANKING,
            ),
            Err(d) => loaded.diagnostics.push(*d),
        },
        other => unknown_kind(loaded, &text, file, &kind, other),
    }
}

/// The `kind:` of the file, or a diagnostic.
fn kind_of(loaded: &mut Loaded, text: &str, file: FileId) -> Option<Spanned<String>> {
    #[derive(Deserialize)]
    struct KindOnly {
        kind: Option<Spanned<String>>,
    }
    let kind = match yaml::parse::<KindOnly>(text, file) {
        Ok(k) => k.kind,
        Err(d) => {
            loaded.diagnostics.push(*d);
            return None;
        }
    };
    if kind.is_none() {
        let others = KINDS[1..].join(", ");
        loaded.diagnostics.push(
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
fn once<T: serde::Serialize>(
    loaded: &mut Loaded,
    (text, file, kind): (&str, FileId, &Spanned<String>),
    value: T,
    slot: fn(&mut crate::model::Workspace) -> &mut Option<Sourced<T>>,
    what: &OneOf,
) {
    loaded.diagnostics.extend(text_problems(&value, text, file));
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
        .at(file, span(text, kind))
        .help(Text::new(what.help.0, what.help.1)),
    );
}

/// TD0006: a `kind:` that is none of the kinds, with a "did you mean".
fn unknown_kind(
    loaded: &mut Loaded,
    text: &str,
    file: FileId,
    kind: &Spanned<String>,
    other: &str,
) {
    let mut diag = Diagnostic::error(
        "TD0006",
        Text::new(
            format!("loại tệp `{other}` không hợp lệ"),
            format!("unknown input kind `{other}`"),
        ),
    )
    .at(file, span(text, kind));
    if let Some(guess) = closest(other, KINDS).filter(|g| *g != other) {
        diag = diag.help(Text::new(
            format!("có phải ý bạn là `{guess}`?"),
            format!("did you mean `{guess}`?"),
        ));
    }
    loaded.diagnostics.push(diag);
}
