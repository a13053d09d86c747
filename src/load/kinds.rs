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
            Ok(appraisal) => appraisal_once(loaded, &text, file, &kind, appraisal),
            Err(d) => loaded.diagnostics.push(*d),
        },
        "ranking" => match yaml::parse::<RankingReport>(&text, file) {
            Ok(ranking) => ranking_once(loaded, &text, file, &kind, ranking),
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

/// The appraisal, unless the workspace has one already (TD0014).
fn appraisal_once(
    loaded: &mut Loaded,
    text: &str,
    file: FileId,
    kind: &Spanned<String>,
    appraisal: Appraisal,
) {
    loaded
        .diagnostics
        .extend(text_problems(&appraisal, text, file));
    let Some(first) = &loaded.workspace.appraisal else {
        loaded.workspace.appraisal = Some(Sourced {
            file,
            value: appraisal,
        });
        return;
    };
    let first_name = loaded.sources.name(first.file).to_string();
    loaded.diagnostics.push(
        Diagnostic::error(
            "TD0014",
            Text::new(
                format!("đã có một tệp `kind: appraisal` ({first_name}); mỗi phong trào chỉ có một kết quả thẩm định"),
                format!("there is already a `kind: appraisal` file ({first_name}); a campaign has one appraisal"),
            ),
        )
        .at(file, span(text, kind))
        .help(Text::new(
            "gộp các kết quả thẩm định vào một tệp",
            "merge the appraisals into one file",
        )),
    );
}

/// The ranking report, unless the workspace has one already (TD0014).
fn ranking_once(
    loaded: &mut Loaded,
    text: &str,
    file: FileId,
    kind: &Spanned<String>,
    ranking: RankingReport,
) {
    loaded
        .diagnostics
        .extend(text_problems(&ranking, text, file));
    let Some(first) = &loaded.workspace.ranking else {
        loaded.workspace.ranking = Some(Sourced {
            file,
            value: ranking,
        });
        return;
    };
    let first_name = loaded.sources.name(first.file).to_string();
    loaded.diagnostics.push(
        Diagnostic::error(
            "TD0014",
            Text::new(
                format!("đã có một tệp `kind: ranking` ({first_name}); mỗi phong trào chỉ có một báo cáo xếp hạng"),
                format!("there is already a `kind: ranking` file ({first_name}); a campaign has one ranking report"),
            ),
        )
        .at(file, span(text, kind))
        .help(Text::new(
            "gộp các kết quả bỏ phiếu vào một tệp",
            "merge the votes into one file",
        )),
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
