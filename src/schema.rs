//! The shapes of the generated spec tables: one static [`Operation`] per operation id, built by
//! `build.rs` from `src/spec/*.toml`. Nothing here knows about a particular provider.

use crate::rules::{Format, Rule};
use crate::validate::scan::{Checked, Scan};

/// Text only forms and requests read (field hints, operation summaries, the seed examples): kept
/// everywhere except in the validators-only wasm (wasm32 without the `requests` feature), which
/// has no `describe` or `example` and so would carry it for nothing.
#[cfg(any(feature = "requests", not(target_arch = "wasm32")))]
macro_rules! forms {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(any(feature = "requests", not(target_arch = "wasm32"))))]
macro_rules! forms {
    ($text:expr) => {
        ""
    };
}
pub(crate) use forms;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Post,
    Put,
    Patch,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
        }
    }
}

/// How the body is encoded on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Json,
    /// `application/x-www-form-urlencoded` (flat bodies only).
    Form,
}

impl Encoding {
    pub const fn content_type(self) -> &'static str {
        match self {
            Encoding::Json => "application/json",
            Encoding::Form => "application/x-www-form-urlencoded",
        }
    }
}

/// Where an input key goes when the request is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loc {
    Body,
    /// Fills `{name}` in the path template.
    Path,
    /// Read by validation rules only; never sent.
    Input,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generator {
    UuidV4,
}

/// A string's constraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Str {
    pub min_len: u32,
    pub max_len: Option<u32>,
    pub format: Option<Format>,
    pub enum_values: &'static [&'static str],
    /// Response side only: other values are tolerated.
    pub open_enum: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ty {
    String(Str),
    Boolean,
    Integer {
        min: Option<i64>,
        max: Option<i64>,
    },
    Number,
    Object(&'static Object),
    Array {
        items: &'static Ty,
        min_items: u32,
        max_items: Option<u32>,
    },
    Map {
        values: &'static Ty,
    },
    Any,
}

impl Ty {
    /// The JSON type name used in messages and `describe`.
    pub const fn json_type(&self) -> &'static str {
        match self {
            Ty::String(_) => "string",
            Ty::Boolean => "boolean",
            Ty::Integer { .. } => "integer",
            Ty::Number => "number",
            Ty::Object(_) | Ty::Map { .. } => "object",
            Ty::Array { .. } => "array",
            Ty::Any => "any",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub loc: Loc,
    pub required: bool,
    /// Set for keys the caller may not send; the text says why and what to use instead.
    pub read_only: Option<&'static str>,
    pub generate: Option<Generator>,
    pub ty: Ty,
}

/// What an object accepts beyond its declared fields.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Extra {
    /// Unknown keys are `unknown_field` issues.
    Deny,
    /// Any further keys, whose values must be of this type.
    Allow(&'static Ty),
}

#[derive(Debug, PartialEq)]
pub struct Object {
    /// The spec's type name, prefixed by provider (e.g. `BvnkAddress`).
    pub name: &'static str,
    pub fields: &'static [Field],
    pub extra: Extra,
}

impl Object {
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A header sent with every operation of a provider; `value` is a template (see src/spec/README.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub name: &'static str,
    pub value: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// A bearer token from a token endpoint (or a caller-supplied `accessToken`).
    Token,
    Basic,
    Hawk,
    /// A static bearer token from config.
    Bearer,
}

impl AuthScheme {
    /// The scheme's name as the specs write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthScheme::Token => "token",
            AuthScheme::Basic => "basic",
            AuthScheme::Hawk => "hawk",
            AuthScheme::Bearer => "bearer",
        }
    }
}

#[derive(Debug, PartialEq)]
pub struct Provider {
    pub key: &'static str,
    pub title: &'static str,
    pub seed: &'static str,
    pub sandbox_url: &'static str,
    pub production_url: &'static str,
    pub auth: AuthScheme,
    pub token_path: Option<&'static str>,
    /// The token path hangs off the base URL's origin, not the base URL itself (M2P).
    pub token_from_origin: bool,
    /// The header the provider honours as an idempotency key (M2P `X-Request-ID`).
    pub idempotency_header: Option<&'static str>,
    pub config_keys: &'static [&'static str],
    pub headers: &'static [Header],
    /// The names of the provider's error body types (their shapes live in the typed structs and
    /// the TypeScript declarations; parsing is in `providers/`).
    pub error_types: &'static [&'static str],
}

#[derive(Debug, PartialEq)]
pub struct Operation {
    pub id: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub provider: &'static Provider,
    pub method: Method,
    pub path: &'static str,
    pub encoding: Encoding,
    pub input: &'static Object,
    pub rules: &'static [Rule],
    /// The name of the success body's type (typed struct `types::<Name>`, TS `<Provider><Name>`).
    pub response: &'static str,
    /// The seed's example input (JSON text).
    pub example: &'static str,
    /// The generated one-pass validator (`generated::<provider>::check`).
    pub one_pass: OnePass,
}

/// A generated one-pass validator: `Ok` when the text is valid as it is (see
/// [`crate::validate::scan`]).
#[derive(Clone, Copy)]
pub struct OnePass(pub fn(&mut Scan<'_>) -> Checked);

impl core::fmt::Debug for OnePass {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("OnePass")
    }
}

impl PartialEq for OnePass {
    fn eq(&self, other: &OnePass) -> bool {
        core::ptr::fn_addr_eq(self.0, other.0)
    }
}

impl Operation {
    pub fn fields(&self) -> &'static [Field] {
        self.input.fields
    }
}
