//! Dossier: a knowledge graph of actors, events and publications, built
//! from a corpus of articles.
//!
//! The data flows one way: [`corpus`] → [`text`] → [`layout`] →
//! [`recognize`] → [`resolve`] → [`events`] → [`rdf`] → [`store`] →
//! [`query`] / [`questions`]. [`pipeline`] runs one document through the
//! analysis stages and [`batch`] runs many in parallel. See
//! `ARCHITECTURE.md` for the map.

// No panics on input: unwrap/expect/panic are refused in library code; the
// few places where one cannot fail (constant patterns, build-time tables)
// carry a local allow with the reason.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

#[cfg(feature = "mimalloc")]
pub mod alloc;
pub mod batch;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod events;
pub mod export;
pub mod graph;
pub mod layout;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod questions;
pub mod rdf;
pub mod recognize;
pub mod resolve;
pub mod serve;
pub mod store;
pub mod text;

pub use error::{Error, Result};
