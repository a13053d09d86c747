//! A national award's measurable criteria, on the nominees sent up for it
//! (TD0319): they claim none of the award's criteria (they are chosen from
//! the provincial pool), so the figures their provincial nomination cites
//! are weighed against it. A figure short of a criterion the nominee's set
//! requires (`all`), or short of every criterion of an `any` set that is all
//! measured, is an error at the selection.

use super::resolve;
use crate::model::campaign::{Campaign, Criterion, Require};
use crate::model::unit::{Figure, Nomination, Unit};
use crate::rules::unit::criteria::nominee_kind;
use crate::rules::unit::metrics::{amount, bounds};
use crate::rules::{Ctx, Found, msg};

pub(crate) fn national_metrics_are_met(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    for s in &a.value.national {
        let Some(award) = c.award(&s.award.value) else {
            continue;
        };
        for r in &s.nominees {
            let Ok((u, n)) = resolve(ctx, &r.unit, &r.nomination) else {
                continue;
            };
            for (criterion, f) in short_figures(c, &s.award.value, &u.value, n) {
                let Some(metric) = &criterion.metric else {
                    continue;
                };
                let unit = metric.unit.as_deref().or(f.unit.as_deref());
                let (value_vi, value_en) = amount(f.value.value, unit);
                let (bound_vi, bound_en) = bounds(metric, unit);
                found
                    .at(a.file, &r.nomination, msg(
                        format!("`{}` được trình {} nhưng số liệu “{}” là {value_vi}, chưa đạt tiêu chí `{}` của hình thức này (`{}`: {bound_vi})", n.id.value, award.name, f.label, criterion.id.value, metric.id.value),
                        format!("`{}` goes up for {} but its figure “{}” is {value_en}, short of that award's criterion `{}` (`{}`: {bound_en})", n.id.value, award.name, f.label, criterion.id.value, metric.id.value),
                    ))
                    .help(msg(
                        format!("chỉ trình người đạt tiêu chí của {}; nếu số liệu ở tệp đơn vị ghi sai, sửa lại", award.name),
                        format!("send up only nominees who meet {}'s criteria; if the unit's figure is wrong, correct it", award.name),
                    ));
            }
        }
    }
}

/// The measurable criteria of the national award `award_id`, for this
/// nominee's set, that its cited figures fall short of, each with the figure.
fn short_figures<'a>(
    c: &'a Campaign,
    award_id: &str,
    unit: &'a Unit,
    n: &'a Nomination,
) -> Vec<(&'a Criterion, &'a Figure)> {
    let (Some(award), Some(subject), Some(kind)) =
        (c.award(award_id), n.subject(), nominee_kind(n))
    else {
        return vec![];
    };
    let Some(set) = award.set_for(&c.criteria_sets, subject, &kind.value) else {
        return vec![];
    };
    let figures: Vec<&Figure> = (n.achievements.iter())
        .filter_map(|a| unit.achievement(&a.value))
        .flat_map(|a| &a.figures)
        .collect();
    let mut short = vec![];
    let mut some_criterion_may_hold = false;
    for criterion in set.criteria {
        let Some(metric) = criterion.metric.as_ref().filter(|m| m.sound()) else {
            some_criterion_may_hold = true;
            continue;
        };
        let reports = |f: &&&Figure| {
            f.metric
                .as_ref()
                .is_some_and(|m| m.value == metric.id.value)
        };
        let failing: Vec<_> = (figures.iter().filter(reports))
            .filter(|f| !metric.met(f.value.value))
            .collect();
        // Met, or no figure for it (nothing to weigh): it may hold.
        some_criterion_may_hold |= failing.is_empty();
        short.extend(failing.into_iter().map(|f| (criterion, *f)));
    }
    match set.require {
        Require::All => short,
        Require::Any if some_criterion_may_hold => vec![],
        Require::Any => short,
    }
}
