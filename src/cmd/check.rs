use std::process::ExitCode;

use clap::Args;
use thidua::pipeline::{self, BuildOptions};

use super::Common;

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let options = BuildOptions {
        final_: args.common.final_,
        ..BuildOptions::default()
    };
    let checked = pipeline::check(&args.common.dir, &options)
        .map_err(|e| super::failure(args.common.lang, &e.text()))?;
    super::report(&args.common, &checked.diagnostics, &checked.sources)
}
