//! Date expressions on arbitrary text, resolved against a fixed and an extreme anchor: no
//! panic (calendar arithmetic near the ends of jiff's range must fail softly), spans on
//! character boundaries, and the key of each expression parses back.
#![no_main]

use concord::extract::dates::{self, DateExpr};
use jiff::civil::date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for m in dates::find_dates(text) {
        assert!(text.get(m.span.start..m.span.end).is_some());
        for anchor in [date(2020, 9, 11), date(9999, 12, 31), date(-9999, 1, 1)] {
            m.expr.resolve(anchor);
        }
        let key = m.expr.key();
        assert!(
            DateExpr::from_key(&key).is_some(),
            "key {key:?} does not parse back"
        );
    }
});
