//! Wire encodings: URL path segments, `application/x-www-form-urlencoded`, base64, UUID v4 text
//! and compact JSON text of a `serde_json::Value`. Small and exact, so no crate is pulled into the
//! wasm for them.

use serde_json::Value;

/// `v` as compact JSON text: byte for byte what serde_json writes (`Value::to_string`), without
/// serde's serializer in the wasm (its `Value` serializer, formatter and writer adapters: about
/// 1 KB gzip, measured). Numbers are written by `serde_json::Number` itself.
pub fn json(v: &Value) -> String {
    let mut out = String::new();
    push_json(&mut out, v);
    out
}

/// Appends `v` as compact JSON text (see [`json`]).
pub fn push_json(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => push_json_str(out, s),
        Value::Array(list) => {
            out.push('[');
            for (i, item) in list.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_str(out, k);
                out.push(':');
                push_json(out, item);
            }
            out.push('}');
        }
    }
}

/// Appends `s` as a JSON string literal, escaped as serde_json escapes it (`\"`, `\\`, `\b`,
/// `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`).
pub fn push_json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(s.get(run..i).unwrap_or_default());
        run = i + 1;
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(
                HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
            ));
            out.push(char::from(
                HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
            ));
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(s.get(run..).unwrap_or_default());
    out.push('"');
}

/// Percent-encodes `s` for use as one URL path segment: everything but RFC 3986 unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) is escaped, so `/`, `?` and `#` cannot change the URL.
pub fn path_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            push_pct(&mut out, b);
        }
    }
    out
}

/// Form-encodes one name or value (WHATWG `application/x-www-form-urlencoded`: space is `+`,
/// `*-._` and alphanumerics stay, everything else is percent-encoded UTF-8).
pub fn form_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') {
            out.push(char::from(b));
        } else if b == b' ' {
            out.push('+');
        } else {
            push_pct(&mut out, b);
        }
    }
    out
}

fn push_pct(out: &mut String, b: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(
        HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
    ));
    out.push(char::from(
        HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'),
    ));
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sym = |i: u32| char::from(ALPHABET.get((i & 63) as usize).copied().unwrap_or(b'A'));
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b0 = u32::from(chunk.first().copied().unwrap_or(0));
        let b1 = u32::from(chunk.get(1).copied().unwrap_or(0));
        let b2 = u32::from(chunk.get(2).copied().unwrap_or(0));
        let n = (b0 << 16) | (b1 << 8) | b2;
        out.push(sym(n >> 18));
        out.push(sym(n >> 12));
        out.push(if chunk.len() > 1 { sym(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { sym(n) } else { '=' });
    }
    out
}

/// A version-4 UUID from 16 random bytes (sets the version and variant bits).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut s = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            s.push('-');
        }
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Decodes `%XX` escapes (invalid escapes are kept as they are; invalid UTF-8 is replaced).
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|h| char::from(*h).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Decodes one form component (`+` is a space).
pub fn form_decode(s: &str) -> String {
    percent_decode(&s.replace('+', " "))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    #[test]
    fn json_text_is_serde_jsons() {
        let every_byte: String = (0u32..0x80).filter_map(char::from_u32).collect();
        let mut values = vec![
            Value::Null,
            json!(true),
            json!(false),
            json!(""),
            json!(every_byte),
            json!("é 中 😀 \u{2028}\u{7f} \"q\" \\"),
            json!(0),
            json!(-0.0),
            json!(1.0),
            json!(0.1),
            json!(1e21),
            json!(1.5e-7),
            json!(5e-324),
            json!(f64::MAX),
            json!(u64::MAX),
            json!(i64::MIN),
            json!([]),
            json!({}),
            json!({"b": [1, {"c": null}], "a": "x\ny", "": [[], {}]}),
        ];
        for (i, c) in every_byte.chars().enumerate() {
            values.push(json!({ c.to_string(): [c.to_string(), i] }));
        }
        for v in values {
            assert_eq!(super::json(&v), v.to_string());
            assert_eq!(super::json(&v), serde_json::to_string(&v).unwrap());
        }
    }
}
