//! No page holds a signature alone: in every document of the three reference
//! workspaces that ends with Nơi nhận and a signature, the page of the
//! signature also holds the end of the text it signs.

mod common;

use std::path::Path;

use common::layout::MM;
use thidua::pipeline::{self, BuildOptions};
use thidua::typeset::inspect::placed;

fn signatures_keep_their_text(workspace: &Path) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_workspace(workspace, dir.path());
    let session = pipeline::render_all(dir.path(), &BuildOptions::default()).unwrap();
    let mut alone = vec![];
    let mut checked = 0;
    for doc in &session.rendered {
        let pages = pipeline::typeset(&session, doc).unwrap();
        let placed = placed(&pages);
        let Some(to) = placed
            .texts
            .iter()
            .find(|t| t.text.starts_with("Nơi nhận:"))
        else {
            continue;
        };
        checked += 1;
        // Text above Nơi nhận on its page, the page number (top margin) aside.
        let above = placed
            .texts
            .iter()
            .any(|t| t.page == to.page && t.y >= 20.0 * MM && t.y < to.y - 1.0);
        if !above {
            alone.push(format!("{} (page {})", doc.doc.stem, to.page));
        }
    }
    assert!(checked > 10, "{checked} documents with a signature");
    assert!(alone.is_empty(), "signature alone on its page: {alone:#?}");
}

#[test]
fn lang_son_signatures_keep_their_text() {
    signatures_keep_their_text(&common::reference_root());
}

#[test]
fn nghe_an_signatures_keep_their_text() {
    signatures_keep_their_text(&common::reference_root().join("tests/reference/nghe-an"));
}

#[test]
fn can_tho_signatures_keep_their_text() {
    signatures_keep_their_text(&common::reference_root().join("tests/reference/can-tho"));
}
