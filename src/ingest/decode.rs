//! Bytes to text: BOMs first, then UTF-8, then legacy encodings detected by chardetng.
//!
//! Order matters. A BOM is explicit and wins. Valid UTF-8 is almost never an accident for
//! Cyrillic text (legacy single-byte encodings produce invalid sequences quickly), so it comes
//! next. Text that is *mostly* UTF-8 with a few broken sequences is damaged UTF-8, not a legacy
//! encoding: it is decoded with U+FFFD replacements and flagged. Everything else goes to
//! chardetng, which tells windows-1251 from KOI8-R by letter frequencies.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// The result of decoding: the text, the encoding's name, and warnings for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

/// How much of the input is looked at to decide whether it is binary.
const SNIFF_LEN: usize = 8192;

/// Decodes `bytes`, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if body.iter().all(|b| b.is_ascii_whitespace()) || body.is_empty() {
            return Err(NotText::Empty);
        }
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        let mut warnings = vec![];
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                enc.name()
            ));
        }
        let name = if enc == UTF_16LE {
            "utf-16le"
        } else if enc == UTF_16BE {
            "utf-16be"
        } else {
            "utf-8"
        };
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: name,
            warnings,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: "utf-8",
            warnings: vec![],
        });
    }
    if mostly_utf8(bytes) {
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: "utf-8",
            warnings: vec!["invalid UTF-8 replaced with U+FFFD".to_string()],
        });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = enc.decode(bytes);
    let text = text.into_owned();
    let mut warnings = vec![format!("not UTF-8: decoded as {} (detected)", enc.name())];
    if had_errors {
        warnings.push(format!(
            "invalid {} sequences replaced with U+FFFD",
            enc.name()
        ));
    }
    Ok(Decoded {
        encoding: static_name(enc, &text),
        text,
        warnings,
    })
}

/// chardetng answers KOI8-U for all KOI8 text (a superset); the two differ only in the
/// Ukrainian letters, so without them the text is reported as the KOI8-R it decodes the same as.
fn static_name(enc: &'static Encoding, text: &str) -> &'static str {
    if enc == encoding_rs::KOI8_U && !text.contains(['і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ'])
    {
        return "KOI8-R";
    }
    enc.name()
}

/// Binary: a NUL byte, or many control bytes, in the first few KiB. Text files (any of the
/// encodings above, without a BOM) have neither.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 20 > head.len()
}

/// True when the invalid bytes are a small minority next to valid multi-byte sequences:
/// damaged UTF-8 rather than a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    multibyte > 0 && invalid * 10 <= multibyte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Минск".as_bytes()).unwrap().text, "Минск");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Минск".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("Минск", "utf-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "Лукашэнка said".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Лукашэнка said", "utf-16le")
        );
    }

    #[test]
    fn legacy_cyrillic_is_detected() {
        let sentence = "Президент Александр Лукашенко встретился с Владимиром Путиным в Сочи, \
                        где они обсуждали интеграцию двух стран и поставки нефти и газа.";
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(sentence);
        let d = decode(&cp1251).unwrap();
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(d.text, sentence);
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(sentence);
        let d = decode(&koi8).unwrap();
        assert_eq!(d.encoding, "KOI8-R");
        assert_eq!(d.text, sentence);
    }

    #[test]
    fn damaged_utf8_is_flagged_not_misdetected() {
        let mut b = "Лукашенко и Путин встретились в Сочи".as_bytes().to_vec();
        b.insert(10, 0xFF);
        let d = decode(&b).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.warnings[0].contains("invalid UTF-8"));
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(NotText::Binary)
        );
        assert_eq!(decode(b"  \n\n "), Err(NotText::Empty));
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF, b'\n']), Err(NotText::Empty));
    }
}
