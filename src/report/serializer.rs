//! A serde `Serializer` that writes JSON with exactly the bytes of serde_json's
//! `to_writer_pretty` (two-space indent) or `to_writer` (compact), for the report printers.
//!
//! Why not serde_json itself: at 2,000 articles the JSON report is 56 MB, and serde_json
//! spent about 11 instructions a byte on it (callgrind). Its string escaping tests one byte
//! at a time (a third of the writing), every field name goes through the same escaping and a
//! map-key serializer, and each quote, colon and indent is a `write_all` of its own. Here the
//! bytes go into a `Vec` flushed to the writer in large blocks, strings are scanned eight
//! bytes at a time for the few bytes JSON escapes (`"`, `\` and controls), and runs that
//! need no escape are copied whole. Numbers are written by serde_json's own formatter
//! (itoa, ryu), so they cannot differ; a test compares every report type, and the CLI tests
//! compare whole reports, with serde_json's output.

use serde::Serialize;
use serde::ser::{self, Impossible};
use serde_json::ser::{CompactFormatter, Formatter};
use std::fmt::Display;
use std::io::Write;

/// Writes `value` as JSON into `w`: pretty (two-space indent, nested `levels` deep in a
/// larger document, so every line break is followed by those levels' indent too) or
/// compact.
pub fn write<T: Serialize + ?Sized>(
    w: impl Write,
    value: &T,
    pretty: bool,
    levels: usize,
) -> std::io::Result<()> {
    let mut ser = Json {
        out: Vec::new(),
        inner: w,
        level: levels,
        has_value: false,
        pretty,
    };
    value.serialize(&mut ser).map_err(Error::into_io)?;
    ser.flush()
}

/// Bytes are handed to the writer once this many have gathered.
const FLUSH_AT: usize = 1 << 16;

/// A line break and the indent of up to 63 levels.
const BREAK: &[u8; 128] = &{
    let mut b = [b' '; 128];
    b[0] = b'\n';
    b
};

struct Json<W: Write> {
    out: Vec<u8>,
    inner: W,
    /// serde_json's `PrettyFormatter` state: the nesting depth, and whether the innermost
    /// open array or object has a value yet (so that its close goes on a line of its own).
    level: usize,
    has_value: bool,
    pretty: bool,
}

/// The error of serialising: an I/O error, or a value JSON cannot hold (a map key that is
/// not a string or number).
#[derive(Debug)]
pub struct Error(std::io::Error);

impl Error {
    fn into_io(self) -> std::io::Error {
        self.0
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            msg.to_string(),
        ))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error(e)
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

impl<W: Write> Json<W> {
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.out)?;
        self.out.clear();
        self.inner.flush()
    }

    /// Hands the gathered bytes to the writer when there are enough of them.
    fn maybe_flush(&mut self) -> Result {
        if self.out.len() >= FLUSH_AT {
            self.inner.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(())
    }

    /// A line break and the indent of the current level.
    fn newline(&mut self) {
        let mut spaces = 2 * self.level;
        let first = spaces.min(BREAK.len() - 1);
        self.out.extend_from_slice(&BREAK[..=first]);
        spaces -= first;
        while spaces > 0 {
            let n = spaces.min(BREAK.len() - 1);
            self.out.extend_from_slice(&BREAK[1..=n]);
            spaces -= n;
        }
    }

    fn open(&mut self, bracket: u8) {
        self.level += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    fn close(&mut self, bracket: u8) {
        self.level -= 1;
        if self.pretty && self.has_value {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// Before an array element or an object key.
    fn item(&mut self, first: bool) {
        if !first {
            self.out.push(b',');
        }
        if self.pretty {
            self.newline();
        }
    }

    /// After an array element or an object value.
    fn item_done(&mut self) -> Result {
        self.has_value = true;
        self.maybe_flush()
    }

    fn colon(&mut self) {
        if self.pretty {
            self.out.extend_from_slice(b": ");
        } else {
            self.out.push(b':');
        }
    }

    fn string(&mut self, s: &str) {
        escaped(&mut self.out, s);
    }

    /// `{"variant": ` of an enum variant with data, as serde_json writes it.
    fn variant_head(&mut self, variant: &str) {
        self.open(b'{');
        self.item(true);
        self.string(variant);
        self.colon();
    }

    /// The `}` closing [`Json::variant_head`].
    fn variant_tail(&mut self) {
        self.has_value = true;
        self.close(b'}');
    }

    /// A number or literal by serde_json's own formatter (itoa, ryu).
    fn with_formatter(
        &mut self,
        f: impl FnOnce(&mut CompactFormatter, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result {
        f(&mut CompactFormatter, &mut self.out)?;
        Ok(())
    }
}

/// Which JSON escape a byte takes: 0 for none, `u` for `\u00XX`, else the letter after `\`.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes of `x` is one JSON escapes (below 0x20, `"` or `\\`): the
/// has-zero-byte test of each condition, which is exact about whether any byte passes.
fn escapes_in(x: u64) -> bool {
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let q = x ^ (ONES * b'"' as u64);
    let quote = q.wrapping_sub(ONES) & !q;
    let b = x ^ (ONES * b'\\' as u64);
    let backslash = b.wrapping_sub(ONES) & !b;
    (below_space | quote | backslash) & HIGH != 0
}

/// Eight bytes of `b` from `at`, little-endian.
fn load8(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"))
}

/// Whether no byte of `b` needs an escape, eight bytes at a time. Most strings of a report
/// are short (field names, kinds, sources: 13 bytes on average), so the last bytes are read
/// as one overlapping word, and a string under eight bytes as a word padded with letters.
fn clean(b: &[u8]) -> bool {
    let n = b.len();
    if n < 8 {
        let mut lane = [b'a'; 8];
        for (l, &byte) in lane.iter_mut().zip(b) {
            *l = byte;
        }
        return !escapes_in(u64::from_le_bytes(lane));
    }
    let mut i = 0;
    while i + 16 <= n {
        if escapes_in(load8(b, i)) || escapes_in(load8(b, i + 8)) {
            return false;
        }
        i += 16;
    }
    if i + 8 <= n {
        if escapes_in(load8(b, i)) {
            return false;
        }
        i += 8;
    }
    i == n || !escapes_in(load8(b, n - 8))
}

/// `s` as a JSON string literal, escaped as serde_json escapes it. A string with nothing to
/// escape (nearly all of them) is copied whole.
fn escaped(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    out.push(b'"');
    if clean(b) {
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    // `start..` is the run of bytes that need no escape, not yet copied.
    let mut start = 0;
    for (k, &byte) in b.iter().enumerate() {
        let e = ESCAPE[byte as usize];
        if e == 0 {
            continue;
        }
        out.extend_from_slice(&b[start..k]);
        match e {
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(byte >> 4) as usize]);
                out.push(HEX[(byte & 0xF) as usize]);
            }
            _ => out.extend_from_slice(&[b'\\', e]),
        }
        start = k + 1;
    }
    out.extend_from_slice(&b[start..]);
    out.push(b'"');
}

/// An open array or object: whether it was empty (closed at once, as serde_json closes a
/// collection of known length zero) or which element comes next.
pub struct Compound<'a, W: Write> {
    ser: &'a mut Json<W>,
    state: State,
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum State {
    Empty,
    First,
    Rest,
}

impl<'a, W: Write> Compound<'a, W> {
    fn new(ser: &'a mut Json<W>, bracket: u8, len: Option<usize>) -> Self {
        ser.open(bracket);
        let state = if len == Some(0) {
            ser.close(bracket + 2);
            State::Empty
        } else {
            State::First
        };
        Compound { ser, state }
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.ser.item(self.state == State::First);
        self.state = State::Rest;
        value.serialize(&mut *self.ser)?;
        self.ser.item_done()
    }

    fn key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.ser.item(self.state == State::First);
        self.state = State::Rest;
        key.serialize(KeySerializer(&mut *self.ser))
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.ser.colon();
        value.serialize(&mut *self.ser)?;
        self.ser.item_done()
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.ser.item(self.state == State::First);
        self.state = State::Rest;
        self.ser.string(key);
        self.value(value)
    }

    /// Closes with `bracket` (`]` or `}`), unless closed already.
    fn close_with(self, bracket: u8) -> &'a mut Json<W> {
        if self.state != State::Empty {
            self.ser.close(bracket);
        }
        self.ser
    }
}

/// The serializer methods for booleans and integers, each written by serde_json's own
/// formatter through `$via` (plain, or quoted as a map key).
macro_rules! integers {
    ($via:ident) => {
        integers!($via: serialize_bool write_bool bool, serialize_i8 write_i8 i8,
            serialize_i16 write_i16 i16, serialize_i32 write_i32 i32, serialize_i64 write_i64 i64,
            serialize_i128 write_i128 i128, serialize_u8 write_u8 u8, serialize_u16 write_u16 u16,
            serialize_u32 write_u32 u32, serialize_u64 write_u64 u64,
            serialize_u128 write_u128 u128);
    };
    ($via:ident: $($name:ident $write:ident $t:ty),*) => {$(
        fn $name(self, v: $t) -> Result {
            self.$via(|f, w| f.$write(w, v))
        }
    )*};
}

impl<'a, W: Write> ser::Serializer for &'a mut Json<W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W>;
    type SerializeTuple = Compound<'a, W>;
    type SerializeTupleStruct = Compound<'a, W>;
    type SerializeTupleVariant = Compound<'a, W>;
    type SerializeMap = Compound<'a, W>;
    type SerializeStruct = Compound<'a, W>;
    type SerializeStructVariant = Compound<'a, W>;

    integers!(with_formatter);
    fn serialize_f32(self, v: f32) -> Result {
        if v.is_finite() {
            self.with_formatter(|f, w| f.write_f32(w, v))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_f64(self, v: f64) -> Result {
        if v.is_finite() {
            self.with_formatter(|f, w| f.write_f64(w, v))
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant_head(variant);
        value.serialize(&mut *self)?;
        self.variant_tail();
        Ok(())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a, W>> {
        Ok(Compound::new(self, b'[', len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, W>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, W>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>> {
        self.variant_head(variant);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a, W>> {
        Ok(Compound::new(self, b'{', len))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, W>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a, W>> {
        self.variant_head(variant);
        self.serialize_map(Some(len))
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        self.serialize_str(&value.to_string())
    }
}

/// The serde traits of an open array or object, which differ only in their method names,
/// in how a value is written (`element` or `field`) and in whether an enum variant's
/// `{"variant": ` is closed after the collection.
macro_rules! compound {
    ($($trait:ident { $method:ident ( $($key:ident: $k:ty,)? ) => $how:ident, $close:expr, $variant:expr })*) => {$(
        impl<W: Write> ser::$trait for Compound<'_, W> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, $($key: $k,)? value: &T) -> Result {
                self.$how($($key,)? value)
            }
            fn end(self) -> Result {
                let json = Compound::close_with(self, $close);
                if $variant {
                    json.variant_tail();
                }
                Ok(())
            }
        }
    )*};
}

compound! {
    SerializeSeq { serialize_element() => element, b']', false }
    SerializeTuple { serialize_element() => element, b']', false }
    SerializeTupleStruct { serialize_field() => element, b']', false }
    SerializeTupleVariant { serialize_field() => element, b']', true }
    SerializeStruct { serialize_field(key: &'static str,) => field, b'}', false }
    SerializeStructVariant { serialize_field(key: &'static str,) => field, b'}', true }
}

impl<W: Write> ser::SerializeMap for Compound<'_, W> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.value(value)
    }
    fn end(self) -> Result {
        Compound::close_with(self, b'}');
        Ok(())
    }
}

/// A map key: strings as they are, numbers and booleans quoted, as serde_json writes keys;
/// anything else is refused.
struct KeySerializer<'a, W: Write>(&'a mut Json<W>);

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl<W: Write> KeySerializer<'_, W> {
    /// A number or boolean key, quoted.
    fn quoted(
        self,
        f: impl FnOnce(&mut CompactFormatter, &mut Vec<u8>) -> std::io::Result<()>,
    ) -> Result {
        self.0.out.push(b'"');
        self.0.with_formatter(f)?;
        self.0.out.push(b'"');
        Ok(())
    }
}

impl<W: Write> ser::Serializer for KeySerializer<'_, W> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result {
        self.0.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    integers!(quoted);
    fn serialize_f32(self, v: f32) -> Result {
        if !v.is_finite() {
            return Err(key_must_be_a_string());
        }
        self.quoted(|f, w| f.write_f32(w, v))
    }
    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(key_must_be_a_string());
        }
        self.quoted(|f, w| f.write_f64(w, v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(key_must_be_a_string())
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result {
        self.serialize_str(&value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn both<T: Serialize + ?Sized>(v: &T) {
        let mut pretty = Vec::new();
        write(&mut pretty, v, true, 0).unwrap();
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            serde_json::to_string_pretty(v).unwrap()
        );
        let mut compact = Vec::new();
        write(&mut compact, v, false, 0).unwrap();
        assert_eq!(
            String::from_utf8(compact).unwrap(),
            serde_json::to_string(v).unwrap()
        );
    }

    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(i32, f64),
        Struct { a: Vec<u8>, b: () },
        EmptyTuple(),
        EmptyStruct {},
    }

    #[derive(Serialize)]
    struct Inner {
        x: Option<f32>,
        y: char,
    }

    #[derive(Serialize)]
    struct Outer {
        #[serde(flatten)]
        inner: Inner,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        skipped: Vec<u8>,
        empty: Vec<String>,
        nested: Vec<Vec<Vec<u8>>>,
        e: Vec<E>,
        bytes: serde_bytes_like::Bytes,
        m: BTreeMap<i64, BTreeMap<String, bool>>,
        b: BTreeMap<bool, ()>,
        unit: (),
        tuple: (u128, i128, u16, i16),
        floats: Vec<f64>,
    }

    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn every_shape_is_written_as_serde_json_writes_it() {
        let v = Outer {
            inner: Inner {
                x: Some(1.5),
                y: '"',
            },
            skipped: vec![],
            empty: vec![],
            nested: vec![vec![], vec![vec![], vec![1, 2]], vec![vec![3]]],
            e: vec![
                E::Unit,
                E::New(7),
                E::Tuple(-3, 0.1),
                E::Struct { a: vec![], b: () },
                E::EmptyTuple(),
                E::EmptyStruct {},
            ],
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            m: BTreeMap::from([
                (-5, BTreeMap::from([("k\n".to_string(), true)])),
                (6, BTreeMap::new()),
            ]),
            b: BTreeMap::from([(false, ()), (true, ())]),
            unit: (),
            tuple: (u128::MAX, i128::MIN, 0, -1),
            floats: vec![
                0.0,
                -0.0,
                1e300,
                1e-300,
                f64::NAN,
                f64::INFINITY,
                123456789.125,
            ],
        };
        both(&v);
        both(&serde_json::json!({"a": [1, {"b": null}, [], {}], "c": "d"}));
        both(&Vec::<u8>::new());
        both(&BTreeMap::<String, u8>::new());
        both(&Some(E::Unit));
    }

    #[test]
    fn nesting_deeper_than_the_indent_table_is_indented_as_serde_json_indents_it() {
        let mut v = serde_json::json!(1);
        for _ in 0..100 {
            v = serde_json::json!([v]);
        }
        both(&v);
    }

    #[test]
    fn refused_map_keys_are_errors() {
        let m = BTreeMap::from([(vec![1u8], 1u8)]);
        assert!(write(Vec::new(), &m, true, 0).is_err());
        assert!(serde_json::to_string(&m).is_err());
    }

    #[test]
    fn nested_values_carry_the_indent_of_their_levels() {
        let v = serde_json::json!({"a": [1, 2]});
        let mut out = Vec::new();
        write(&mut out, &v, true, 2).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n      \"a\": [\n        1,\n        2\n      ]\n    }"
        );
    }

    #[test]
    fn the_word_test_finds_every_byte_that_needs_an_escape_at_every_length_and_place() {
        for n in 0..40 {
            for at in 0..n {
                for byte in 0u8..=255 {
                    let mut b = vec![b'x'; n];
                    b[at] = byte;
                    assert_eq!(clean(&b), ESCAPE[byte as usize] == 0, "{n} {at} {byte:#x}");
                }
            }
        }
    }

    proptest::proptest! {
        /// Every byte that JSON escapes, at every place in and across the eight-byte lanes.
        #[test]
        fn strings_are_escaped_as_serde_json_escapes_them(
            s in "([a-z\"\\\\\u{0}-\u{1f}\u{7f}é“\u{2028}]{0,80})"
        ) {
            let mut out = Vec::new();
            escaped(&mut out, &s);
            proptest::prop_assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }
}
