//! Who takes part and who is nominated: the unit's kind, one nominee per
//! nomination, and nominees among the campaign's subjects (section IV.1).

use crate::rules::{Ctx, Found, msg};

pub(crate) fn unit_kind_is_eligible(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    let kinds = c.collective_kinds();
    for u in ctx.units() {
        let kind = &u.value.unit_kind;
        if kinds.contains(&kind.value.as_str()) {
            continue;
        }
        found
            .at(
                u.file,
                kind,
                msg(
                    format!(
                        "loại đơn vị `{}` không thuộc đối tượng thi đua của phong trào",
                        kind.value
                    ),
                    format!(
                        "unit kind `{}` is not a subject of the campaign",
                        kind.value
                    ),
                ),
            )
            .suggest(&kind.value, kinds.iter().copied());
    }
}

pub(crate) fn one_nominee(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        for n in u.value.nominations.iter().filter(|n| n.subject().is_none()) {
            let (vi, en) = if n.collective.is_some() {
                (
                    "đề nghị có cả `collective` và `person`",
                    "the nomination has both `collective` and `person`",
                )
            } else {
                (
                    "đề nghị chưa có đối tượng: thêm `collective` hoặc `person`",
                    "the nomination names no nominee: add `collective` or `person`",
                )
            };
            found.at(u.file, &n.id, msg(vi, en)).help(msg(
                "mỗi đề nghị một tập thể hoặc một cá nhân",
                "one collective or one person per nomination",
            ));
        }
    }
}

pub(crate) fn nominee_is_eligible(ctx: &Ctx, found: &mut Found) {
    let Some(c) = ctx.campaign() else {
        return;
    };
    let kinds = c.collective_kinds();
    let staff = c.staff_kinds();
    for u in ctx.units() {
        for n in &u.value.nominations {
            if let Some(col) = n
                .collective
                .as_ref()
                .filter(|col| !kinds.contains(&col.kind.value.as_str()))
            {
                found
                    .at(
                        u.file,
                        &col.kind,
                        msg(
                            format!(
                                "tập thể loại `{}` không thuộc đối tượng thi đua",
                                col.kind.value
                            ),
                            format!(
                                "a collective of kind `{}` is not a subject of the campaign",
                                col.kind.value
                            ),
                        ),
                    )
                    .suggest(&col.kind.value, kinds.iter().copied());
            }
            if let Some(p) = n
                .person
                .as_ref()
                .filter(|p| !staff.contains(&p.staff_kind.value.as_str()))
            {
                found
                    .at(
                        u.file,
                        &p.staff_kind,
                        msg(
                            format!(
                                "`{}` không thuộc đối tượng cá nhân của phong trào",
                                p.staff_kind.value
                            ),
                            format!(
                                "`{}` is not an individual subject of the campaign",
                                p.staff_kind.value
                            ),
                        ),
                    )
                    .suggest(&p.staff_kind.value, staff.iter().copied());
            }
        }
    }
}
