//! The domain: types and rules of Commerce headquarters, pure.
//!
//! Nothing here touches SQL, files, the environment or the clock; time is passed in. Every rule
//! is therefore a plain unit test beside its code. The words are DOMAIN.md's.

pub(crate) mod attribute;
pub(crate) mod change;
pub(crate) mod clienteling;
pub mod customer;
pub mod distribution;
pub(crate) mod doctor;
pub(crate) mod envdiff;
pub mod envfile;
pub(crate) mod feature;
pub(crate) mod filter;
pub mod fix;
pub(crate) mod layout;
pub mod model;
pub(crate) mod numseq;
pub(crate) mod org;
pub(crate) mod params;
pub(crate) mod pos;
pub(crate) mod record;
pub(crate) mod refuse;
pub(crate) mod section;
pub(crate) mod seed;
pub(crate) mod staff;
pub mod validate;

pub(crate) use change::{Action, Change};
pub(crate) use fix::{Cmd, Hint};
pub(crate) use validate::Invalid;
