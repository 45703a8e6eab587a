//! The limits the wasm and the npm package's JS glue both apply, defined once: the runtime uses
//! them (`customer_update::rules::limits`) and the code generator writes them into the glue's
//! `messages.js`, so the glue knows them without asking the wasm at start-up.

/// The longest JSON text (in UTF-16 code units, as JavaScript counts) read from a caller's value:
/// 1 Mi, like the response cap. Real inputs are a few KiB; without a bound, a hostile one (an
/// array of 10^8 numbers) would grow the wasm memory for good and then trap on allocation failure.
pub const MAX_INPUT_CHARS: u32 = 1 << 20;

/// At most this many issues are reported for one input (a hostile input with 100 000 unknown
/// keys would otherwise build 100 000 messages). Real forms stay far below it.
pub const MAX_ISSUES: usize = 200;
