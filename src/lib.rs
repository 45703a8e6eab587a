//! # customer-update
//!
//! Typed, checked and sendable "update customer details" requests for five providers: Access
//! Bank WaaS, Juspay, BVNK, Gathr and M2P Prepaid. Each provider's rules live in one spec file
//! (`src/spec/<provider>.toml`); `build.rs` turns the specs into the validation tables, typed
//! structs and TypeScript declarations used here.
//!
//! ```
//! use customer_update::{operation, validate::validate};
//! use customer_update::rules::CivilDate;
//! let op = operation("juspay.updateCustomer").unwrap();
//! let input = serde_json::json!({ "customer_id": "cst_1", "email": "a@b.co" });
//! let issues = validate(op, &input, CivilDate::new(2026, 1, 1).unwrap()).unwrap_err();
//! assert_eq!(issues[0].code.as_str(), "unknown_field"); // did you mean "email_address"?
//! ```

// The validators-only wasm (wasm32 with `wasm-no-std`, without `requests`: the npm package's
// validators entries) is built without std, so that std's panic and formatting machinery, which
// every `Vec` growth's capacity-overflow and out-of-memory paths kept there, is not linked:
// panics trap (the handler below). Everything it compiles is written against `core` and
// `alloc`; native builds, the full wasm and a Rust program's wasm that links std have std.
#![cfg_attr(cu_no_std, no_std)] // cu_no_std: set by build.rs for exactly that build
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        // core::fmt's machinery: messages use text::concat and text::decimal (clippy.toml)
        clippy::disallowed_macros,
        clippy::disallowed_methods
    )
)]

extern crate alloc;

#[cfg(feature = "requests")]
#[doc(hidden)] // not API: Hawk and token internals (tests/auth.rs, fuzz); see "Public API" above
pub mod auth;
#[cfg(feature = "client")]
pub mod client;
pub mod clock;
pub mod describe;
pub mod diff;
#[doc(hidden)] // not API: body and query encoding (tests/request.rs, fuzz)
pub mod encode;
#[doc(hidden)] // not API: the reporting path's JSON reader (fuzz)
pub mod json;
#[cfg(feature = "requests")]
pub mod providers;
pub mod request;
#[cfg(feature = "requests")]
pub mod retry;
pub mod rules;
pub mod schema;
// The wasm's allocator front (tested natively too).
#[cfg(any(
    test,
    all(
        target_arch = "wasm32",
        not(target_feature = "atomics"),
        not(cu_size_build),
        not(feature = "requests")
    )
))]
mod small_alloc;
// The size build's and the full wasm's allocator, in place of talc (tested natively too).
#[cfg(any(
    test,
    all(
        target_arch = "wasm32",
        not(target_feature = "atomics"),
        any(cu_size_build, feature = "requests")
    )
))]
mod size_alloc;
/// Substring search without std's `&str` pattern machinery (a size measure; see the module).
#[doc(hidden)]
pub mod text;
mod typed;
// The normalized contact and its mapping onto each provider (issue 16). Kept out of the
// validators-only wasm, as requests are.
#[cfg(any(feature = "requests", not(target_arch = "wasm32")))]
pub mod unified;
pub mod validate;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)] // not API: the wasm-bindgen binding (tests/wasm.rs)
pub mod wasm;

/// The generated provider modules (`accessbank`, `juspay`, `bvnk`, `gathr`, `m2p`), each with
/// its static tables and a `types` module of typed structs.
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/providers.rs"));
}

pub use generated::{OPERATIONS, PROVIDERS};
pub use rules::{Code, Issue, PathSeg};
pub use schema::{Operation, Provider};

// talc instead of std's dlmalloc in the speed wasm (the Node, Deno and workerd validators), with
// freed small blocks kept for reuse in front of it (src/small_alloc.rs: a refusal's dozen small
// buffers no longer split and merge talc's chunks). wasm32-unknown-unknown is built without the
// atomics target feature, which these would need.
// The validators entry's size build (`cu_size_build`, build.rs) and the full wasm (`requests`)
// have neither: power-of-two blocks on free lists over `memory.grow` (src/size_alloc.rs), a
// fraction of talc's code (the browsers load both, where bytes count). The full wasm's blocks of
// more than a page are whole pages, merged and given back (inputs of megabytes): with them,
// 0.48 KB gzip -9 less than talc and the small-block cache (bench/targets.md, "Session 18: the
// full wasm's allocator").
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    not(cu_size_build),
    not(feature = "requests")
))]
#[global_allocator]
static ALLOCATOR: small_alloc::SmallBlocks<talc::wasm::WasmDynamicTalc> =
    small_alloc::SmallBlocks::new(talc::wasm::new_wasm_dynamic_allocator());
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    any(cu_size_build, feature = "requests")
))]
#[global_allocator]
static ALLOCATOR: size_alloc::PowerBlocks<size_alloc::WasmPages> =
    size_alloc::PowerBlocks::new(size_alloc::WasmPages);

/// A panic in the `no_std` validators-only wasm traps (`unreachable`): the JS caller gets a
/// `WebAssembly.RuntimeError`, as with std's `panic = "abort"`, without a message to format.
/// Library code never panics (clippy denies `unwrap`, `expect`, `panic` and indexing); what is
/// left is `alloc`'s capacity overflow and out-of-memory.
#[cfg(cu_no_std)]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// The TypeScript declarations generated from the specs (all providers, one text).
pub const TYPESCRIPT: &str = include_str!(concat!(env!("OUT_DIR"), "/customer_update.d.ts"));

/// The machine-readable contracts, generated from the specs: the JSON Schema (2020-12) of each
/// operation's input and the OpenAPI 3.1 document of the nine provider calls. Text only, for
/// servers and tools: nothing here is reachable from the wasm exports, so the linker leaves it
/// out of the wasm (the npm package ships the same documents as `customer-update/contracts`).
///
/// ```
/// let schema = customer_update::contracts::json_schema("m2p.updateNomineeDetails").unwrap();
/// assert!(schema.contains("https://json-schema.org/draft/2020-12/schema"));
/// assert!(customer_update::contracts::OPENAPI.contains("\"openapi\": \"3.1.0\""));
/// ```
pub mod contracts {
    include!(concat!(env!("OUT_DIR"), "/contracts.rs"));

    /// The JSON Schema of `op`'s input, if `op` is an operation id.
    pub fn json_schema(op: &str) -> Option<&'static str> {
        JSON_SCHEMAS
            .iter()
            .find(|(id, _)| *id == op)
            .map(|(_, text)| *text)
    }
}

/// The operation with this id (`provider.operation`), if any.
pub fn operation(id: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().copied().find(|op| op.id == id)
}

/// The provider with this key (`accessbank`, `juspay`, `bvnk`, `gathr`, `m2p`), if any.
pub fn provider(key: &str) -> Option<&'static Provider> {
    PROVIDERS.iter().copied().find(|p| p.key == key)
}

/// Every operation id, in spec order.
pub fn operation_ids() -> impl Iterator<Item = &'static str> {
    OPERATIONS.iter().map(|op| op.id)
}

/// The generated files, by name, as build.rs wrote them (for the golden-file test).
#[doc(hidden)]
pub mod generated_files {
    use alloc::{borrow::ToOwned, string::String, vec::Vec};

    include!(concat!(env!("OUT_DIR"), "/generated_files.rs"));

    /// The docs' contact mapping table, as the generator wrote it (kept in
    /// `docs/contact-mapping.md`; `tests/unified.rs` compares).
    pub const CONTACT_MAPPING: &str = include_str!(concat!(env!("OUT_DIR"), "/contact-mapping.md"));

    /// Generated files the npm package ships from `pkg/src/` (kept there, compared by
    /// tests/golden.rs).
    pub const PACKAGE: &[(&str, &str)] = &[
        (
            "messages.js",
            include_str!(concat!(env!("OUT_DIR"), "/messages.js")),
        ),
        (
            "examples.js",
            include_str!(concat!(env!("OUT_DIR"), "/examples.js")),
        ),
        (
            "countries.js",
            include_str!(concat!(env!("OUT_DIR"), "/countries.js")),
        ),
    ];

    /// [`ALL`] and the JSON Schema of each operation (`<op>.schema.json`).
    pub fn all() -> Vec<(String, &'static str)> {
        ALL.iter()
            .map(|(n, t)| ((*n).to_owned(), *t))
            .chain(
                crate::contracts::JSON_SCHEMAS
                    .iter()
                    .map(|(op, t)| (crate::text::concat(&[op, ".schema.json"]), *t)),
            )
            .collect()
    }
}
