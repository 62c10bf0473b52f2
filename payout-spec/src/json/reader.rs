//! Reading JSON text into [`Json`] in one pass, with a bounded nesting depth.
//!
//! Bodies come from the network: a gateway's answer, and webhooks anyone can POST. A parser
//! that recurses per nesting level can be made to overflow the stack by a few kilobytes of
//! `[[[[`, and one that re-reads each level's text costs depth × size. This reader keeps an
//! explicit stack of open containers (so depth costs heap, not stack), refuses to open more
//! than `max_depth` of them, and looks at each byte a constant number of times.
//!
//! serde_json stays the reference for what a string means: each string with escapes is
//! handed to it whole, so escape and surrogate handling are serde_json's.

use super::{map_with_capacity, JsonMap};

use super::{Json, JsonError};

/// An open container waiting for its next member.
enum Frame {
    Array(Vec<Json>),
    /// The members so far, and the key whose value is being read.
    Object(JsonMap, String),
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

/// Parses `text`; containers may nest `max_depth` levels deep.
pub(super) fn read(text: &str, max_depth: usize) -> Result<Json, JsonError> {
    let mut r = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut stack: Vec<Frame> = Vec::new();
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
                        Json::Array(Vec::new())
                    } else {
                        stack.push(Frame::Array(Vec::new()));
                        continue;
                    }
                } else if r.eat(b'}') {
                    Json::Object(JsonMap::default())
                } else {
                    let key = r.key()?;
                    // Room for a usual object's members from the start: growing from empty
                    // (3, 7, then 14 members) costs a small body's objects six allocations
                    // and two rehashes. Eight measured best (callgrind, `examples/ops.rs`):
                    // larger maps leave the allocator's fast path.
                    stack.push(Frame::Object(map_with_capacity(8), key));
                    continue;
                }
            }
            Some(b'"') => Json::String(r.string()?),
            Some(b't') => r.literal("true", Json::Bool(true))?,
            Some(b'f') => r.literal("false", Json::Bool(false))?,
            Some(b'n') => r.literal("null", Json::Null)?,
            Some(b'-' | b'0'..=b'9') => Json::Number(r.number()?),
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
                    members.insert(std::mem::take(key), value);
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
                Some(Frame::Array(items)) => Json::Array(items),
                Some(Frame::Object(members, _)) => Json::Object(members),
                None => return Err(r.error("internal: no open container")),
            };
        }
    }
}

impl Reader<'_> {
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
    fn key(&mut self) -> Result<String, JsonError> {
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
    fn string(&mut self) -> Result<String, JsonError> {
        let start = self.pos;
        self.pos += 1;
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
        let quoted = &self.text[start..self.pos];
        if !escaped {
            return Ok(quoted[1..quoted.len() - 1].to_string());
        }
        serde_json::from_str::<String>(quoted).map_err(|e| {
            let at = start;
            self.error_at(at, &format!("bad string: {e}"))
        })
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    /// `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`, kept as written.
    fn number(&mut self) -> Result<String, JsonError> {
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
        Ok(self.text[start..self.pos].to_string())
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
