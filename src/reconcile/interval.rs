//! Interval arithmetic for figures. DESIGN.md's convention: a figure is `[low, high]` with
//! `None` for an open end; "more than 1,000" is (1000, next round step], "at least N" is
//! [N, open). Ends that touch count as overlapping: we would rather miss a discrepancy than
//! report one that a rounding convention made up.

use crate::extract::Claim;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The low end is excluded ("more than 1,000" is (1000, ...]); for display only.
    pub low_excluded: bool,
    /// The high end is excluded ("fewer than 50"); for display only.
    pub high_excluded: bool,
}

/// Modifiers that exclude the stated figure from the interval, at the low or the high end.
const EXCLUDE_LOW: &[&str] = &["more than", "over", "above", "upwards of"];
const EXCLUDE_HIGH: &[&str] = &["less than", "fewer than", "under", "below"];

impl Interval {
    pub fn new(low: Option<f64>, high: Option<f64>) -> Self {
        Interval {
            low,
            high,
            low_excluded: false,
            high_excluded: false,
        }
    }

    /// The claim's interval; a stated point with no ends is the interval [point, point].
    /// `None` when the claim carries no figure at all.
    pub fn of(c: &Claim) -> Option<Self> {
        match (c.low, c.high, c.point) {
            (None, None, None) => None,
            (None, None, Some(p)) => Some(Interval::new(Some(p), Some(p))),
            (l, h, _) => {
                // The modifiers of the lists are ASCII without a `k`: a modifier lower-cases
                // to one of them exactly when it equals one but for ASCII case (the only
                // characters outside ASCII that lower-case into it are the Kelvin sign's
                // `k`), so it is compared in place rather than lower-cased into a new string
                // for every reading of a claim's interval.
                let m = c.modifier.as_deref().unwrap_or("");
                let listed = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(m));
                Some(Interval {
                    low_excluded: l.is_some() && listed(EXCLUDE_LOW),
                    high_excluded: h.is_some() && listed(EXCLUDE_HIGH),
                    ..Interval::new(l, h)
                })
            }
        }
    }

    fn lo(&self) -> f64 {
        self.low.unwrap_or(f64::NEG_INFINITY)
    }

    fn hi(&self) -> f64 {
        self.high.unwrap_or(f64::INFINITY)
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo() <= other.hi() && other.lo() <= self.hi()
    }

    /// The common part of all intervals, if they share one. In one dimension pairwise
    /// overlap implies a common part (Helly's theorem), so this is also the agreement test.
    pub fn intersection(all: &[Interval]) -> Option<Interval> {
        let lo = all
            .iter()
            .map(Interval::lo)
            .fold(f64::NEG_INFINITY, f64::max);
        let hi = all.iter().map(Interval::hi).fold(f64::INFINITY, f64::min);
        (lo <= hi)
            .then(|| Interval::new(lo.is_finite().then_some(lo), hi.is_finite().then_some(hi)))
    }

    /// How far apart two disjoint intervals are, as the ratio of the higher one's low end to
    /// the lower one's high end (2.0 = twice as many); 1.0 when they overlap or the ratio is
    /// undefined.
    pub fn gap_ratio(&self, other: &Interval) -> f64 {
        let (a, b) = if self.hi() < other.lo() {
            (self.hi(), other.lo())
        } else if other.hi() < self.lo() {
            (other.hi(), self.lo())
        } else {
            return 1.0;
        };
        if a > 0.0 && b.is_finite() { b / a } else { 1.0 }
    }

    /// A typical value: the geometric mean of a closed positive interval (vague figures span
    /// orders of magnitude), the finite end of a half-open one.
    pub fn center(&self) -> Option<f64> {
        match (self.low, self.high) {
            (Some(l), Some(h)) if l > 0.0 && h > 0.0 => Some((l * h).sqrt()),
            (Some(l), Some(h)) => Some((l + h) / 2.0),
            (Some(x), None) | (None, Some(x)) => Some(x),
            (None, None) => None,
        }
    }

    /// How many times larger the larger typical value is than the smaller (1.0 if unknown).
    pub fn center_ratio(&self, other: &Interval) -> f64 {
        match (self.center(), other.center()) {
            (Some(a), Some(b)) if a > 0.0 && b > 0.0 => a.max(b) / a.min(b),
            _ => 1.0,
        }
    }

    /// `[200, 999]`, `[1000, open)`, `(open, 5]`; a point shows as the number alone.
    pub fn display(&self) -> String {
        let mut s = String::with_capacity(24);
        self.push_display(&mut s);
        s
    }

    /// [`Interval::display`] onto `s`: notes are written straight into one string.
    pub fn push_display(&self, s: &mut String) {
        let open = if self.low_excluded { '(' } else { '[' };
        let close = if self.high_excluded { ')' } else { ']' };
        // Built by pushes: `format!` cost about a thousand instructions a note item.
        match (self.low, self.high) {
            (Some(l), Some(h)) if l == h => push_num(s, l),
            (Some(l), Some(h)) => {
                s.push(open);
                push_num(s, l);
                s.push_str(", ");
                push_num(s, h);
                s.push(close);
            }
            (Some(l), None) => {
                s.push(open);
                push_num(s, l);
                s.push_str(", open)");
            }
            (None, Some(h)) => {
                s.push_str("(open, ");
                push_num(s, h);
                s.push(close);
            }
            (None, None) => s.push_str("(open)"),
        }
    }
}

/// A number as a reader writes it: integers without a decimal point, thousands grouped.
pub fn fmt_num(x: f64) -> String {
    let mut s = String::new();
    push_num(&mut s, x);
    s
}

/// [`fmt_num`] onto `out`.
pub fn push_num(out: &mut String, x: f64) {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        // The digits, last first.
        let (mut n, mut digits, mut len) = (x.abs() as u64, [0u8; 20], 0);
        loop {
            digits[len] = b'0' + (n % 10) as u8;
            n /= 10;
            len += 1;
            if n == 0 {
                break;
            }
        }
        if x < 0.0 {
            out.push('-');
        }
        for i in 0..len {
            if i > 0 && (len - i) % 3 == 0 && len > 4 {
                out.push(',');
            }
            out.push(char::from(digits[len - 1 - i]));
        }
    } else {
        let s = format!("{x:.2}");
        out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `format!`-based form `fmt_num` and `display` had: the reference.
    fn reference_num(x: f64) -> String {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            let digits = format!("{}", x.abs() as u64);
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
                    out.push(',');
                }
                out.push(ch);
            }
            if x < 0.0 { format!("-{out}") } else { out }
        } else {
            let s = format!("{x:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }

    #[test]
    fn numbers_and_intervals_read_as_before() {
        let mut xs = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1.25,
            -3.333,
            1e15,
            2e15,
            f64::NAN,
        ];
        let mut p = 1.0;
        for _ in 0..15 {
            xs.extend([p, p - 1.0, -p, 7.0 * p, p + 0.4]);
            p *= 10.0;
        }
        for &x in &xs {
            assert_eq!(fmt_num(x), reference_num(x), "{x}");
        }
        for (l, h) in [
            (Some(5.0), Some(5.0)),
            (Some(1.0), Some(2.5)),
            (Some(1e4), None),
            (None, Some(-2e6)),
            (None, None),
        ] {
            for (le, he) in [(false, false), (true, true), (true, false)] {
                let mut i = iv(l, h);
                i.low_excluded = le;
                i.high_excluded = he;
                let (open, close) = (if le { '(' } else { '[' }, if he { ')' } else { ']' });
                let want = match (l, h) {
                    (Some(l), Some(h)) if l == h => reference_num(l),
                    (Some(l), Some(h)) => {
                        format!("{open}{}, {}{close}", reference_num(l), reference_num(h))
                    }
                    (Some(l), None) => format!("{open}{}, open)", reference_num(l)),
                    (None, Some(h)) => format!("(open, {}{close}", reference_num(h)),
                    (None, None) => "(open)".to_string(),
                };
                assert_eq!(i.display(), want);
            }
        }
    }

    fn iv(l: Option<f64>, h: Option<f64>) -> Interval {
        Interval::new(l, h)
    }

    #[test]
    fn several_hundred_and_more_than_a_thousand_are_disjoint() {
        let several = iv(Some(200.0), Some(999.0));
        let more = iv(Some(1000.0), Some(1999.0));
        assert!(!several.overlaps(&more));
        assert!(Interval::intersection(&[several, more]).is_none());
        assert!((several.gap_ratio(&more) - 1000.0 / 999.0).abs() < 1e-9);
    }

    #[test]
    fn open_ends_reach_everything_on_their_side() {
        let at_least = iv(Some(1000.0), None);
        let thousands = iv(Some(2000.0), Some(9999.0));
        assert!(at_least.overlaps(&thousands));
        let common = Interval::intersection(&[at_least, thousands]).unwrap();
        assert_eq!(common, thousands);
        assert!(!iv(None, Some(10.0)).overlaps(&iv(Some(11.0), None)));
    }

    #[test]
    fn touching_ends_count_as_overlap() {
        assert!(iv(Some(1.0), Some(1000.0)).overlaps(&iv(Some(1000.0), None)));
    }

    #[test]
    fn display_reads_like_the_convention() {
        assert_eq!(iv(Some(200.0), Some(999.0)).display(), "[200, 999]");
        assert_eq!(iv(Some(20000.0), None).display(), "[20,000, open)");
        assert_eq!(iv(Some(7.7), Some(7.7)).display(), "7.7");
        assert_eq!(fmt_num(1000.0), "1000");
        let more = Interval {
            low_excluded: true,
            ..iv(Some(1000.0), Some(1999.0))
        };
        assert_eq!(more.display(), "(1000, 1999]");
        assert_eq!(fmt_num(100000.0), "100,000");
    }
}
