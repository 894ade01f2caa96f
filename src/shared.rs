//! [`SharedStr`]: an immutable string shared by the claims and mentions that repeat it.
//!
//! Every claim of a document carries the document's `source`, and every claim of a sentence
//! carries that sentence: as `String`s each claim held its own copy (issue 7, memory at a
//! million articles; issue 4, an allocation and a copy per claim in the extractor's profile).
//! A `SharedStr` is one reference-counted allocation per document source and per sentence;
//! cloning it is a counter increment. It serialises as a plain string, so the JSON output is
//! byte-identical to the `String` fields it replaces. Mentions keep their surface and base
//! forms as `SharedStr`s interned per thread (`normalize::mentions`). It lives beside the
//! model, not in a stage, as stages that come earlier (normalize) and later (extract) use it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable, cheaply cloned string (an `Arc<str>`) that reads like a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(Arc::from(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(Arc::from(s))
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> Self {
        SharedStr(Arc::from(s.as_str()))
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SharedStr::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_the_string_and_clones_share_one_allocation() {
        let s = SharedStr::from("Minsk, “quoted” \\ text");
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            serde_json::to_string("Minsk, “quoted” \\ text").unwrap()
        );
        let back: SharedStr = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        let t = s.clone();
        assert!(std::ptr::eq(s.as_str(), t.as_str()));
        assert!(s == "Minsk, “quoted” \\ text" && s != *"Minsk");
        assert_eq!(format!("{s:?}"), format!("{:?}", "Minsk, “quoted” \\ text"));
    }
}
