//! The awards a unit proposes: awards of the campaign, sent up only when the
//! province grants them (rules 5, 6), one award per submission (rule 9),
//! and the favoured shares of individual nominees (rule 12). The quota per
//! unit (rule 7) is checked in `quotas`.

use super::with_award;
use crate::model::campaign::AwardLevel;
use crate::model::shares::shares;
use crate::model::unit::Nomination;
use crate::rules::{Ctx, Found, favoured_by_law, msg};

pub(crate) fn nominated_award_exists(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for n in u
            .value
            .nominations
            .iter()
            .filter(|n| c.award(&n.award.value).is_none())
        {
            found
                .at(
                    u.file,
                    &n.award,
                    msg(
                        format!(
                            "phong trào không có hình thức khen thưởng mã `{}`",
                            n.award.value
                        ),
                        format!("the campaign has no award `{}`", n.award.value),
                    ),
                )
                .suggest(&n.award.value, c.awards.iter().map(|a| a.id.value.as_str()));
        }
    }
}

pub(crate) fn no_giay_khen_upward(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for (n, award) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::Unit) {
            found
                .at(
                    u.file,
                    &n.award,
                    msg(
                        format!(
                            "{} do Thủ trưởng đơn vị tặng, không đề nghị lên {}",
                            award.name,
                            c.role_names().authority_short
                        ),
                        format!(
                            "{} is awarded by the unit's head and never sent up",
                            award.name
                        ),
                    ),
                )
                .help(msg(
                    "ghi người nhận Giấy khen ở khối `giay_khen`, không ở `nominations`",
                    "list Giấy khen recipients under `giay_khen`, not `nominations`",
                ));
        }
    }
}

/// A unit's own award decision (`giay_khen`) needs an award its head may
/// give: a `unit` award of the campaign, given by units of its kind.
pub(crate) fn unit_gives_its_award(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    let unit_awards: Vec<_> = c
        .awards
        .iter()
        .filter(|a| a.level == AwardLevel::Unit)
        .collect();
    for u in ctx.units() {
        let (unit, kind) = (&u.value, u.value.unit_kind.value.as_str());
        let Some(g) = unit
            .giay_khen
            .as_ref()
            .filter(|_| c.unit_award(kind).is_none())
        else {
            continue;
        };
        let report = found.at(u.file, &g.date, match unit_awards.first() {
            None => msg(
                format!("kế hoạch không có hình thức khen thưởng nào do thủ trưởng đơn vị tặng (`level: unit`): {} không ban hành quyết định khen thưởng (`giay_khen`) theo phong trào này", unit.name),
                format!("the campaign has no award given by a unit's head (`level: unit`): {} issues no award decision (`giay_khen`) under it", unit.name),
            ),
            Some(a) => {
                let kinds = a.given_by.iter().map(|k| format!("`{}`", k.value)).collect::<Vec<_>>().join(", ");
                msg(
                    format!("{} do thủ trưởng đơn vị loại {kinds} tặng; {} thuộc loại `{kind}`", a.name, unit.name),
                    format!("{} is given by the heads of {kinds} units; {} is a `{kind}`", a.name, unit.name),
                )
            }
        });
        let ids = unit_awards
            .iter()
            .map(|a| format!("`{}`", a.id.value))
            .collect::<Vec<_>>();
        report.help(match ids.is_empty() {
            true => msg(
                "xóa khối `giay_khen`; tập thể, cá nhân tiêu biểu được đề nghị cấp trên khen ở `nominations`".to_string(),
                "delete the `giay_khen` block; propose outstanding collectives and people upward under `nominations`".to_string(),
            ),
            false => msg(
                format!("xóa khối `giay_khen`, hoặc thêm `{kind}` vào `given_by` của {}", ids.join(", ")),
                format!("delete the `giay_khen` block, or add `{kind}` to `given_by` of {}", ids.join(", ")),
            ),
        });
    }
}

pub(crate) fn no_national_from_units(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        for (n, award) in with_award(c, &u.value).filter(|(_, a)| a.level == AwardLevel::National) {
            let pool = award
                .selection
                .as_ref()
                .map(|s| s.pool.value.as_str())
                .unwrap_or("");
            found
                .at(
                    u.file,
                    &n.award,
                    msg(
                        format!("{} do {} lựa chọn từ danh sách cấp tỉnh; đơn vị không đề nghị trực tiếp", award.name, c.roles.appraiser),
                        format!("{} is selected by the {} from the provincial pool; units do not propose it", award.name, c.roles.appraiser),
                    ),
                )
                .help(msg(
                    format!("đề nghị `{pool}`; {} sẽ chọn người xuất sắc nhất trình cấp trên", c.roles.appraiser),
                    format!("propose `{pool}`; the {} selects the best for the national award", c.roles.appraiser),
                ));
        }
    }
}

pub(crate) fn shares_meet_targets(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    let Some(targets) = &c.targets else {
        return;
    };
    for u in ctx.units() {
        let Some(first) = u.value.nominations.iter().find(|n| n.person.is_some()) else {
            continue;
        };
        let persons: Vec<_> = u
            .value
            .nominations
            .iter()
            .filter_map(|n| n.person.as_ref())
            .collect();
        for share in shares(Some(targets), &persons) {
            let Some(target) = share.target.filter(|_| share.misses()) else {
                continue;
            };
            let (what_vi, what_en) = share.favoured.words();
            let (percent, count, total) = (share.percent(), share.count, share.of);
            found
                .at(
                    u.file,
                    &first.id,
                    msg(
                        format!("tỷ lệ cá nhân {what_vi} là {percent:.0}% ({count}/{total}), dưới mục tiêu {}%", target.value),
                        format!("{what_en} are {percent:.0}% of individual nominees ({count}/{total}), under the target of {}%", target.value),
                    ),
                )
                .help(favoured_by_law());
        }
    }
}

pub(crate) fn one_award_per_submission(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    for u in ctx.units() {
        // Unit-level, national and unknown awards have rules of their own.
        let upward: Vec<&Nomination> = with_award(c, &u.value)
            .filter(|(_, a)| a.level == AwardLevel::Province)
            .map(|(n, _)| n)
            .collect();
        let Some(first) = upward.first() else {
            continue;
        };
        for n in upward.iter().filter(|n| n.award.value != first.award.value) {
            let line = ctx.line_of(u.file, &first.award);
            found
                .at(
                    u.file,
                    &n.award,
                    msg(
                        format!("tờ trình của đơn vị đã đề nghị `{}` (dòng {line}); không gộp `{}` vào cùng tờ trình", first.award.value, n.award.value),
                        format!("the unit's submission proposes `{}` (line {line}); `{}` cannot share it", first.award.value, n.award.value),
                    ),
                )
                .help(msg(
                    "mỗi hình thức khen thưởng một tờ trình riêng (Nghị định 152/2025/NĐ-CP): tách thành hồ sơ khác",
                    "one submission per award type (Nghị định 152/2025/NĐ-CP): move it to a separate dossier",
                ));
        }
    }
}
