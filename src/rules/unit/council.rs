//! The minutes of the unit's council (Hội đồng thi đua – khen thưởng): its
//! attendance and votes add up, one vote result for each nomination.

use std::collections::HashMap;

use serde_saphyr::Spanned;

use crate::model::unit::{Council, Unit};
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

pub(crate) fn council_votes_add_up(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        let unit = &u.value;
        let Some(s) = &unit.submission else { continue };
        let council = &s.council;
        let (members, present) = (council.members.value, council.present.value);
        if present > members {
            found.at(
                u.file,
                &council.present,
                msg(
                    format!("số thành viên có mặt ({present}) lớn hơn số thành viên Hội đồng ({members})"),
                    format!("{present} members present out of {members}"),
                ),
            );
        }
        let voted = votes(found, u.file, unit, council);
        for n in unit
            .nominations
            .iter()
            .filter(|n| !voted.contains_key(n.id.value.as_str()))
        {
            found.at(
                u.file,
                &n.id,
                msg(
                    format!("đề nghị `{}` chưa có kết quả biểu quyết trong biên bản (`submission.council.votes`)", n.id.value),
                    format!("nomination `{}` has no vote in the minutes (`submission.council.votes`)", n.id.value),
                ),
            );
        }
    }
}

/// Checks each vote of the minutes; returns the nominations voted on.
fn votes<'a>(
    found: &mut Found,
    file: FileId,
    unit: &Unit,
    council: &'a Council,
) -> HashMap<&'a str, &'a Spanned<String>> {
    let present = council.present.value;
    let mut voted: HashMap<&str, &Spanned<String>> = HashMap::new();
    for v in &council.votes {
        if v.in_favour.value > present {
            found.at(
                file,
                &v.in_favour,
                msg(
                    format!(
                        "{} phiếu đồng ý nhiều hơn số thành viên có mặt ({present})",
                        v.in_favour.value
                    ),
                    format!(
                        "{} votes in favour but only {present} members present",
                        v.in_favour.value
                    ),
                ),
            );
        }
        if !unit
            .nominations
            .iter()
            .any(|n| n.id.value == v.nomination.value)
        {
            found
                .at(
                    file,
                    &v.nomination,
                    msg(
                        format!(
                            "biên bản ghi kết quả cho đề nghị `{}` không có trong `nominations`",
                            v.nomination.value
                        ),
                        format!(
                            "a vote for `{}`, which is not among `nominations`",
                            v.nomination.value
                        ),
                    ),
                )
                .suggest(
                    &v.nomination.value,
                    unit.nominations.iter().map(|n| n.id.value.as_str()),
                );
        }
        if voted.insert(&v.nomination.value, &v.nomination).is_some() {
            found.at(
                file,
                &v.nomination,
                msg(
                    format!("đề nghị `{}` có hai kết quả biểu quyết", v.nomination.value),
                    format!("nomination `{}` has two vote results", v.nomination.value),
                ),
            );
        }
    }
    voted
}
