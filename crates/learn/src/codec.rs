//! The binary model format: LEB128 varints, length-prefixed strings and sparse weight tables.

use crate::Error;

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    /// Appends an unsigned LEB128 varint.
    pub fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.0.push(n as u8);
    }

    /// Appends a signed varint (zigzag).
    pub fn int(&mut self, n: i64) {
        // Zigzag keeps small negative numbers short.
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }

    /// Appends a length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    /// Appends a count and then each string.
    pub fn strs(&mut self, items: &[impl AsRef<str>]) {
        self.uint(items.len() as u64);
        items.iter().for_each(|s| self.str(s.as_ref()));
    }
}

/// Reads values back in the order a [`Writer`] wrote them.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// An error at the current position.
    pub fn error(&self, message: &str) -> Error {
        Error {
            offset: self.at,
            message: message.to_string(),
        }
    }

    /// Reads an unsigned varint.
    pub fn uint(&mut self) -> crate::Result<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self
                .bytes
                .get(self.at)
                .ok_or_else(|| self.error("unexpected end of model"))?;
            self.at += 1;
            n |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(n);
            }
        }
        Err(self.error("varint longer than 64 bits"))
    }

    /// Reads a signed varint.
    pub fn int(&mut self) -> crate::Result<i64> {
        let n = self.uint()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    /// A count or index that must stay below `limit`.
    pub fn below(&mut self, limit: usize) -> crate::Result<usize> {
        let n = self.uint()?;
        usize::try_from(n)
            .ok()
            .filter(|&n| n < limit)
            .ok_or_else(|| self.error("number out of range"))
    }

    /// A count of items that follow, each taking at least one byte, so no more than the bytes
    /// left: a corrupt count fails here instead of reserving gigabytes.
    pub fn count(&mut self) -> crate::Result<usize> {
        let left = self.bytes.len() - self.at;
        self.below(left + 1)
    }

    /// Reads a length-prefixed UTF-8 string.
    pub fn str(&mut self) -> crate::Result<&'a str> {
        let len = self.below(self.bytes.len() - self.at + 1)?;
        let bytes = &self.bytes[self.at..self.at + len];
        self.at += len;
        std::str::from_utf8(bytes).map_err(|_| self.error("string is not UTF-8"))
    }

    /// Reads a count and then that many strings.
    pub fn strs(&mut self) -> crate::Result<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.str().map(String::from)).collect()
    }

    /// Fails unless every byte has been read.
    pub fn expect_end(&self) -> crate::Result<()> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(self.error("trailing bytes after the model"))
        }
    }
}
