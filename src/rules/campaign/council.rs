//! The vote a council's minutes must show, as data (TD0115): a plan may ask
//! more than the law (more than half of all members: 2/3, 80 %, 90 %), never
//! less, and neither the share to carry nor the quorum may be out of reach.

use serde_saphyr::Spanned;

use crate::model::campaign::{CouncilRule, Threshold};
use crate::rules::{Ctx, Found, msg};

/// Whether `t` lets through a vote the law's majority would not.
fn below_majority(t: &Threshold) -> bool {
    let (twice, den) = (2 * t.share.num, t.share.den);
    twice < den || (twice == den && !t.strict)
}

pub(crate) fn council_rules_are_sound(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let c = &cf.value;
    let rules = c
        .council
        .iter()
        .chain(c.awards.iter().filter_map(|a| a.council.as_ref()));
    for rule in rules {
        let CouncilRule { pass, quorum } = rule;
        let checks: [(&Option<Spanned<Threshold>>, bool); 2] = [(pass, true), (quorum, false)];
        for (threshold, is_pass) in checks {
            let Some(t) = threshold else { continue };
            let text = t.value.text();
            if !t.value.reachable() {
                found
                    .at(
                        cf.file,
                        t,
                        msg(
                            format!(
                                "ngưỡng {} tổng số thành viên không bao giờ đạt được",
                                text.vi
                            ),
                            format!(
                                "a threshold of {} of all members can never be reached",
                                text.en
                            ),
                        ),
                    )
                    .help(msg(
                        "“toàn bộ thành viên”: `{ at_least: 100% }`",
                        "“every member”: `{ at_least: 100% }`",
                    ));
            } else if is_pass && below_majority(&t.value) {
                found
                    .at(
                        cf.file,
                        t,
                        msg(
                            format!("tỷ lệ thông qua {} thấp hơn mức luật định (quá 1/2 tổng số thành viên Hội đồng)", text.vi),
                            format!("a pass share of {} is below the law's (more than half of all council members)", text.en),
                        ),
                    )
                    .help(msg(
                        "Kế hoạch chỉ có thể đặt mức cao hơn, ví dụ `{ at_least: 2/3 }`; bỏ `pass` để dùng mức luật định",
                        "a plan may only ask more, e.g. `{ at_least: 2/3 }`; leave `pass` out for the law's share",
                    ));
            }
        }
    }
}
