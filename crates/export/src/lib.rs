//! dyad-export (in progress).
