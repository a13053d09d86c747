//! Ids, in every file: their form (TD0101) and uniqueness within a file
//! (TD0102); unit ids across files (TD0201).

use std::collections::HashMap;

use serde_saphyr::Spanned;

use super::{Ctx, Found, is_slug, msg, slugify};
use crate::model::{Campaign, Unit};
use crate::source::FileId;

/// Every file's ids, in the order they are written: the campaign's, then
/// each unit's.
fn files<'a>(ctx: &Ctx<'a>) -> Vec<(FileId, Vec<&'a Spanned<String>>)> {
    let mut out = Vec::new();
    if let Some(c) = ctx.campaign_file() {
        out.push((c.file, campaign_ids(&c.value)));
    }
    out.extend(ctx.units().map(|u| (u.file, unit_ids(&u.value))));
    out
}

fn campaign_ids(c: &Campaign) -> Vec<&Spanned<String>> {
    let mut ids = vec![&c.id];
    ids.extend(c.content_items.iter().map(|i| &i.id));
    for award in &c.awards {
        ids.push(&award.id);
        ids.extend(award.criteria.collective.iter().map(|k| &k.id));
        ids.extend(award.criteria.individual.iter().map(|k| &k.id));
    }
    ids
}

fn unit_ids(unit: &Unit) -> Vec<&Spanned<String>> {
    let mut ids = vec![&unit.id];
    ids.extend(unit.achievements.iter().map(|a| &a.id));
    ids.extend(unit.initiatives.iter().map(|i| &i.id));
    ids.extend(unit.nominations.iter().map(|n| &n.id));
    ids.extend(unit.predecessors.iter().map(|p| &p.id));
    ids
}

/// Ids of the campaign that must be slugs but are unique in their own scope
/// (TD0113): criteria sets, their criteria, metrics.
fn campaign_scoped_ids(c: &Campaign) -> Vec<&Spanned<String>> {
    let sets = c
        .criteria_sets
        .iter()
        .chain(c.awards.iter().flat_map(|a| &a.criteria_sets));
    let mut ids = Vec::new();
    for set in sets {
        ids.push(&set.id);
        ids.extend(set.criteria.iter().map(|k| &k.id));
    }
    ids.extend(
        c.all_criteria()
            .filter_map(|k| k.metric.as_ref())
            .map(|m| &m.id),
    );
    ids
}

pub(super) fn ids_are_slugs(ctx: &Ctx, found: &mut Found) {
    let mut files = files(ctx);
    if let (Some(c), Some((_, ids))) = (ctx.campaign_file(), files.first_mut()) {
        ids.extend(campaign_scoped_ids(&c.value));
    }
    for (file, ids) in files {
        for id in ids.into_iter().filter(|id| !is_slug(&id.value)) {
            let suggestion = slugify(&id.value);
            found
                .at(
                    file,
                    id,
                    msg(
                        format!(
                            "mã `{}` không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu `-`",
                            id.value
                        ),
                        format!(
                            "id `{}` is invalid: use lowercase ASCII letters, digits and `-`",
                            id.value
                        ),
                    ),
                )
                .help(msg(
                    format!("ví dụ: `{suggestion}`"),
                    format!("for example `{suggestion}`"),
                ));
        }
    }
}

pub(super) fn ids_are_unique(ctx: &Ctx, found: &mut Found) {
    for (file, ids) in files(ctx) {
        let mut seen: HashMap<&str, &Spanned<String>> = HashMap::new();
        for id in ids {
            let Some(first) = seen.get(id.value.as_str()) else {
                seen.insert(&id.value, id);
                continue;
            };
            let line = ctx.line_of(file, *first);
            found
                .at(
                    file,
                    id,
                    msg(
                        format!("mã `{}` đã dùng ở dòng {line}", id.value),
                        format!("id `{}` is already used on line {line}", id.value),
                    ),
                )
                .help(msg(
                    "mỗi mục cần một mã riêng",
                    "every entry needs its own id",
                ));
        }
    }
}

pub(super) fn unit_ids_are_unique(ctx: &Ctx, found: &mut Found) {
    let mut first_file: HashMap<&str, FileId> = HashMap::new();
    for u in ctx.units() {
        let id = &u.value.id;
        let Some(other) = first_file.insert(&id.value, u.file) else {
            continue;
        };
        let name = ctx.sources.name(other);
        found
            .at(
                u.file,
                id,
                msg(
                    format!("mã đơn vị `{}` đã dùng trong {name}", id.value),
                    format!("unit id `{}` is already used in {name}", id.value),
                ),
            )
            .help(msg(
                "mỗi đơn vị một tệp, một mã riêng",
                "one file and one id per unit",
            ));
    }
}
