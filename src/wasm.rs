//! The thin wasm-bindgen boundary: JS values in, Rust calls, plain JS objects out. Inputs cross
//! once, as JSON text (`JSON.stringify` inside a `catch`, so circular objects, BigInt and throwing
//! getters become issues, not traps); results cross once, as JSON text parsed by `JSON.parse`,
//! except issues (of every entry point, and of a client's error): they cross as compact records
//! (`validate::records`, `lastIssues`, a client error's `issueRecords`) from which the JS glue builds the issue objects and renders their messages, so no message is
//! formatted here. Nothing here knows a provider: it looks operations up in the generated tables.

use crate::generated::VALIDATORS;
use crate::rules::{CivilDate, Issue};
use crate::validate;
#[cfg(feature = "requests")]
use crate::OPERATIONS;
#[cfg(feature = "requests")]
use crate::{operation, rules::Code, schema::Operation};
#[cfg(feature = "requests")]
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;

/// The sending client's JavaScript side: `fetch` as its transport, and the `Client` class.
#[cfg(feature = "client")]
pub mod client;
/// `contact` (setCountryNames, toProvider, fromProvider, diffContact in one export) and contactPath
/// (the normalized contact, issue 16).
#[cfg(feature = "requests")]
pub mod contact;
/// describe, example, diff, buildRequest and matchRequest (left out of the validators-only build).
#[cfg(feature = "requests")]
pub mod requests;
#[cfg(feature = "requests")]
#[allow(unused_imports)] // the client's helpers are unused with `requests` alone
pub use requests::*;

#[wasm_bindgen(typescript_custom_section)]
const GENERATED_TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/customer_update.d.ts"));

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buf: &mut [u8]) -> Result<(), JsValue>;

    /// `JSON.stringify` for its exception only. A `catch` import that returns a JS value leaks
    /// one externref table slot (and the slab entry in linear memory) each time it throws: the
    /// shim stores the return value before the exception is checked and never frees it. So
    /// caller values are first tried through this import, which returns nothing.
    #[cfg(feature = "requests")]
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn stringify_or_throw(value: &JsValue) -> Result<(), JsValue>;
}

#[cfg(feature = "requests")] // the requests and the client read JS values; validation does not
/// Why a JS exception happened, as at most 200 characters of its `message` (read with a
/// `catch`: an Error subclass whose `message` getter throws must not unwind through wasm; a
/// huge message is cut before it is copied).
pub(crate) fn exception_reason(e: &JsValue) -> Option<String> {
    let message = if e.dyn_ref::<js_sys::Error>().is_some() {
        js_sys::Reflect::get(e, &JsValue::from_str("message")).ok()?
    } else {
        e.clone()
    };
    let text = message.dyn_into::<js_sys::JsString>().ok()?;
    let text = if text.length() > 200 {
        text.slice(0, 200)
    } else {
        text
    };
    Some(String::from(text))
}

#[cfg(feature = "requests")] // requests and the client answer with JSON text
/// JSON text → JS value (the text is always produced by this crate, so parsing cannot fail on
/// well-formed input; an error is still returned, not unwrapped).
pub(crate) fn from_json(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

#[cfg(feature = "requests")] // the requests and the client read JS values; validation does not
/// The operation, or a `TypeError` naming the valid ids (a programmer error, so it throws).
pub(crate) fn op_or_throw(id: &str) -> Result<&'static Operation, JsValue> {
    // Written with pushes, not `format!`: no formatting machinery on the validators' path.
    operation(id).ok_or_else(|| {
        let mut m = String::from("unknown operation \"");
        m.extend(id.chars().take(80));
        m.push_str("\"; valid ids: ");
        for (i, o) in OPERATIONS.iter().enumerate() {
            if i > 0 {
                m.push_str(", ");
            }
            m.push_str(o.id);
        }
        js_sys::TypeError::new(&m).into()
    })
}

#[cfg(feature = "requests")] // the contact API and the client take a provider key
/// The `TypeError` for a provider key that `valid` does not hold (a programmer error, so it
/// throws): the key as given (its first 40 characters) and the valid keys. One function for the
/// contact API's and the client's (each wrote its own `format!` with a `chars().take(40)`
/// collect and a `text::join` copy).
pub(crate) fn unknown_provider(
    provider: &str,
    valid: &mut dyn Iterator<Item = &'static str>,
) -> JsValue {
    let mut m = String::from("unknown provider \"");
    m.extend(provider.chars().take(40));
    m.push_str("\"; valid: ");
    for (i, key) in valid.enumerate() {
        if i > 0 {
            m.push_str(", ");
        }
        m.push_str(key);
    }
    js_sys::TypeError::new(&m).into()
}

/// The longest JSON text (in UTF-16 code units) read from a caller's value (defined in the
/// vocabulary, which the code generator writes into the package's JS glue too).
#[cfg(feature = "requests")]
use crate::rules::limits::MAX_INPUT_CHARS;

#[cfg(feature = "requests")] // the requests and the client read JS values; validation does not
/// A JS value as JSON text (`JSON.stringify`), or the issue that says why it cannot be read.
pub(crate) fn read_text(value: &JsValue, what: &str) -> Result<String, Issue> {
    if value.is_undefined() {
        return Err(Issue::new(
            Vec::new(),
            Code::InvalidType,
            crate::text::concat(&[what, " is missing: pass an object of fields."]),
        ));
    }
    // Circular values, BigInt, throwing getters and toJSON fail here, without a leak.
    let first = stringify_or_throw(value);
    let text = match first.and_then(|()| js_sys::JSON::stringify(value)) {
        // Measured before it is copied into wasm memory (`length` only on a real string:
        // stringify gives `undefined` for a function or a symbol).
        Ok(s) if s.is_string() && s.length() > MAX_INPUT_CHARS => {
            let mut m = String::from(what);
            m.push_str(" is too large to read: ");
            crate::json::push_usize(&mut m, s.length() as usize);
            m.push_str(" characters of JSON, at most ");
            crate::json::push_usize(&mut m, MAX_INPUT_CHARS as usize);
            m.push('.');
            return Err(Issue::new(Vec::new(), Code::TooLong, m));
        }
        Ok(s) => s.as_string(),
        Err(e) => {
            let reason =
                exception_reason(&e).unwrap_or_else(|| "it cannot be converted to JSON".into());
            return Err(Issue::new(
                Vec::new(),
                Code::InvalidType,
                crate::text::concat(&[what, " cannot be read as JSON data (", &reason, ")."]),
            ));
        }
    };
    let Some(text) = text else {
        return Err(Issue::new(
            Vec::new(),
            Code::InvalidType,
            crate::text::concat(&[what, " must be an object of fields."]),
        ));
    };
    Ok(text)
}

/// `{ ok: false, issues }` as the JS glue reads it: the number 1, the issues kept for
/// `lastIssues` (compact records the glue renders with the message catalogs, as for `validate`).
#[cfg(feature = "requests")]
pub(crate) fn failure(issues: Vec<Issue>) -> Result<JsValue, JsValue> {
    // Taken, not copied: `to_vec` of a slice was the one `Issue` clone in the wasm.
    keep_issues(issues);
    Ok(JsValue::from(1))
}

/// [`failure`] of one issue.
#[cfg(feature = "requests")]
pub(crate) fn fail(issue: Issue) -> Result<JsValue, JsValue> {
    failure(one(issue))
}

/// A list of one issue, made in one place (each `vec![issue]` is an allocation and a copy of
/// its own).
#[cfg(feature = "requests")]
#[inline(never)]
pub(crate) fn one(issue: Issue) -> Vec<Issue> {
    vec![issue]
}

/// The nine operation ids, in spec order. Not in the validators-only wasm: the JS glue has them
/// from messages.js, generated with the same order, and this export's array and string
/// imports would cost that wasm and its glue for nothing (tests/node/validators-only.test.mjs
/// checks its numbering by its verdicts and issues against this wasm's).
#[cfg(feature = "requests")]
#[wasm_bindgen(js_name = operations)]
pub fn operations() -> js_sys::Array {
    OPERATIONS
        .iter()
        .map(|op| JsValue::from_str(op.id))
        .collect()
}

/// Keeps `issues` for `lastIssues` (the request exports' refusals; validation writes records
/// directly, so the validators-only wasm keeps no `Issue`s and links no code for them here).
#[cfg(feature = "requests")]
fn keep_issues(issues: Vec<Issue>) {
    LAST_ISSUES.set(issues);
    ENCODED.set(false);
}

// `Cell`s taken and put back (a `Vec` keeps its heap buffer, so the addresses handed to the
// glue stay valid), and one `RefCell` read with `try_borrow` only: no borrow that can panic,
// whose paths kept `core::fmt` Debug and Display code in the wasm.
/// The input buffer of the hot path: the JS glue writes JSON text here with
/// `TextEncoder.encodeInto` and passes its length; it is reused by every call and only grows.
static INPUT: Local<Cell<Vec<u8>>> = Local(Cell::new(Vec::new()));
/// The input buffer until a text needs more than [`FIRST_INPUT`] bytes: static, so no
/// validation of a shorter text allocates (a `RefCell` read with `try_borrow`: no panic path).
static FIRST: Local<RefCell<[u8; FIRST_INPUT]>> = Local(RefCell::new([0; FIRST_INPUT]));
/// The issues of the last input a request export refused (taken by `lastIssues`).
#[cfg(feature = "requests")]
static LAST_ISSUES: Local<Cell<Vec<Issue>>> = Local(Cell::new(Vec::new()));
/// The records `lastIssues` wrote last (their buffers are reused).
static RECORDS: Local<Cell<validate::records::Records>> =
    Local(Cell::new(validate::records::Records::in_memory()));
/// Whether `RECORDS` already hold the issues of the last refusal (`checkInput` writes them
/// there directly), for `lastIssues` to hand over once.
static ENCODED: Local<Cell<bool>> = Local(Cell::new(false));
/// The inputs `checkInput` refused in a row (since its last valid one).
static REFUSALS: Local<Cell<u32>> = Local(Cell::new(0));
/// Whether `checkInput` guesses (not in the validators entry's size build: no one pass there).
const GUESS: bool = !cfg!(cu_size_build);
/// The refusals in a row after which `checkInput` leaves the next input to the reporter alone:
/// 8, doubled each time that guess met a valid input (so a stream that mixes valid and refused
/// inputs soon stops guessing; bench/targets.md, "Session 19: the invalid path (wasm)").
static REPORT_AFTER: Local<Cell<u32>> = Local(Cell::new(8));

/// The module's state, in plain statics rather than `thread_local!` (which the `no_std`
/// validators-only wasm does not have; on wasm32 without atomics std's `thread_local!` is such
/// a static too, with an access-error panic and its `Debug` besides). Also the crate's other
/// wasm statics (encode.rs's powers of ten).
pub(crate) struct Local<C>(pub(crate) C);

#[cfg(target_feature = "atomics")]
compile_error!(
    "src/wasm.rs keeps its state in statics that are sound only on one thread: build the wasm \
     without the `atomics` target feature"
);

// SAFETY: a `Cell` (or `RefCell`) is not `Sync` because two threads could reach it at once. The wasm this module
// is compiled into (wasm32-unknown-unknown) runs on one thread: its memory can be shared with
// other threads only when every object in it was compiled with the `atomics` target feature
// (wasm-ld refuses `--shared-memory` otherwise, and the precompiled core, alloc and std are not:
// checked). That takes a rebuilt std, i.e. a nightly toolchain, where `target_feature = "atomics"`
// is visible to `cfg` and the `compile_error!` above stops the build (a stable toolchain hides that
// cfg, but cannot link shared memory). So no other thread can ever reach these statics. The cells
// are only read, taken, set and replaced, and the `RefCell` borrowed with `try_borrow` for the length
// of a call (no reference into them escapes a call).
unsafe impl<C> Sync for Local<C> {}

impl<C> core::ops::Deref for Local<C> {
    type Target = C;

    fn deref(&self) -> &C {
        &self.0
    }
}

/// The size of the static input buffer (`FIRST`): what api.js asks for first (it asks again, for
/// more, only for a text that may need more). A first validation then allocates nothing: the
/// allocator's functions (talc, `RawVec` growth) were a fifth of the code V8 compiles lazily on
/// the first call (bench/targets.md, "Session 9: cold start").
const FIRST_INPUT: usize = 4096;

/// The input buffer, grown to at least `len` bytes: its address in wasm memory (the glue reads
/// the memory from the instance's exports: no export here hands it over as a JS value, which
/// would link wasm-bindgen's externref table code into the validators wasm for that one call).
/// The static buffer up to [`FIRST_INPUT`] bytes, then a heap one. The address changes only
/// when it grows.
#[wasm_bindgen(js_name = inputBuffer, skip_typescript)]
pub fn input_buffer(len: u32) -> u32 {
    let mut b = INPUT.take();
    let at = if b.is_empty() && len as usize <= FIRST_INPUT {
        FIRST.as_ptr() as usize as u32
    } else {
        if b.len() < len as usize {
            b.resize(len as usize, 0);
        }
        b.as_mut_ptr() as u32
    };
    INPUT.set(b);
    at
}

/// Today's date as the glue last handed it to `checkInput` (Unix days, UTC), and whether the
/// check read it (module state like the cells above).
static GIVEN_DAY: Local<Cell<i32>> = Local(Cell::new(0));
static DAY_READ: Local<Cell<bool>> = Local(Cell::new(false));

/// `checkInput`'s answer has this bit set when the verdict read today's date (a date that must
/// be in the past, an age against a date of birth): the glue then compares the day it passed
/// with its clock, and checks the input again on a new day.
pub const DAY_READ_BIT: u32 = 4;

/// The calendar date of the day `given_today` last turned into one (Unix days, and its date):
/// the glue passes the same day on every call of a day, and the conversion (about ten 64-bit
/// divisions) was 3.5-4.3 % of the check on the payloads with dates (bench/targets.md, "Session
/// 12: the object path").
static GIVEN_DATE: Local<Cell<(i32, CivilDate)>> = Local(Cell::new((0, CivilDate::EPOCH)));

/// The validators' clock in `checkInput`: the day the glue passed, noted as read.
fn given_today() -> CivilDate {
    DAY_READ.set(true);
    let day = GIVEN_DAY.get();
    let (known, date) = GIVEN_DATE.get();
    // (Not in the validators entry's size build, `cu_size_build`: a form's bytes, not a server's
    // throughput; -36 B gzip -9 of that wasm.)
    if known == day && !cfg!(cu_size_build) {
        return date;
    }
    let date = CivilDate::from_unix_days(i64::from(day));
    GIVEN_DATE.set((day, date));
    date
}

/// The bit of `checkInput`'s `op` that says the caller keeps the input text as a string (api.js):
/// the records of a refusal may then name pieces of it by offset, and integers as words
/// (`Records::keep_text`).
pub const KEEPS_TEXT: u32 = 0x4000_0000;

/// The hot path of `validate`, `validateJson` and `checkJson`: `op` is an index into
/// `operations()` (with [`KEEPS_TEXT`] when the caller keeps the text), the input's JSON text
/// is the first `len` bytes of the input buffer, and
/// `today` is today's date in Unix days (UTC) as the glue knows it. `0` when the input is valid;
/// `1` when it is not (the issues wait in `lastIssues`); either with [`DAY_READ_BIT`] set when the
/// verdict read `today`; `2` for an index out of range. One crossing in, a number out.
///
/// The date comes in as an argument rather than from an imported `Date.now`, so the
/// validators-only wasm imports no function: V8 compiles a wrapper for each imported function
/// when a new process compiles the module, ~0.5 ms of cold start in Node (bench/targets.md,
/// "Session 9: cold start"). The clock is still read only when a verdict depends on it: by the
/// glue, after the call, when the bit is set.
#[wasm_bindgen(js_name = checkInput, skip_typescript)]
pub fn check_input(op: u32, len: u32, today: i32) -> u32 {
    let keeps = op & KEEPS_TEXT != 0;
    let Some(&(one_pass, report)) = VALIDATORS.get((op & !KEEPS_TEXT) as usize) else {
        return 2;
    };
    GIVEN_DAY.set(today);
    DAY_READ.set(false);
    let mut records = RECORDS.take();
    records.keep_text(keeps);
    // After a run of refusals the input goes to the reporter alone (`scan::unsure` as the one
    // pass: what `check_bytes_with` does whenever the one pass refuses or is unsure, so the same
    // verdict and records), which saves the one pass's reading up to its first issue. A valid
    // input then costs the reporter's walk (2-5x the one pass), so each such miss doubles the run
    // the guess waits for. Not in the validators entry's size build, which has no one pass.
    let guess = GUESS && REFUSALS.get() >= REPORT_AFTER.get();
    let one_pass = if guess {
        crate::schema::OnePass(validate::scan::unsure)
    } else {
        one_pass
    };
    let check = |text: &[u8], records: &mut _| {
        validate::check_bytes_with(one_pass, report, text, given_today, records)
    };
    // The text is in the buffer `input_buffer` handed out last: the heap one once there is one,
    // else the static one (no bytes if `len` is past its end).
    let len = len as usize;
    let b = INPUT.take();
    let valid = if b.is_empty() {
        match FIRST.try_borrow() {
            Ok(first) => check(first.get(..len).unwrap_or_default(), &mut records),
            Err(_) => check(&[], &mut records),
        }
    } else {
        check(b.get(..len).unwrap_or_default(), &mut records)
    };
    INPUT.set(b);
    RECORDS.set(records);
    let read = if DAY_READ.get() { DAY_READ_BIT } else { 0 };
    if GUESS {
        REFUSALS.set(if valid {
            0
        } else {
            REFUSALS.get().saturating_add(1)
        });
        if valid && guess {
            REPORT_AFTER.set(REPORT_AFTER.get().saturating_mul(2));
        }
    }
    if valid {
        return read;
    }
    // The records are written: `lastIssues` hands them over as they are.
    #[cfg(feature = "requests")]
    keep_issues(Vec::new());
    ENCODED.set(true);
    1 | read
}

/// The benchmark's floor: a call with the same arguments as `checkInput` that does nothing (the
/// cost of crossing into wasm, measured next to the real call in bench/).
#[wasm_bindgen(js_name = __floor, skip_typescript)]
pub fn floor(op: u32, len: u32, today: i32) -> u32 {
    op ^ len ^ today as u32
}

/// The issues of the last input `checkInput` or `validate` refused, as compact records
/// (`validate::records`): their address in wasm memory, valid until the next
/// call. The records' buffers are reused: nothing is allocated for the glue to copy and free.
/// The JS glue renders the messages.
#[wasm_bindgen(js_name = lastIssues, skip_typescript)]
pub fn last_issues() -> u32 {
    #[cfg(feature = "requests")]
    let issues = LAST_ISSUES.take();
    #[cfg(not(feature = "requests"))]
    let issues = Vec::<Issue>::new();
    let encoded = ENCODED.replace(false);
    let mut r = RECORDS.replace(validate::records::Records::in_memory());
    if !encoded {
        r.encode_into(&issues);
    }
    let at = r.words.as_ptr() as usize as u32;
    RECORDS.set(r);
    at
}
