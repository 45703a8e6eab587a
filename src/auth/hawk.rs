//! Hawk request signing (HMAC-SHA256), as BVNK uses it (docs/providers.md#bvnk-auth).
//!
//! The MAC is `base64(HMAC-SHA256(key, normalized))` over
//!
//! ```text
//! hawk.1.header\n{ts}\n{nonce}\n{METHOD}\n{path+query}\n{host}\n{port}\n{payload hash}\n{ext}\n
//! ```
//!
//! and the header is `Hawk id="…", ts="…", nonce="…", [ext="…", ]mac="…"`. BVNK does not use
//! payload validation, so the payload-hash line is always empty here; `ext` is empty unless the
//! caller passes one. The `host` and `port` signed are those of the URL given, so sign the URL
//! that is actually fetched (through a proxy, the proxy must re-sign, or forward the same host).
//!
//! ```
//! use customer_update::auth::hawk;
//! let h = hawk::header(
//!     "dh37fgj492je", "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn", "GET",
//!     "http://example.com:8000/resource/1?b=1&a=2", 1353832234, "j4h3g2", Some("some-app-ext-data"),
//! ).unwrap();
//! assert!(h.ends_with(r#"mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#));
//! ```

use crate::encode;
use std::fmt;

/// Why a Hawk header could not be made. Never carries the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HawkError {
    /// The URL is not an absolute `http`/`https` URL this module can sign exactly; the text says
    /// what is wrong.
    InvalidUrl(&'static str),
    /// `id`, `nonce`, `ext` or the method is empty or holds a character that cannot go into a
    /// header attribute (`"`, `\`, control or non-ASCII characters); the text names which.
    InvalidValue(&'static str),
    /// The key is empty.
    EmptyKey,
}

impl HawkError {
    /// The text `Display` writes, built by concatenation (no `fmt::Arguments` in the wasm).
    pub(crate) fn message(&self) -> String {
        match self {
            HawkError::InvalidUrl(why) => crate::text::concat(&["cannot sign this URL: ", why]),
            HawkError::InvalidValue(what) => crate::text::concat(&["cannot sign: ", what]),
            HawkError::EmptyKey => String::from("cannot sign: the Hawk key is empty"),
        }
    }
}

impl fmt::Display for HawkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for HawkError {}

/// The parts of a URL that Hawk signs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Lower-cased host name, or a bracketed IPv6 literal (`[::1]`).
    pub host: String,
    /// The explicit port, else 80 for `http` and 443 for `https`.
    pub port: u16,
    /// Path plus `?query` (no fragment); `/` when the URL has no path.
    pub resource: String,
}

/// Splits an absolute `http`/`https` URL into the host, port and resource Hawk signs.
///
/// The URL must already be in the form `fetch` sends on the wire: ASCII only, with no
/// characters a WHATWG URL parser would percent-encode or rewrite (spaces, `"`, `<`, `>`, `` ` ``,
/// `{`, `}`, `\`) and no `.`/`..` path segments. Such URLs are refused rather than guessed at,
/// because the server would check the MAC against a different path. Userinfo is dropped, a
/// fragment is ignored, and a lone trailing `?` is not signed (as the Hawk reference client does).
pub fn parse_url(url: &str) -> Result<Target, HawkError> {
    if !crate::text::all_bytes(url, |b| (0x21..0x7f).contains(&b)) {
        return Err(HawkError::InvalidUrl(
            "it contains spaces, control or non-ASCII characters (percent-encode them)",
        ));
    }
    let (scheme, rest) = crate::text::split_once(url, "://")
        .ok_or(HawkError::InvalidUrl("it is not an absolute URL"))?;
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        443
    } else if scheme.eq_ignore_ascii_case("http") {
        80
    } else {
        return Err(HawkError::InvalidUrl("the scheme is not http or https"));
    };
    // Authority ends at the first '/', '?' or '#', and its host after the last '@': one byte
    // loop (a `[char; 3]` pattern was core's multi-char searcher over `CharIndices`, `rposition`
    // a `Copied::try_rfold` and `rsplit_once` a `memrchr`, each for this function alone).
    let mut end = rest.len();
    let mut host_at = 0;
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                end = i;
                break;
            }
            b'@' => host_at = i + 1,
            _ => {}
        }
    }
    let (authority, tail) = crate::text::split_at(rest, end);
    let hostport = authority.get(host_at..).unwrap_or_default();
    let (host, port) = split_host_port(hostport)?;
    let port = match port {
        None => default_port,
        Some(p) => parse_port(p)?,
    };

    let tail = crate::text::split_once_byte(tail, b'#').map_or(tail, |(before, _)| before);
    if !crate::text::all_bytes(tail, |b| {
        !matches!(
            b,
            b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'\\' | b'^' | b'|'
        )
    }) {
        return Err(HawkError::InvalidUrl(
            "the path or query holds characters that must be percent-encoded",
        ));
    }
    let (path, query) = match crate::text::split_once_byte(tail, b'?') {
        Some((p, q)) => (p, Some(q)),
        None => (tail, None),
    };
    if query.is_some_and(|q| crate::text::contains_byte(q, b'\'')) {
        return Err(HawkError::InvalidUrl(
            "the query holds characters that must be percent-encoded",
        ));
    }
    if crate::text::split(path, b'/').any(is_dot_segment) {
        return Err(HawkError::InvalidUrl("the path holds '.' or '..' segments"));
    }
    let mut resource = if path.is_empty() {
        String::from("/")
    } else {
        path.to_owned()
    };
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        resource.push('?');
        resource.push_str(q);
    }
    Ok(Target {
        host,
        port,
        resource,
    })
}

fn split_host_port(hostport: &str) -> Result<(String, Option<&str>), HawkError> {
    let (host, port) = if hostport.starts_with("[") {
        // IPv6 literal: "[…]" optionally followed by ":port".
        let close = crate::text::find_byte(hostport, b']')
            .ok_or(HawkError::InvalidUrl("the IPv6 host has no closing ']'"))?;
        let (h, after) = crate::text::split_at(hostport, close + 1);
        let port = match after.strip_prefix(":") {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => return Err(HawkError::InvalidUrl("unexpected text after the IPv6 host")),
        };
        (h, port)
    } else {
        match crate::text::split_once_byte(hostport, b':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    let valid =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'[' | b']' | b':');
    if host.is_empty() || host == "[]" || !crate::text::all_bytes(host, valid) {
        return Err(HawkError::InvalidUrl(
            "the host is empty or not a plain ASCII host name",
        ));
    }
    // An empty port ("host:") means the default, as in WHATWG URLs.
    Ok((host.to_ascii_lowercase(), port.filter(|p| !p.is_empty())))
}

fn parse_port(p: &str) -> Result<u16, HawkError> {
    if p.len() > 5 || !crate::text::all_bytes(p, |b| b.is_ascii_digit()) {
        return Err(HawkError::InvalidUrl(
            "the port is not a number from 0 to 65535",
        ));
    }
    crate::text::parse_uint(p, u64::from(u16::MAX))
        .map(|n| n as u16)
        .ok_or(HawkError::InvalidUrl(
            "the port is not a number from 0 to 65535",
        ))
}

/// `.`, `..` and their percent-encoded spellings, which URL parsers resolve away.
fn is_dot_segment(seg: &str) -> bool {
    // Counted in place, a `.` or a `%2e` (any case) at a time: no lower-cased copy and no
    // replaced copy of each segment.
    let mut rest = seg.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        rest = match rest {
            [b'.', tail @ ..] => tail,
            [b'%', b'2', b'e' | b'E', tail @ ..] => tail,
            _ => return false,
        };
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// The Hawk 1 normalized string for a `header` MAC. `hash` is the payload hash (empty when
/// payload validation is off, as for BVNK). In `ext`, `\` and newlines are escaped as Hawk does.
pub fn normalized_string(
    ts: u64,
    nonce: &str,
    method: &str,
    target: &Target,
    hash: &str,
    ext: &str,
) -> String {
    let ext = crate::text::replace(&crate::text::replace(ext, "\\", "\\\\"), "\n", "\\n");
    normalized(&crate::text::decimal(ts), nonce, method, target, hash, &ext)
}

/// [`normalized_string`] for an `ext` with nothing to escape: [`signed`]'s, which
/// [`check_attr`] has refused when it holds a `\` or a line break (so the escaping, two
/// replaced copies, is left out of the signing path). `ts` as its decimal text, which the
/// header carries too (written once).
fn normalized(
    ts: &str,
    nonce: &str,
    method: &str,
    target: &Target,
    hash: &str,
    ext: &str,
) -> String {
    // Concatenated (`ts` and the port through `text::decimal`): no `format!` in the wasm.
    crate::text::concat(&[
        "hawk.1.header\n",
        ts,
        "\n",
        nonce,
        "\n",
        &method.to_ascii_uppercase(),
        "\n",
        &target.resource,
        "\n",
        &target.host,
        "\n",
        &crate::text::decimal(u64::from(target.port)),
        "\n",
        hash,
        "\n",
        ext,
        "\n",
    ])
}

/// `base64(HMAC-SHA256(key, normalized))`.
pub fn mac(key: &[u8], normalized: &str) -> String {
    encode::base64(&super::sha256::hmac_sha256(key, normalized.as_bytes()))
}

/// The `Authorization` header value for one request, e.g.
/// `Hawk id="…", ts="1353832234", nonce="j4h3g2", mac="…"`.
///
/// * `id`, `key`: the Hawk credentials (BVNK "Hawk Auth ID" and secret key).
/// * `method`: the HTTP method (upper-cased for signing).
/// * `url`: the full URL to be fetched (see [`parse_url`] for what is accepted).
/// * `ts`: Unix time in seconds (BVNK rejects a skewed clock).
/// * `nonce`: fresh per request (BVNK rejects a nonce reused within 15 minutes); see [`nonce`].
/// * `ext`: optional application data, signed and sent as `ext="…"`; BVNK uses none.
///
/// Errors (never a panic) for an unsignable URL, an empty key, or an id/nonce/ext/method that
/// cannot be carried in the header. The error never contains the key.
pub fn header(
    id: &str,
    key: &str,
    method: &str,
    url: &str,
    ts: u64,
    nonce: &str,
    ext: Option<&str>,
) -> Result<String, HawkError> {
    signed(id, key, method, url, ts, nonce, ext).map(|(header, _)| header)
}

/// [`header`] and the MAC it carries (which [`ConfigSecrets`](super::ConfigSecrets) keeps for
/// the client to redact an echo of it), without reading it back out of the header.
pub(crate) fn signed(
    id: &str,
    key: &str,
    method: &str,
    url: &str,
    ts: u64,
    nonce: &str,
    ext: Option<&str>,
) -> Result<(String, String), HawkError> {
    if key.is_empty() {
        return Err(HawkError::EmptyKey);
    }
    check_attr(
        id,
        "the Hawk id is empty or holds a character not allowed in a header",
    )?;
    check_attr(
        nonce,
        "the nonce is empty or holds a character not allowed in a header",
    )?;
    let ext = ext.unwrap_or("");
    if !ext.is_empty() {
        check_attr(ext, "ext holds a character not allowed in a header")?;
    }
    if method.is_empty() || !crate::text::all_bytes(method, |b| b.is_ascii_alphabetic()) {
        return Err(HawkError::InvalidValue(
            "the method must be letters only, e.g. PUT",
        ));
    }
    let target = parse_url(url)?;
    let ts = crate::text::decimal(ts);
    let mac = mac(
        key.as_bytes(),
        &normalized(&ts, nonce, method, &target, "", ext),
    );
    let mut out = crate::text::concat(&[
        "Hawk id=\"",
        id,
        "\", ts=\"",
        &ts,
        "\", nonce=\"",
        nonce,
        "\"",
    ]);
    if !ext.is_empty() {
        out.push_str(", ext=\"");
        out.push_str(ext);
        out.push('"');
    }
    out.push_str(", mac=\"");
    out.push_str(&mac);
    out.push('"');
    Ok((out, mac))
}

/// Hawk header attribute values: printable ASCII without `"` and `\` (the set Hawk servers parse).
fn check_attr(v: &str, what: &'static str) -> Result<(), HawkError> {
    // Through `text::all_bytes` (its `bytes().all` was a `Copied::try_fold` copy of its own).
    if v.is_empty()
        || !crate::text::all_bytes(v, |b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
    {
        return Err(HawkError::InvalidValue(what));
    }
    Ok(())
}

/// A nonce from caller-supplied random bytes (e.g. `crypto.getRandomValues`): unpadded URL-safe
/// base64, so 9 bytes give 12 characters and 16 bytes give 22. Use at least 8 random bytes.
pub fn nonce(random: &[u8]) -> String {
    // A byte loop over the (ASCII) base64 text: no `String: FromIterator<char>` copy for it.
    let mut out = String::new();
    for b in encode::base64(random).bytes() {
        match b {
            b'=' => {}
            b'+' => out.push('-'),
            b'/' => out.push('_'),
            b => out.push(char::from(b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_are_detected() {
        assert!(is_dot_segment("."));
        assert!(is_dot_segment("%2E%2e"));
        assert!(is_dot_segment(".%2E"));
        assert!(!is_dot_segment("..."));
        assert!(!is_dot_segment(".well-known"));
        assert!(!is_dot_segment(""));
        assert!(!is_dot_segment("%2"));
        assert!(!is_dot_segment("%2E%2E%2e"));
        assert!(!is_dot_segment(".%2f"));
    }
}
