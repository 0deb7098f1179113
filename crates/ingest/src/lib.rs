//! dyad-ingest (in progress).
