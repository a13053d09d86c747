//! Measurable criteria ("tỷ lệ cử tri đi bầu đạt từ 98% trở lên", "không có
//! vụ việc …"): a nomination claiming one cites achievements that carry the
//! criterion's figure (`metric` on a figure), and every such figure meets its
//! bounds (TD0228); a figure's `metric` is one a criterion defines (TD0229).

use std::collections::BTreeSet;

use super::criteria::claimed;
use crate::model::Sourced;
use serde_saphyr::Spanned;

use crate::model::campaign::{Campaign, Evidence, Metric};
use crate::model::unit::{Achievement, Figure, Nomination, Unit};
use crate::rules::{Ctx, Found, msg};

/// A value as messages print it, with its unit: `97,5%`, `2 vụ` (`97.5%` in English).
pub(crate) fn amount(value: f64, unit: Option<&str>) -> (String, String) {
    let en = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    };
    let vi = en.replace('.', ",");
    match unit {
        Some("%") => (format!("{vi}%"), format!("{en}%")),
        Some(u) if !u.is_empty() => (format!("{vi} {u}"), format!("{en} {u}")),
        _ => (vi, en),
    }
}

/// A metric's bounds in words, in `unit`: `từ 98% trở lên`, `không quá 0 vụ`.
pub(crate) fn bounds(m: &Metric, unit: Option<&str>) -> (String, String) {
    match (&m.at_least, &m.at_most) {
        (Some(lo), Some(hi)) => {
            let ((lo_vi, lo_en), (hi_vi, hi_en)) = (amount(lo.value, unit), amount(hi.value, unit));
            (
                format!("từ {lo_vi} đến {hi_vi}"),
                format!("between {lo_en} and {hi_en}"),
            )
        }
        (Some(lo), None) => {
            let (vi, en) = amount(lo.value, unit);
            (format!("từ {vi} trở lên"), format!("at least {en}"))
        }
        (None, Some(hi)) => {
            let (vi, en) = amount(hi.value, unit);
            (format!("không quá {vi}"), format!("at most {en}"))
        }
        (None, None) => ("không giới hạn".into(), "unbounded".into()),
    }
}

pub(crate) fn metrics_are_met(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for n in &u.value.nominations {
            nomination_metrics(found, c, u, n);
        }
    }
}

/// TD0228 for one nomination: each measurable criterion it claims.
fn nomination_metrics(found: &mut Found, c: &Campaign, u: &Sourced<Unit>, n: &Nomination) {
    let cited: Vec<&Achievement> = n
        .achievements
        .iter()
        .filter_map(|a| u.value.achievement(&a.value))
        .collect();
    for (k, criterion) in claimed(c, n) {
        // A metric without a bound that can be met is TD0114's.
        let Some(metric) = criterion.metric.as_ref().filter(|m| m.sound()) else {
            continue;
        };
        let figures: Vec<&Figure> = cited
            .iter()
            .flat_map(|a| &a.figures)
            .filter(|f| {
                f.metric
                    .as_ref()
                    .is_some_and(|m| m.value == metric.id.value)
            })
            .collect();
        if figures.is_empty() {
            // A cited achievement that does not exist (TD0213) may be the one
            // with the figure; none cited for a criterion that needs them is TD0211's.
            let unresolved = cited.len() < n.achievements.len();
            let backless = cited.is_empty() && criterion.requires == Evidence::Achievements;
            if !unresolved && !backless {
                missing_figure(found, u, k, metric);
            }
            continue;
        }
        for f in figures.into_iter().filter(|f| !metric.met(f.value.value)) {
            let unit = metric.unit.as_deref().or(f.unit.as_deref());
            let (value_vi, value_en) = amount(f.value.value, unit);
            let (bound_vi, bound_en) = bounds(metric, unit);
            let id = &metric.id.value;
            found
                .at(
                    u.file,
                    &f.value,
                    msg(
                        format!("số liệu “{}” là {value_vi}, chưa đạt tiêu chí `{}` mà đề nghị `{}` nêu (`{id}`: {bound_vi})", f.label, k.value, n.id.value),
                        format!("figure “{}” is {value_en}, short of criterion `{}` claimed by `{}` (`{id}`: {bound_en})", f.label, k.value, n.id.value),
                    ),
                )
                .help(msg(
                    format!("chỉ nêu tiêu chí `{}` khi số liệu đạt ngưỡng; nếu số liệu ghi sai, sửa lại", k.value),
                    format!("claim `{}` only when the figure meets it; if the figure is wrong, correct it", k.value),
                ));
        }
    }
}

/// TD0228 for a measurable criterion whose figure no cited achievement carries.
fn missing_figure(found: &mut Found, u: &Sourced<Unit>, k: &Spanned<String>, metric: &Metric) {
    let id = &metric.id.value;
    let (bound_vi, bound_en) = bounds(metric, metric.unit.as_deref());
    found
        .at(
            u.file,
            k,
            msg(
                format!("tiêu chí `{}` đo bằng số liệu `{id}` ({bound_vi}), nhưng các thành tích được dẫn không có số liệu nào ghi `metric: {id}`", k.value),
                format!("criterion `{}` is measured by `{id}` ({bound_en}), but no cited achievement has a figure with `metric: {id}`", k.value),
            ),
        )
        .help(msg(
            format!("thêm vào thành tích được dẫn một số liệu `{{ label: …, value: …, metric: {id} }}`"),
            format!("add a figure `{{ label: …, value: …, metric: {id} }}` to a cited achievement"),
        ));
}

/// Every metric id a criterion of the campaign defines.
fn metric_ids(c: &Campaign) -> BTreeSet<&str> {
    c.all_criteria()
        .filter_map(|k| k.metric.as_ref())
        .map(|m| m.id.value.as_str())
        .collect()
}

pub(crate) fn figure_metrics_exist(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    let known = metric_ids(c);
    for u in ctx.units() {
        let figures = u.value.achievements.iter().flat_map(|a| &a.figures);
        for m in figures.filter_map(|f| f.metric.as_ref()) {
            if known.contains(m.value.as_str()) {
                continue;
            }
            found
                .at(
                    u.file,
                    m,
                    msg(
                        format!("không tiêu chí nào của phong trào đo bằng số liệu `{}`: số liệu này không được đối chiếu", m.value),
                        format!("no criterion of the campaign is measured by `{}`: the figure is checked against nothing", m.value),
                    ),
                )
                .suggest(&m.value, known.iter().copied());
        }
    }
}
