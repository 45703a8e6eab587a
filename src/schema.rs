//! The shapes of the generated spec tables: one static [`Operation`] per operation id, built by
//! `build.rs` from `src/spec/*.toml`. Nothing here knows about a particular provider.

use crate::rules::{Format, Rule};
use crate::validate::report::Report;
use crate::validate::scan::{Checked, Scan};

/// Spec text no code of any wasm build reads (operation summaries and names, the seed examples,
/// response and error type names, object type names, the seed's documentation reference, field
/// hints: the package's `describe` reads its own copy, `describe.js`): `native!(value, empty)` is
/// `value` natively (Rust callers, tests, docs) and `empty` in every wasm build, so neither wasm
/// carries it. The JS package has its own copies where it needs them (the generated declarations
/// and contracts).
#[cfg(not(target_arch = "wasm32"))]
macro_rules! native {
    ($value:expr, $empty:expr) => {
        $value
    };
}
#[cfg(target_arch = "wasm32")]
macro_rules! native {
    ($value:expr, $empty:expr) => {
        $empty
    };
}
pub(crate) use native;

/// Provider facts only requests and the client read (URLs, path templates, headers and auth
/// templates, config keys, type names): `requests!(value, empty)` is `value` everywhere except in
/// the validators-only wasm (wasm32 without the `requests` feature), where it is `empty` (`""`,
/// `&[]`, `None`), so that wasm does not carry them for nothing (no code there reads them).
#[cfg(any(feature = "requests", not(target_arch = "wasm32")))]
macro_rules! requests {
    ($value:expr, $empty:expr) => {
        $value
    };
}
#[cfg(not(any(feature = "requests", not(target_arch = "wasm32"))))]
macro_rules! requests {
    ($value:expr, $empty:expr) => {
        $empty
    };
}
pub(crate) use requests;

/// The validation tables of an operation's input (`Operation::input`: the `Object` and `Field`
/// statics, their labels, hints and read-only texts): `tables!(value, empty)` is `value`
/// everywhere except in the validators-only wasm (wasm32 without `requests` or `oracle`), where
/// it is `empty` ([`NO_INPUT`]). Nothing there reads them: the generated validators carry their
/// own constants (`check`, `report`), and the table interpreter (`validate::tree`) is not
/// built. So that wasm does not link the tables. (`Operation::rules` stays: the generated
/// reporters run the operation's rules from it.)
#[cfg(any(feature = "requests", feature = "oracle", not(target_arch = "wasm32")))]
macro_rules! tables {
    ($value:expr, $empty:expr) => {
        $value
    };
}
#[cfg(not(any(feature = "requests", feature = "oracle", not(target_arch = "wasm32"))))]
macro_rules! tables {
    ($value:expr, $empty:expr) => {
        $empty
    };
}
pub(crate) use tables;

/// An operation's one-pass validator (`Operation::one_pass`): `one_pass!(check::name)` is the
/// generated function everywhere except in the size build of the validators-only wasm (wasm32
/// without `requests` or the `one-pass` feature: the browser entry `customer-update/validators`,
/// where size counts and a validation's microseconds do not), where it is
/// [`scan::unsure`](crate::validate::scan::unsure), which leaves every text to the reporting
/// validator. The verdict is the same: the one pass accepts only what the reporter finds no
/// issue in, and a refused text's issues are the reporter's either way (the differential fuzz
/// target `validate`). So that wasm links neither the nine generated one-pass functions nor
/// the scanner.
#[cfg(any(
    feature = "requests",
    feature = "one-pass",
    not(target_arch = "wasm32")
))]
macro_rules! one_pass {
    ($check:path) => {
        OnePass($check)
    };
}
#[cfg(not(any(
    feature = "requests",
    feature = "one-pass",
    not(target_arch = "wasm32")
)))]
macro_rules! one_pass {
    ($check:path) => {
        OnePass(crate::validate::scan::unsure)
    };
}
pub(crate) use one_pass;

/// The input table of every operation in the validators-only wasm (see `tables!`): no fields.
pub static NO_INPUT: Object = Object {
    name: "",
    fields: &[],
    extra: Extra::Deny,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// The HTTP method of an operation.
pub enum Method {
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
}

impl Method {
    /// The method as HTTP writes it (`"POST"`).
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
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded` (flat bodies only).
    Form,
}

impl Encoding {
    /// The `Content-Type` of a body in this encoding.
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
    /// Sent in the request body.
    Body,
    /// Fills `{name}` in the path template.
    Path,
    /// Read by validation rules only; never sent.
    Input,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// A value the request builder generates when the caller leaves it out.
pub enum Generator {
    /// A random UUID (version 4), e.g. Access Bank `requestId`.
    UuidV4,
}

/// A string's constraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Str {
    /// The fewest characters (0: no lower bound).
    pub min_len: u32,
    /// The most characters, if bounded.
    pub max_len: Option<u32>,
    /// The named format the value must have (`email`, `e164`, …).
    pub format: Option<Format>,
    /// The allowed values (empty: any).
    pub enum_values: &'static [&'static str],
    /// Response side only: other values are tolerated.
    pub open_enum: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
/// A value's type and constraints, as the spec declares them.
pub enum Ty {
    /// A string with its constraints.
    String(Str),
    /// `true` or `false`.
    Boolean,
    /// A whole number within optional bounds.
    Integer {
        /// The smallest value allowed, if bounded.
        min: Option<i64>,
        /// The largest value allowed, if bounded.
        max: Option<i64>,
    },
    /// Any finite number.
    Number,
    /// An object of declared fields.
    Object(&'static Object),
    /// A list of items of one type.
    Array {
        /// The type of each item.
        items: &'static Ty,
        /// The fewest items.
        min_items: u32,
        /// The most items, if bounded.
        max_items: Option<u32>,
    },
    /// An object of any keys whose values share one type.
    Map {
        /// The type of each value.
        values: &'static Ty,
    },
    /// Anything (response side only).
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
/// One field of an [`Object`]: its key, its form label and hint, and its type.
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// A short label for forms.
    pub label: &'static str,
    /// A hint for forms (the expected form of the value).
    pub hint: &'static str,
    /// Where the key goes in the request.
    pub loc: Loc,
    /// Whether the key must be present.
    pub required: bool,
    /// Set for keys the caller may not send; the text says why and what to use instead.
    pub read_only: Option<&'static str>,
    /// A value the builder generates when the key is absent.
    pub generate: Option<Generator>,
    /// The value's type and constraints.
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
/// An object type of a spec: its fields and what it does with other keys.
pub struct Object {
    /// The spec's type name, prefixed by provider (e.g. `BvnkAddress`); empty in the wasm builds.
    pub name: &'static str,
    /// The declared fields, in spec order.
    pub fields: &'static [Field],
    /// What the object does with keys it does not declare.
    pub extra: Extra,
}

impl Object {
    /// The declared field with this key, if any.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A header sent with every operation of a provider; `value` is a template (see src/spec/README.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// The header's name.
    pub name: &'static str,
    /// The header's value template.
    pub value: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// How a provider authenticates requests.
pub enum AuthScheme {
    /// A bearer token from a token endpoint (or a caller-supplied `accessToken`).
    Token,
    /// HTTP Basic with credentials from config.
    Basic,
    /// A Hawk `Authorization` header signed with the config's Hawk id and key (BVNK).
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
/// One provider, from its spec: endpoints, authentication, headers and config keys. In the
/// validators-only wasm (no `requests` feature) the request facts (`title`, the URLs,
/// `token_path`, `idempotency_header`, `config_keys`, `headers`) are empty; `seed` and
/// `error_types` are empty in every wasm build (no wasm code reads them, see `native!`).
pub struct Provider {
    /// The provider key (`accessbank`, `juspay`, `bvnk`, `gathr`, `m2p`).
    pub key: &'static str,
    /// The provider's display name (`Access Bank WaaS`).
    pub title: &'static str,
    /// The provider documentation the spec was written from.
    pub seed: &'static str,
    /// The base URL of the sandbox environment.
    pub sandbox_url: &'static str,
    /// The base URL of the production environment.
    pub production_url: &'static str,
    /// How requests are authenticated.
    pub auth: AuthScheme,
    /// The token endpoint's path, for [`AuthScheme::Token`].
    pub token_path: Option<&'static str>,
    /// The token path hangs off the base URL's origin, not the base URL itself (M2P).
    pub token_from_origin: bool,
    /// The header the provider honours as an idempotency key (M2P `X-Request-ID`).
    pub idempotency_header: Option<&'static str>,
    /// The credential and option keys a config may hold.
    pub config_keys: &'static [&'static str],
    /// Headers sent with every operation.
    pub headers: &'static [Header],
    /// The names of the provider's error body types (their shapes live in the typed structs and
    /// the TypeScript declarations; parsing is in `providers/`).
    pub error_types: &'static [&'static str],
}

#[derive(Debug, PartialEq)]
/// One provider operation (`juspay.updateCustomer`): its input table, cross-field rules and
/// request shape. Look one up with [`crate::operation`]. In every wasm build `name`, `summary`,
/// `response` and `example` are empty (no wasm code reads them, see `native!`; the package's
/// `example(op)` reads the generated `examples.js`); in the validators-only wasm (no `requests`
/// feature) `path` is too, and
/// `input` too ([`NO_INPUT`]): validation there runs the generated validators (`one_pass`,
/// `report`, which reads `rules`), which carry their own constants.
pub struct Operation {
    /// The operation id, `provider.operation`.
    pub id: &'static str,
    /// The operation's name within its provider (`updateCustomer`).
    pub name: &'static str,
    /// One sentence on what the operation does.
    pub summary: &'static str,
    /// The provider it belongs to.
    pub provider: &'static Provider,
    /// The HTTP method.
    pub method: Method,
    /// The path template (`/customers/{customer_id}`), below the base URL.
    pub path: &'static str,
    /// How the body is encoded.
    pub encoding: Encoding,
    /// The input's validation table.
    pub input: &'static Object,
    /// The cross-field rules over the input.
    pub rules: &'static [Rule],
    /// The name of the success body's type (typed struct `types::<Name>`, TS `<Provider><Name>`).
    pub response: &'static str,
    /// The seed's example input (JSON text); empty in the wasm builds (the package reads
    /// `examples.js`, generated from the same text).
    pub example: &'static str,
    /// The generated one-pass validator (`generated::<provider>::check`).
    pub one_pass: OnePass,
    /// The generated reporting validator (`generated::<provider>::report`).
    pub report: Reporter,
}

/// A generated reporting validator: every issue of the object at an offset of a text that is
/// JSON (see [`crate::validate::report`]).
#[derive(Clone, Copy)]
pub struct Reporter(pub fn(&mut Report<'_>, usize));

impl core::fmt::Debug for Reporter {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Reporter")
    }
}

impl PartialEq for Reporter {
    fn eq(&self, other: &Reporter) -> bool {
        core::ptr::fn_addr_eq(self.0, other.0)
    }
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
    /// The input's declared fields.
    pub fn fields(&self) -> &'static [Field] {
        self.input.fields
    }
}
