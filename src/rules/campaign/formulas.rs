//! The score table's formulas (TD0118): each reads, names only figures of
//! its group (and `score` in a criterion's points), and a check compares.
//! The error points at the faulty part of the formula.

use std::collections::HashSet;

use serde_saphyr::Spanned;

use crate::diag::Text;
use crate::model::scoring::{Group, ScoreCriterion, Scoring};
use crate::rules::{Ctx, Found, msg};
use crate::scoring::formula::{ErrorKind, Expr, FormulaError};
use crate::source::FileId;

/// Where a formula stands and what it may name.
struct Place<'a> {
    formula: &'a Spanned<String>,
    group: &'a Group,
    /// `score` may be named (a criterion's points).
    score: bool,
    /// It must compare (a check).
    condition: bool,
}

fn places(s: &Scoring) -> Vec<Place<'_>> {
    let mut out = Vec::new();
    let mut add = |formula, group, score, condition| {
        out.push(Place {
            formula,
            group,
            score,
            condition,
        })
    };
    for g in &s.groups {
        for c in g.criteria.iter().flat_map(ScoreCriterion::walk) {
            if let Some(p) = &c.points {
                add(p, g, true, false);
            }
            if let Some(b) = &c.brackets {
                add(&b.of, g, false, false);
            }
        }
        for check in &g.checks {
            add(&check.rule, g, false, true);
        }
        if let Some(by) = &g.ranking.by {
            add(by, g, false, false);
        }
        for t in &g.ranking.tie_breakers {
            add(&t.value, g, false, false);
        }
        for t in s.targets_of(g) {
            add(&t.value, g, false, false);
        }
    }
    out
}

pub(crate) fn formulas_are_sound(ctx: &Ctx, found: &mut Found) {
    let Some(cf) = ctx.campaign_file() else {
        return;
    };
    let Some(s) = &cf.value.scoring else {
        return;
    };
    let mut seen = HashSet::new();
    for p in places(s) {
        let text = &p.formula.value;
        let expr = match Expr::parse(text) {
            Ok(e) => e,
            Err(e) => {
                if seen.insert(p.formula as *const _) {
                    unreadable(found, cf.file, p.formula, &e);
                }
                continue;
            }
        };
        let figures: Vec<&str> = p
            .group
            .figures
            .iter()
            .map(|f| f.id.value.as_str())
            .collect();
        for (name, at) in expr.names() {
            if figures.contains(&name) || (p.score && name == "score") {
                continue;
            }
            found
                .within(
                    cf.file,
                    p.formula,
                    at,
                    msg(
                        format!(
                            "công thức `{text}` dùng `{name}`, không phải số liệu của nhóm `{}`",
                            p.group.id.value
                        ),
                        format!(
                            "formula `{text}` uses `{name}`, which is not a figure of group `{}`",
                            p.group.id.value
                        ),
                    ),
                )
                .suggest(
                    name,
                    figures.iter().copied().chain(p.score.then_some("score")),
                );
        }
        if p.condition && !expr.is_condition() {
            found
                .at(
                    cf.file,
                    p.formula,
                    msg(
                        format!("điều kiện `{text}` không so sánh: viết dạng `b <= a`"),
                        format!("check `{text}` compares nothing: write it as `b <= a`"),
                    ),
                )
                .help(msg(
                    "phép so sánh: >=, >, <=, <, ==",
                    "comparisons: >=, >, <=, <, ==",
                ));
        }
    }
}

fn unreadable(found: &mut Found, file: FileId, formula: &Spanned<String>, e: &FormulaError) {
    let text = &formula.value;
    let (vi, en) = match &e.kind {
        ErrorKind::Unexpected(t) => (format!("không hiểu `{t}`"), format!("unexpected `{t}`")),
        ErrorKind::UnexpectedEnd => (
            "thiếu phần sau".to_string(),
            "it ends too early".to_string(),
        ),
        ErrorKind::UnknownFunction(f) => (
            format!("không có hàm `{f}` (chỉ có min, max)"),
            format!("there is no function `{f}` (only min, max)"),
        ),
        ErrorKind::TooDeep => (
            "lồng ngoặc quá sâu".to_string(),
            "nested too deep".to_string(),
        ),
        ErrorKind::UnknownName(n) => (format!("không có `{n}`"), format!("no `{n}`")),
        ErrorKind::DivisionByZero(d) => (
            format!("chia cho 0 (`{d}`)"),
            format!("division by zero (`{d}`)"),
        ),
        ErrorKind::Overflow => ("số quá lớn".to_string(), "number too large".to_string()),
    };
    found
        .within(
            file,
            formula,
            e.at.clone(),
            msg(
                format!("không đọc được công thức `{text}`: {vi}"),
                format!("cannot read formula `{text}`: {en}"),
            ),
        )
        .help(formula_help());
}

fn formula_help() -> Text {
    msg(
        "công thức gồm số (0.4), mã số liệu, + - * /, ngoặc (), so sánh >= > <= < ==, min(…), max(…); ví dụ `mo_moi / tong_so * score`",
        "a formula has numbers (0.4), figure ids, + - * /, parentheses, comparisons >= > <= < ==, min(…), max(…); e.g. `mo_moi / tong_so * score`",
    )
}
