/// How a reader found the document, which tells extraction how to read its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RawFormat {
    /// A plain-text file, possibly in a news layout (headline, dateline, captions, byline).
    Text,
    /// One record of a JSON Lines file: the bytes are the `text` field, the rest is in
    /// [`RawMeta`].
    JsonRecord,
    /// An HTML page (from a file or a WARC response record); extraction finds the article in it.
    Html,
}

/// Metadata a reader found outside the text itself (JSON fields, later HTTP headers).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RawMeta {
    /// The record's own identifier.
    pub id: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The publication date as written (RFC 3339 or a plain date).
    pub published: Option<String>,
    /// When the page was fetched, as written (a WARC-Date, say).
    pub fetched: Option<String>,
    /// The character encoding a transport header declared (`charset=` of a Content-Type).
    pub charset: Option<String>,
}

/// A document as a reader hands it over: undecoded bytes plus what the reader knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDoc {
    /// Where it came from: a path, `-`, or `path:line`.
    pub source: String,
    /// The raw bytes.
    pub bytes: Vec<u8>,
    /// How to read them.
    pub format: RawFormat,
    /// What the reader found beside the text.
    pub meta: RawMeta,
}
