//! Planning alone: every document's render context built from a checked
//! workspace (`jobs::for_workspace`), 15 times in one process, the median and
//! the quickest printed. A build (and every save in `watch`) plans the whole
//! workspace before rendering what changed.
//!
//! ```sh
//! cargo run --release --example plan -- DIR [--jobs N]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use thidua::pipeline::{BuildOptions, check};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut root, mut jobs) = (None, 1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jobs" => {
                let n = args.next().ok_or("--jobs N")?;
                jobs = n.parse().map_err(|_| format!("--jobs {n}: not a number"))?;
            }
            _ => root = Some(PathBuf::from(arg)),
        }
    }
    let root = root.ok_or("usage: plan DIR [--jobs N]")?;
    let checked = check(&root, &BuildOptions::default()).map_err(|e| e.to_string())?;
    let mut times: Vec<f64> = (0..15)
        .map(|_| {
            let started = Instant::now();
            let planned = thidua::jobs::for_workspace(&checked.workspace, jobs);
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            drop(planned);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "planning on {jobs} thread(s): median {:.1} ms, quickest {:.1} ms",
        times[times.len() / 2],
        times[0]
    );
    Ok(())
}
