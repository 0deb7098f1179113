//! Near-duplicate articles across a corpus: a SimHash of each body's word shingles.

use std::collections::HashMap;

use dyad_doc::{DocId, Document, SectionKind};

/// How many bits two signatures may differ in and still be the same story; 3 of 64 is the
/// threshold Manku et al. found for web pages ("Detecting near-duplicates for web crawling").
const MAX_DISTANCE: u32 = 3;

/// Signatures are looked up by four 16-bit bands: two signatures within [`MAX_DISTANCE`] bits
/// agree on at least one band, so each check reads a few short lists, not the whole corpus.
const BANDS: usize = 4;

/// Words per shingle.
const SHINGLE: usize = 4;

/// Texts with fewer shingles than this carry too little to call them copies of anything.
const MIN_SHINGLES: usize = 8;

/// Finds documents whose body is a near copy of an earlier one (a wire story on many sites,
/// a page fetched twice), in the order they are checked.
///
/// Each body becomes a 64-bit SimHash of its lowercase 4-word shingles; two bodies are
/// duplicates when their signatures differ in at most 3 bits.
/// Memory grows by about 60 bytes per document checked.
///
/// ```
/// use dyad_doc::{Document, Meta};
/// use dyad_export::Dedup;
///
/// let story = "The envoys met in Seoul on Friday and agreed to hold talks on the nuclear issue \
///     next month, officials said. The two sides also discussed food aid, family reunions and a \
///     hotline between their militaries, which was cut three years ago. Neither side gave a date \
///     for the talks, but a spokesman said both wanted them before the end of the year.";
/// let first = Document::single_body(story, Meta::new("a.html"))?;
/// let copy = Document::single_body(format!("SEOUL (AP) - {story}"), Meta::new("b.html"))?;
/// let other = Document::single_body(
///     "Heavy rain flooded roads across the south of the country on Sunday, and two rivers \
///      burst their banks overnight, forcing hundreds of families from their homes.",
///     Meta::new("c.html"),
/// )?;
/// let mut dedup = Dedup::default();
/// assert_eq!(dedup.check(&first), None);
/// assert_eq!(dedup.check(&copy), Some(first.id()));
/// assert_eq!(dedup.check(&other), None);
/// # Ok::<(), dyad_doc::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Dedup {
    /// Every signature kept, with the document it came from.
    seen: Vec<(u64, DocId)>,
    /// For each band, the indices into `seen` of the signatures with each band value.
    bands: [HashMap<u16, Vec<u32>>; BANDS],
}

impl Dedup {
    /// The id of the first earlier document that `doc` nearly duplicates, or `None`; in that
    /// case `doc` is remembered, so that later copies point to it.
    ///
    /// A document too short to judge is never a duplicate and is not remembered.
    pub fn check(&mut self, doc: &Document) -> Option<DocId> {
        let signature = signature(doc)?;
        let band = |i: usize| (signature >> (16 * i)) as u16;
        let found = (0..BANDS)
            .filter_map(|i| self.bands[i].get(&band(i)))
            .flatten()
            .map(|&index| self.seen[index as usize])
            .filter(|(other, _)| (other ^ signature).count_ones() <= MAX_DISTANCE)
            .min_by_key(|(_, id)| *id);
        if let Some((_, id)) = found {
            return Some(id);
        }
        let index = u32::try_from(self.seen.len()).ok()?;
        self.seen.push((signature, doc.id()));
        for i in 0..BANDS {
            self.bands[i].entry(band(i)).or_default().push(index);
        }
        None
    }
}

/// The SimHash of a document's body sections (its whole text if it has none).
fn signature(doc: &Document) -> Option<u64> {
    let body: Vec<&str> = doc.section_texts(SectionKind::Body).collect();
    let texts = if body.is_empty() {
        vec![doc.text()]
    } else {
        body
    };
    let words: Vec<String> = texts
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let shingles = words.windows(SHINGLE);
    if shingles.len() < MIN_SHINGLES {
        return None;
    }
    let mut weights = [0i32; 64];
    for shingle in shingles {
        let hash = shingle_hash(shingle);
        for (bit, weight) in weights.iter_mut().enumerate() {
            *weight += if hash >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(
        weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w > 0)
            .fold(0, |sig, (bit, _)| sig | 1 << bit),
    )
}

/// 64-bit FNV-1a over the words, each followed by a separator byte, then MurmurHash3's
/// finalizer: fast and stable across runs and platforms, and the finalizer makes every output
/// bit depend on every input bit, which SimHash needs (FNV-1a's high bits alone are skewed).
fn shingle_hash(words: &[String]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in words.iter().flat_map(|w| w.bytes().chain([0xff])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^ hash >> 33
}

#[cfg(test)]
mod tests {
    use dyad_doc::Meta;

    use super::*;

    /// Checks the texts in order and lists, for each, the index of the text it duplicates.
    fn check(texts: &[&str], expected: &[Option<usize>]) {
        let docs: Vec<Document> = texts
            .iter()
            .map(|t| Document::single_body(*t, Meta::new("t")).unwrap())
            .collect();
        let mut dedup = Dedup::default();
        let got: Vec<Option<usize>> = docs
            .iter()
            .map(|doc| {
                let id = dedup.check(doc)?;
                docs.iter().position(|d| d.id() == id)
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn near_copies_point_to_the_first() {
        let wire = "North Korea fired two short-range ballistic missiles into the sea off its east coast on Thursday, South Korea's military said, the latest in a series of launches this year. The missiles flew about 400 kilometres at an altitude of 50 kilometres before landing outside Japan's exclusive economic zone, Japan's defence ministry said. The launches came days after the United States and South Korea ended joint air drills that Pyongyang called a rehearsal for invasion. Seoul's national security council held an emergency meeting and called the launches a clear violation of UN Security Council resolutions.";
        let edited = "SEOUL - North Korea fired two short-range ballistic missiles into the sea off its east coast on Thursday, South Korea's military said, the latest in a series of launches this year. The missiles flew about 400 kilometres at an altitude of 50 kilometres before landing outside Japan's exclusive economic zone, Japan's defence ministry said. The launches came days after the United States and South Korea ended joint air drills that Pyongyang called a rehearsal for invasion. Seoul's national security council held an emergency meeting and called the launches a clear violation of UN Security Council resolutions.";
        let other = "The central bank kept its main interest rate unchanged on Thursday, saying inflation had slowed for a third month while growth stayed weak across most of the region.";
        check(
            &[wire, other, edited, wire],
            &[None, None, Some(0), Some(0)],
        );
        check(
            &["Too short to judge.", "Too short to judge."],
            &[None, None],
        );
    }
}
