//! The string metrics of word comparison, Jaro–Winkler (Winkler 1990) and optimal string
//! alignment (Damerau's transpositions, each substring edited once), as `strsim` computes them,
//! with a fast path for the words resolution compares: fold keys, which are short and ASCII.
//!
//! `strsim` works on characters: it decodes both words for each letter of the first (Jaro's
//! match window is searched from the start every time) and allocates its flags and rows on
//! the heap, so the two metrics were two thirds of scoring a word pair (issue 7). Here ASCII
//! words of up to [`MAX`] bytes are compared as bytes with the flags and rows on the stack;
//! the arithmetic is `strsim`'s, step for step, so the scores are the same to the bit (a
//! property test compares them). Anything else goes to `strsim`.

/// The longest words compared on the stack; longer ones go to `strsim`.
const MAX: usize = 64;

fn fast(a: &str, b: &str) -> bool {
    a.len() <= MAX && b.len() <= MAX && a.is_ascii() && b.is_ascii()
}

/// `strsim::jaro_winkler`.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    if !fast(a, b) {
        return strsim::jaro_winkler(a, b);
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let sim = jaro(a, b);
    if sim > 0.7 {
        let prefix_length = a.iter().take(4).zip(b).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix_length as f64 * (1.0 - sim)
    } else {
        sim
    }
}

/// `strsim::generic_jaro` over bytes (at most [`MAX`] each).
fn jaro(a: &[u8], b: &[u8]) -> f64 {
    let (a_len, b_len) = (a.len(), b.len());
    if a_len == 0 && b_len == 0 {
        return 1.0;
    } else if a_len == 0 || b_len == 0 {
        return 0.0;
    }
    let search_range = (a_len.max(b_len) / 2).saturating_sub(1);
    let mut a_flags = [false; MAX];
    let mut b_flags = [false; MAX];
    let mut matches = 0_usize;
    for (i, &x) in a.iter().enumerate() {
        let min_bound = i.saturating_sub(search_range);
        let max_bound = b_len.min(i + search_range + 1);
        for j in min_bound..max_bound {
            if x == b[j] && !b_flags[j] {
                a_flags[i] = true;
                b_flags[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // The matched letters of `a` and of `b`, in order, are paired; a pair that differs is
    // half a transposition.
    let mut transpositions = 0_usize;
    let mut k = 0;
    for (i, &x) in a.iter().enumerate() {
        if a_flags[i] {
            while !b_flags[k] {
                k += 1;
            }
            if x != b[k] {
                transpositions += 1;
            }
            k += 1;
        }
    }
    transpositions /= 2;
    ((matches as f64 / a_len as f64)
        + (matches as f64 / b_len as f64)
        + ((matches - transpositions) as f64 / matches as f64))
        / 3.0
}

/// `strsim::osa_distance`.
pub fn osa_distance(a: &str, b: &str) -> usize {
    if !fast(a, b) {
        return strsim::osa_distance(a, b);
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let b_len = b.len();
    // Three rows of the distance table: two rows back, the previous one and the current.
    let mut rows = [[0_usize; MAX + 1]; 3];
    let first: [usize; MAX + 1] = std::array::from_fn(|j| j);
    rows[0] = first;
    rows[1] = first;
    let (mut two, mut prev, mut curr) = (0, 1, 2);
    for (i, &x) in a.iter().enumerate() {
        rows[curr][0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            let mut d = (rows[curr][j] + 1).min((rows[prev][j + 1] + 1).min(rows[prev][j] + cost));
            if i > 0 && j > 0 && x != y && x == b[j - 1] && y == a[i - 1] {
                d = d.min(rows[two][j - 1] + 1);
            }
            rows[curr][j + 1] = d;
        }
        (two, prev, curr) = (prev, curr, two);
    }
    rows[prev][b_len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(osa_distance("ab", "bca"), strsim::osa_distance("ab", "bca"));
        assert_eq!(osa_distance("lukashenko", "lukashenka"), 1);
        assert_eq!(osa_distance("", "abc"), 3);
        assert_eq!(osa_distance("ca", "ac"), 1);
        assert!((jaro_winkler("cheeseburger", "cheese fries") - 0.866).abs() < 0.001);
        assert_eq!(jaro_winkler("", ""), 1.0);
        assert_eq!(jaro_winkler("a", ""), 0.0);
    }

    fn word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // Few letters, so that words share many; non-ASCII letters and long words take the
        // `strsim` path, which must then agree too.
        prop_oneof![
            8 => "[abcsC]{0,12}",
            2 => "[abZ]{0,70}",
            1 => "[abé]{0,8}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        #[test]
        fn agree_with_strsim_to_the_bit(a in word(), b in word()) {
            proptest::prop_assert_eq!(
                jaro_winkler(&a, &b).to_bits(),
                strsim::jaro_winkler(&a, &b).to_bits()
            );
            proptest::prop_assert_eq!(osa_distance(&a, &b), strsim::osa_distance(&a, &b));
        }
    }
}
