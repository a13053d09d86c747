//! A part's PDF read the short way. Its cross-reference table says where
//! each object lies; only the objects its pages need are read, and their
//! bytes are copied as they are, each reference renumbered. A list's PDF
//! from Typst holds some 14,000 objects, 13,000 of them its structure tree,
//! which a packet leaves out: parsing every one (lopdf) was a tenth of a
//! save's work in `watch`. Anything this reader does not expect (a
//! cross-reference stream, a stream whose length is another object, a
//! malformed token) gives `None`, and the caller parses the whole file.
//! Long because the tokeniser and the reader it serves are one concern,
//! tested together here.

use std::collections::BTreeSet;
use std::ops::Range;

/// A PDF's objects by number, as its cross-reference table places them.
pub(super) struct Scanned<'a> {
    pdf: &'a [u8],
    /// Offset of each object, by number; `None` for a free or absent one.
    offsets: Vec<Option<usize>>,
    root: u32,
}

/// An object's body: its bytes after `N G obj`, up to `endobj`, trimmed.
pub(super) struct Body<'a> {
    pub bytes: &'a [u8],
    tokens: Vec<Token>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// An unsigned integer: it may open a reference.
    Int(u64),
    /// Any other number, a string, `true`, `null`: nothing to follow.
    Other,
    Name,
    DictOpen,
    DictClose,
    ArrayOpen,
    ArrayClose,
    /// A keyword: `R`, `stream`, `endstream`.
    Word,
}

/// A token of a body, its bytes at `at..end` (offsets into the body).
#[derive(Clone, Copy, Debug)]
struct Token {
    kind: Kind,
    at: usize,
    end: usize,
}

/// A reference in a body: where its number is written, and the number.
#[derive(Debug, PartialEq)]
pub(super) struct Reference {
    pub digits: Range<usize>,
    pub number: u32,
}

impl<'a> Scanned<'a> {
    /// Reads the cross-reference table and trailer; `None` when they are not
    /// a classic table this reader knows.
    pub fn new(pdf: &'a [u8]) -> Option<Self> {
        let tail = pdf.len().saturating_sub(1024);
        let at = tail + find_last(&pdf[tail..], b"startxref")?;
        let mut lexer = Lexer::new(pdf, at + b"startxref".len());
        let Kind::Int(xref) = lexer.next()?.kind else {
            return None;
        };
        let mut lexer = Lexer::new(pdf, usize::try_from(xref).ok()?);
        if lexer.word()? != b"xref" {
            return None;
        }
        let mut offsets: Vec<Option<usize>> = Vec::new();
        // Subsections: `first count`, then `count` entries of 20 bytes.
        loop {
            let token = lexer.next()?;
            if &pdf[token.at..token.end] == b"trailer" {
                break;
            }
            let (Kind::Int(first), Kind::Int(count)) = (token.kind, lexer.next()?.kind) else {
                return None;
            };
            let (first, count) = (usize::try_from(first).ok()?, usize::try_from(count).ok()?);
            // Every object takes bytes of the file: no more numbers than bytes.
            let end = first.checked_add(count).filter(|&end| end <= pdf.len())?;
            lexer.skip_space();
            let table = pdf.get(lexer.pos..lexer.pos.checked_add(count.checked_mul(20)?)?)?;
            if offsets.len() < end {
                offsets.resize(end, None);
            }
            for (i, entry) in table.chunks_exact(20).enumerate() {
                offsets[first + i] = match entry.get(17) {
                    Some(b'n') => Some(std::str::from_utf8(&entry[..10]).ok()?.parse().ok()?),
                    Some(b'f') => None,
                    _ => return None,
                };
            }
            lexer.pos += table.len();
        }
        let trailer = Body::parse(pdf, lexer.pos, Until::OneValue)?;
        // An updated file's older table (`Prev`) is not read: a full parse.
        if trailer.entry(b"Prev").is_some() {
            return None;
        }
        let root = trailer.reference(b"Root")?;
        Some(Self { pdf, offsets, root })
    }

    /// The largest object number in use.
    pub fn max_number(&self) -> u32 {
        let last = self.offsets.iter().rposition(Option::is_some);
        last.map_or(0, |n| n as u32)
    }

    /// The body of object `number`; `None` when it is absent or malformed.
    pub fn object(&self, number: u32) -> Option<Body<'a>> {
        let at = (*self.offsets.get(number as usize)?)?;
        let mut lexer = Lexer::new(self.pdf, at);
        let header = (lexer.next()?.kind, lexer.next()?.kind, lexer.word()?);
        if header != (Kind::Int(u64::from(number)), Kind::Int(0), &b"obj"[..]) {
            return None;
        }
        Body::parse(self.pdf, lexer.pos, Until::EndObj)
    }

    /// The pages in their order, through the page tree from the catalog,
    /// each with its body.
    pub fn pages(&self) -> Option<Vec<(u32, Body<'a>)>> {
        let tree = self.object(self.root)?.reference(b"Pages")?;
        let mut pages = Vec::new();
        let mut seen = BTreeSet::new();
        let mut stack = vec![tree];
        while let Some(node) = stack.pop() {
            if !seen.insert(node) {
                return None;
            }
            let body = self.object(node)?;
            match body.name(b"Type")? {
                b"Page" => pages.push((node, body)),
                b"Pages" => {
                    let kids = body.references_in(b"Kids")?;
                    stack.extend(kids.iter().rev().map(|r| r.number));
                }
                _ => return None,
            }
        }
        Some(pages)
    }
}

/// Where a body ends: at `endobj`, or after one value (a trailer's dictionary).
#[derive(Clone, Copy, PartialEq)]
enum Until {
    EndObj,
    OneValue,
}

impl<'a> Body<'a> {
    /// Tokenises the body starting at `at`.
    fn parse(pdf: &'a [u8], at: usize, until: Until) -> Option<Self> {
        let mut lexer = Lexer::new(pdf, at);
        lexer.skip_space();
        let start = lexer.pos;
        let mut tokens = Vec::new();
        let mut depth = 0usize;
        loop {
            let token = lexer.next()?;
            match token.kind {
                Kind::DictOpen | Kind::ArrayOpen => depth += 1,
                Kind::DictClose | Kind::ArrayClose => depth = depth.checked_sub(1)?,
                Kind::Word if depth == 0 => match &pdf[token.at..token.end] {
                    b"endobj" if until == Until::EndObj => {
                        let end = trim_end(pdf, start, token.at);
                        return Some(Self::at(pdf, start..end, tokens));
                    }
                    b"stream" => {
                        let dict = Self::at(pdf, start..token.at, tokens.clone());
                        lexer.skip_stream(usize::try_from(dict.integer(b"Length")?).ok()?)?;
                    }
                    _ => {}
                },
                _ => {}
            }
            tokens.push(token);
            if until == Until::OneValue && depth == 0 {
                return Some(Self::at(pdf, start..token.end, tokens));
            }
        }
    }

    /// The body `range` of `pdf`, its tokens' offsets made relative to it.
    fn at(pdf: &'a [u8], range: Range<usize>, mut tokens: Vec<Token>) -> Self {
        for t in &mut tokens {
            t.at -= range.start;
            t.end -= range.start;
        }
        Self {
            bytes: &pdf[range],
            tokens,
        }
    }

    fn text(&self, token: &Token) -> &'a [u8] {
        &self.bytes[token.at..token.end]
    }

    /// Every reference, in order. A stream's data is not looked into.
    pub fn references(&self) -> Vec<Reference> {
        references(self.bytes, &self.tokens)
    }

    /// The token index of `key` in the body's top dictionary, and the token
    /// range of its value.
    fn entry(&self, key: &[u8]) -> Option<(usize, Range<usize>)> {
        let entries = self.entries()?;
        (entries.into_iter())
            .find(|(k, _)| self.text(&self.tokens[*k]).strip_prefix(b"/") == Some(key))
    }

    /// The tokens of the value of `key` in the body's top dictionary.
    fn value(&self, key: &[u8]) -> Option<&[Token]> {
        Some(&self.tokens[self.entry(key)?.1])
    }

    /// The top dictionary's entries: each key's token index and its value's
    /// token range.
    fn entries(&self) -> Option<Vec<(usize, Range<usize>)>> {
        if self.tokens.first()?.kind != Kind::DictOpen {
            return None;
        }
        let mut entries = Vec::new();
        let mut i = 1;
        loop {
            let token = self.tokens.get(i)?;
            match token.kind {
                Kind::DictClose => return Some(entries),
                Kind::Name => {}
                _ => return None,
            }
            let end = value_end(self.bytes, &self.tokens, i + 1)?;
            entries.push((i, i + 1..end));
            i = end;
        }
    }

    /// The name `key` holds, without its slash.
    fn name(&self, key: &[u8]) -> Option<&'a [u8]> {
        match self.value(key)? {
            [t] if t.kind == Kind::Name => Some(&self.text(t)[1..]),
            _ => None,
        }
    }

    /// The integer `key` holds directly.
    fn integer(&self, key: &[u8]) -> Option<u64> {
        match self.value(key)? {
            [t] => match t.kind {
                Kind::Int(n) => Some(n),
                _ => None,
            },
            _ => None,
        }
    }

    /// The object `key` refers to.
    fn reference(&self, key: &[u8]) -> Option<u32> {
        match references(self.bytes, self.value(key)?).as_slice() {
            [r] => Some(r.number),
            _ => None,
        }
    }

    /// The references in the value of `key` (an array of them, say).
    fn references_in(&self, key: &[u8]) -> Option<Vec<Reference>> {
        Some(references(self.bytes, self.value(key)?))
    }

    /// The byte range of the entry `key` (its key and value) in the top
    /// dictionary, and of its value alone.
    pub fn entry_span(&self, key: &[u8]) -> Option<(Range<usize>, Range<usize>)> {
        let (k, value) = self.entry(key)?;
        let value = self.tokens[value.start].at..self.tokens[value.end - 1].end;
        Some((self.tokens[k].at..value.end, value))
    }
}

/// `N G R` triples among `tokens`.
fn references(bytes: &[u8], tokens: &[Token]) -> Vec<Reference> {
    let mut out = Vec::new();
    for w in tokens.windows(3) {
        if let (Kind::Int(n), Kind::Int(_), Kind::Word) = (w[0].kind, w[1].kind, w[2].kind)
            && &bytes[w[2].at..w[2].end] == b"R"
        {
            out.push(Reference {
                digits: w[0].at..w[0].end,
                // Too large to be an object of the part: rejected by the caller.
                number: u32::try_from(n).unwrap_or(u32::MAX),
            });
        }
    }
    out
}

/// The end (exclusive token index) of the value starting at token `i`.
fn value_end(bytes: &[u8], tokens: &[Token], i: usize) -> Option<usize> {
    let first = tokens.get(i)?;
    match first.kind {
        Kind::DictOpen | Kind::ArrayOpen => {
            let mut depth = 0usize;
            for (j, t) in tokens.iter().enumerate().skip(i) {
                match t.kind {
                    Kind::DictOpen | Kind::ArrayOpen => depth += 1,
                    Kind::DictClose | Kind::ArrayClose => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
            }
            None
        }
        Kind::Int(_) => {
            // `N G R` is one value.
            match (tokens.get(i + 1), tokens.get(i + 2)) {
                (Some(g), Some(r))
                    if matches!(g.kind, Kind::Int(_)) && &bytes[r.at..r.end] == b"R" =>
                {
                    Some(i + 3)
                }
                _ => Some(i + 1),
            }
        }
        Kind::DictClose | Kind::ArrayClose => None,
        _ => Some(i + 1),
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn trim_end(pdf: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && is_space(pdf[end - 1]) {
        end -= 1;
    }
    end
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// PDF tokens (PDF 32000-1, 7.2 and 7.3) over `bytes` from `pos`.
struct Lexer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn new(bytes: &'a [u8], pos: usize) -> Self {
        Self { bytes, pos }
    }

    fn skip_space(&mut self) {
        loop {
            match self.bytes.get(self.pos) {
                Some(&b) if is_space(b) => self.pos += 1,
                Some(b'%') => {
                    while self
                        .bytes
                        .get(self.pos)
                        .is_some_and(|&b| b != b'\n' && b != b'\r')
                    {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    /// The next token's bytes if it is a keyword.
    fn word(&mut self) -> Option<&'a [u8]> {
        let token = self.next()?;
        (token.kind == Kind::Word).then(|| &self.bytes[token.at..token.end])
    }

    fn next(&mut self) -> Option<Token> {
        self.skip_space();
        let at = self.pos;
        let first = *self.bytes.get(at)?;
        let kind = match first {
            b'(' => {
                self.string()?;
                Kind::Other
            }
            b'<' if self.bytes.get(at + 1) == Some(&b'<') => {
                self.pos += 2;
                Kind::DictOpen
            }
            b'<' => {
                let close = self.bytes[at..].iter().position(|&b| b == b'>')?;
                self.pos = at + close + 1;
                Kind::Other
            }
            b'>' if self.bytes.get(at + 1) == Some(&b'>') => {
                self.pos += 2;
                Kind::DictClose
            }
            b'[' => {
                self.pos += 1;
                Kind::ArrayOpen
            }
            b']' => {
                self.pos += 1;
                Kind::ArrayClose
            }
            b'/' => {
                self.pos += 1;
                self.regular();
                Kind::Name
            }
            b'{' | b'}' => {
                self.pos += 1;
                Kind::Other
            }
            b')' | b'>' => return None,
            _ => {
                self.regular();
                let text = &self.bytes[at..self.pos];
                if text.is_empty() {
                    return None;
                }
                if text.iter().all(u8::is_ascii_digit) {
                    Kind::Int(std::str::from_utf8(text).ok()?.parse().ok()?)
                } else if text
                    .iter()
                    .all(|b| b.is_ascii_digit() || b"+-.".contains(b))
                {
                    Kind::Other
                } else if text.iter().all(u8::is_ascii_alphabetic) {
                    Kind::Word
                } else {
                    return None;
                }
            }
        };
        Some(Token {
            kind,
            at,
            end: self.pos,
        })
    }

    /// Regular characters: a name's or a keyword's or a number's.
    fn regular(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|&b| !is_space(b) && !is_delimiter(b))
        {
            self.pos += 1;
        }
    }

    /// A literal string: balanced parentheses, a backslash escaping the next byte.
    fn string(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
                _ => {}
            }
        }
    }

    /// A stream's data after its keyword: one end of line, `length` bytes,
    /// then `endstream`.
    fn skip_stream(&mut self, length: usize) -> Option<()> {
        match self.bytes.get(self.pos..self.pos + 2)? {
            b"\r\n" => self.pos += 2,
            [b'\n', _] => self.pos += 1,
            _ => return None,
        }
        self.pos = self.pos.checked_add(length)?;
        let mut after = Lexer::new(self.bytes, self.pos);
        (after.word()? == b"endstream").then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `objects` (bodies, numbered from 1) with a classic table
    /// and a trailer whose root is object 1.
    fn pdf(objects: &[&[u8]]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for at in offsets {
            out.extend_from_slice(format!("{at:010} 00000 n \n").as_bytes());
        }
        let trailer = format!(
            "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        );
        out.extend_from_slice(trailer.as_bytes());
        out
    }

    fn numbers(body: &Body) -> Vec<u32> {
        body.references().iter().map(|r| r.number).collect()
    }

    #[test]
    fn references_are_found_outside_strings_names_and_stream_data() {
        let stream: &[u8] = b"<</Length 14/Font 3 0 R>>\nstream\n5 0 R endobj\n\nendstream";
        let bytes = pdf(&[
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Type/Pages/Kids[4 0 R]/Count 1>>",
            stream,
            b"<</Type/Page/Parent 2 0 R/T(a \\) 6 0 R (7 0 R))/H<36203020523e>/N/F8/A[9 0 R 10 11]>>",
        ]);
        let scanned = Scanned::new(&bytes).expect("a classic table");
        assert_eq!(scanned.max_number(), 4);
        let pages = scanned.pages().expect("a page tree");
        assert_eq!(pages.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [4]);
        let page = scanned.object(4).expect("the page");
        // `(… 6 0 R (7 0 R))` is a string, `/F8` a name, `10 11` two numbers.
        assert_eq!(numbers(&page), [2, 9]);
        let (entry, value) = page.entry_span(b"Parent").expect("a parent");
        assert_eq!(&page.bytes[entry], b"/Parent 2 0 R");
        assert_eq!(&page.bytes[value], b"2 0 R");
        // The stream's data (`5 0 R endobj`) is skipped by its length.
        let data = scanned.object(3).expect("the stream");
        assert_eq!(numbers(&data), [3]);
        assert!(data.bytes.ends_with(b"endstream"));
    }

    #[test]
    fn what_it_does_not_know_is_left_to_the_full_parse() {
        // A stream whose length is another object.
        let bytes = pdf(&[
            b"<</Type/Catalog/Pages 2 0 R>>",
            b"<</Length 3 0 R>>\nstream\nab\nendstream",
            b"2",
        ]);
        let scanned = Scanned::new(&bytes).expect("a classic table");
        assert!(scanned.object(2).is_none());
        // An object that is not where the table says.
        let mut moved = bytes.clone();
        let at = find_last(&moved, b"3 0 obj").expect("object 3");
        moved[at] = b'4';
        assert!(
            Scanned::new(&moved)
                .expect("a classic table")
                .object(3)
                .is_none()
        );
        // A cross-reference stream instead of a table.
        let stream = b"%PDF-1.7\n1 0 obj\n<</Type/XRef/Size 1/W[1 2 1]/Length 0>>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n";
        assert!(Scanned::new(stream).is_none());
        // A table numbering more objects than the file could hold.
        let huge = String::from_utf8_lossy(&bytes).replacen("xref\n0 4", "xref\n999999999999 4", 1);
        assert!(Scanned::new(huge.as_bytes()).is_none());
        // Bytes that are no PDF at all.
        assert!(Scanned::new(b"startxref 5 (((").is_none());
        assert!(Scanned::new(b"").is_none());
    }
}
