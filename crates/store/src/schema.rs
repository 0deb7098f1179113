use rusqlite::Connection;

use crate::{Error, Result};

/// The schema version this build writes; stored in SQLite's `user_version`.
pub const SCHEMA_VERSION: u32 = 1;

/// Each migration takes the database from the version before it (its index) to the next.
const MIGRATIONS: &[&str] = &[r"
CREATE TABLE article (
    pk         INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,   -- content hash of text
    source     TEXT NOT NULL,
    source_id  TEXT,
    url        TEXT,
    title      TEXT,
    subtitle   TEXT,
    published  TEXT,                   -- RFC 3339 with offset
    modified   TEXT,
    zone       TEXT,
    language   TEXT,
    text       TEXT NOT NULL,
    stored_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE author (
    article  INTEGER NOT NULL REFERENCES article(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    role     TEXT,
    PRIMARY KEY (article, position)
) WITHOUT ROWID;
CREATE TABLE section (
    article  INTEGER NOT NULL REFERENCES article(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    start    INTEGER NOT NULL,         -- UTF-8 byte offsets into article.text, half-open
    end      INTEGER NOT NULL,
    PRIMARY KEY (article, position)
) WITHOUT ROWID;
CREATE TABLE sentence (
    article     INTEGER NOT NULL REFERENCES article(pk) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    first_token INTEGER NOT NULL,
    n_tokens    INTEGER NOT NULL,
    PRIMARY KEY (article, position)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE article_fts USING fts5(title, text, content='article', content_rowid='pk');
CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
    INSERT INTO article_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
END;
"];

/// Brings the database up to [`SCHEMA_VERSION`], refusing one written by a newer dyad.
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let sql_err = |source| Error::Sqlite {
        path: path.to_string(),
        source,
    };
    let found: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql_err)?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_string(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction().map_err(sql_err)?;
        tx.execute_batch(sql).map_err(sql_err)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(version + 1).unwrap_or(i64::MAX),
        )
        .map_err(sql_err)?;
        tx.commit().map_err(sql_err)?;
    }
    Ok(())
}
