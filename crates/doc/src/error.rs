use thiserror::Error as ThisError;

/// Errors raised when an annotation would break a document invariant.
#[derive(Debug, ThisError, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// A span whose start lies after its end.
    #[error("span start {start} is after its end {end}")]
    Reversed {
        /// Start offset in bytes.
        start: usize,
        /// End offset in bytes.
        end: usize,
    },
    /// A span that reaches past the end of the text.
    #[error("span {start}..{end} exceeds the text length {len}")]
    OutOfBounds {
        /// Start offset in bytes.
        start: usize,
        /// End offset in bytes.
        end: usize,
        /// Length of the text in bytes.
        len: usize,
    },
    /// A span end that falls inside a multi-byte character.
    #[error("span offset {offset} is not on a character boundary")]
    NotCharBoundary {
        /// The offending offset in bytes.
        offset: usize,
    },
    /// A text too long for 32-bit offsets.
    #[error("text of {len} bytes is longer than the 4 GiB that spans can address")]
    TooLong {
        /// Length of the text in bytes.
        len: usize,
    },
    /// Layer items out of order.
    #[error("layer items are not sorted by span: item {index} starts before its predecessor")]
    Unsorted {
        /// Index of the first item out of order.
        index: usize,
    },
    /// Two items of a layer that forbids overlap share bytes.
    #[error("layer items {index} and {next} overlap")]
    Overlapping {
        /// Index of the first item.
        index: usize,
        /// Index of the item it overlaps.
        next: usize,
    },
    /// A layer attached a second time.
    #[error("layer {0} is already attached")]
    AlreadyAttached(&'static str),
    /// A layer attached before a layer it refers to.
    #[error("layer {layer} needs layer {missing}, which is not attached")]
    MissingLayer {
        /// The layer being attached.
        layer: &'static str,
        /// The layer it needs.
        missing: &'static str,
    },
    /// A sentence whose token range or span does not match the token layer.
    #[error("sentence {index} does not match the token layer: {reason}")]
    BadSentence {
        /// Index of the sentence.
        index: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A syntax layer that does not fit the token and sentence layers.
    #[error("token {index} has bad syntax: {reason}")]
    BadSyntax {
        /// Index of the token.
        index: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// Coordinates that are not a point on Earth.
    #[error("coordinates {lat}, {lon} are not a point on Earth")]
    BadCoordinates {
        /// Latitude in degrees.
        lat: f64,
        /// Longitude in degrees.
        lon: f64,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;
