use std::{fmt, ops::Range, sync::Arc};

use chrono::{DateTime, FixedOffset};

use crate::{Analysis, Error, Event, Layer, Mention, Overlap, Place, Quote, Result, Span, Timex};

/// A document's identity: the BLAKE3 hash of its text, truncated to 128 bits.
///
/// The same text always gets the same id, which makes storing idempotent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId([u8; 16]);

impl DocId {
    /// The id of a text.
    pub fn of_text(text: &str) -> DocId {
        let hash = blake3::hash(text.as_bytes());
        let mut id = [0; 16];
        id.copy_from_slice(&hash.as_bytes()[..16]);
        DocId(id)
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// An author as printed in a byline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Author {
    /// The person's name, e.g. `Hwang Joon-bum`.
    pub name: String,
    /// The role after the name, e.g. `Washington correspondent`.
    pub role: Option<String>,
}

/// Facts about a document that are not annotations of its text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Meta {
    /// Where the document came from: a path, `-` for stdin, or `path:line` for JSON Lines.
    pub source: String,
    /// An identifier the source gave the document, if any.
    pub source_id: Option<String>,
    /// The document's URL, if known.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The subtitle or deck.
    pub subtitle: Option<String>,
    /// When the article was first published, with the offset it was published in.
    pub published: Option<DateTime<FixedOffset>>,
    /// When the article was last modified, with its offset.
    pub modified: Option<DateTime<FixedOffset>>,
    /// Time-zone abbreviation printed in the article, e.g. `KST`.
    pub zone: Option<String>,
    /// Authors from the byline.
    pub authors: Vec<Author>,
    /// The article's language as a BCP 47 tag (`en`), when known.
    pub language: Option<String>,
    /// The newspaper section the article ran in (`Politics`, `World`), when the page says.
    pub news_section: Option<String>,
}

impl Meta {
    /// Meta with only a source.
    pub fn new(source: impl Into<String>) -> Meta {
        Meta {
            source: source.into(),
            ..Meta::default()
        }
    }
}

/// What part of an article a section is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SectionKind {
    /// The headline.
    Headline,
    /// The subtitle or deck under the headline.
    Subtitle,
    /// Publication and modification dates, or a place-and-date line.
    Dateline,
    /// A photo caption.
    Caption,
    /// A photo credit split off a caption, e.g. `(EPA/Yonhap News)`.
    Credit,
    /// A paragraph of the article body.
    Body,
    /// The author line.
    Byline,
    /// Text that belongs to the page, not the article: repeated captions, contact lines,
    /// "Related stories".
    Boilerplate,
}

impl SectionKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Headline => "headline",
            SectionKind::Subtitle => "subtitle",
            SectionKind::Dateline => "dateline",
            SectionKind::Caption => "caption",
            SectionKind::Credit => "credit",
            SectionKind::Body => "body",
            SectionKind::Byline => "byline",
            SectionKind::Boilerplate => "boilerplate",
        }
    }

    /// Whether sentences of this section are article prose that later stages should read.
    pub fn is_prose(self) -> bool {
        matches!(
            self,
            SectionKind::Headline
                | SectionKind::Subtitle
                | SectionKind::Caption
                | SectionKind::Body
        )
    }
}

/// A section: one block of the article's layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    kind: SectionKind,
}

impl Section {
    /// A section of the given kind.
    pub fn new(kind: SectionKind) -> Section {
        Section { kind }
    }

    /// The section's kind.
    pub fn kind(&self) -> SectionKind {
        self.kind
    }
}

/// A token's broad class, decided by the tokenizer from its characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, possibly with digits, apostrophes, hyphens or inner periods (`U.S.`, `n't`).
    Word,
    /// A number, possibly with separators (`1,000`, `3.5`, `2021-05-07`).
    Number,
    /// Punctuation.
    Punct,
    /// A symbol (`$`, `%`, `+`, emoji).
    Symbol,
    /// A URL.
    Url,
    /// An e-mail address.
    Email,
}

impl TokenKind {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
        }
    }
}

/// A token: a word, number, punctuation mark or symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    kind: TokenKind,
}

impl Token {
    /// A token of the given kind.
    pub fn new(kind: TokenKind) -> Token {
        Token { kind }
    }

    /// The token's kind.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }
}

/// A sentence: a run of consecutive tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    tokens: Range<u32>,
}

impl Sentence {
    /// A sentence covering the token indices `tokens`.
    pub fn new(tokens: Range<usize>) -> Sentence {
        let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Sentence {
            tokens: to_u32(tokens.start)..to_u32(tokens.end),
        }
    }

    /// The indices of the sentence's tokens in the token layer.
    pub fn tokens(&self) -> Range<usize> {
        self.tokens.start as usize..self.tokens.end as usize
    }
}

/// The kinds of layer a document can carry; stages declare them in `requires` and `provides`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LayerKind {
    /// Layout sections, set by extraction.
    Sections,
    /// Tokens.
    Tokens,
    /// Sentences.
    Sentences,
    /// Per-token syntax: tags, features, lemmas and dependency arcs.
    Syntax,
    /// Quotes with their speakers and cues.
    Quotes,
    /// Events with their actors and evidence.
    Events,
    /// Time expressions, normalised against the article date.
    Times,
    /// Place mentions resolved to gazetteer entries.
    Places,
    /// Names and role nouns, resolved to actors where the knowledge base knows them.
    Mentions,
}

impl LayerKind {
    /// The lowercase name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            LayerKind::Sections => "sections",
            LayerKind::Tokens => "tokens",
            LayerKind::Sentences => "sentences",
            LayerKind::Syntax => "syntax",
            LayerKind::Quotes => "quotes",
            LayerKind::Events => "events",
            LayerKind::Times => "times",
            LayerKind::Places => "places",
            LayerKind::Mentions => "mentions",
        }
    }
}

/// A layer a stage produced, ready to be attached to its document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LayerData {
    /// A token layer.
    Tokens(Layer<Token>),
    /// A sentence layer; needs the token layer.
    Sentences(Layer<Sentence>),
    /// The syntax layer: one analysis per token, aligned with the token layer by index; needs
    /// the token and sentence layers.
    Syntax(Vec<Analysis>),
    /// The quotes layer: each quote's content span, with its speaker and cue spans.
    Quotes(Layer<Quote>),
    /// The events layer: each event's evidence span, with its actors' spans.
    Events(Layer<Event>),
    /// The times layer: disjoint time expressions.
    Times(Layer<Timex>),
    /// The place layer: disjoint place mentions, each with the place it refers to.
    Places(Layer<Place>),
    /// The mentions layer: names and role nouns, possibly overlapping.
    Mentions(Layer<Mention>),
}

impl LayerData {
    /// Which layer this is.
    pub fn kind(&self) -> LayerKind {
        match self {
            LayerData::Tokens(_) => LayerKind::Tokens,
            LayerData::Sentences(_) => LayerKind::Sentences,
            LayerData::Syntax(_) => LayerKind::Syntax,
            LayerData::Quotes(_) => LayerKind::Quotes,
            LayerData::Events(_) => LayerKind::Events,
            LayerData::Times(_) => LayerKind::Times,
            LayerData::Places(_) => LayerKind::Places,
            LayerData::Mentions(_) => LayerKind::Mentions,
        }
    }
}

/// An article: its text, stored once and never changed, its metadata and its annotation layers.
///
/// Layers are attached by the pipeline runner through [`Document::attach`], which checks each
/// span against the text; stages only ever see `&Document`.
#[derive(Clone, Debug)]
pub struct Document {
    id: DocId,
    text: Arc<str>,
    meta: Meta,
    sections: Layer<Section>,
    tokens: Option<Layer<Token>>,
    sentences: Option<Layer<Sentence>>,
    syntax: Option<Vec<Analysis>>,
    quotes: Option<Layer<Quote>>,
    events: Option<Layer<Event>>,
    times: Option<Layer<Timex>>,
    places: Option<Layer<Place>>,
    mentions: Option<Layer<Mention>>,
}

impl Document {
    /// Makes a document from its text, metadata and layout sections.
    ///
    /// Sections must be disjoint and lie within the text.
    pub fn new(text: impl Into<Arc<str>>, meta: Meta, sections: Layer<Section>) -> Result<Self> {
        let text: Arc<str> = text.into();
        if u32::try_from(text.len()).is_err() {
            return Err(Error::TooLong { len: text.len() });
        }
        if sections.overlap() != Overlap::Forbid {
            return Err(Error::Overlapping { index: 0, next: 0 });
        }
        sections.check_spans(&text)?;
        Ok(Document {
            id: DocId::of_text(&text),
            text,
            meta,
            sections,
            tokens: None,
            sentences: None,
            syntax: None,
            quotes: None,
            events: None,
            times: None,
            places: None,
            mentions: None,
        })
    }

    /// A document whose whole text is one body section: plain text with no layout.
    pub fn single_body(text: impl Into<Arc<str>>, meta: Meta) -> Result<Self> {
        let text: Arc<str> = text.into();
        let body = Span::new(&text, 0, text.len())?;
        let sections = Layer::new(
            vec![(body, Section::new(SectionKind::Body))],
            Overlap::Forbid,
        )?;
        Document::new(text, meta, sections)
    }

    /// The document's content hash.
    pub fn id(&self) -> DocId {
        self.id
    }

    /// The full text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text a span covers.
    ///
    /// # Panics
    /// Never for spans of this document's layers; a span from another text may panic.
    pub fn text_of(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The metadata.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The layout sections.
    pub fn sections(&self) -> &Layer<Section> {
        &self.sections
    }

    /// The index of the section that contains `span`, if one does.
    pub fn section_of(&self, span: Span) -> Option<usize> {
        let index = self
            .sections
            .as_slice()
            .partition_point(|(s, _)| s.end() <= span.start());
        self.sections
            .get(index)
            .filter(|(s, _)| s.contains(span))
            .map(|_| index)
    }

    /// The texts of the sections of one kind, in order (the body paragraphs, say).
    pub fn section_texts(&self, kind: SectionKind) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .filter(move |(_, s)| s.kind() == kind)
            .map(|(span, _)| self.text_of(*span))
    }

    /// The tokens, once a tokenizer has run.
    pub fn tokens(&self) -> Option<&Layer<Token>> {
        self.tokens.as_ref()
    }

    /// The sentences, once a sentence splitter has run.
    pub fn sentences(&self) -> Option<&Layer<Sentence>> {
        self.sentences.as_ref()
    }

    /// The syntax of each token, aligned with [`Document::tokens`] by index, once a parser has
    /// run.
    pub fn syntax(&self) -> Option<&[Analysis]> {
        self.syntax.as_deref()
    }

    /// The time expressions, once the time stage has run.
    pub fn times(&self) -> Option<&Layer<Timex>> {
        self.times.as_ref()
    }

    /// The mentions layer, once the mention stage has run.
    pub fn mentions(&self) -> Option<&Layer<Mention>> {
        self.mentions.as_ref()
    }

    /// The place mentions, once a place stage has run.
    pub fn places(&self) -> Option<&Layer<Place>> {
        self.places.as_ref()
    }

    /// Whether a layer is present.
    pub fn has(&self, kind: LayerKind) -> bool {
        match kind {
            LayerKind::Sections => true,
            LayerKind::Tokens => self.tokens.is_some(),
            LayerKind::Sentences => self.sentences.is_some(),
            LayerKind::Syntax => self.syntax.is_some(),
            LayerKind::Quotes => self.quotes.is_some(),
            LayerKind::Events => self.events.is_some(),
            LayerKind::Times => self.times.is_some(),
            LayerKind::Places => self.places.is_some(),
            LayerKind::Mentions => self.mentions.is_some(),
        }
    }

    /// Attaches a layer after checking its spans against the text and its references to other
    /// layers.
    pub fn attach(&mut self, data: LayerData) -> Result<()> {
        let name = data.kind().as_str();
        if self.has(data.kind()) {
            return Err(Error::AlreadyAttached(name));
        }
        match data {
            LayerData::Tokens(tokens) => {
                check_disjoint(&tokens, &self.text)?;
                self.tokens = Some(tokens);
            }
            LayerData::Sentences(sentences) => {
                let tokens = self.tokens.as_ref().ok_or(Error::MissingLayer {
                    layer: name,
                    missing: LayerKind::Tokens.as_str(),
                })?;
                check_sentences(&sentences, tokens)?;
                self.sentences = Some(sentences);
            }
            LayerData::Syntax(syntax) => {
                let sentences = self.sentences.as_ref().ok_or(Error::MissingLayer {
                    layer: name,
                    missing: LayerKind::Sentences.as_str(),
                })?;
                check_syntax(
                    &syntax,
                    self.tokens.as_ref().map_or(0, Layer::len),
                    sentences,
                )?;
                self.syntax = Some(syntax);
            }
            LayerData::Quotes(quotes) => {
                quotes.check_spans(&self.text)?;
                for (_, quote) in quotes.iter() {
                    for span in [quote.speaker(), quote.cue()].into_iter().flatten() {
                        span.check(&self.text)?;
                    }
                }
                self.quotes = Some(quotes);
            }
            LayerData::Events(events) => {
                events.check_spans(&self.text)?;
                for (_, event) in events.iter() {
                    let detail = event.detail();
                    let spans = [event.source().span()]
                        .into_iter()
                        .chain(event.target().map(|t| t.span()))
                        .chain(detail.date.as_ref().and_then(|d| d.span()))
                        .chain(detail.place);
                    for span in spans {
                        span.check(&self.text)?;
                    }
                }
                self.events = Some(events);
            }
            LayerData::Times(times) => {
                check_disjoint(&times, &self.text)?;
                self.times = Some(times);
            }
            LayerData::Mentions(mentions) => {
                mentions.check_spans(&self.text)?;
                self.mentions = Some(mentions);
            }
            LayerData::Places(places) => {
                if places.overlap() != Overlap::Forbid {
                    return Err(Error::Overlapping { index: 0, next: 0 });
                }
                places.check_spans(&self.text)?;
                self.places = Some(places);
            }
        }
        Ok(())
    }

    /// The quotes layer, if a stage has added it.
    pub fn quotes(&self) -> Option<&Layer<Quote>> {
        self.quotes.as_ref()
    }

    /// The events layer, if a stage has added it.
    pub fn events(&self) -> Option<&Layer<Event>> {
        self.events.as_ref()
    }

    /// The tokens of a sentence, with their spans.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[(Span, Token)] {
        self.tokens
            .as_ref()
            .and_then(|t| t.as_slice().get(sentence.tokens()))
            .unwrap_or(&[])
    }
}

/// A layer whose items must not overlap (tokens, time expressions) must be built as such, and
/// its spans must fit the text.
fn check_disjoint<T>(layer: &Layer<T>, text: &str) -> Result<()> {
    if layer.overlap() != Overlap::Forbid {
        return Err(Error::Overlapping { index: 0, next: 0 });
    }
    layer.check_spans(text)
}

/// Sentences must be disjoint, cover consecutive non-empty token ranges in order, and span
/// exactly from their first token's start to their last token's end.
fn check_sentences(sentences: &Layer<Sentence>, tokens: &Layer<Token>) -> Result<()> {
    if sentences.overlap() != Overlap::Forbid {
        return Err(Error::Overlapping { index: 0, next: 0 });
    }
    let mut next_token = 0;
    for (index, (span, sentence)) in sentences.iter().enumerate() {
        let range = sentence.tokens();
        let bad = |reason| Err(Error::BadSentence { index, reason });
        if range.is_empty() || range.end > tokens.len() {
            return bad("token range is empty or past the last token");
        }
        if range.start < next_token {
            return bad("token range overlaps the previous sentence");
        }
        let first = tokens.as_slice()[range.start].0;
        let last = tokens.as_slice()[range.end - 1].0;
        if first.cover(last) != *span {
            return bad("span differs from its tokens' extent");
        }
        next_token = range.end;
    }
    Ok(())
}

/// The syntax layer must have one analysis per token, and each sentence's heads must stay in
/// the sentence and form a tree (no token is its own ancestor).
fn check_syntax(syntax: &[Analysis], n_tokens: usize, sentences: &Layer<Sentence>) -> Result<()> {
    if syntax.len() != n_tokens {
        return Err(Error::BadSyntax {
            index: syntax.len().min(n_tokens),
            reason: "the layer's length differs from the token count",
        });
    }
    // Walk up from each token; `seen[i]` is the token the walk through `i` started from, so
    // meeting the current start again is a cycle, and each token is walked through once.
    let mut seen = vec![usize::MAX; n_tokens];
    for (_, sentence) in sentences {
        let range = sentence.tokens();
        for start in range.clone() {
            let mut at = start;
            while seen[at] == usize::MAX {
                seen[at] = start;
                match syntax[at].head() {
                    None => break,
                    Some(head) if range.contains(&head) => at = head,
                    Some(_) => {
                        return Err(Error::BadSyntax {
                            index: at,
                            reason: "the head lies outside the token's sentence",
                        })
                    }
                }
                if seen[at] == start {
                    return Err(Error::BadSyntax {
                        index: at,
                        reason: "the heads form a cycle",
                    });
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::single_body(text, Meta::new("t")).unwrap()
    }

    fn tokens(text: &str, ranges: &[(usize, usize)]) -> LayerData {
        let items = ranges
            .iter()
            .map(|&(s, e)| (Span::new(text, s, e).unwrap(), Token::new(TokenKind::Word)))
            .collect();
        LayerData::Tokens(Layer::new(items, Overlap::Forbid).unwrap())
    }

    fn sentences(text: &str, items: &[(usize, usize, Range<usize>)]) -> LayerData {
        let items = items
            .iter()
            .map(|(s, e, r)| (Span::new(text, *s, *e).unwrap(), Sentence::new(r.clone())))
            .collect();
        LayerData::Sentences(Layer::new(items, Overlap::Forbid).unwrap())
    }

    #[test]
    fn finds_the_section_of_a_span() {
        let text = "Head\n\nBody text.";
        let sections = Layer::new(
            vec![
                (
                    Span::new(text, 0, 4).unwrap(),
                    Section::new(SectionKind::Headline),
                ),
                (
                    Span::new(text, 6, 16).unwrap(),
                    Section::new(SectionKind::Body),
                ),
            ],
            Overlap::Forbid,
        );
        let d = Document::new(text, Meta::new("t"), sections.unwrap()).unwrap();
        let at = |s, e| d.section_of(Span::new(text, s, e).unwrap());
        assert_eq!(
            [at(0, 4), at(6, 10), at(11, 16), at(4, 6), at(2, 8)],
            [Some(0), Some(1), Some(1), None, None]
        );
    }

    #[test]
    fn id_is_a_content_hash() {
        assert_eq!(doc("a b").id(), doc("a b").id());
        assert_ne!(doc("a b").id(), doc("a c").id());
        assert_eq!(doc("a b").id().to_string().len(), 32);
    }

    #[test]
    fn attach_checks_layers() {
        let text = "Hi there. Bye.";
        let mut d = doc(text);
        assert_eq!(
            d.attach(sentences(text, &[(0, 9, 0..3)])),
            Err(Error::MissingLayer {
                layer: "sentences",
                missing: "tokens"
            })
        );
        d.attach(tokens(text, &[(0, 2), (3, 8), (8, 9), (10, 13), (13, 14)]))
            .unwrap();
        assert_eq!(
            d.attach(sentences(text, &[(0, 8, 0..3)])),
            Err(Error::BadSentence {
                index: 0,
                reason: "span differs from its tokens' extent"
            })
        );
        d.attach(sentences(text, &[(0, 9, 0..3), (10, 14, 3..5)]))
            .unwrap();
        let second = &d.sentences().unwrap().as_slice()[1].1;
        assert_eq!(d.sentence_tokens(second).len(), 2);
        assert_eq!(
            d.attach(tokens(text, &[(0, 2)])),
            Err(Error::AlreadyAttached("tokens"))
        );
    }

    #[test]
    fn attach_checks_places() {
        let text = "From Hanoi to Seoul.";
        let place = |name: &str| {
            Place::new(
                None,
                name.into(),
                Some("VN".into()),
                "PPLC".into(),
                21.0,
                105.8,
            )
            .unwrap()
        };
        let layer = |items: Vec<(Span, Place)>, overlap| {
            LayerData::Places(Layer::new(items, overlap).unwrap())
        };
        let hanoi = (Span::new(text, 5, 10).unwrap(), place("Hanoi"));
        let mut d = doc(text);
        assert_eq!(
            d.attach(layer(vec![hanoi.clone()], Overlap::Allow)),
            Err(Error::Overlapping { index: 0, next: 0 })
        );
        d.attach(layer(vec![hanoi], Overlap::Forbid)).unwrap();
        assert!(d.has(LayerKind::Places));
        assert_eq!(d.places().unwrap().as_slice()[0].1.name(), "Hanoi");
        let outside = (
            Span::new("x".repeat(40).as_str(), 30, 35).unwrap(),
            place("Seoul"),
        );
        assert!(doc(text)
            .attach(layer(vec![outside], Overlap::Forbid))
            .is_err());
    }
}
