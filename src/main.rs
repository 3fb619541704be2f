//! The `dossier` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;

/// The binary's allocator (feature `mimalloc`, on by default); the library
/// leaves that choice to whoever links it.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: dossier::alloc::MiMalloc = dossier::alloc::MiMalloc;

fn main() {
    let cli = dossier::cli::Cli::parse();
    let code = match dossier::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`dossier ... | head`) is not an error.
            if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) {
                0
            } else {
                eprintln!("error: {e:#}");
                1
            }
        }
    };
    std::process::exit(code);
}
