//! Quantity, percent and relation extraction on arbitrary text: no panic, and every span is
//! a slice of the text on character boundaries with a well-formed interval.
#![no_main]

use concord::extract::quantity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for q in quantity::find_quantities(text, &[]) {
        assert!(
            text.get(q.relation.span.start..q.relation.span.end)
                .is_some()
        );
        let (low, _, high, _) = q.relation.interval();
        if let (Some(l), Some(h)) = (low, high) {
            assert!(l <= h, "interval [{l}, {h}] upside down");
        }
    }
    for (span, _) in quantity::find_percents(text) {
        assert!(text.get(span.start..span.end).is_some());
    }
    quantity::find_relations(text);
});
