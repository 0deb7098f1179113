//! dyad-store (in progress).
