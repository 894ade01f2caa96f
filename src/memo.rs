//! Per-thread memos of pure word functions (folding, stemming). News repeats its words: the
//! same few thousand are folded and stemmed again and again, and a hash lookup is cheaper
//! than recomputing. Each memo is per thread (no locking under rayon) and emptied when it
//! reaches [`MEMO_WORDS`], so memory stays bounded on any corpus.

use std::cell::RefCell;
use std::thread::LocalKey;

/// Words a memo holds before it is emptied.
pub const MEMO_WORDS: usize = 100_000;

/// FxHash in place of SipHash: a lookup per word is most of a memo's cost.
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// One thread's memo: word -> value.
pub type Memo<V> = RefCell<HashMap<Box<str>, V>>;

/// `compute(word)`, remembered in `memo` (a `thread_local!` [`Memo`]).
pub fn remembered<V: Clone + 'static>(
    memo: &'static LocalKey<Memo<V>>,
    word: &str,
    compute: impl FnOnce(&str) -> V,
) -> V {
    memo.with(|m| {
        if let Some(v) = m.borrow().get(word) {
            return v.clone();
        }
        let v = compute(word);
        let mut m = m.borrow_mut();
        if m.len() >= MEMO_WORDS {
            m.clear();
        }
        m.insert(word.into(), v.clone());
        v
    })
}
