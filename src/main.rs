use std::process::ExitCode;

fn main() -> ExitCode {
    // `COMPLETE=<shell> hq ...`: the shell asking for completions (they know the data file);
    // otherwise this returns at once.
    clap_complete::CompleteEnv::with_factory(commerce_hq::cli::completing)
        .bin("hq")
        .complete();
    ExitCode::from(commerce_hq::run(std::env::args_os().collect()))
}
