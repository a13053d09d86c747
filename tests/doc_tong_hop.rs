//! The Sở Nội vụ's statistics report on its appraisal: counts per unit, per
//! award, per subject type and the shares of individuals, all computed here
//! from the parsed inputs; a bar chart drawn in Typst whose bars (thick
//! rules) are proportional to the counts and stay inside the text width; and
//! its Nghị định 30 layout.

mod common;

use std::path::Path;

use common::layout::*;
use common::*;
use thidua::jobs::lists::counted;
use thidua::model::Workspace;
use thidua::model::appraisal::Outcome;
use thidua::model::campaign::AwardLevel;
use thidua::model::unit::{Nomination, SubjectType, Unit};
use thidua::notation::{long_date, lowercase_first, two_digits};
use thidua::typeset::inspect::{Placed, PlacedRule, compact};

const STEM: &str = "lang-son/tham-dinh/tong-hop";

fn d2(n: usize) -> String {
    two_digits(n as u64)
}

/// One unit's counts, computed from the inputs.
struct UnitCounts<'a> {
    unit: &'a Unit,
    collectives: usize,
    individuals: usize,
    passed: usize,
    failed: usize,
    provincial: usize,
    national: usize,
}

struct Facts<'a> {
    pool: Vec<(&'a Unit, &'a Nomination)>,
    passed: Vec<(&'a Unit, &'a Nomination)>,
    per_unit: Vec<UnitCounts<'a>>,
}

fn facts(ws: &Workspace) -> Facts<'_> {
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let award = campaign
        .awards
        .iter()
        .find(|a| a.level == AwardLevel::Province)
        .unwrap();
    let pool: Vec<(&Unit, &Nomination)> = ws
        .units
        .iter()
        .flat_map(|u| u.value.nominations.iter().map(move |n| (&u.value, n)))
        .filter(|(_, n)| n.award.value == award.id.value)
        .collect();
    let passes = |u: &Unit, n: &Nomination| {
        ap.verdict(&u.id.value, &n.id.value).unwrap().result.value == Outcome::Passed
    };
    let passed: Vec<_> = pool.iter().copied().filter(|(u, n)| passes(u, n)).collect();
    let per_unit = ws
        .units
        .iter()
        .map(|u| &u.value)
        .filter(|u| pool.iter().any(|(x, _)| x.id.value == u.id.value))
        .map(|unit| {
            let mine: Vec<_> = pool
                .iter()
                .copied()
                .filter(|(x, _)| x.id.value == unit.id.value)
                .collect();
            let subject = |s| mine.iter().filter(|(_, n)| n.subject() == Some(s)).count();
            let passed: Vec<_> = mine.iter().copied().filter(|(u, n)| passes(u, n)).collect();
            let up = passed
                .iter()
                .filter(|(u, n)| ap.selected_upward(&u.id.value, &n.id.value))
                .count();
            UnitCounts {
                unit,
                collectives: subject(SubjectType::Collective),
                individuals: subject(SubjectType::Individual),
                passed: passed.len(),
                failed: mine.len() - passed.len(),
                provincial: passed.len() - up,
                national: up,
            }
        })
        .collect();
    Facts {
        pool,
        passed,
        per_unit,
    }
}

fn report(root: &Path) -> Placed {
    let (rendered, placed) = laid_out_stem(root, STEM);
    assert_eq!(rendered.doc.stem, STEM);
    placed
}

#[test]
fn report_counts_per_unit_award_and_subject_from_the_inputs() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let campaign = &ws.campaign.as_ref().unwrap().value;
    let ap = &ws.appraisal.as_ref().unwrap().value;
    let f = facts(&ws);
    let placed = report(root.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));

    assert!(has(&format!(
        "BÁO CÁO Tổng hợp kết quả thẩm định hồ sơ đề nghị khen thưởng {}",
        campaign.name
    )));

    // Every provincial nomination in the unit files is counted, once.
    let in_files: usize = ws
        .units
        .iter()
        .map(|u| {
            u.value
                .nominations
                .iter()
                .filter(|n| n.award.value == "bang-khen-chu-tich-tinh")
                .count()
        })
        .sum();
    assert_eq!(f.pool.len(), in_files);
    let (c, i) = f
        .per_unit
        .iter()
        .fold((0, 0), |(c, i), u| (c + u.collectives, i + u.individuals));
    assert_eq!(c + i, in_files);
    assert!(has(&format!(
        "tiếp nhận hồ sơ đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh của {} cơ quan, đơn vị với tổng số {} ({} trường hợp)",
        d2(f.per_unit.len()),
        counted(c, i),
        d2(in_files)
    )));

    // Table 1: per unit, cell after cell, and the totals row.
    // Spanning cells are drawn apart from the others: checked on their own.
    for group in ["Hồ sơ đề nghị", "Kết quả thẩm định", "Đề nghị khen thưởng"]
    {
        assert!(has(group), "{group}");
    }
    assert!(has(
        "TT Cơ quan, đơn vị Tập thể Cá nhân Đạt Không đạt Cấp tỉnh Cấp Nhà nước"
    ));
    for (k, u) in f.per_unit.iter().enumerate() {
        let row = format!(
            "{}{}{}{}{}{}{}{}",
            k + 1,
            u.unit.name,
            d2(u.collectives),
            d2(u.individuals),
            d2(u.passed),
            d2(u.failed),
            d2(u.provincial),
            d2(u.national)
        );
        assert!(has(&row), "row of {}: {row}", u.unit.name);
    }
    let sum = |g: fn(&UnitCounts) -> usize| f.per_unit.iter().map(g).sum::<usize>();
    let totals = format!(
        "Tổng cộng{}{}{}{}{}{}",
        d2(sum(|u| u.collectives)),
        d2(sum(|u| u.individuals)),
        d2(sum(|u| u.passed)),
        d2(sum(|u| u.failed)),
        d2(sum(|u| u.provincial)),
        d2(sum(|u| u.national))
    );
    assert!(has(&totals), "{totals}");
    assert_eq!(sum(|u| u.passed), f.passed.len());

    // The failed nominee and the reason.
    for (u, n) in &f.pool {
        let v = ap.verdict(&u.id.value, &n.id.value).unwrap();
        if v.result.value == Outcome::Failed {
            assert!(has(&format!(
                "+ {} ({}): {}.",
                n.nominee_name(),
                u.name,
                lowercase_first(v.reason.as_deref().unwrap())
            )));
        }
    }

    // Table 2: per award; the national ones from the selections.
    let subject_of = |list: &[&Nomination], s: SubjectType| {
        list.iter().filter(|n| n.subject() == Some(s)).count()
    };
    let provincial: Vec<&Nomination> = f
        .passed
        .iter()
        .filter(|(u, n)| !ap.selected_upward(&u.id.value, &n.id.value))
        .map(|(_, n)| *n)
        .collect();
    let mut rows = vec![("Bằng khen của Chủ tịch UBND tỉnh".to_string(), provincial)];
    for s in &ap.national {
        let chosen: Vec<&Nomination> = s
            .nominees
            .iter()
            .map(|r| {
                ws.unit(&r.unit.value)
                    .unwrap()
                    .value
                    .nominations
                    .iter()
                    .find(|n| n.id.value == r.nomination.value)
                    .unwrap()
            })
            .collect();
        rows.push((campaign.award(&s.award.value).unwrap().name.clone(), chosen));
    }
    let (mut tc, mut ti) = (0, 0);
    for (k, (name, list)) in rows.iter().enumerate() {
        let (c, i) = (
            subject_of(list, SubjectType::Collective),
            subject_of(list, SubjectType::Individual),
        );
        tc += c;
        ti += i;
        let row = format!("{}{name}{}{}{}", k + 1, d2(c), d2(i), d2(c + i));
        assert!(has(&row), "{row}");
    }
    assert!(has(&format!(
        "Tổng cộng{}{}{}",
        d2(tc),
        d2(ti),
        d2(tc + ti)
    )));
    assert_eq!(
        tc + ti,
        f.passed.len(),
        "every passed nominee has one award"
    );

    // Table 3: per subject type, provincial | national | total.
    let (pc, pi) = (
        subject_of(&rows[0].1, SubjectType::Collective),
        subject_of(&rows[0].1, SubjectType::Individual),
    );
    assert!(has(&format!("1Tập thể{}{}{}", d2(pc), d2(tc - pc), d2(tc))));
    assert!(has(&format!("2Cá nhân{}{}{}", d2(pi), d2(ti - pi), d2(ti))));

    // Table 4: shares of the passed individuals; no target in the campaign.
    let persons: Vec<_> = f
        .passed
        .iter()
        .filter_map(|(_, n)| n.person.as_ref())
        .collect();
    let non_leaders = persons.iter().filter(|p| !p.leader).count();
    let direct = persons.iter().filter(|p| p.direct_worker).count();
    let pct = |n: usize| {
        let s = format!("{:.2}", 100.0 * n as f64 / persons.len() as f64);
        format!("{}%", s.strip_suffix(".00").unwrap_or(&s).replace('.', ","))
    };
    assert!(has(&format!(
        "1Cá nhân không giữ chức vụ lãnh đạo, quản lý{}/{}{}Không quy định-",
        d2(non_leaders),
        d2(persons.len()),
        pct(non_leaders)
    )));
    assert!(has(&format!(
        "2Cá nhân trực tiếp lao động, công tác{}/{}{}Không quy định-",
        d2(direct),
        d2(persons.len()),
        pct(direct)
    )));
    assert!(has(
        "không quy định chỉ tiêu về cơ cấu cá nhân được khen thưởng"
    ));

    let date = long_date(&ap.submission.date.value);
    let date = &date[date.find("tháng").unwrap()..];
    assert_nd30(
        &placed,
        &Expect {
            issuing: "SỞ NỘI VỤ",
            number: "/BC-SNV",
            date,
            kind: "BÁO CÁO",
            recipient_lines: &["- UBND tỉnh (b/c);", "- Lưu: VT, TĐKT."],
            authority: "GIÁM ĐỐC",
            signer: "Lý Văn Thắng",
        },
    );
}

/// The chart's bars: rules on the caption's page between the caption and the
/// legend, top to bottom.
fn bars(placed: &Placed) -> Vec<&PlacedRule> {
    let caption = placed
        .texts
        .iter()
        .find(|t| t.text.starts_with("Biểu đồ"))
        .expect("the chart's caption");
    let legend = placed
        .texts
        .iter()
        .find(|t| t.page == caption.page && t.y > caption.y && t.text == "Số trường hợp đề nghị")
        .expect("the legend under the chart");
    // The legend's swatches sit on the legend's line: a bar ends well above it.
    let mut bars: Vec<&PlacedRule> = placed
        .rules
        .iter()
        .filter(|r| r.page == caption.page && r.y > caption.y && r.y < legend.y - 8.0)
        .collect();
    bars.sort_by(|a, b| a.y.total_cmp(&b.y));
    bars
}

#[test]
fn bar_chart_draws_received_and_passed_per_unit_to_scale() {
    let root = reference_copy();
    let ws = loaded_workspace(root.path());
    let f = facts(&ws);
    let placed = report(root.path());
    let bars = bars(&placed);
    assert_eq!(bars.len(), 2 * f.per_unit.len(), "{bars:#?}");

    let caption = placed
        .texts
        .iter()
        .find(|t| t.text.starts_with("Biểu đồ"))
        .unwrap();
    let start = bars[0].x;
    let mut scale: Option<f64> = None;
    for (k, u) in f.per_unit.iter().enumerate() {
        let received = u.collectives + u.individuals;
        let (r, p) = (bars[2 * k], bars[2 * k + 1]);
        for (bar, count) in [(r, received), (p, u.passed)] {
            assert!((bar.x - start).abs() < 0.5, "bars start together");
            assert!(
                bar.x + bar.length <= 195.0 * MM,
                "bar inside the text width"
            );
            // Proportional: one length per nomination.
            let per = bar.length / count as f64;
            match scale {
                None => scale = Some(per),
                Some(s) => assert!((per - s).abs() < 0.5, "{} : {per} vs {s}", u.unit.name),
            }
            // Its number just right of its end, on its line.
            let end = bar.x + bar.length;
            assert!(
                placed.texts.iter().any(|t| t.page == bar.page
                    && t.text == count.to_string()
                    && t.x > end
                    && t.x - end < 3.0 * MM
                    && (t.y - bar.y).abs() < 8.0),
                "number {count} at the end of a bar of {}",
                u.unit.name
            );
        }
        assert!(r.y < p.y, "received above passed");
        // The unit's name, left of its bars, level with them.
        let name = placed
            .texts
            .iter()
            .find(|t| t.page == caption.page && t.y > caption.y && u.unit.name.starts_with(&t.text))
            .unwrap_or_else(|| panic!("label {}", u.unit.name));
        assert!(name.x + name.width < start, "label left of the bars");
        assert!(
            name.y > r.y - 10.0 && name.y < p.y + 10.0,
            "label level with its bars"
        );
    }
    // Longer bars for larger counts, and the largest fills the room.
    let received: Vec<(usize, f64)> = f
        .per_unit
        .iter()
        .enumerate()
        .map(|(k, u)| (u.collectives + u.individuals, bars[2 * k].length))
        .collect();
    for a in &received {
        for b in &received {
            if a.0 > b.0 {
                assert!(a.1 > b.1, "{} > {} drawn longer", a.0, b.0);
            }
        }
    }
    let longest = bars.iter().map(|b| b.x + b.length).fold(0.0, f64::max);
    assert!(
        longest > 170.0 * MM,
        "the longest bar uses the width: {}",
        longest / MM
    );
    assert!(has(&placed, "Số trường hợp đạt thẩm định"), "legend");
}

#[test]
fn shares_are_judged_against_the_campaign_targets() {
    let root = reference_copy();
    let path = root.path().join("inputs/campaign.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let anchor = "\n# Căn cứ pháp lý";
    assert!(text.contains(anchor));
    let edited = text.replacen(
        anchor,
        "\ntargets:\n  non_leader_share: 50\n  direct_worker_share: 90.5\n\n# Căn cứ pháp lý",
        1,
    );
    std::fs::write(&path, edited).unwrap();
    let ws = loaded_workspace(root.path());
    let f = facts(&ws);
    let persons: Vec<_> = f
        .passed
        .iter()
        .filter_map(|(_, n)| n.person.as_ref())
        .collect();
    let share = |n: usize| 100.0 * n as f64 / persons.len() as f64;
    let non_leaders = share(persons.iter().filter(|p| !p.leader).count());
    let direct = share(persons.iter().filter(|p| p.direct_worker).count());

    let placed = report(root.path());
    let text = placed.compact_text();
    let has = |s: &str| text.contains(&compact(s));
    let verdict = |got: f64, target: f64| {
        if got >= target {
            "Đạt"
        } else {
            "Chưa đạt"
        }
    };
    assert!(has(&format!("50%{}", verdict(non_leaders, 50.0))), "{text}");
    assert!(has(&format!("90,5%{}", verdict(direct, 90.5))));
    assert!(!has("Không quy định"));
    assert!(!has("không quy định chỉ tiêu"));
}

#[test]
fn the_report_is_archived_as_the_submission_unless_it_says_otherwise() {
    let root = reference_copy();
    let path = root.path().join("inputs/appraisal.yaml");
    edit_file(&path, |yaml| {
        let line = "  archive: VT, TĐKT ";
        assert_eq!(yaml.matches(line).count(), 1);
        yaml.replacen(line, "  archive: VT, CCVC ", 1)
    });
    assert!(has(&report(root.path()), "- Lưu: VT, CCVC."));

    // Its own line, beside the statistics report's number.
    edit_file(&path, |yaml| {
        format!("{yaml}\nstatistics: {{ number: 7, archive: \"VT, TĐKT\" }}\n")
    });
    let placed = report(root.path());
    assert!(has(&placed, "- Lưu: VT, TĐKT."));
    assert!(!has(&placed, "CCVC"));
}

#[test]
fn the_level_column_is_named_by_the_campaign_when_it_says() {
    let root = reference_copy();
    let placed = report(root.path());
    assert!(
        has(&placed, "Cấp tỉnh"),
        "by default, the short name less its leading symbol"
    );
    edit_file(&root.path().join("inputs/campaign.yaml"), |yaml| {
        let line = "  short_name: UBND tỉnh\n";
        assert_eq!(yaml.matches(line).count(), 1);
        yaml.replacen(line, &format!("{line}  level: Bộ\n"), 1)
    });
    let placed = report(root.path());
    assert!(has(&placed, "Cấp Bộ"));
    assert!(!has(&placed, "Cấp tỉnh"));

    // The level above: the Nhà nước's by default, a commune's province when it says.
    assert!(has(&placed, "Cấp Nhà nước"));
    edit_file(&root.path().join("inputs/campaign.yaml"), |yaml| {
        yaml.replacen("  level: Bộ\n", "  level: xã\n  upper_level: tỉnh\n", 1)
    });
    let placed = report(root.path());
    assert!(has(&placed, "Cấp xã") && has(&placed, "Cấp tỉnh"));
    assert!(!has(&placed, "Nhà nước"));
}

#[test]
fn the_report_goes_to_whom_it_says() {
    // By default the issuer; a division of the issuer reports to its head.
    let root = reference_copy();
    let placed = report(root.path());
    assert!(has(&placed, "báo cáo UBND tỉnh Lạng Sơn./."));
    edit_file(&root.path().join("inputs/appraisal.yaml"), |yaml| {
        format!("{yaml}\nstatistics: {{ to: Chủ tịch UBND tỉnh }}\n")
    });
    let placed = report(root.path());
    assert!(has(&placed, "báo cáo Chủ tịch UBND tỉnh./."));
    assert!(has(&placed, "- Chủ tịch UBND tỉnh (b/c);"));
}
