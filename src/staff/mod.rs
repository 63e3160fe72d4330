//! Tools for the staff who edit flows, texts and the directory: pictures of the flows,
//! one HTML report for staff and translators, a reviewer's list of what changed between
//! two versions, and QR codes for the deep links.
//!
//! Everything here is pure: it takes the loader's [`Document`](crate::load::Document)
//! (and its lenient view, [`Content`](crate::load::content::Content)) with `check`'s
//! [`Report`](crate::load::Report), and returns text or bytes; `cli` reads the folders
//! and writes the files. A set that `check` refuses can still be pictured and reported;
//! what is wrong with it is always `check`'s report, shown beside it and attached to the
//! step or service it names as its owner, never a judgement made here.
//!
//! - [`graph`]: a flow as a graph, drawn as SVG or Mermaid;
//! - [`report`]: the HTML report;
//! - [`diff`]: what changed between two versions;
//! - [`figures`]: the statistics per week as a page of pictures, small counts hidden;
//! - [`poster`]: QR codes for deep links, as SVG and PNG;
//! - [`markup`]: HTML and SVG escaping and text measures;
//! - [`review`]: a reviewer's sheet of one language, written and read back.

pub mod diff;
pub(crate) mod figures;
pub mod graph;
pub(crate) mod markup;
pub mod poster;
pub mod report;
pub(crate) mod review;
