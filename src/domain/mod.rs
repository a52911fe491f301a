//! The domain: types and rules of Commerce headquarters, pure.
//!
//! Nothing here touches SQL, files, the environment or the clock; time is passed in. Every rule
//! is therefore a plain unit test beside its code. The words are DOMAIN.md's.

pub mod attribute;
pub mod change;
pub mod clienteling;
pub mod customer;
pub mod distribution;
pub mod doctor;
pub mod envdiff;
pub mod envfile;
pub mod feature;
pub mod fix;
pub mod layout;
pub mod model;
pub mod numseq;
pub mod org;
pub mod params;
pub mod pos;
pub mod refuse;
pub mod section;
pub mod seed;
pub mod staff;
pub mod validate;

pub use change::{Action, Change, FieldChange};
pub use fix::{Cmd, Hint};
pub use validate::Invalid;
