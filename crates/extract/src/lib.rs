//! dyad-extract (in progress).
