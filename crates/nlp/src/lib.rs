//! dyad-nlp (in progress).
