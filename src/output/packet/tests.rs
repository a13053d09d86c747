//! Joining packets: with the last file, with parts parsed ahead, or plain,
//! the bytes are the same.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use lopdf::{Document, Object, Stream, dictionary};

use super::*;

/// A small PDF of `pages` pages, each printing `text`.
fn pdf(text: &str, pages: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let tree = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
    });
    let mut kids = Vec::new();
    for page in 0..pages {
        let content = format!("BT /F1 12 Tf 72 700 Td ({text} {page}) Tj ET");
        let content = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => tree,
            "Contents" => content,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        tree,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("a PDF in memory");
    bytes
}

/// The parts' files written in `dir`: their paths and hashes.
fn parts(dir: &Path, texts: &[(&str, usize)]) -> (Vec<Part>, HashMap<String, String>) {
    let mut built = HashMap::new();
    let parts = (texts.iter().enumerate())
        .map(|(i, (text, pages))| {
            let path = dir.join(format!("part-{i}.pdf")).display().to_string();
            let bytes = pdf(text, *pages);
            std::fs::write(&path, &bytes).expect("part written");
            built.insert(path.clone(), crate::output::sha256_hex(&bytes));
            Part {
                title: format!("Phần {i}"),
                path,
            }
        })
        .collect();
    (parts, built)
}

fn read(part: &Part) -> Result<Vec<u8>, PacketError> {
    std::fs::read(&part.path).map_err(|e| PacketError::Write(e.to_string()))
}

/// Joins `parts` into `out`: its bytes and what the join said.
fn join(
    out: &Path,
    parts: Vec<Part>,
    built: &HashMap<String, String>,
    previous: Option<Previous>,
    prepared: &HashMap<String, Prepared>,
) -> (Vec<u8>, Joined) {
    let date = NaiveDate::from_ymd_opt(2024, 5, 2).expect("a date");
    let mut joining = Joining::start(out, "Hồ sơ", date, parts, previous).expect("started");
    assert!(joining.advance(built, prepared, read).expect("advanced"));
    let joined = joining.finish().expect("finished");
    (std::fs::read(out).expect("packet written"), joined)
}

/// The bytes of `texts` joined plainly, in a file of their own.
fn plain(dir: &Path, texts: &[(&str, usize)]) -> Vec<u8> {
    let (parts, built) = parts(dir, texts);
    join(&dir.join("plain.pdf"), parts, &built, None, &HashMap::new()).0
}

/// `texts` joined into `packet.pdf` in `dir` with no last file: its path,
/// bytes and what the join said.
fn first_join(dir: &Path, texts: &[(&str, usize)]) -> (PathBuf, Vec<u8>, Joined) {
    let out = dir.join("packet.pdf");
    let (parts, built) = parts(dir, texts);
    let (bytes, joined) = join(&out, parts, &built, None, &HashMap::new());
    (out, bytes, joined)
}

fn previous(out: &Path, joined: Joined) -> Option<Previous> {
    Some(Previous {
        file: File::open(out).expect("last packet"),
        layout: joined.layout,
    })
}

#[test]
fn parts_copied_from_the_last_file_or_parsed_ahead_give_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let none = HashMap::new();
    let texts = [("To trinh", 2), ("Danh sach", 3), ("Bao cao", 1)];
    let (out, bytes, joined) = first_join(dir.path(), &texts);
    assert_eq!(joined.pages, 6);
    assert_eq!(joined.sha256, crate::output::sha256_hex(&bytes));
    assert_eq!(joined.copied, 0);

    // The list gains a page: a plain join, then one from the last file.
    let changed = [("To trinh", 2), ("Danh sach moi", 4), ("Bao cao", 1)];
    let plain = plain(dir.path(), &changed);
    let (again, built) = parts(dir.path(), &changed);
    let (warm, rejoined) = join(&out, again, &built, previous(&out, joined), &none);
    assert_eq!(warm, plain, "copied parts moved to their new numbers");
    assert_eq!(rejoined.copied, 2);
    assert_eq!(
        rejoined.verbatim, 1,
        "the report, first in the file, copied whole"
    );
    assert_eq!(
        rejoined.sha256,
        crate::output::sha256_hex(&warm),
        "hashing resumed"
    );

    // The changed part parsed ahead, as a worker does.
    let path = dir.path().join("part-1.pdf").display().to_string();
    let ahead =
        prepare(&path, &built[&path], &std::fs::read(&path).expect("part")).expect("prepared");
    let prepared = HashMap::from([(path, ahead)]);
    let (again, built) = parts(dir.path(), &changed);
    let (ahead, _) = join(&out, again, &built, previous(&out, rejoined), &prepared);
    assert_eq!(ahead, plain, "a part parsed ahead moved to its numbers");
}

#[test]
fn a_last_file_not_as_recorded_is_not_trusted() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let none = HashMap::new();
    let texts = [("Mot", 1), ("Hai", 2), ("Ba", 1)];
    let (out, mut bytes, joined) = first_join(dir.path(), &texts);
    // The same length, one object number spoilt where the layout points.
    let at = joined.layout.parts[1].objects[0].at;
    bytes[at] = b'x';
    std::fs::write(&out, &bytes).expect("spoilt");
    let plain = plain(dir.path(), &texts);
    let (again, built) = parts(dir.path(), &texts);
    // As read from disk: no hashing state, each copied object checked.
    let mut last = previous(&out, joined).expect("last packet");
    last.layout.parts.iter_mut().for_each(|p| p.after = None);
    let (rejoined, _) = join(&out, again, &built, Some(last), &none);
    assert_eq!(rejoined, plain);
}

#[test]
fn an_unchanged_head_of_the_file_is_copied_whole_and_hashed_on() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let none = HashMap::new();
    let (out, _, joined) = first_join(dir.path(), &[("Mot", 1), ("Hai", 2), ("Ba", 1)]);
    // The first part in reading order, last in the file, changes.
    let changed = [("Mot moi", 2), ("Hai", 2), ("Ba", 1)];
    let plain = plain(dir.path(), &changed);
    let (again, built) = parts(dir.path(), &changed);
    let (warm, rejoined) = join(&out, again, &built, previous(&out, joined), &none);
    assert_eq!(warm, plain);
    assert_eq!((rejoined.copied, rejoined.verbatim), (2, 2));
    assert_eq!(rejoined.sha256, crate::output::sha256_hex(&warm));
    // Once more, unchanged: every part whole, the hash the same.
    let (again, built) = parts(dir.path(), &changed);
    let (same, third) = join(&out, again, &built, previous(&out, rejoined), &none);
    assert_eq!(same, plain);
    assert_eq!(third.verbatim, 3);
    assert_eq!(third.sha256, crate::output::sha256_hex(&plain));
}

#[test]
fn a_last_file_cut_short_while_joining_is_not_trusted() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let none = HashMap::new();
    let texts = [("Mot", 1), ("Hai", 2), ("Ba", 1)];
    let (out, bytes, joined) = first_join(dir.path(), &texts);
    let plain = plain(dir.path(), &texts);
    let (again, built) = parts(dir.path(), &texts);
    let date = NaiveDate::from_ymd_opt(2024, 5, 2).expect("a date");
    let last = previous(&out, joined);
    let mut joining = Joining::start(&out, "Hồ sơ", date, again, last).expect("started");
    // Another program cuts the last file after the join took it.
    std::fs::write(&out, &bytes[..bytes.len() / 4]).expect("cut");
    assert!(joining.advance(&built, &none, read).expect("advanced"));
    let rejoined = joining.finish().expect("finished");
    assert_eq!(std::fs::read(&out).expect("packet"), plain);
    assert_eq!(
        (rejoined.copied, rejoined.sha256),
        (0, crate::output::sha256_hex(&plain))
    );
}

#[test]
fn parts_are_written_last_first_and_read_in_order() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("packet.pdf");
    let (parts, built) = parts(dir.path(), &[("Mot", 1), ("Hai", 2), ("Ba", 3)]);
    let (bytes, joined) = join(&out, parts, &built, None, &HashMap::new());
    let at = |i: usize| joined.layout.parts[i].objects[0].at;
    assert!(
        at(2) < at(1) && at(1) < at(0),
        "the last part first in the file"
    );
    let doc = Document::load_mem(&bytes).expect("a PDF");
    let texts: Vec<String> = (1..=6)
        .map(|n| doc.extract_text(&[n]).expect("page text"))
        .map(|t| t.split_whitespace().next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(texts, ["Mot", "Hai", "Hai", "Ba", "Ba", "Ba"]);
}

#[test]
fn a_packet_not_finished_leaves_the_last_file_as_it_was() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("packet.pdf");
    std::fs::write(&out, b"last").expect("last packet");
    let (parts, mut built) = parts(dir.path(), &[("Mot", 1), ("Hai", 1)]);
    built.remove(&parts[0].path);
    let date = NaiveDate::from_ymd_opt(2024, 5, 2).expect("a date");
    let mut joining = Joining::start(&out, "Hồ sơ", date, parts, None).expect("started");
    assert!(
        !joining
            .advance(&built, &HashMap::new(), read)
            .expect("advanced")
    );
    drop(joining);
    assert_eq!(std::fs::read(&out).expect("still there"), b"last");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("folder")
        .flatten()
        .collect();
    assert_eq!(left.len(), 3, "no temporary file left: {left:?}");
}

/// A PDF as Typst makes them: a page header, a table over pages, links,
/// a structure tree; titles holding what looks like references.
fn typst_pdf() -> Vec<u8> {
    let base = crate::typeset::Base::new(std::iter::empty());
    let source = r#"#set document(title: "Thử (1 0 R) \\ 2 0 R", date: datetime(year: 2024, month: 5, day: 2))
#set text(font: "Liberation Serif", lang: "vi")
#set page(paper: "a5", header: context align(center, str(counter(page).get().first())))
= Danh sách (3 0 R)
#table(columns: 3, [TT], [Họ và tên], [Ghi chú],
  ..range(80).map(i => (str(i), [Nguyễn Văn #i (4 0 R)], link(<end>)[cuối])).flatten())
#heading[Cuối] <end>
#link("https://example.org")[Trang (5 0 R)]
"#;
    let date = NaiveDate::from_ymd_opt(2024, 5, 2).expect("a date");
    let document = crate::typeset::layout(&base, source.to_string(), date).expect("laid out");
    crate::typeset::pdf(&document, "part").expect("exported")
}

/// What `copy` writes of a part, made a PDF of its own and parsed back,
/// with where the part was placed.
fn copied(copy: impl FnOnce(&mut PdfWriter<Vec<u8>>) -> Placed) -> (Document, Placed) {
    let mut writer = PdfWriter::new(Vec::new()).expect("a writer");
    let placed = copy(&mut writer);
    let kids: Vec<Object> = (placed.pages.iter())
        .map(|p| Object::Reference((placed.base + p, 0)))
        .collect();
    let count = kids.len() as i64;
    let tree = dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count };
    writer
        .write(PAGES, &Object::Dictionary(tree))
        .expect("page tree");
    let catalog = dictionary! { "Type" => "Catalog", "Pages" => (PAGES, 0) };
    writer
        .write(CATALOG, &Object::Dictionary(catalog))
        .expect("catalog");
    writer
        .write(INFO, &Object::Dictionary(dictionary! {}))
        .expect("information");
    let written = writer.finish().expect("finished");
    (Document::load_mem(&written.out).expect("a PDF"), placed)
}

#[test]
fn a_part_read_the_short_way_holds_what_a_parsed_one_does() {
    let pdf = typst_pdf();
    let whole = Document::load_mem(&pdf).expect("Typst's PDF");
    let part = Part {
        title: "Danh sách".to_string(),
        path: "danh-sach.pdf".to_string(),
    };
    let base = 40;
    let (short, a) = copied(|w| {
        (w.copy_scanned("h", &pdf, base).expect("written")).expect("read the short way")
    });
    let (parsed, b) = copied(|w| w.copy_parsed(&part, "h", &pdf, base).expect("written"));
    assert!(a.pages.len() > 2, "the table runs over pages");
    assert_eq!(
        (a.base, a.span, a.first, &a.pages),
        (b.base, b.span, b.first, &b.pages)
    );
    // The same objects under the same numbers, each page under the
    // packet's page tree and without the part's structure tree.
    assert_eq!(short.objects, parsed.objects);
    assert!(short.objects.len() < whole.objects.len() / 2);
    for page in &a.pages {
        let page = short.get_dictionary((base + page, 0)).expect("a page");
        assert_eq!(
            page.get(b"Parent").ok(),
            Some(&Object::Reference((PAGES, 0)))
        );
        assert!(page.get(b"StructParents").is_err());
    }
    // Copied again from what was written, it is the same still.
    let (again, _) = copied(|w| {
        let mut bytes = Vec::new();
        let mut first = PdfWriter::new(&mut bytes).expect("a writer");
        let placed = first.copy_part(&part, "h", &pdf, 7).expect("written");
        drop(first);
        (w.copy_placed(&bytes, 0, &placed, base).expect("written")).expect("as recorded")
    });
    assert_eq!(again.objects, short.objects);
}
