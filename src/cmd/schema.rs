use std::process::ExitCode;

use clap::Args;

#[derive(Args)]
pub struct SchemaArgs {}

pub fn run(_: SchemaArgs) -> anyhow::Result<ExitCode> {
    println!(
        "{}",
        serde_json::to_string_pretty(&thidua::model::json_schema())?
    );
    Ok(ExitCode::SUCCESS)
}
