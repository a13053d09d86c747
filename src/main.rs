//! The `thidua` command line: a thin layer over the library.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    let lang = cli.lang();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{} {e:#}", cmd::say(lang, "lỗi:", "error:"));
            ExitCode::from(2)
        }
    }
}
