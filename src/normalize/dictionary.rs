//! The built-in name dictionary: Latin and Cyrillic spellings of person-name words (given
//! names and surnames) that Wikidata records as one name item, e.g. lukashenko | lukashenka |
//! łukaszenka | лукашэнка. Source: the `rigour` package's Wikidata table as collected in
//! `../shared/data/names/wikidata_person_names_latn_cyrl.tsv.gz` (MIT; forms CC0), see
//! `data/SOURCE.md`.
//!
//! Shipped filtered: only the items whose spellings do not already share one fold key (the
//! fold joins the others by itself), gzip-compressed and embedded; decompressed and indexed on
//! first use.

use super::fold;
use std::collections::BTreeSet;
use std::io::Read;
use std::sync::OnceLock;

const DATA: &[u8] = include_bytes!("data/wikidata_names.tsv.gz");

/// Primary fold key → items (row numbers) that spell a word so.
struct Dictionary {
    index: rustc_hash::FxHashMap<&'static str, Rows>,
    rows: usize,
}

/// The items of one key: nearly always one, so one is kept without a heap allocation.
enum Rows {
    One([u32; 1]),
    Many(Vec<u32>),
}

impl Rows {
    fn as_slice(&self) -> &[u32] {
        match self {
            Rows::One(r) => r,
            Rows::Many(v) => v,
        }
    }

    fn push(&mut self, row: u32) {
        match self {
            Rows::One([r]) => *self = Rows::Many(vec![*r, row]),
            Rows::Many(v) => v.push(row),
        }
    }
}

fn row_keys(line: &str) -> Option<BTreeSet<String>> {
    let mut f = line.split('\t');
    let _qid = f.next()?;
    let latin = f.next()?;
    let cyrillic = f.next().unwrap_or("");
    let keys: BTreeSet<String> = latin
        .split('|')
        .chain(cyrillic.split('|'))
        .filter(|w| !w.is_empty())
        .map(fold::primary_key)
        .filter(|k| k.len() > 1)
        .collect();
    Some(keys)
}

fn load() -> Dictionary {
    // The data is embedded and checked by a test; a corrupt build gives an empty dictionary.
    // Decompressed once into one buffer (about 2 MB) that lives as long as the process, as
    // the dictionary does: the keys are slices of it, not one allocation each.
    let mut bytes = Vec::with_capacity(DATA.len() * 3);
    let text = match flate2::read::GzDecoder::new(DATA).read_to_end(&mut bytes) {
        Ok(_) => String::from_utf8(bytes).unwrap_or_default(),
        Err(_) => String::new(),
    };
    let text: &'static str = Box::leak(text.into_boxed_str());
    let mut index: rustc_hash::FxHashMap<&'static str, Rows> = Default::default();
    let mut rows = 0;
    for (i, line) in text.lines().enumerate().skip(1) {
        // The fold keys are shipped in the last column (folding ~29,000 rows of spellings
        // at every start cost 0.35 CPU-seconds); `shipped_keys_are_the_folds_keys` keeps
        // them equal to what the fold computes.
        let Some(keys) = line.split('\t').nth(3) else {
            continue;
        };
        rows += 1;
        for k in keys.split('|').filter(|k| !k.is_empty()) {
            index
                .entry(k)
                .and_modify(|r| r.push(i as u32))
                .or_insert(Rows::One([i as u32]));
        }
    }
    Dictionary { index, rows }
}

fn dictionary() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    D.get_or_init(load)
}

/// Number of name items in the built-in dictionary.
pub fn len() -> usize {
    dictionary().rows
}

/// True when both words are spellings of one Wikidata name item.
pub fn equivalent(a: &str, b: &str) -> bool {
    equivalent_keys(&fold::primary_key(a), &fold::primary_key(b))
}

/// [`equivalent`] for words already folded to their primary keys.
pub fn equivalent_keys(a: &str, b: &str) -> bool {
    let d = dictionary();
    let (Some(ia), Some(ib)) = (d.index.get(a), d.index.get(b)) else {
        return false;
    };
    ia.as_slice().iter().any(|x| ib.as_slice().contains(x))
}

/// True when the word is in the dictionary at all.
pub fn contains(word: &str) -> bool {
    dictionary()
        .index
        .contains_key(fold::primary_key(word).as_str())
}

/// Keeps the header and the rows whose forms have more than one primary fold key: the rows
/// that teach the matcher something the fold does not already know. Each kept row gains a
/// fourth column, its fold keys joined by `|`, which is what [`load`] reads.
pub fn filter_rows(tsv: &str) -> String {
    let mut out = String::new();
    for (i, line) in tsv.lines().enumerate() {
        if i == 0 {
            out.push_str(line);
            out.push_str("\tfold_keys\n");
            continue;
        }
        if let Some(keys) = row_keys(line).filter(|k| k.len() > 1) {
            out.push_str(line);
            out.push('\t');
            out.push_str(&keys.into_iter().collect::<Vec<_>>().join("|"));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_spellings_the_fold_cannot() {
        assert!(len() > 1000);
        assert!(equivalent("Lukashenko", "Łukaszenka"));
        assert!(equivalent("Lukashenko", "Лукашенко"));
        assert!(!equivalent("Lukashenko", "Putin"));
    }

    /// The shipped keys go stale when the fold changes: this says so.
    #[test]
    fn shipped_keys_are_the_folds_keys() {
        use rayon::prelude::*;
        let mut text = String::new();
        flate2::read::GzDecoder::new(DATA)
            .read_to_string(&mut text)
            .unwrap();
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert!(lines.len() > 1000);
        let stale: Vec<&str> = lines
            .par_iter()
            .filter(|line| {
                let shipped: BTreeSet<String> = line
                    .split('\t')
                    .nth(3)
                    .unwrap_or("")
                    .split('|')
                    .map(str::to_string)
                    .collect();
                row_keys(line).as_ref() != Some(&shipped)
            })
            .copied()
            .collect();
        assert!(
            stale.is_empty(),
            "{} rows carry other keys than the fold gives, e.g. {:?}: rerun \
             `cargo test --release --lib regenerate_dictionary -- --ignored`",
            stale.len(),
            stale.first()
        );
    }

    /// Regenerates `data/wikidata_names.tsv.gz` from the shared data folder:
    /// `cargo test --lib regenerate_dictionary -- --ignored`.
    #[test]
    #[ignore]
    fn regenerate_dictionary() {
        use std::io::Write;
        let src = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/names/wikidata_person_names_latn_cyrl.tsv.gz"
        );
        // Without the shared data folder there is nothing to regenerate from.
        let Ok(bytes) = std::fs::read(src) else {
            return;
        };
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap();
        let filtered = filter_rows(&text);
        let dst = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/normalize/data/wikidata_names.tsv.gz"
        );
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(filtered.as_bytes()).unwrap();
        std::fs::write(dst, enc.finish().unwrap()).unwrap();
    }
}
