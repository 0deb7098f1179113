use std::path::Path;

use dyad_doc::Document;
use rusqlite::{params, Connection, OptionalExtension};
use thiserror::Error as ThisError;

use crate::schema;

/// Errors from the store, naming the database file.
#[derive(Debug, ThisError)]
#[non_exhaustive]
pub enum Error {
    /// SQLite failed.
    #[error("database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// SQLite's error.
        #[source]
        source: rusqlite::Error,
    },
    /// The database was written by a newer dyad.
    #[error("database {path} has schema version {found}; this dyad reads up to {supported}")]
    NewerSchema {
        /// The database file.
        path: String,
        /// Its version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
}

/// The result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// How a write went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Articles added.
    pub inserted: usize,
    /// Articles already stored (same content hash), left as they were.
    pub existing: usize,
}

/// One full-text search result.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    /// The article's content hash.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// A snippet of the text around the match, with matches in `[` `]`.
    pub snippet: String,
    /// FTS5's BM25 rank (lower is better).
    pub rank: f64,
}

/// An open dyad database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    /// Opens or creates the database at `path` and migrates it to the current schema.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| Error::Sqlite {
            path: name.clone(),
            source,
        })?;
        Store::init(conn, name)
    }

    /// An in-memory database, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        let name = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|source| Error::Sqlite {
            path: name.clone(),
            source,
        })?;
        Store::init(conn, name)
    }

    fn init(mut conn: Connection, path: String) -> Result<Store> {
        // WAL lets readers (the server, a second `dyad` run) read while a batch is written.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
            .and_then(|()| conn.pragma_update(None, "foreign_keys", "ON"))
            .and_then(|()| conn.busy_timeout(std::time::Duration::from_secs(10)))
            .map_err(|source| Error::Sqlite {
                path: path.clone(),
                source,
            })?;
        schema::migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        |source| Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Adds documents in one transaction; documents already stored are left alone.
    pub fn write(&mut self, docs: &[&Document]) -> Result<WriteSummary> {
        let path = self.path.clone();
        let err = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(err)?;
        let mut summary = WriteSummary::default();
        for doc in docs {
            if insert_document(&tx, doc).map_err(err)? {
                summary.inserted += 1;
            } else {
                summary.existing += 1;
            }
        }
        tx.commit().map_err(err)?;
        Ok(summary)
    }

    /// The number of stored articles.
    pub fn count(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT count(*) FROM article", [], |row| {
                row.get::<_, i64>(0)
            })
            .map(|n| n.unsigned_abs())
            .map_err(self.err())
    }

    /// The text of a stored article.
    pub fn text(&self, id: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT text FROM article WHERE id = ?1", [id], |row| {
                row.get(0)
            })
            .optional()
            .map_err(self.err())
    }

    /// Full-text search over titles and texts, best first (FTS5 query syntax).
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.title, snippet(article_fts, 1, '[', ']', '…', 12), bm25(article_fts)
                 FROM article_fts JOIN article a ON a.pk = article_fts.rowid
                 WHERE article_fts MATCH ?1 ORDER BY bm25(article_fts) LIMIT ?2",
            )
            .map_err(self.err())?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![query, limit], |row| {
                Ok(SearchHit {
                    id: row.get(0)?,
                    title: row.get(1)?,
                    snippet: row.get(2)?,
                    rank: row.get(3)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<_>>().map_err(self.err())
    }
}

/// Inserts one document and its layers; returns false when it was already there.
fn insert_document(tx: &rusqlite::Transaction<'_>, doc: &Document) -> rusqlite::Result<bool> {
    let meta = doc.meta();
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO article
             (id, source, source_id, url, title, subtitle, published, modified, zone, language, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            doc.id().to_string(),
            meta.source,
            meta.source_id,
            meta.url,
            meta.title,
            meta.subtitle,
            meta.published.map(|t| t.to_rfc3339()),
            meta.modified.map(|t| t.to_rfc3339()),
            meta.zone,
            meta.language,
            doc.text(),
        ])?;
    if inserted == 0 {
        return Ok(false);
    }
    let article = tx.last_insert_rowid();
    let mut author = tx.prepare_cached(
        "INSERT INTO author (article, position, name, role) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, a) in meta.authors.iter().enumerate() {
        author.execute(params![article, int(position), a.name, a.role])?;
    }
    let mut section = tx.prepare_cached(
        "INSERT INTO section (article, position, kind, start, end) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (position, (span, s)) in doc.sections().iter().enumerate() {
        section.execute(params![
            article,
            int(position),
            s.kind().as_str(),
            int(span.start()),
            int(span.end())
        ])?;
    }
    if let Some(sentences) = doc.sentences() {
        let mut sentence = tx.prepare_cached(
            "INSERT INTO sentence (article, position, start, end, first_token, n_tokens)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (position, (span, s)) in sentences.iter().enumerate() {
            let tokens = s.tokens();
            sentence.execute(params![
                article,
                int(position),
                int(span.start()),
                int(span.end()),
                int(tokens.start),
                int(tokens.len())
            ])?;
        }
    }
    Ok(true)
}

/// SQLite integers are signed 64-bit; offsets and counts always fit.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use dyad_doc::Meta;

    use super::*;

    fn doc(text: &str) -> Document {
        let mut meta = Meta::new("t.txt");
        meta.title = Some(format!("About {}", &text[..5]));
        Document::single_body(text, meta).unwrap()
    }

    #[test]
    fn writes_are_idempotent_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let (a, b) = (doc("Seoul plans talks"), doc("Pyongyang ignores feelers"));
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store.write(&[&a, &b]).unwrap(),
            WriteSummary {
                inserted: 2,
                existing: 0
            }
        );
        drop(store);
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store.write(&[&b, &a]).unwrap(),
            WriteSummary {
                inserted: 0,
                existing: 2
            }
        );
        assert_eq!(store.count().unwrap(), 2);
        assert_eq!(
            store.text(&a.id().to_string()).unwrap().as_deref(),
            Some("Seoul plans talks")
        );
        let hits = store.search("feelers", 5).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].snippet, "Pyongyang ignores [feelers]");
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        drop(conn);
        let err = Store::open(&path).unwrap_err();
        assert!(err
            .to_string()
            .ends_with("has schema version 99; this dyad reads up to 1"));
    }
}
