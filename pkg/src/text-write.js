// How api.js writes a JSON text into the wasm's input buffer. TextEncoder.encodeInto everywhere;
// the default browser entry (browser.js) also writes short ASCII texts with a loop (not the
// validators entry made from it: for a form, where size counts, scripts/build-pkg.sh leaves the
// call out, and a bundler then drops both loops): in Chromium encodeInto costs about 0.5 µs a
// call, most of the time of the smallest bodies, where a loop is faster up to about 130
// characters; in Node the loop is slower at
// every length, so the server entries never use it (bench/targets.md, "Session 8: cold start and
// runtime entries"). The same flag has issues.js build a short ASCII side string of issue records
// from its codes instead of a TextDecoder call (in Chromium about 0.6-1.2 µs a call: "Session 9:
// the invalid path").
export let shortAsciiLoop = false;
/** Called once by the default browser entry, before any validation. */
export function useShortAsciiLoop() {
  shortAsciiLoop = true;
}
