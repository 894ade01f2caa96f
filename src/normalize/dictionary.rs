//! The built-in name dictionary: Latin and Cyrillic spellings of person-name words (given
//! names and surnames) that Wikidata records as one name item, e.g. lukashenko | lukashenka |
//! łukaszenka | лукашэнка. Source: the `rigour` package's Wikidata table as collected in
//! `../shared/data/names/wikidata_person_names_latn_cyrl.tsv.gz` (MIT; forms CC0), see
//! `data/SOURCE.md`.
//!
//! Shipped filtered: only the items whose spellings do not already share one fold key (the
//! fold joins the others by itself). The table with its spellings is kept gzip-compressed
//! for the tests and for regeneration; what is embedded in the program is its keys column
//! alone (`data/wikidata_name_keys.txt`, one item a line), indexed on first use. Unpacking
//! the whole table and splitting its rows at start-up cost some 124 M instructions, as much
//! as resolving the names of 2,000 articles; reading the keys column costs a tenth of that
//! (issue 7). A test keeps the two files in step.

use super::fold;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The shipped table: `wikidata_qid, latin_forms, cyrillic_forms, fold_keys`.
#[cfg(test)]
const DATA: &[u8] = include_bytes!("data/wikidata_names.tsv.gz");

/// The fold keys of each item of [`DATA`], joined by `|`, one item a line, in its order:
/// what [`load`] indexes.
const KEYS: &str = include_str!("data/wikidata_name_keys.txt");

/// Distinct keys in [`KEYS`] (59,670), so that the index is built without rehashing.
const DISTINCT_KEYS: usize = 60_000;

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
    let mut index: rustc_hash::FxHashMap<&'static str, Rows> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(DISTINCT_KEYS, Default::default());
    let mut rows = 0;
    // The fold keys are shipped (folding ~29,000 rows of spellings at every start cost 0.35
    // CPU-seconds); `shipped_keys_are_the_folds_keys` keeps them equal to what the fold
    // computes. An item is known by its line number.
    for (i, keys) in KEYS.lines().enumerate() {
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

/// The keys column of a filtered table ([`filter_rows`]): one line per row, the header
/// left out. This is the text [`load`] indexes.
pub fn keys_column(table: &str) -> String {
    let mut out = String::new();
    for keys in table.lines().skip(1).filter_map(|l| l.split('\t').nth(3)) {
        out.push_str(keys);
        out.push('\n');
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

    fn table() -> String {
        use std::io::Read;
        let mut text = String::new();
        flate2::read::GzDecoder::new(DATA)
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    /// The embedded keys column is the table's, row for row.
    #[test]
    fn embedded_keys_are_the_tables_keys_column() {
        assert_eq!(KEYS, keys_column(&table()));
        // Every item is indexed under its keys, and only items share a row number.
        let d = dictionary();
        assert_eq!(d.rows, KEYS.lines().count());
        let distinct: BTreeSet<&str> = KEYS.split(['|', '\n']).filter(|k| !k.is_empty()).collect();
        assert_eq!(d.index.len(), distinct.len());
        assert!(d.index.len() <= DISTINCT_KEYS);
    }

    /// The shipped keys go stale when the fold changes: this says so.
    #[test]
    fn shipped_keys_are_the_folds_keys() {
        use rayon::prelude::*;
        let text = table();
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
        use std::io::{Read, Write};
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
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/src/normalize/data/");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(filtered.as_bytes()).unwrap();
        std::fs::write(
            format!("{data}wikidata_names.tsv.gz"),
            enc.finish().unwrap(),
        )
        .unwrap();
        std::fs::write(
            format!("{data}wikidata_name_keys.txt"),
            keys_column(&filtered),
        )
        .unwrap();
    }
}
