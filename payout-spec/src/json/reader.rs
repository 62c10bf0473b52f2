//! Reading JSON text into a tree in one pass, with a bounded nesting depth.
//!
//! Bodies come from the network: a gateway's answer, and webhooks anyone can POST. A parser
//! that recurses per nesting level can be made to overflow the stack by a few kilobytes of
//! `[[[[`, and one that re-reads each level's text costs depth × size. This reader keeps an
//! explicit stack of open containers (so depth costs heap, not stack), refuses to open more
//! than `max_depth` of them, and looks at each byte a constant number of times.
//!
//! One reader builds both trees, owned ([`Json`]) and borrowed ([`JsonRef`]), through
//! [`Tree`]: the same text is accepted or refused, with the same message, by both.
//!
//! serde_json stays the reference for what a string means: each string with escapes is
//! handed to it whole, so escape and surrogate handling are serde_json's.

use std::borrow::Cow;

use super::{map_with_capacity, JsonMap, JsonRef};

use super::{Json, JsonError};

/// A JSON tree the reader can build: its values from the text's pieces (lent by the text
/// where they are written as they mean, owned where escapes were decoded).
pub(super) trait Tree<'a>: Sized {
    /// An object's members while it is read.
    type Members;

    fn null() -> Self;
    fn bool(b: bool) -> Self;
    fn number(text: &'a str) -> Self;
    fn string(text: Cow<'a, str>) -> Self;
    fn array(items: Vec<Self>) -> Self;
    /// Room for `n` members.
    fn members(n: usize) -> Self::Members;
    fn insert(members: &mut Self::Members, key: Cow<'a, str>, value: Self);
    /// The object whose members were read; `read_before` objects of the text closed
    /// before it.
    fn object(members: Self::Members, read_before: usize) -> Self;
}

impl<'a> Tree<'a> for Json {
    type Members = JsonMap;

    fn null() -> Self {
        Json::Null
    }
    fn bool(b: bool) -> Self {
        Json::Bool(b)
    }
    fn number(text: &'a str) -> Self {
        Json::Number(text.to_string())
    }
    fn string(text: Cow<'a, str>) -> Self {
        Json::String(text.into_owned())
    }
    fn array(items: Vec<Self>) -> Self {
        Json::Array(items)
    }
    fn members(n: usize) -> JsonMap {
        map_with_capacity(n)
    }
    fn insert(members: &mut JsonMap, key: Cow<'a, str>, value: Self) {
        members.insert(key.into_owned(), value);
    }
    fn object(members: JsonMap, _: usize) -> Self {
        Json::Object(members)
    }
}

/// How many objects a borrowed reading keeps room in beyond their members: the first few
/// (a body's usual handful) keep what they were given; any after them give back what they
/// did not use, so a body of many small objects costs at most twice its members.
const ROOMY_OBJECTS: usize = 8;

impl<'a> Tree<'a> for JsonRef<'a> {
    type Members = Vec<(Cow<'a, str>, JsonRef<'a>)>;

    fn null() -> Self {
        JsonRef::Null
    }
    fn bool(b: bool) -> Self {
        JsonRef::Bool(b)
    }
    fn number(text: &'a str) -> Self {
        JsonRef::Number(Cow::Borrowed(text))
    }
    fn string(text: Cow<'a, str>) -> Self {
        JsonRef::String(text)
    }
    fn array(items: Vec<Self>) -> Self {
        JsonRef::Array(items)
    }
    /// Room for sixteen members from the start (a webhook's object has ten to fifteen:
    /// growing from eight copied them all once more); none for an empty object.
    fn members(n: usize) -> Self::Members {
        Vec::with_capacity(if n == 0 { 0 } else { n.max(16) })
    }
    fn insert(members: &mut Self::Members, key: Cow<'a, str>, value: Self) {
        members.push((key, value));
    }
    /// Past the first [`ROOMY_OBJECTS`], a small object gives back the room it did not
    /// use (giving it back costs a copy, which a body's few objects are spared).
    fn object(mut members: Self::Members, read_before: usize) -> Self {
        if read_before >= ROOMY_OBJECTS && members.capacity() > 2 * members.len() {
            members.shrink_to_fit();
        }
        JsonRef::Object(members)
    }
}

/// The bytes a string's text may hold as they are: all but the quote, the backslash and
/// the control characters.
static PLAIN: [bool; 256] = {
    let mut plain = [true; 256];
    let mut b = 0;
    while b < 0x20 {
        plain[b] = false;
        b += 1;
    }
    plain[b'"' as usize] = false;
    plain[b'\\' as usize] = false;
    plain
};

/// Where the run of plain bytes from `at` ends: at the first quote, backslash or control
/// character, or the end of the text.
fn plain_run_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(word) = bytes
        .get(at..at + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let special = super::special_mask(u64::from_le_bytes(word), false);
        if special != 0 {
            return at + (special.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .position(|&b| !PLAIN[usize::from(b)])
        .unwrap_or(rest.len())
}

/// An open container waiting for its next member.
enum Frame<'a, T: Tree<'a>> {
    Array(Vec<T>),
    /// The members so far, and the key whose value is being read.
    Object(T::Members, Cow<'a, str>),
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// Parses `text`; containers may nest `max_depth` levels deep.
pub(super) fn read<'a, T: Tree<'a>>(text: &'a str, max_depth: usize) -> Result<T, JsonError> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    // Bodies nest a few levels: their open containers fit in place, deeper ones spill.
    let mut stack: smallvec::SmallVec<[Frame<'a, T>; 4]> = smallvec::SmallVec::new();
    // Objects closed so far (a borrowed tree spares a body's first few a copy).
    let mut objects = 0;
    loop {
        r.skip_ws();
        // A value: a scalar is complete at once; a container is opened and, unless empty,
        // its first member is read next.
        let mut value = match r.peek() {
            Some(b'{') | Some(b'[') => {
                if stack.len() >= max_depth {
                    return Err(r.error(&format!(
                        "JSON nested deeper than {max_depth} levels (the limit for a body)"
                    )));
                }
                let open = r.bytes[r.pos];
                r.pos += 1;
                r.skip_ws();
                if open == b'[' {
                    if r.eat(b']') {
                        T::array(Vec::new())
                    } else {
                        stack.push(Frame::Array(Vec::new()));
                        continue;
                    }
                } else if r.eat(b'}') {
                    objects += 1;
                    T::object(T::members(0), objects - 1)
                } else {
                    let key = r.key()?;
                    // Room for a usual object's members from the start: growing from empty
                    // (3, 7, then 14 members) costs a small body's objects six allocations
                    // and two rehashes. Eight measured best (callgrind, `examples/ops.rs`):
                    // larger maps leave the allocator's fast path.
                    stack.push(Frame::Object(T::members(8), key));
                    continue;
                }
            }
            Some(b'"') => T::string(r.string()?),
            Some(b't') => T::bool(r.literal("true", true)?),
            Some(b'f') => T::bool(r.literal("false", false)?),
            Some(b'n') => r.literal("null", ()).map(|()| T::null())?,
            Some(b'-' | b'0'..=b'9') => T::number(r.number()?),
            Some(_) => return Err(r.error("expected a JSON value")),
            None => return Err(r.error("EOF while parsing a value")),
        };
        // The value is complete: hand it to its container, closing every container that
        // ends right after it.
        loop {
            let Some(frame) = stack.last_mut() else {
                r.skip_ws();
                if r.pos < r.bytes.len() {
                    return Err(r.error("trailing characters"));
                }
                return Ok(value);
            };
            r.skip_ws();
            match frame {
                Frame::Array(items) => {
                    items.push(value);
                    if r.eat(b',') {
                        break;
                    }
                    if !r.eat(b']') {
                        return Err(r.error("expected `,` or `]`"));
                    }
                }
                Frame::Object(members, key) => {
                    T::insert(members, std::mem::take(key), value);
                    if r.eat(b',') {
                        r.skip_ws();
                        *key = r.key()?;
                        break;
                    }
                    if !r.eat(b'}') {
                        return Err(r.error("expected `,` or `}`"));
                    }
                }
            }
            value = match stack.pop() {
                Some(Frame::Array(items)) => T::array(items),
                Some(Frame::Object(members, _)) => {
                    objects += 1;
                    T::object(members, objects - 1)
                }
                None => return Err(r.error("internal: no open container")),
            };
        }
    }
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// `"key"` then `:`, leaving the position at the value.
    fn key(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string key"));
        }
        let key = self.string()?;
        self.skip_ws();
        if !self.eat(b':') {
            return Err(self.error("expected `:`"));
        }
        Ok(key)
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let start = self.pos;
        self.pos += 1;
        // The run of plain bytes first: most strings have no escape, and end at the first
        // byte that is not plain. Eight bytes at a time (the first special byte's place is
        // exact), then the last few one table look each.
        self.pos = plain_run_end(self.bytes, self.pos);
        let mut escaped = false;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 2;
                }
                Some(b) if b < 0x20 => {
                    return Err(self.error("control character in a string"));
                }
                Some(_) => self.pos += 1,
            }
        }
        self.pos += 1;
        // Both ends are ASCII quotes, so these are character boundaries.
        if !escaped {
            return Ok(Cow::Borrowed(&self.text[start + 1..self.pos - 1]));
        }
        let quoted = &self.text[start..self.pos];
        serde_json::from_str::<String>(quoted)
            .map(Cow::Owned)
            .map_err(|e| {
                let at = start;
                self.error_at(at, &format!("bad string: {e}"))
            })
    }

    fn literal<V>(&mut self, word: &str, value: V) -> Result<V, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, kept as written.
    fn number(&mut self) -> Result<&'a str, JsonError> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("invalid number")),
        }
        if self.eat(b'.') {
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("invalid number"));
            }
            self.digits();
        }
        Ok(&self.text[start..self.pos])
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn error(&self, what: &str) -> JsonError {
        self.error_at(self.pos, what)
    }

    /// `what at line L column C`, as serde_json words its positions.
    fn error_at(&self, at: usize, what: &str) -> JsonError {
        let before = &self.bytes[..at.min(self.bytes.len())];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let col = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
        JsonError {
            message: format!("{what} at line {line} column {col}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time scan stops where a byte-by-byte one does: every byte value, in
    /// every place of texts 0–20 bytes long, amid plain ASCII and amid UTF-8's high bytes,
    /// from every start.
    #[test]
    fn the_plain_run_ends_where_a_byte_by_byte_scan_ends() {
        let naive = |bytes: &[u8], at: usize| {
            (at..bytes.len())
                .find(|&i| matches!(bytes[i], b'"' | b'\\' | 0..=0x1f))
                .unwrap_or(bytes.len())
        };
        for filler in [b'a', 0xC3, 0x80, 0xFF] {
            for len in 0..=20 {
                for place in 0..len {
                    for b in 0..=255u8 {
                        let mut bytes = vec![filler; len];
                        bytes[place] = b;
                        for at in 0..=len {
                            assert_eq!(
                                plain_run_end(&bytes, at),
                                naive(&bytes, at),
                                "{bytes:?} from {at}"
                            );
                        }
                    }
                }
            }
        }
    }
}
