//! Individual nominees (rule 11): a well-formed CCCD that matches the
//! person's gender and birth year, one nomination per person across every
//! unit, nobody disciplined or under investigation, nobody signing for
//! themselves (TD0239).

use std::collections::HashMap;

use crate::model::unit::{Discipline, Gender, Person};
use crate::rules::{Ctx, Found, msg};
use crate::source::FileId;

/// Every individual nominee of every unit, with the unit's file.
fn people<'a>(ctx: &Ctx<'a>) -> impl Iterator<Item = (FileId, &'a Person)> + use<'a> {
    ctx.units().flat_map(|u| {
        u.value
            .nominations
            .iter()
            .filter_map(move |n| n.person.as_ref().map(|p| (u.file, p)))
    })
}

pub(crate) fn cccd_is_well_formed(ctx: &Ctx, found: &mut Found) {
    for (file, p) in people(ctx).filter(|(_, p)| {
        !(p.cccd.value.len() == 12 && p.cccd.value.bytes().all(|b| b.is_ascii_digit()))
    }) {
        let chars = p.cccd.value.chars().count();
        let others = p.cccd.value.chars().filter(|c| !c.is_ascii_digit()).count();
        let (vi, en) = if others > 0 {
            (
                format!("có {others} ký tự không phải chữ số"),
                format!("{others} characters are not digits"),
            )
        } else {
            (
                format!("đang có {chars} chữ số"),
                format!("found {chars} digits"),
            )
        };
        found
            .at(
                file,
                &p.cccd,
                msg(
                    format!(
                        "số CCCD `{}` phải gồm đúng 12 chữ số, viết liền ({vi})",
                        p.cccd.value
                    ),
                    format!(
                        "CCCD `{}` must be exactly 12 digits, written together ({en})",
                        p.cccd.value
                    ),
                ),
            )
            .help(msg(
                "ghi 12 chữ số liền nhau, trong dấu nháy: `cccd: \"020190001234\"`",
                "write the 12 digits together, quoted: `cccd: \"020190001234\"`",
            ));
    }
}

/// The gender and birth year a 12-digit CCCD encodes: digit 4 codes century
/// and gender (0/1 = 1900s male/female, 2/3 = 2000s …), digits 5–6 the year.
fn encoded(cccd: &str) -> Option<(Gender, i32)> {
    let digits: Vec<u32> = cccd.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 12 || cccd.len() != 12 {
        return None;
    }
    let code = digits[3];
    let century = 1900 + 100 * (code / 2) as i32;
    let gender = if code.is_multiple_of(2) {
        Gender::Male
    } else {
        Gender::Female
    };
    Some((gender, century + (digits[4] * 10 + digits[5]) as i32))
}

pub(crate) fn cccd_matches_person(ctx: &Ctx, found: &mut Found) {
    for (file, p) in people(ctx) {
        birth_date_matches_year(found, file, p);
        let Some((gender, year)) = encoded(&p.cccd.value) else {
            continue;
        };
        if gender == p.gender.value && year == p.birth_year.value {
            continue;
        }
        let gender_vi = if gender == Gender::Male {
            "nam"
        } else {
            "nữ"
        };
        found
            .at(
                file,
                &p.cccd,
                msg(
                    format!(
                        "số CCCD `{}` là của người {gender_vi} sinh năm {year}, khác hồ sơ ({}, {})",
                        p.cccd.value,
                        if p.gender.value == Gender::Male { "nam" } else { "nữ" },
                        p.birth_year.value
                    ),
                    format!(
                        "CCCD `{}` belongs to a {} born in {year}, unlike the record",
                        p.cccd.value,
                        if gender == Gender::Male { "man" } else { "woman" }
                    ),
                ),
            )
            .help(msg(
                "kiểm tra lại số CCCD, giới tính và năm sinh",
                "check the CCCD, gender and birth year",
            ));
    }
}

pub(crate) fn person_once(ctx: &Ctx, found: &mut Found) {
    let mut first: HashMap<&str, (FileId, &Person)> = HashMap::new();
    for (file, p) in people(ctx) {
        let Some((other_file, other)) = first.get(p.cccd.value.as_str()) else {
            first.insert(&p.cccd.value, (file, p));
            continue;
        };
        let place = format!(
            "{}:{}",
            ctx.sources.name(*other_file),
            ctx.line_of(*other_file, &other.cccd)
        );
        let same = other.full_name.trim().to_lowercase() == p.full_name.trim().to_lowercase();
        let (message, help) = if same {
            (
                msg(
                    format!(
                        "{} (CCCD {}) đã được đề nghị ở {place}",
                        p.full_name, p.cccd.value
                    ),
                    format!(
                        "{} (CCCD {}) is already nominated at {place}",
                        p.full_name, p.cccd.value
                    ),
                ),
                msg(
                    "mỗi người chỉ được đề nghị một lần",
                    "a person is nominated once",
                ),
            )
        } else {
            // Two names, one number: a typo in one of them, or one person twice.
            (
                msg(
                    format!(
                        "CCCD {} của {} trùng với CCCD của {} ở {place}",
                        p.cccd.value, p.full_name, other.full_name
                    ),
                    format!(
                        "CCCD {} of {} is also {}'s, at {place}",
                        p.cccd.value, p.full_name, other.full_name
                    ),
                ),
                msg(
                    "một trong hai số CCCD ghi sai (sửa lại), hoặc đó là một người được đề nghị hai lần (bỏ một đề nghị)",
                    "one of the two numbers is wrong (correct it), or it is one person nominated twice (drop one)",
                ),
            )
        };
        found.at(file, &p.cccd, message).help(help);
    }
}

pub(crate) fn nominee_not_disciplined(ctx: &Ctx, found: &mut Found) {
    for (file, p) in people(ctx).filter(|(_, p)| p.discipline.value != Discipline::None) {
        found
            .at(
                file,
                &p.discipline,
                msg(
                    format!(
                        "{} đang bị kỷ luật hoặc xem xét, điều tra: không được đề nghị khen thưởng",
                        p.full_name
                    ),
                    format!(
                        "{} is disciplined or under investigation and may not be nominated",
                        p.full_name
                    ),
                ),
            )
            .help(msg(
                "rút đề nghị này khỏi hồ sơ",
                "withdraw this nomination",
            ));
    }
}

/// The full date of birth, where given, falls in the birth year.
fn birth_date_matches_year(
    found: &mut Found,
    file: crate::source::FileId,
    p: &crate::model::unit::Person,
) {
    use chrono::Datelike;
    let Some(date) = &p.birth_date else {
        return;
    };
    let year = date.value.0.year();
    if year != p.birth_year.value {
        found
            .at(
                file,
                date,
                msg(
                    format!(
                        "ngày sinh {} không thuộc năm sinh {}",
                        date.value.0.format("%d/%m/%Y"),
                        p.birth_year.value
                    ),
                    format!(
                        "birth date {} is not in the birth year {}",
                        date.value.0, p.birth_year.value
                    ),
                ),
            )
            .help(msg(
                "sửa `birth_date` hoặc `birth_year`",
                "fix `birth_date` or `birth_year`",
            ));
    }
}

/// A nominee who signs the unit's documents would propose herself and
/// certify her own report (TD0239): someone else signs them.
pub(crate) fn nominee_does_not_sign_for_herself(ctx: &Ctx, found: &mut Found) {
    for u in ctx.units() {
        let signer = u.value.signer.name.trim().to_lowercase();
        let own = u.value.nominations.iter().filter(|n| {
            n.person
                .as_ref()
                .is_some_and(|p| p.full_name.trim().to_lowercase() == signer)
        });
        for n in own {
            found
                .at(u.file, &n.id, msg(
                    format!("{} ký văn bản của đơn vị (`signer`) và là người được đề nghị `{}`: tự ký tờ trình đề nghị và xác nhận báo cáo thành tích của chính mình", u.value.signer.name, n.id.value),
                    format!("{} signs the unit's documents (`signer`) and is nominee `{}`: they would sign their own proposal and certify their own report", u.value.signer.name, n.id.value),
                ))
                .help(msg(
                    "để người khác ký (cấp trưởng hoặc cấp phó được giao): sửa `signer` của đơn vị",
                    "have someone else sign (the head or a deputy charged with it): change the unit's `signer`",
                ));
        }
    }
}
