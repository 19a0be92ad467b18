//! The `clickup-mcp` binary: parse the command line and dispatch. Everything else is in the
//! library, so tests can use it.

use clap::Parser;

/// mimalloc: measured faster than the system allocator for this server's load (see the README's
/// benchmark section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = clickup_mcp::cli::Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: failed to start the async runtime: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    runtime.block_on(clickup_mcp::cli::run(cli))
}
