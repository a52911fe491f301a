use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(commerce_hq::run(std::env::args_os().collect()))
}
