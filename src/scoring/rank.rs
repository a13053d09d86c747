//! A group's ranking: by the key (total score or the ranking formula), then
//! each tie-breaker in order among those still level, then the council's
//! recorded vote; a tie nothing breaks shares its rank ("1, 2, 2, 4").

use rust_decimal::Decimal;

/// One competitor's values, as [`super::compute`] gives them.
#[derive(Debug, Clone)]
pub struct Competitor<'a> {
    pub unit: &'a str,
    pub key: Decimal,
    pub tie_values: Vec<Decimal>,
}

/// The ranking: competitors in order with their ranks, and how each tie went.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// (index into the competitors, rank from 1), best first.
    pub order: Vec<(usize, usize)>,
    pub ties: Vec<Tie>,
}

/// Competitors level on the key, and how they were separated.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    pub key: Decimal,
    /// The tied competitors, in their final order.
    pub members: Vec<usize>,
    pub steps: Vec<TieStep>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TieStep {
    /// Tie-breaker `breaker` applied to `members` (still level before it), with their values.
    Breaker {
        breaker: usize,
        values: Vec<(usize, Decimal)>,
    },
    /// Still level after every tie-breaker: ordered by the council's vote.
    Vote { members: Vec<usize> },
    /// Still level and no vote recorded (or none allowed): the rank is shared.
    Unresolved { members: Vec<usize> },
}

/// Ranks `competitors`. `vote(members)` gives the recorded order of a tie
/// the tie-breakers leave (unit ids, first ranked first), if there is one.
pub fn rank<'a>(
    competitors: &[Competitor<'a>],
    vote: &dyn Fn(&[&'a str]) -> Option<Vec<&'a str>>,
) -> Ranking {
    let mut by_key: Vec<usize> = (0..competitors.len()).collect();
    // Stable on the unit id, so equal competitors list the same way on every machine.
    by_key.sort_by(|&a, &b| {
        let (x, y) = (&competitors[a], &competitors[b]);
        y.key.cmp(&x.key).then(x.unit.cmp(y.unit))
    });
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut ties = Vec::new();
    for level in by_key.chunk_by(|&a, &b| competitors[a].key == competitors[b].key) {
        if level.len() == 1 {
            blocks.push(level.to_vec());
            continue;
        }
        let mut steps = Vec::new();
        let before = blocks.len();
        separate(
            competitors,
            level.to_vec(),
            0,
            vote,
            &mut steps,
            &mut blocks,
        );
        ties.push(Tie {
            key: competitors[level[0]].key,
            members: blocks[before..].concat(),
            steps,
        });
    }
    let mut order = Vec::new();
    for block in blocks {
        let rank = order.len() + 1;
        order.extend(block.into_iter().map(|i| (i, rank)));
    }
    Ranking { order, ties }
}

/// Orders `members` (level so far) from tie-breaker `breaker` on, pushing
/// the blocks that result (a block of more than one shares its rank).
fn separate<'a>(
    competitors: &[Competitor<'a>],
    members: Vec<usize>,
    breaker: usize,
    vote: &dyn Fn(&[&'a str]) -> Option<Vec<&'a str>>,
    steps: &mut Vec<TieStep>,
    blocks: &mut Vec<Vec<usize>>,
) {
    if members.len() == 1 {
        blocks.push(members);
        return;
    }
    let value = |i: usize| competitors[i].tie_values.get(breaker).copied();
    if value(members[0]).is_none() {
        let ids: Vec<&str> = members.iter().map(|&i| competitors[i].unit).collect();
        match vote(&ids) {
            Some(voted) => {
                let ordered: Vec<usize> = voted
                    .iter()
                    .filter_map(|id| {
                        members
                            .iter()
                            .copied()
                            .find(|&i| competitors[i].unit == *id)
                    })
                    .collect();
                steps.push(TieStep::Vote {
                    members: ordered.clone(),
                });
                blocks.extend(ordered.into_iter().map(|i| vec![i]));
            }
            None => {
                steps.push(TieStep::Unresolved {
                    members: members.clone(),
                });
                blocks.push(members);
            }
        }
        return;
    }
    let mut sorted = members;
    sorted.sort_by_key(|&m| std::cmp::Reverse(value(m)));
    steps.push(TieStep::Breaker {
        breaker,
        values: sorted
            .iter()
            .map(|&i| (i, value(i).unwrap_or_default()))
            .collect(),
    });
    for level in sorted.chunk_by(|&a, &b| value(a) == value(b)) {
        separate(
            competitors,
            level.to_vec(),
            breaker + 1,
            vote,
            steps,
            blocks,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(unit: &'a str, key: i64, ties: &[i64]) -> Competitor<'a> {
        Competitor {
            unit,
            key: key.into(),
            tie_values: ties.iter().map(|&t| t.into()).collect(),
        }
    }

    fn names<'a>(cs: &[Competitor<'a>], r: &Ranking) -> Vec<(&'a str, usize)> {
        r.order
            .iter()
            .map(|&(i, rank)| (cs[i].unit, rank))
            .collect()
    }

    #[test]
    fn ties_go_to_the_first_breaker_that_separates_them_then_to_the_vote() {
        let cs = [
            c("a", 90, &[10, 5]),
            c("b", 95, &[1, 1]),
            c("c", 90, &[10, 7]),
            c("d", 80, &[3, 3]),
            c("e", 80, &[3, 3]),
            c("f", 80, &[3, 3]),
        ];
        let vote = |ids: &[&str]| (ids.len() == 3).then(|| vec!["f", "d", "e"]);
        let r = rank(&cs, &vote);
        assert_eq!(
            names(&cs, &r),
            [("b", 1), ("c", 2), ("a", 3), ("f", 4), ("d", 5), ("e", 6)]
        );
        assert_eq!(r.ties.len(), 2);
        // a and c are level on the first breaker; the second separates them.
        assert_eq!(r.ties[0].steps.len(), 2);
        assert!(matches!(
            r.ties[0].steps[1],
            TieStep::Breaker { breaker: 1, .. }
        ));
        assert!(
            matches!(r.ties[1].steps.last(), Some(TieStep::Vote { members }) if members == &[5, 3, 4])
        );
    }

    #[test]
    fn a_tie_nothing_breaks_shares_its_rank() {
        let cs = [c("a", 5, &[1]), c("b", 5, &[1]), c("c", 4, &[0])];
        let r = rank(&cs, &|_| None);
        assert_eq!(names(&cs, &r), [("a", 1), ("b", 1), ("c", 3)]);
        assert!(matches!(
            r.ties[0].steps.last(),
            Some(TieStep::Unresolved { .. })
        ));
    }
}
