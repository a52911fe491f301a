//! The one integration-test binary: every test runs the real `hq` on a data file in its own
//! temp dir, with a fixed clock, no colour and no terminal, and reads like a transcript.

// Tests may say what they did on stderr (the crash test's tally); hq itself may not print.
#![allow(clippy::print_stderr)]

mod common;

mod addresses;
mod apply;
mod channel_files;
mod clienteling;
mod clienteling_config;
mod concurrency;
mod copy;
mod coverage;
mod crash;
mod customers;
mod diff;
mod distribution;
mod docs;
mod doctor;
mod envfiles;
mod export;
mod faults;
mod features;
mod guide;
mod hostile;
mod init;
mod layers;
mod migration;
mod model;
mod nouns;
mod numseq;
mod org;
mod output;
mod params;
mod pg;
mod prompts;
mod roundtrip;
mod seed;
