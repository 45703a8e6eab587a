#![cfg(feature = "client")]
//! Hawk signing (against the Hawk specification's published example) and the token cache and
//! token-response parsers.

use customer_update::auth::hawk::{self, HawkError, Target};
use customer_update::auth::token::{refresh_margin_ms, CachedToken, Token, TokenCache};
// Token responses are provider facts: each token-flow provider module parses its own.
use customer_update::providers::accessbank::{self, parse_token as parse_accessbank};
use customer_update::providers::m2p::parse_token as parse_m2p;

// ---- Hawk: the README example of hueniverse/hawk (test/readme.js) ----

const ID: &str = "dh37fgj492je";
const KEY: &str = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";
const TS: u64 = 1353832234;
const NONCE: &str = "j4h3g2";
const URL: &str = "http://example.com:8000/resource/1?b=1&a=2";

#[test]
fn hawk_published_example_header() {
    let h = hawk::header(ID, KEY, "GET", URL, TS, NONCE, Some("some-app-ext-data")).unwrap();
    assert_eq!(
        h,
        r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#
    );
}

#[test]
fn hawk_published_example_normalized_string() {
    let target = hawk::parse_url(URL).unwrap();
    assert_eq!(
        target,
        Target {
            host: "example.com".into(),
            port: 8000,
            resource: "/resource/1?b=1&a=2".into()
        }
    );
    let n = hawk::normalized_string(TS, NONCE, "GET", &target, "", "some-app-ext-data");
    assert_eq!(
        n,
        "hawk.1.header\n1353832234\nj4h3g2\nGET\n/resource/1?b=1&a=2\nexample.com\n8000\n\nsome-app-ext-data\n"
    );
    assert_eq!(
        hawk::mac(KEY.as_bytes(), &n),
        "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="
    );
}

#[test]
fn hawk_crypto_test_vector_without_ext() {
    // hueniverse/hawk test/crypto.js: the normalized string with empty hash and ext lines.
    let target = hawk::parse_url("http://example.com:8080/resource/something").unwrap();
    let n = hawk::normalized_string(1357747017, "k3k4j5", "GET", &target, "", "");
    assert_eq!(
        n,
        "hawk.1.header\n1357747017\nk3k4j5\nGET\n/resource/something\nexample.com\n8080\n\n\n"
    );
    // MAC checked independently (Python hmac/hashlib/base64).
    assert_eq!(
        hawk::mac(b"dasdfasdf", &n),
        "bkh+eqRHKtJr2A770OySg1/2VAHEazptTUJ+Evn9abc="
    );
}

#[test]
fn hawk_bvnk_shape_has_no_ext_and_default_https_port() {
    let url = "https://api.sandbox.bvnk.com/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/status";
    let h = hawk::header(
        "my-id",
        "test-secret-key",
        "put",
        url,
        1_700_000_000,
        "AbC123xy",
        None,
    )
    .unwrap();
    // MAC checked independently (Python) over
    // "hawk.1.header\n1700000000\nAbC123xy\nPUT\n/platform/v1/customers/…/status\napi.sandbox.bvnk.com\n443\n\n\n".
    assert_eq!(
        h,
        r#"Hawk id="my-id", ts="1700000000", nonce="AbC123xy", mac="rTEAMx666PilJ/cG8rwlnIpoBTOH9UrF+4Ul1U8YKQw=""#
    );
    assert!(!h.contains("test-secret-key"));
    // An empty ext is the same as none.
    assert_eq!(
        hawk::header(
            "my-id",
            "test-secret-key",
            "PUT",
            url,
            1_700_000_000,
            "AbC123xy",
            Some("")
        )
        .unwrap(),
        h
    );
}

#[test]
fn hawk_url_parsing() {
    let t = |u: &str| hawk::parse_url(u).unwrap();
    assert_eq!(t("http://example.com").port, 80);
    assert_eq!(t("http://example.com").resource, "/");
    assert_eq!(t("https://example.com?x=1").resource, "/?x=1");
    assert_eq!(t("HTTPS://API.Example.COM/a").host, "api.example.com");
    assert_eq!(t("https://api.example.com:/a").port, 443);
    assert_eq!(t("https://user:pw@api.example.com:8443/a#frag").port, 8443);
    assert_eq!(
        t("https://user:pw@api.example.com:8443/a#frag").resource,
        "/a"
    );
    assert_eq!(
        t("https://user:pw@api.example.com:8443/a#frag").host,
        "api.example.com"
    );
    // The host is after the last '@' of the authority (as `rsplit_once('@')` cut it).
    assert_eq!(
        t("https://a@b:p@w@api.example.com:8443/a").host,
        "api.example.com"
    );
    assert_eq!(t("https://a@b:p@w@api.example.com:8443/a").port, 8443);
    assert_eq!(t("https://@api.example.com/a").host, "api.example.com");
    assert_eq!(t("http://[::1]:3000/x").host, "[::1]");
    assert_eq!(t("http://[::1]:3000/x").port, 3000);
    assert_eq!(t("http://[::1]/x").port, 80);
    assert_eq!(
        t("http://localhost:8787/a%20b?q=%22").resource,
        "/a%20b?q=%22"
    );
    assert_eq!(t("http://h/a?").resource, "/a");

    let bad = [
        "",
        "example.com/a",
        "ftp://example.com/a",
        "http:///a",
        "http://:80/a",
        "http://example.com:99999/a",
        "http://example.com:8x/a",
        "http://[::1/a",
        "http://[::1]x/a",
        "http://exa mple.com/a",
        "http://example.com/a b",
        "http://example.com/\u{e9}",
        "http://example.com/a\r\nX-Evil: 1",
        "http://example.com/a/../b",
        "http://example.com/a/%2E%2e/b",
        "http://example.com/./b",
        "http://example.com/a\\b",
        "http://example.com/{x}",
        "http://example.com/a?x='1'",
        "http://ex\"ample.com/",
    ];
    for u in bad {
        assert!(
            matches!(hawk::parse_url(u), Err(HawkError::InvalidUrl(_))),
            "{u:?} should be refused"
        );
        assert!(hawk::header(ID, KEY, "GET", u, TS, NONCE, None).is_err());
    }
}

#[test]
fn hawk_refuses_unsafe_values() {
    assert_eq!(
        hawk::header(ID, "", "GET", URL, TS, NONCE, None),
        Err(HawkError::EmptyKey)
    );
    for (id, nonce, ext, method) in [
        ("", NONCE, None, "GET"),
        ("a\"b", NONCE, None, "GET"),
        (ID, "", None, "GET"),
        (ID, "n\r\nX: y", None, "GET"),
        (ID, "n\\", None, "GET"),
        (ID, NONCE, Some("e\"x"), "GET"),
        (ID, NONCE, Some("caf\u{e9}"), "GET"),
        (ID, NONCE, None, ""),
        (ID, NONCE, None, "GE T"),
        (ID, NONCE, None, "GET\n"),
    ] {
        let r = hawk::header(id, KEY, method, URL, TS, nonce, ext);
        assert!(
            matches!(r, Err(HawkError::InvalidValue(_))),
            "{id:?} {nonce:?} {ext:?} {method:?}: {r:?}"
        );
    }
    // Errors never show the key.
    let e = hawk::header(ID, KEY, "GET", "nope", TS, NONCE, None).unwrap_err();
    assert!(!e.to_string().contains(KEY));
}

#[test]
fn hawk_ext_escaping_in_normalized_string() {
    let target = hawk::parse_url("http://example.com/").unwrap();
    let n = hawk::normalized_string(1, "n", "get", &target, "", "a\\b\nc");
    assert!(n.ends_with("\n\na\\\\b\\nc\n"), "{n:?}");
    assert!(n.contains("\nGET\n"));
}

#[test]
fn nonce_from_random_bytes() {
    assert_eq!(hawk::nonce(&[0xfb, 0xff, 0xfe]), "-__-");
    assert_eq!(hawk::nonce(&[0u8; 9]).len(), 12);
    assert_eq!(hawk::nonce(&[7u8; 16]).len(), 22);
    assert_eq!(hawk::nonce(&[]), "");
    let n = hawk::nonce(&[1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
    assert!(
        n.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{n}"
    );
    // Usable as a Hawk nonce.
    assert!(hawk::header(ID, KEY, "GET", URL, TS, &n, None).is_ok());
}

// ---- tokens ----

#[test]
fn refresh_margin_is_min_of_30s_and_10_percent() {
    assert_eq!(refresh_margin_ms(120), 12_000);
    assert_eq!(refresh_margin_ms(300), 30_000);
    assert_eq!(refresh_margin_ms(3600), 30_000);
    assert_eq!(refresh_margin_ms(10), 1_000);
}

#[test]
fn cached_token_freshness_access_bank_lifetime() {
    let t0 = 1_700_000_000_000.0;
    let c = CachedToken::new(
        Token {
            access_token: "abc".into(),
            expires_in_s: 120,
        },
        t0,
    );
    assert_eq!(c.expires_at_ms(), t0 + 120_000.0);
    assert_eq!(c.refresh_at_ms(), t0 + 108_000.0);
    assert!(c.is_fresh(t0));
    assert!(c.is_fresh(t0 + 107_999.0));
    assert!(!c.is_fresh(t0 + 108_000.0));
    assert!(!c.is_fresh(t0 + 200_000.0));
    assert!(
        !c.is_fresh(t0 - 1.0),
        "a clock that went backwards refreshes"
    );
    assert!(!c.is_fresh(f64::NAN));
    assert!(!c.is_fresh(f64::INFINITY));
}

#[test]
fn cached_token_freshness_m2p_lifetime_and_zero() {
    let c = CachedToken::new(
        Token {
            access_token: "abc".into(),
            expires_in_s: 3600,
        },
        0.0,
    );
    assert!(c.is_fresh(3_569_999.0));
    assert!(!c.is_fresh(3_570_000.0));
    let z = CachedToken::new(
        Token {
            access_token: "abc".into(),
            expires_in_s: 0,
        },
        0.0,
    );
    assert!(!z.is_fresh(0.0));
}

#[test]
fn token_cache_get_store_clear() {
    let mut cache = TokenCache::default();
    assert_eq!(cache.get(0.0), None);
    cache.store(
        Token {
            access_token: "one".into(),
            expires_in_s: 120,
        },
        1000.0,
    );
    assert_eq!(cache.get(1000.0), Some("one"));
    assert_eq!(cache.get(1000.0 + 108_000.0), None);
    assert!(
        cache.entry().is_some(),
        "a stale entry is kept until replaced"
    );
    cache.store(
        Token {
            access_token: "two".into(),
            expires_in_s: 120,
        },
        200_000.0,
    );
    assert_eq!(cache.get(200_001.0), Some("two"));
    cache.clear();
    assert_eq!(cache.get(200_001.0), None);
}

#[test]
fn parse_access_bank_token() {
    let body = r#"{"succeeded":true,"code":"200","message":"Authentication successful","data":{"accessToken":"eyJhbGciOiJIUzI1NiJ9.e30.sig","expiresIn":120},"pageMeta":{},"errors":{}}"#;
    assert_eq!(
        parse_accessbank(body).unwrap(),
        Token {
            access_token: "eyJhbGciOiJIUzI1NiJ9.e30.sig".into(),
            expires_in_s: 120
        }
    );
    // Lenient lifetimes.
    let t = |exp: &str| {
        parse_accessbank(&format!(
            r#"{{"succeeded":true,"data":{{"accessToken":"t","expiresIn":{exp}}}}}"#
        ))
    };
    assert_eq!(t("\"300\"").unwrap().expires_in_s, 300);
    assert_eq!(t("119.9").unwrap().expires_in_s, 119);
    assert_eq!(
        t("null").unwrap().expires_in_s,
        accessbank::DEFAULT_LIFETIME_S
    );
    assert_eq!(t("1e300").unwrap().expires_in_s, 365 * 24 * 3600);
    assert!(t("-1").is_err());
    assert!(t("\"soon\"").is_err());
    assert!(t("true").is_err());
    let missing = parse_accessbank(r#"{"succeeded":true,"data":{"accessToken":"t"}}"#).unwrap();
    assert_eq!(missing.expires_in_s, 120);
}

#[test]
fn access_bank_token_failures_say_why_without_echoing() {
    let e = parse_accessbank(
        r#"{"succeeded":false,"code":"401","message":"Invalid key sk_live_123","data":null}"#,
    )
    .unwrap_err();
    assert!(
        e.contains("succeeded is not true") && e.contains("401"),
        "{e}"
    );
    assert!(!e.contains("sk_live_123"), "{e}");
    // succeeded must be the boolean true.
    assert!(
        parse_accessbank(r#"{"succeeded":"true","data":{"accessToken":"t","expiresIn":120}}"#)
            .is_err()
    );
    assert!(parse_accessbank(r#"{"data":{"accessToken":"t","expiresIn":120}}"#).is_err());
    assert!(parse_accessbank(r#"{"succeeded":true}"#)
        .unwrap_err()
        .contains("no data"));
    assert!(
        parse_accessbank(r#"{"succeeded":true,"data":{"accessToken":""}}"#)
            .unwrap_err()
            .contains("accessToken")
    );
    let e = parse_accessbank(r#"{"succeeded":true,"data":{"accessToken":"abc\r\nX-Evil: 1"}}"#)
        .unwrap_err();
    assert!(
        e.contains("not allowed in a header") && !e.contains("abc"),
        "{e}"
    );
    assert!(parse_accessbank("<html>")
        .unwrap_err()
        .contains("not valid JSON"));
    assert!(parse_accessbank("[]")
        .unwrap_err()
        .contains("not a JSON object"));
    assert!(parse_accessbank("").is_err());
    // An injected code is not quoted.
    let e = parse_accessbank(r#"{"succeeded":false,"code":"<script>"}"#).unwrap_err();
    assert!(!e.contains("<script>"), "{e}");
}

#[test]
fn parse_m2p_token() {
    let body = r#"{"access_token":"eyJ.abc.def","token_type":"Bearer","expires_in":3600}"#;
    assert_eq!(
        parse_m2p(body).unwrap(),
        Token {
            access_token: "eyJ.abc.def".into(),
            expires_in_s: 3600
        }
    );
    assert_eq!(
        parse_m2p(r#"{"access_token":"x","token_type":"bearer"}"#)
            .unwrap()
            .expires_in_s,
        3600
    );
    assert_eq!(
        parse_m2p(r#"{"access_token":"x","expires_in":"60"}"#)
            .unwrap()
            .expires_in_s,
        60
    );
    assert!(parse_m2p(r#"{"access_token":"x","token_type":"MAC"}"#)
        .unwrap_err()
        .contains("token_type"));
    assert!(parse_m2p(r#"{"token_type":"Bearer","expires_in":3600}"#)
        .unwrap_err()
        .contains("access_token"));
    assert!(parse_m2p(r#"{"access_token":42}"#).is_err());
    assert!(parse_m2p(r#"{"error":"invalid_client"}"#).is_err());
    assert!(parse_m2p("not json").is_err());
}

#[test]
fn token_parsers_never_panic_on_odd_input() {
    let deep = "[".repeat(100_000);
    let huge = format!(
        r#"{{"access_token":"{}","expires_in":1}}"#,
        "a".repeat(1_000_000)
    );
    for body in [
        deep.as_str(),
        huge.as_str(),
        "\u{0}",
        "{\"succeeded\":true,\"data\":[]}",
        "null",
        "1e999",
    ] {
        let _ = parse_accessbank(body);
        let _ = parse_m2p(body);
    }
    assert_eq!(parse_m2p(&huge).unwrap().access_token.len(), 1_000_000);
}

// ---- the one signing path (auth::ConfigSecrets, behind buildRequest and the client) ----

#[test]
fn signing_path_reproduces_the_published_example() {
    use customer_update::auth::ConfigSecrets;
    use customer_update::request::Secrets;
    let config = serde_json::json!({ "hawkId": ID, "hawkKey": KEY });
    let mut no_random = |_: &mut [u8]| false;
    // `now` is Unix milliseconds; the Hawk ts is its whole seconds.
    let mut s = ConfigSecrets::new(
        config.as_object().unwrap(),
        TS as f64 * 1000.0 + 999.0,
        &mut no_random,
    );
    s.nonce = Some(NONCE.into());
    s.ext = Some("some-app-ext-data".into());
    assert_eq!(
        s.hawk("GET", URL).unwrap(),
        r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#
    );
    assert_eq!(
        s.last_mac.as_deref(),
        Some("6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=")
    );
    assert!(s.failed.is_none());
}

#[test]
fn signing_path_keeps_the_mac_it_signed_whatever_ext_holds() {
    // The MAC kept for redaction is the one signed, not text read back out of the header: an
    // ext ending in `mac=` puts `mac="` before the real one (it was read as `, mac=` before).
    use customer_update::auth::ConfigSecrets;
    use customer_update::request::Secrets;
    let config = serde_json::json!({ "hawkId": ID, "hawkKey": KEY });
    let mut no_random = |_: &mut [u8]| false;
    let mut s = ConfigSecrets::new(
        config.as_object().unwrap(),
        TS as f64 * 1000.0,
        &mut no_random,
    );
    s.nonce = Some(NONCE.into());
    s.ext = Some("app-mac=".into());
    let h = s.hawk("GET", URL).unwrap();
    let mac = hawk::mac(
        KEY.as_bytes(),
        &hawk::normalized_string(
            TS,
            NONCE,
            "GET",
            &hawk::parse_url(URL).unwrap(),
            "",
            "app-mac=",
        ),
    );
    assert!(
        h.ends_with(&format!(r#", ext="app-mac=", mac="{mac}""#)),
        "{h}"
    );
    assert_eq!(s.last_mac.as_deref(), Some(mac.as_str()));
}

#[test]
fn build_signs_bvnk_requests_through_the_signing_path() {
    use customer_update::auth::{ConfigSecrets, SecretsError};
    use customer_update::request::{build, Options};
    use customer_update::rules::CivilDate;
    let op = customer_update::operation("bvnk.updateCustomerStatus").unwrap();
    let input = serde_json::json!({ "customerReference": "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", "status": "VERIFIED" });
    let config = serde_json::json!({ "hawkId": ID, "hawkKey": KEY });
    let mut random = |b: &mut [u8]| {
        b.fill(7);
        true
    };
    let mut s = ConfigSecrets::new(
        config.as_object().unwrap(),
        1_700_000_000_500.0,
        &mut random,
    );
    s.nonce = Some("AbC123xy".into());
    let built = build(
        op,
        &input,
        &Options::default(),
        &mut s,
        CivilDate::new(2026, 1, 1).unwrap(),
    )
    .unwrap();
    let auth = built.request.header("Authorization").unwrap();
    // The MAC over the Hawk 1 normalized string, written out here from the specification.
    let normalized = "hawk.1.header\n1700000000\nAbC123xy\nPUT\n/platform/v1/customers/8a0e1da2-2af3-4b9e-a221-e74db4e01b06/status\napi.sandbox.bvnk.com\n443\n\n\n";
    let mac = hawk::mac(KEY.as_bytes(), normalized);
    assert_eq!(
        auth,
        format!(r#"Hawk id="{ID}", ts="1700000000", nonce="AbC123xy", mac="{mac}""#)
    );
    // Without a fixed nonce, one is drawn from the random source (16 bytes → 22 characters).
    let mut s = ConfigSecrets::new(
        config.as_object().unwrap(),
        1_700_000_000_500.0,
        &mut random,
    );
    let built = build(
        op,
        &input,
        &Options::default(),
        &mut s,
        CivilDate::new(2026, 1, 1).unwrap(),
    )
    .unwrap();
    assert!(built
        .request
        .header("Authorization")
        .unwrap()
        .contains(&format!("nonce=\"{}\"", hawk::nonce(&[7; 16]))));
    // A random source that fails leaves the header out and says why.
    let mut broken = |_: &mut [u8]| false;
    let mut s = ConfigSecrets::new(config.as_object().unwrap(), 1.0, &mut broken);
    let built = build(
        op,
        &input,
        &Options::default(),
        &mut s,
        CivilDate::new(2026, 1, 1).unwrap(),
    )
    .unwrap();
    assert_eq!(built.request.header("Authorization"), None);
    assert_eq!(s.failed, Some(SecretsError::NoRandom("the Hawk nonce")));
}

// ============================================================ SHA-256 and HMAC-SHA256 (src/auth/sha256.rs)

mod sha256 {
    use customer_update::auth::sha256::{hmac_sha256, sha256};
    use hmac::{Hmac, Mac};
    use sha2::{Digest, Sha256};

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn fips_and_rfc_4231_vectors() {
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        // RFC 4231 test cases 1, 2 and 6 (a key longer than a block).
        assert_eq!(
            hex(&hmac_sha256(&[0x0b; 20], b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn the_same_as_the_sha2_and_hmac_crates() {
        let data: Vec<u8> = (0..300u32).map(|i| (i * 31 + 7) as u8).collect();
        for len in 0..data.len() {
            let msg = data.get(..len).unwrap();
            assert_eq!(
                sha256(msg).as_slice(),
                Sha256::digest(msg).as_slice(),
                "{len}"
            );
            let key = data.get(len / 2..len).unwrap();
            let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
            m.update(msg);
            assert_eq!(
                hmac_sha256(key, msg).as_slice(),
                m.finalize().into_bytes().as_slice(),
                "{len}"
            );
        }
    }
}
