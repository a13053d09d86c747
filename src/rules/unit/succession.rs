//! Units merged or dissolved (the 2025 reorganisation): a merged unit's
//! earlier achievements name the predecessor that earned them; a unit that
//! handed over makes nothing after the day it did.

use chrono::NaiveDate;

use crate::diag::Text;
use crate::model::unit::{Achievement, Successor, Unit};
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(crate) fn merged_history_is_attributed(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        for a in &u.value.achievements {
            attributed(found, u.file, &u.value, a);
        }
    }
}

/// TD0223 for one achievement: its `by` is a predecessor that still existed
/// on its date; before the merger, it has a `by`.
fn attributed(found: &mut Found, file: FileId, unit: &Unit, a: &Achievement) {
    let ids: Vec<&str> = unit
        .predecessors
        .iter()
        .map(|p| p.id.value.as_str())
        .collect();
    let formed = unit.predecessors.iter().map(|p| p.until.value.0).max();
    let date = a.date.value.0;
    match (&a.by, formed) {
        (Some(by), _) => match unit.predecessors.iter().find(|p| p.id.value == by.value) {
            None => {
                let text = msg(
                    format!(
                        "`by: {}` không phải đơn vị tiền thân trong `predecessors`",
                        by.value
                    ),
                    format!("`by: {}` is not one of `predecessors`", by.value),
                );
                found
                    .at(file, by, text)
                    .suggest(&by.value, ids.iter().copied());
            }
            Some(p) if date > p.until.value.0 => {
                let (name, until) = (&p.name, p.until.value.0);
                found.at(
                    file,
                    &a.date,
                    msg(
                        format!("thành tích ngày {date} sau khi {name} đã sáp nhập ({until})"),
                        format!("achievement dated {date} is after {name} merged ({until})"),
                    ),
                );
            }
            Some(_) => {}
        },
        (None, Some(formed)) if date <= formed => {
            let ids = ids.join(", ");
            found
                .at(
                    file,
                    &a.date,
                    msg(
                        format!("thành tích ngày {date} có trước khi đơn vị được thành lập do sáp nhập ({formed}): ghi đơn vị tiền thân"),
                        format!("achievement dated {date} predates the merger ({formed}): name the predecessor"),
                    ),
                )
                .help(msg(
                    format!("thêm `by: <mã>` với một trong: {ids}"),
                    format!("add `by: <id>`, one of: {ids}"),
                ));
        }
        _ => {}
    }
}

pub(crate) fn nothing_after_succession(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        let unit = &u.value;
        let Some(successor) = &unit.successor else {
            continue;
        };
        late_documents(found, u.file, unit, successor);
        let from = successor.from.value.0;
        for a in unit.achievements.iter().filter(|a| a.date.value.0 >= from) {
            found
                .at(
                    u.file,
                    &a.date,
                    msg(
                        format!(
                            "thành tích ngày {} sau khi đơn vị đã chuyển giao cho {} ({from})",
                            a.date.value.0, successor.name
                        ),
                        format!(
                            "achievement dated {} after the hand-over to {} ({from})",
                            a.date.value.0, successor.name
                        ),
                    ),
                )
                .help(made_by_successor(
                    ("thành tích", "the achievement"),
                    successor,
                ));
        }
    }
}

/// TD0224 for the unit's documents: its submission, report and Giấy khen
/// decision, where one may date from the hand-over on.
fn late_documents(found: &mut Found, file: FileId, unit: &Unit, successor: &Successor) {
    let from = successor.from.value.0;
    let name = &successor.name;
    if let Some(s) = unit
        .submission
        .as_ref()
        .filter(|s| s.date.value.earliest() >= from)
    {
        found
            .at(
                file,
                &s.date,
                msg(
                    format!(
                        "tờ trình ngày {} sau khi đơn vị đã chuyển giao cho {name} ({from})",
                        s.date.value
                    ),
                    format!(
                        "submission dated {} after the unit handed over to {name} ({from})",
                        s.date.value
                    ),
                ),
            )
            .help(made_by_successor(
                ("hồ sơ đề nghị", "the nomination dossier"),
                successor,
            ));
    }
    if let Some(r) = unit
        .report
        .as_ref()
        .filter(|r| r.date.value.earliest() >= from)
    {
        found
            .at(
                file,
                &r.date,
                msg(
                    format!(
                        "báo cáo ngày {} sau khi đơn vị đã chuyển giao cho {name} ({from})",
                        r.date.value
                    ),
                    format!(
                        "report dated {} after the hand-over to {name} ({from})",
                        r.date.value
                    ),
                ),
            )
            .help(made_by_successor(
                ("báo cáo kết quả", "the results report"),
                successor,
            ));
    }
    if let Some(g) = unit
        .giay_khen
        .as_ref()
        .filter(|g| g.date.value.earliest() >= from)
    {
        found
            .at(
                file,
                &g.date,
                msg(
                    format!("quyết định tặng Giấy khen ngày {} sau khi đơn vị đã chuyển giao cho {name} ({from})", g.date.value),
                    format!("Giấy khen decision dated {} after the hand-over to {name} ({from})", g.date.value),
                ),
            )
            .help(made_by_successor(
                ("quyết định khen thưởng", "the award decision"),
                successor,
            ));
    }
}

/// Who makes `what` once the unit has handed over.
fn made_by_successor(what: (&str, &str), successor: &Successor) -> Text {
    let from: NaiveDate = successor.from.value.0;
    msg(
        format!("từ ngày {from}, {} do {} lập", what.0, successor.name),
        format!("from {from}, {} is made by {}", what.1, successor.name),
    )
}
