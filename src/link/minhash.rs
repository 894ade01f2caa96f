//! MinHash signatures (Broder 1997, "On the resemblance and containment of documents") and
//! locality-sensitive hashing by banding (Indyk & Motwani 1998; Leskovec, Rajaraman & Ullman,
//! *Mining of Massive Datasets*, ch. 3.4).
//!
//! # Threshold arithmetic
//!
//! A signature holds `b * r` minima. For two documents whose shingle sets have Jaccard
//! similarity `s`, one minimum agrees with probability `s`, so one band of `r` rows agrees with
//! probability `s^r`, and the pair becomes a candidate when at least one of the `b` bands
//! agrees:
//!
//! ```text
//! P(candidate | s) = 1 - (1 - s^r)^b          (the S-curve)
//! threshold  t  ≈  (1/b)^(1/r)                (where the curve is steepest)
//! ```
//!
//! We want near-duplicates at Jaccard >= 0.5 (a syndicated copy under another outlet's header
//! and footer sits around 0.6-0.9) found with probability >= 0.95, while pairs at 0.2 (two
//! reports of one story in different words are around 0.02-0.1) rarely reach verification.
//! With the default `b = 48, r = 4` (192 minima):
//!
//! | s    | 0.1   | 0.2   | 0.3   | 0.4   | 0.5   | 0.6   | 0.7   | 0.8   |
//! |------|-------|-------|-------|-------|-------|-------|-------|-------|
//! | P    | 0.005 | 0.074 | 0.32  | 0.71  | 0.955 | 0.999 | 1.000 | 1.000 |
//!
//! and `t ≈ (1/48)^(1/4) ≈ 0.38`. `r = 3` would reach 0.99 at s = 0.5 but let 29% of the
//! s = 0.2 pairs through; `r = 5` needs b = 128 (640 minima) for the same recall. False
//! candidates cost only a verification; every candidate is checked by exact Jaccard anyway.
//!
//! # Signatures by one-permutation hashing
//!
//! The textbook signature applies `b * r` hash functions to every shingle (192 per shingle),
//! which made signing the most expensive step of dedup. We use one-permutation hashing (Li,
//! Owen & Zhang 2012, "One permutation hashing") with optimal densification (Shrivastava 2017,
//! "Optimal densification for fast and accurate minwise hashing"): one 64-bit hash per
//! shingle picks a slot and a rank, each slot keeps its smallest rank, and a slot no shingle
//! reached copies the slot that a fixed, seeded probe sequence reaches first among the filled
//! ones. Two documents agree in a slot with probability equal to their Jaccard similarity, as
//! with independent permutations, so the S-curve above holds (slots are not fully independent;
//! for texts longer than the signature they are slightly negatively correlated, which lowers
//! the variance of the estimate); the work is one hash per shingle plus the probes for empty
//! slots (short texts) instead of 192 products per shingle.
//! Slot and rank come from a fixed seed, so signatures are reproducible across runs and
//! machines. Band keys are 32-bit: a chance collision between two unrelated documents in one
//! band only adds a candidate, which verification rejects.

use super::tokens::{combine, mix};
#[cfg(test)]
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Banding parameters: `bands * rows` minima per signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banding {
    pub bands: usize,
    pub rows: usize,
}

impl Default for Banding {
    fn default() -> Self {
        Banding { bands: 48, rows: 4 }
    }
}

impl Banding {
    /// Probability that a pair with Jaccard `s` becomes a candidate.
    pub fn candidate_probability(&self, s: f64) -> f64 {
        1.0 - (1.0 - s.powi(self.rows as i32)).powi(self.bands as i32)
    }
    /// The approximate threshold `(1/b)^(1/r)`.
    pub fn threshold(&self) -> f64 {
        (1.0 / self.bands as f64).powf(1.0 / self.rows as f64)
    }
    pub fn len(&self) -> usize {
        self.bands * self.rows
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Signs shingle lists for one banding; holds no state beyond the banding and the seed.
#[derive(Debug, Clone)]
pub struct MinHasher {
    banding: Banding,
}

const FAMILY_SEED: u64 = 0x6d69_6e68_6173_6831; // "minhash1"

/// `x` scaled into `0..n` by its high bits (Lemire's multiply-shift, no division).
fn scale(x: u64, n: usize) -> usize {
    ((x as u128 * n as u128) >> 64) as usize
}

impl MinHasher {
    pub fn new(banding: Banding) -> Self {
        MinHasher { banding }
    }

    /// The signature of a shingle list (duplicates do not matter to a minimum). An empty list
    /// gives all `u64::MAX`.
    pub fn signature(&self, shingles: &[u64]) -> Vec<u64> {
        let n = self.banding.len();
        let mut sig = vec![u64::MAX; n];
        if n == 0 {
            return sig;
        }
        let mut filled = vec![false; n];
        for &x in shingles {
            let h = mix(x ^ FAMILY_SEED);
            let slot = scale(h, n);
            // The rank must not depend on the slot, which used the high bits of `h`.
            let rank = mix(h);
            if rank < sig[slot] {
                sig[slot] = rank;
            }
            filled[slot] = true;
        }
        if shingles.is_empty() {
            return sig;
        }
        // Optimal densification: empty slot `i` probes slots `p(i, 1), p(i, 2), ...` (the same
        // sequence in every document) and copies the first filled one, reading the values as
        // they were before densification.
        let ranks = sig.clone();
        for (i, v) in sig.iter_mut().enumerate() {
            if filled[i] {
                continue;
            }
            let mut attempt = 1u64;
            loop {
                let j = scale(mix(FAMILY_SEED ^ ((i as u64) << 32) ^ attempt), n);
                if filled[j] {
                    *v = ranks[j];
                    break;
                }
                attempt += 1;
            }
        }
        sig
    }

    /// One 32-bit key per band: a hash of the band's rows and the band's index (so equal rows
    /// in different bands do not collide), written to `out` (`bands` long).
    pub fn band_keys_into(&self, signature: &[u64], out: &mut [u32]) {
        let r = self.banding.rows;
        for ((band, rows), key) in signature.chunks(r).enumerate().zip(out.iter_mut()) {
            *key = combine(FAMILY_SEED ^ band as u64, rows) as u32;
        }
    }

    /// One key per band (see [`MinHasher::band_keys_into`]).
    pub fn band_keys(&self, signature: &[u64]) -> Vec<u32> {
        let mut out = vec![0; self.banding.bands];
        self.band_keys_into(signature, &mut out);
        out
    }
}

/// Estimated Jaccard similarity from two signatures (share of equal minima).
pub fn estimate(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s_curve_matches_the_documented_table() {
        let b = Banding::default();
        assert!((b.candidate_probability(0.5) - 0.955).abs() < 0.005);
        assert!((b.candidate_probability(0.2) - 0.074).abs() < 0.005);
        assert!((b.threshold() - 0.38).abs() < 0.01);
    }

    #[test]
    fn signature_estimates_jaccard() {
        // Two sets of 1000 elements sharing 600: Jaccard 600 / 1400 = 0.43.
        let a: Vec<u64> = (0..1000u64)
            .map(|i| xxh3_64_with_seed(&i.to_le_bytes(), 7))
            .collect();
        let b: Vec<u64> = (400..1400u64)
            .map(|i| xxh3_64_with_seed(&i.to_le_bytes(), 7))
            .collect();
        let h = MinHasher::new(Banding::default());
        let est = estimate(&h.signature(&a), &h.signature(&b));
        assert!((est - 0.4286).abs() < 0.08, "estimate {est}");
        assert_eq!(h.signature(&a), h.signature(&a));
    }

    #[test]
    fn short_lists_are_densified_and_still_estimate_jaccard() {
        // 40 shingles fill at most 40 of 192 slots; densification fills the rest. Two sets of
        // 40 sharing 20 have Jaccard 20 / 60; over many such pairs the mean estimate is near it.
        let h = MinHasher::new(Banding::default());
        let mut total = 0.0;
        let trials = 200u64;
        for t in 0..trials {
            let set = |lo: u64, hi: u64| -> Vec<u64> {
                (lo..hi)
                    .map(|i| xxh3_64_with_seed(&i.to_le_bytes(), 1000 + t))
                    .collect()
            };
            let (a, b) = (set(0, 40), set(20, 60));
            let sa = h.signature(&a);
            assert!(sa.iter().all(|&v| v != u64::MAX));
            total += estimate(&sa, &h.signature(&b));
        }
        let mean = total / trials as f64;
        assert!((mean - 1.0 / 3.0).abs() < 0.03, "mean estimate {mean}");
        assert!(h.signature(&[]).iter().all(|&v| v == u64::MAX));
    }
}
