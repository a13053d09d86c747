//! Where each byte of a rendered source came from, kept compact: a
//! 1,900-row list yields hundreds of thousands of pieces, and `watch` keeps
//! every document's source between saves. minijinja's own spans (56 bytes
//! each, with a shared name) held 45 MB for the synthetic workspace's 2,331
//! sources; these hold 9 MB (BENCHMARKS.md, "What the memory is made of").

use std::ops::Range;
use std::sync::Arc;

use minijinja::{OutputSpan, OutputSpanKind};

/// The template pieces that wrote a rendered source, in output order.
#[derive(Debug, Default)]
pub struct Origins {
    /// The templates named by the pieces (a document's template, the
    /// library's files it includes): few, so a piece holds an index.
    names: Vec<Arc<str>>,
    pieces: Vec<Piece>,
}

/// One run of output and the template bytes that wrote it.
#[derive(Debug, Clone, Copy)]
struct Piece {
    output: (u32, u32),
    source: (u32, u32),
    name: u16,
    /// Template text written verbatim (byte for byte), not a value.
    raw: bool,
}

impl Origins {
    /// Keeps minijinja's spans compactly. A span past what the compact form
    /// holds (a 4 GiB source, 65,536 templates) is left out: the error it
    /// would locate is then reported in the generated source instead.
    pub fn new(spans: &[OutputSpan]) -> Self {
        let mut origins = Self::default();
        origins.pieces.reserve_exact(spans.len());
        for span in spans {
            if let Some(piece) = origins.piece(span) {
                origins.pieces.push(piece);
            }
        }
        origins
    }

    fn piece(&mut self, span: &OutputSpan) -> Option<Piece> {
        let narrow =
            |r: Range<usize>| Some((u32::try_from(r.start).ok()?, u32::try_from(r.end).ok()?));
        let name = match self.names.iter().rposition(|n| **n == *span.name()) {
            Some(i) => i,
            None => {
                self.names.push(Arc::from(span.name()));
                self.names.len() - 1
            }
        };
        Some(Piece {
            output: narrow(span.output_range())?,
            source: narrow(span.source_range())?,
            name: u16::try_from(name).ok()?,
            raw: span.kind() == OutputSpanKind::Raw,
        })
    }

    /// The template and byte range in it that produced output byte `at`: the
    /// very byte for verbatim template text, the whole `{{ … }}` for a value.
    pub fn at(&self, at: usize) -> Option<(&str, Range<usize>)> {
        let i = self.pieces.partition_point(|p| (p.output.1 as usize) <= at);
        let piece = self.pieces.get(i).filter(|p| p.output.0 as usize <= at)?;
        let (start, end) = (piece.source.0 as usize, piece.source.1 as usize);
        let range = match piece.raw {
            true => {
                let byte = start + (at - piece.output.0 as usize);
                byte..(byte + 1).min(end)
            }
            false => start..end,
        };
        Some((self.names.get(usize::from(piece.name))?, range))
    }
}

#[cfg(test)]
mod tests {
    use minijinja::Environment;

    use super::Origins;

    fn rendered(templates: &[(&'static str, &'static str)]) -> (String, Origins) {
        let mut env = Environment::new();
        for (name, text) in templates {
            env.add_template(name, text).unwrap();
        }
        let (text, spans) = (env.get_template(templates[0].0).unwrap())
            .render_with_spans(minijinja::context! { name => "Lan" })
            .unwrap();
        (text, Origins::new(&spans))
    }

    #[test]
    fn verbatim_bytes_map_to_themselves_and_values_to_their_expression() {
        let (text, origins) = rendered(&[("a.typ", "Hello {{ name }}!")]);
        assert_eq!(text, "Hello Lan!");
        // "e" of Hello: the very byte in the template.
        assert_eq!(origins.at(1), Some(("a.typ", 1..2)));
        // "a" of Lan: the expression `name`, without delimiters.
        assert_eq!(origins.at(7), Some(("a.typ", 9..13)));
        assert_eq!(origins.at(9), Some(("a.typ", 16..17)));
        assert_eq!(origins.at(text.len()), None);
    }

    #[test]
    fn an_included_template_is_named_in_its_pieces() {
        let (text, origins) = rendered(&[
            ("main.typ", "A {% include 'part.typ' %} C"),
            ("part.typ", "[{{ name }}]"),
        ]);
        assert_eq!(text, "A [Lan] C");
        assert_eq!(origins.at(0), Some(("main.typ", 0..1)));
        assert_eq!(origins.at(2), Some(("part.typ", 0..1)));
        assert_eq!(origins.at(4), Some(("part.typ", 4..8)));
        assert_eq!(origins.at(8), Some(("main.typ", 27..28)));
    }
}
