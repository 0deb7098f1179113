//! dyad-pipeline (in progress).
