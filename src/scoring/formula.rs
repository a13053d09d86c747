//! The score tables' formula language: numbers, named figures, `+ - * /`,
//! parentheses, comparisons (true is 1, false is 0) and `min`/`max`. Nothing
//! else: a formula reads figures and yields a number, it cannot run code.
//!
//! Arithmetic is decimal (`rust_decimal`), not binary floating point, so a
//! share of exactly 88 % is 88 and meets a bracket that starts at 88.

use std::collections::HashMap;
use std::ops::Range;

use rust_decimal::Decimal;

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(Decimal),
    /// A figure's id, with its place in the formula's text.
    Name(String, Range<usize>),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>, Range<usize>),
    /// `min(…)` or `max(…)`.
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Min,
    Max,
}

/// Why a formula cannot be read or computed, with the byte range in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaError {
    pub kind: ErrorKind,
    pub at: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// A character or word the language does not have.
    Unexpected(String),
    /// The formula stops where something must follow.
    UnexpectedEnd,
    UnknownFunction(String),
    UnknownName(String),
    /// A division whose divisor is zero; the divisor's text.
    DivisionByZero(String),
    Overflow,
    TooDeep,
}

/// Nesting deeper than this is refused: formulas are short, and the parser
/// must not overflow the stack on hostile input.
const MAX_DEPTH: usize = 64;

impl Expr {
    /// Reads `text`. Errors carry the byte range in `text`.
    pub fn parse(text: &str) -> Result<Expr, FormulaError> {
        let tokens = lex(text)?;
        let mut p = Parser {
            text,
            tokens,
            pos: 0,
            depth: 0,
        };
        let e = p.comparison()?;
        match p.peek() {
            None => Ok(e),
            Some(t) => Err(p.unexpected(t)),
        }
    }

    /// Every figure the formula names, with its place, in order of reading.
    pub fn names(&self) -> Vec<(&str, Range<usize>)> {
        let mut out = Vec::new();
        self.collect_names(&mut out);
        out
    }

    fn collect_names<'a>(&'a self, out: &mut Vec<(&'a str, Range<usize>)>) {
        match self {
            Expr::Number(_) => {}
            Expr::Name(n, at) => out.push((n, at.clone())),
            Expr::Neg(e) => e.collect_names(out),
            Expr::Binary(_, a, b, _) => {
                a.collect_names(out);
                b.collect_names(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_names(out)),
        }
    }

    /// The value with `values` bound to the names. `text` is the formula's
    /// text, quoted in a division-by-zero error.
    pub fn eval(
        &self,
        text: &str,
        values: &HashMap<&str, Decimal>,
    ) -> Result<Decimal, FormulaError> {
        let overflow = |at: &Range<usize>| FormulaError {
            kind: ErrorKind::Overflow,
            at: at.clone(),
        };
        match self {
            Expr::Number(n) => Ok(*n),
            Expr::Name(n, at) => values.get(n.as_str()).copied().ok_or(FormulaError {
                kind: ErrorKind::UnknownName(n.clone()),
                at: at.clone(),
            }),
            Expr::Neg(e) => Ok(-e.eval(text, values)?),
            Expr::Call(f, args) => {
                let mut out: Option<Decimal> = None;
                for a in args {
                    let v = a.eval(text, values)?;
                    out = Some(match (out, f) {
                        (None, _) => v,
                        (Some(o), Func::Min) => o.min(v),
                        (Some(o), Func::Max) => o.max(v),
                    });
                }
                Ok(out.unwrap_or_default())
            }
            Expr::Binary(op, a, b, at) => {
                let (x, y) = (a.eval(text, values)?, b.eval(text, values)?);
                let truth = |t: bool| Ok(if t { Decimal::ONE } else { Decimal::ZERO });
                match op {
                    Op::Add => x.checked_add(y).ok_or_else(|| overflow(at)),
                    Op::Sub => x.checked_sub(y).ok_or_else(|| overflow(at)),
                    Op::Mul => x.checked_mul(y).ok_or_else(|| overflow(at)),
                    Op::Div if y.is_zero() => {
                        let divisor = b.span();
                        Err(FormulaError {
                            kind: ErrorKind::DivisionByZero(
                                text.get(divisor.clone()).unwrap_or("").trim().to_string(),
                            ),
                            at: divisor,
                        })
                    }
                    Op::Div => x.checked_div(y).ok_or_else(|| overflow(at)),
                    Op::Ge => truth(x >= y),
                    Op::Gt => truth(x > y),
                    Op::Le => truth(x <= y),
                    Op::Lt => truth(x < y),
                    Op::Eq => truth(x == y),
                }
            }
        }
    }

    /// The byte range the expression covers (numbers and calls: their first name's, or empty).
    fn span(&self) -> Range<usize> {
        match self {
            Expr::Name(_, at) | Expr::Binary(_, _, _, at) => at.clone(),
            Expr::Neg(e) => e.span(),
            Expr::Number(_) | Expr::Call(..) => self.names().first().map_or(0..0, |n| n.1.clone()),
        }
    }

    /// True when the formula compares (its value is 1 or 0).
    pub fn is_condition(&self) -> bool {
        matches!(
            self,
            Expr::Binary(Op::Ge | Op::Gt | Op::Le | Op::Lt | Op::Eq, ..)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(Decimal),
    Ident(String),
    Sym(&'static str),
}

fn lex(text: &str) -> Result<Vec<(Tok, Range<usize>)>, FormulaError> {
    const SYMBOLS: [&str; 12] = [
        ">=", "<=", "==", "+", "-", "*", "/", "(", ")", ",", ">", "<",
    ];
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
        } else if c.is_ascii_digit() {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
                .unwrap_or(rest.len());
            let n = rest[..len].parse::<Decimal>().map_err(|_| FormulaError {
                kind: ErrorKind::Unexpected(rest[..len].to_string()),
                at: i..i + len,
            })?;
            out.push((Tok::Num(n), i..i + len));
            i += len;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let len = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .unwrap_or(rest.len());
            out.push((Tok::Ident(rest[..len].to_string()), i..i + len));
            i += len;
        } else if let Some(s) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            out.push((Tok::Sym(s), i..i + s.len()));
            i += s.len();
        } else {
            let len = c.len_utf8();
            return Err(FormulaError {
                kind: ErrorKind::Unexpected(c.to_string()),
                at: i..i + len,
            });
        }
    }
    Ok(out)
}

struct Parser<'a> {
    text: &'a str,
    tokens: Vec<(Tok, Range<usize>)>,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&(Tok, Range<usize>)> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Result<(Tok, Range<usize>), FormulaError> {
        let t = self.tokens.get(self.pos).cloned().ok_or(FormulaError {
            kind: ErrorKind::UnexpectedEnd,
            at: self.text.len()..self.text.len(),
        })?;
        self.pos += 1;
        Ok(t)
    }

    fn unexpected(&self, t: &(Tok, Range<usize>)) -> FormulaError {
        FormulaError {
            kind: ErrorKind::Unexpected(self.text[t.1.clone()].to_string()),
            at: t.1.clone(),
        }
    }

    fn eat(&mut self, symbols: &[&'static str]) -> Option<(&'static str, Range<usize>)> {
        match self.peek() {
            Some((Tok::Sym(s), at)) if symbols.contains(s) => {
                let found = (*s, at.clone());
                self.pos += 1;
                Some(found)
            }
            _ => None,
        }
    }

    fn comparison(&mut self) -> Result<Expr, FormulaError> {
        let left = self.sum()?;
        let Some((s, _)) = self.eat(&[">=", ">", "<=", "<", "=="]) else {
            return Ok(left);
        };
        let right = self.sum()?;
        let op = match s {
            ">=" => Op::Ge,
            ">" => Op::Gt,
            "<=" => Op::Le,
            "<" => Op::Lt,
            _ => Op::Eq,
        };
        let at = join(&left.span(), &right.span());
        Ok(Expr::Binary(op, Box::new(left), Box::new(right), at))
    }

    fn sum(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.product()?;
        while let Some((s, _)) = self.eat(&["+", "-"]) {
            let right = self.product()?;
            let op = if s == "+" { Op::Add } else { Op::Sub };
            let at = join(&left.span(), &right.span());
            left = Expr::Binary(op, Box::new(left), Box::new(right), at);
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        while let Some((s, _)) = self.eat(&["*", "/"]) {
            let right = self.unary()?;
            let op = if s == "*" { Op::Mul } else { Op::Div };
            let at = join(&left.span(), &right.span());
            left = Expr::Binary(op, Box::new(left), Box::new(right), at);
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let at = self.peek().map_or(0..0, |t| t.1.clone());
            return Err(FormulaError {
                kind: ErrorKind::TooDeep,
                at,
            });
        }
        let e = if self.eat(&["-"]).is_some() {
            Ok(Expr::Neg(Box::new(self.unary()?)))
        } else {
            self.atom()
        };
        self.depth -= 1;
        e
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        let (tok, at) = self.next()?;
        match tok {
            Tok::Num(n) => Ok(Expr::Number(n)),
            Tok::Sym("(") => {
                let e = self.comparison()?;
                self.close()?;
                Ok(e)
            }
            Tok::Ident(name) if self.eat(&["("]).is_some() => {
                let func = match name.as_str() {
                    "min" => Func::Min,
                    "max" => Func::Max,
                    _ => {
                        return Err(FormulaError {
                            kind: ErrorKind::UnknownFunction(name),
                            at,
                        });
                    }
                };
                let mut args = vec![self.comparison()?];
                while self.eat(&[","]).is_some() {
                    args.push(self.comparison()?);
                }
                self.close()?;
                Ok(Expr::Call(func, args))
            }
            Tok::Ident(name) => Ok(Expr::Name(name, at)),
            Tok::Sym(_) => Err(self.unexpected(&(tok, at))),
        }
    }

    fn close(&mut self) -> Result<(), FormulaError> {
        match self.eat(&[")"]) {
            Some(_) => Ok(()),
            None => match self.peek() {
                Some(t) => Err(self.unexpected(t)),
                None => Err(FormulaError {
                    kind: ErrorKind::UnexpectedEnd,
                    at: self.text.len()..self.text.len(),
                }),
            },
        }
    }
}

fn join(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.clone(),
        (_, true) => a.clone(),
        _ => a.start.min(b.start)..a.end.max(b.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str, values: &[(&str, i64)]) -> Result<Decimal, FormulaError> {
        let values = values
            .iter()
            .map(|(k, v)| (*k, Decimal::from(*v)))
            .collect();
        Expr::parse(text)?.eval(text, &values)
    }

    #[test]
    fn shares_are_exact_decimals() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(eval("b / a * 100", &[("a", 25), ("b", 22)]), Ok(d("88")));
        assert_eq!(eval("b / a * 100", &[("a", 100), ("b", 29)]), Ok(d("29")));
        assert_eq!(
            eval("b / a * 40", &[("a", 1200), ("b", 1150)])
                .unwrap()
                .round_dp(2),
            d("38.33")
        );
        assert_eq!(eval("x * 0.4", &[("x", 47)]), Ok(d("18.8")));
        assert_eq!(
            eval("-(a - b) + max(a, b, 3)", &[("a", 2), ("b", 5)]),
            Ok(d("8"))
        );
        assert_eq!(eval("(b >= a) * 5", &[("a", 2), ("b", 2)]), Ok(d("5")));
        assert_eq!(eval("1 + 2 * 3 - 4 / 2", &[]), Ok(d("5")));
    }

    #[test]
    fn errors_point_into_the_text() {
        let err = eval("b / (a - c)", &[("a", 3), ("b", 1), ("c", 3)]).unwrap_err();
        assert_eq!(err.kind, ErrorKind::DivisionByZero("a - c".into()));
        assert_eq!(err.at, 5..10);
        let err = eval("b / a", &[("b", 1)]).unwrap_err();
        assert_eq!(
            (err.kind, err.at),
            (ErrorKind::UnknownName("a".into()), 4..5)
        );
        let err = Expr::parse("a + ").unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnexpectedEnd);
        let err = Expr::parse("a ^ 2").unwrap_err();
        assert_eq!(
            (err.kind, err.at),
            (ErrorKind::Unexpected("^".into()), 2..3)
        );
        let err = Expr::parse("sqrt(a)").unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnknownFunction("sqrt".into()));
        assert_eq!(
            Expr::parse("(a").unwrap_err().kind,
            ErrorKind::UnexpectedEnd
        );
        assert_eq!(Expr::parse("a b").unwrap_err().at, 2..3);
        assert_eq!(Expr::parse("1.2.3").unwrap_err().at, 0..5);
    }

    #[test]
    fn hostile_formulas_are_errors_not_crashes() {
        let deep = "(".repeat(10_000) + "1" + &")".repeat(10_000);
        assert_eq!(Expr::parse(&deep).unwrap_err().kind, ErrorKind::TooDeep);
        let minus = "-".repeat(10_000) + "1";
        assert_eq!(Expr::parse(&minus).unwrap_err().kind, ErrorKind::TooDeep);
        let big = "79228162514264337593543950335 * 10";
        assert_eq!(eval(big, &[]).unwrap_err().kind, ErrorKind::Overflow);
        assert!(Expr::parse("99999999999999999999999999999999999").is_err());
        assert!(Expr::parse("đ + 1").is_err());
    }
}
