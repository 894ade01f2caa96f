//! Calendar words shared by the stages that read dates (ingest's datelines, the claims
//! extractor, event linking): one table of month and weekday names, so a new abbreviation
//! is added once.

use jiff::civil::Weekday;

/// Month names and their usual news abbreviations (AP style "Dec.", "Sept."), lower case.
pub const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Weekday names, lower case.
pub const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

/// The month a name or abbreviation stands for ("Dec.", "december", "Sept").
pub fn month_number(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

#[cfg(test)]
mod tests {
    #[test]
    fn months() {
        assert_eq!(super::month_number("Dec."), Some(12));
        assert_eq!(super::month_number("Sept"), Some(9));
        assert_eq!(super::month_number("Decembre"), None);
    }
}
