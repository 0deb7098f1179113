//! dyad-eval (in progress).
