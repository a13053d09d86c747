//! `thidua watch`: idle while nothing changes, one rebuild per save, and a
//! save of the same bytes rewrites nothing.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use common::{reference_copy, with_line_appended};

/// A running `thidua watch` and the lines it prints on stderr.
struct Watch {
    child: Child,
    lines: Receiver<String>,
}

impl Watch {
    fn start(root: &std::path::Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
            .arg("watch")
            .arg(root)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                if tx.send(line.unwrap_or_default()).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    /// Lines up to the one containing `wanted` (a guard against a hang, not a
    /// timing assertion).
    fn until(&self, wanted: &str) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(Duration::from_secs(120)) {
                Ok(line) => {
                    let done = line.contains(wanted);
                    seen.push(line);
                    if done {
                        return seen;
                    }
                }
                Err(_) => panic!("no line containing `{wanted}`; saw {seen:#?}"),
            }
        }
    }

    /// One rebuild: its status line and the documents it names after it.
    fn rebuild(&self) -> (String, Vec<String>) {
        let status = self.until("dựng lại").pop().unwrap();
        let named = self.quiet_for(Duration::from_secs(2));
        (status, named)
    }

    /// Everything printed during `span`: each line must name a rewritten document.
    fn quiet_for(&self, span: Duration) -> Vec<String> {
        let deadline = std::time::Instant::now() + span;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    assert!(
                        !line.contains("dựng lại"),
                        "a rebuild nobody asked for: {line}\nafter {seen:#?}"
                    );
                    seen.push(line);
                }
                Err(RecvTimeoutError::Timeout) => return seen,
                Err(RecvTimeoutError::Disconnected) => panic!("watch stopped: {seen:#?}"),
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_is_idle_until_a_save_and_rebuilds_once_per_save() {
    let dir = reference_copy();
    let watch = Watch::start(dir.path());
    let first = watch.until("dựng lại").pop().unwrap();
    assert!(first.contains(", 0 không đổi, 0 lỗi"), "{first}");
    watch.until("đang chờ thay đổi");
    // The build read every input: no rebuild follows while nothing changes.
    let idle = watch.quiet_for(Duration::from_secs(3));
    assert!(idle.is_empty(), "{idle:#?}");

    // One saved unit file: one rebuild, naming the documents that print the edit.
    let unit = dir.path().join("inputs/units/so-khoa-hoc-cong-nghe.yaml");
    let (_, edited) = with_line_appended(&unit, "text:", " Đã bổ sung.");
    std::fs::write(&unit, &edited).unwrap();
    let (status, named) = watch.rebuild();
    assert!(status.starts_with("dựng lại 1 văn bản,"), "{status}");
    assert!(status.contains(" 0 lỗi"), "{status}");
    assert_eq!(
        named,
        ["  output/lang-son/so-khoa-hoc-cong-nghe/ke-hoach.pdf"],
        "the unit's plan, which prints its tasks, and nothing else"
    );

    // The same bytes saved again: the file's time changes, its content does not.
    std::fs::write(&unit, &edited).unwrap();
    let (status, named) = watch.rebuild();
    assert!(status.starts_with("dựng lại 0 văn bản,"), "{status}");
    assert!(named.is_empty(), "{named:#?}");
}

#[test]
fn a_file_that_cannot_be_written_is_an_error_and_watch_goes_on() {
    let dir = reference_copy();
    let watch = Watch::start(dir.path());
    watch.until("đang chờ thay đổi");
    // The unit's output folder replaced by a file: its plan cannot be written.
    let folder = dir.path().join("output/lang-son/so-khoa-hoc-cong-nghe");
    let aside = dir.path().join("output/aside");
    std::fs::rename(&folder, &aside).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    let unit = dir.path().join("inputs/units/so-khoa-hoc-cong-nghe.yaml");
    let (_, one) = with_line_appended(&unit, "text:", " Một.");
    std::fs::write(&unit, one).unwrap();
    let error = watch.until("lỗi:").pop().unwrap();
    assert!(error.contains("không ghi được"), "{error}");
    assert!(error.contains("so-khoa-hoc-cong-nghe"), "{error}");

    // Put back, the next save is built, by the same process.
    std::fs::remove_file(&folder).unwrap();
    std::fs::rename(&aside, &folder).unwrap();
    let (_, two) = with_line_appended(&unit, "text:", " Hai.");
    std::fs::write(&unit, two).unwrap();
    let (status, named) = watch.rebuild();
    assert!(status.contains(" 0 lỗi"), "{status}");
    assert!(
        named.contains(&"  output/lang-son/so-khoa-hoc-cong-nghe/ke-hoach.pdf".to_string()),
        "{named:#?}"
    );
}

/// A long-lived `watch` holds no transparent huge pages: they kept 50–70 MB
/// more resident for no speed (BENCHMARKS.md, "Huge pages and freed pages").
#[cfg(target_os = "linux")]
#[test]
fn watch_turns_transparent_huge_pages_off_for_itself() {
    let thp = |status: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix("THP_enabled:"))
            .map(|v| v.trim().to_string())
    };
    // The kernel reports it (Linux 5.0 and later); a process started with
    // huge pages off (`THP_enabled: 0` here too) passes it on to watch.
    let ours = std::fs::read_to_string("/proc/self/status").unwrap();
    assert!(thp(&ours).is_some(), "{ours}");
    let dir = reference_copy();
    let watch = Watch::start(dir.path());
    watch.until("đang chờ thay đổi");
    let status = std::fs::read_to_string(format!("/proc/{}/status", watch.child.id())).unwrap();
    assert_eq!(thp(&status).as_deref(), Some("0"), "{status}");
}
