//! When each unit's complete dossier reached the appraising body
//! (`appraisal.received`): a unit with a dossier (TD0302), after the unit's
//! own Tờ trình and before the appraiser's (TD0313), and the appraiser's Tờ
//! trình within the campaign's `appraisal_days` working days of the last one
//! (TD0318, Quyết định 311/QĐ-BNV: 20 working days).

use chrono::{Datelike, NaiveDate, Weekday};

use crate::rules::{Ctx, Found, msg};

/// TD0302's part: each `received` names a unit whose file has a submission.
pub(crate) fn received_units_exist(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    for r in &a.value.received {
        let has_dossier = ctx
            .workspace
            .unit(&r.unit.value)
            .is_some_and(|u| u.value.submission.is_some());
        if !has_dossier && !ctx.incomplete {
            found
                .at(
                    a.file,
                    &r.unit,
                    msg(
                        format!(
                            "`{}` không có hồ sơ (tệp đơn vị có `submission`) để tiếp nhận",
                            r.unit.value
                        ),
                        format!(
                            "`{}` has no dossier (a unit file with `submission`) to receive",
                            r.unit.value
                        ),
                    ),
                )
                .suggest(
                    &r.unit.value,
                    ctx.units()
                        .filter(|u| u.value.submission.is_some())
                        .map(|u| u.value.id.value.as_str()),
                );
        }
    }
}

/// TD0313's part: a dossier is received after the unit's Tờ trình is dated
/// and before the appraiser's own.
pub(crate) fn received_in_order(ctx: &Ctx, found: &mut Found) {
    let Some(a) = ctx.appraisal() else {
        return;
    };
    let own = a.value.submission.date.value.latest();
    for r in &a.value.received {
        let day = r.date.value.0;
        let sent = ctx
            .workspace
            .unit(&r.unit.value)
            .and_then(|u| u.value.submission.as_ref())
            .map(|s| s.date.value.earliest());
        if sent.is_some_and(|s| day < s) || day > own {
            found.at(
                a.file,
                &r.date,
                msg(
                    format!(
                        "ngày tiếp nhận hồ sơ của `{}` ({}) phải sau tờ trình của đơn vị và trước tờ trình của cơ quan thẩm định",
                        r.unit.value,
                        day.format("%d/%m/%Y")
                    ),
                    format!(
                        "the dossier of `{}` is received ({day}) before the unit's Tờ trình or after the appraiser's",
                        r.unit.value
                    ),
                ),
            );
        }
    }
}

/// Working days (Monday to Friday) after `from`, up to and including `to`.
/// Public holidays are not data here, so a holiday counts as a working day.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .skip(1)
        .take_while(|d| *d <= to)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .count() as u32
}

pub(crate) fn appraisal_in_time(ctx: &Ctx, found: &mut Found) {
    let (Some(a), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let Some(last) = a.value.received.iter().max_by_key(|r| r.date.value.0) else {
        return;
    };
    let Some(own) = a.value.submission.date.value.complete() else {
        return;
    };
    let days = working_days_between(last.date.value.0, own);
    if days > c.appraisal_days {
        let (appraiser, _) = ctx.appraiser();
        found
            .at(
                a.file,
                &a.value.submission.date,
                msg(
                    format!(
                        "tờ trình của {appraiser} ({}) sau {days} ngày làm việc kể từ khi nhận đủ hồ sơ ({}, `{}`), quá {} ngày làm việc",
                        own.format("%d/%m/%Y"),
                        last.date.value.0.format("%d/%m/%Y"),
                        last.unit.value,
                        c.appraisal_days
                    ),
                    format!(
                        "the {appraiser}'s Tờ trình ({own}) comes {days} working days after the last complete dossier ({}), over {}",
                        last.date.value.0, c.appraisal_days
                    ),
                ),
            )
            .help(msg(
                "thời hạn thẩm định tính theo ngày làm việc (thứ Hai – thứ Sáu, chưa trừ ngày lễ); `appraisal_days` của phong trào",
                "the appraisal's time counts working days (Monday to Friday; holidays not removed): the campaign's `appraisal_days`",
            ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // Friday 05/12/2025 → Friday 12/12/2025: five working days.
        assert_eq!(working_days_between(d("2025-12-05"), d("2025-12-12")), 5);
        assert_eq!(working_days_between(d("2025-12-05"), d("2025-12-06")), 0);
        assert_eq!(working_days_between(d("2025-12-05"), d("2026-01-02")), 20);
        assert_eq!(working_days_between(d("2025-12-05"), d("2025-12-01")), 0);
    }
}
