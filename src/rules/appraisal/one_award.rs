//! The appraisal's documents cover one award of the issuer's own level, the
//! campaign's first (TD0320): a nomination for a second one is judged by no
//! Tờ trình, list or decision, so the file that holds it is told.

use crate::model::campaign::AwardLevel;
use crate::rules::{Ctx, Found, msg};

pub(crate) fn one_provincial_award_appraised(ctx: &Ctx, found: &mut Found) {
    let (Some(_), Some(c)) = (ctx.appraisal(), ctx.campaign()) else {
        return;
    };
    let mut provincial = c.awards.iter().filter(|a| a.level == AwardLevel::Province);
    let Some(first) = provincial.next() else {
        return;
    };
    let others: Vec<_> = provincial.collect();
    for u in ctx.units() {
        // A submission mixing awards is TD0226's: its first award is the one it proposes.
        let proposed = u.value.nominations.first().map(|n| n.award.value.as_str());
        for n in &u.value.nominations {
            let Some(award) = others.iter().find(|a| a.id.value == n.award.value) else {
                continue;
            };
            if proposed != Some(n.award.value.as_str()) {
                continue;
            }
            found
                .at(u.file, &n.award, msg(
                    format!("thidua lập tờ trình, danh sách và quyết định thẩm định cho một hình thức cấp {} (`{}`): đề nghị `{}` tặng {} không có trong các văn bản đó", c.role_names().issuer_level, first.id.value, n.id.value, award.name),
                    format!("the appraisal's submission, list and decision cover one award of the issuer's level (`{}`): nomination `{}` for {} is in none of them", first.id.value, n.id.value, award.name),
                ))
                .help(msg(
                    format!("lập hồ sơ thẩm định của {} riêng (chưa được thidua hỗ trợ), hoặc đề nghị `{}`", award.name, first.id.value),
                    format!("make the appraisal of {} separately (thidua does not yet), or propose `{}`", award.name, first.id.value),
                ));
        }
    }
}
