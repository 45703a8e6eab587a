// Throughput measurement shared by Node (run.mjs) and Chromium (browser page): a warm-up that
// also calibrates the batch size, then `rounds` timed batches of about `roundMs` each; the result
// is the median ops/s. Only performance.now() is used, so it runs unchanged in both.

export const FULL = { warmupMs: 300, rounds: 7, roundMs: 100 };
export const SMOKE = { warmupMs: 10, rounds: 1, roundMs: 10 };

/** Median of a list of numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * ops/s of `fn(op, input)` (median of the rounds) and `sink`, a count of ok verdicts that keeps
 * the calls observable. The warm-up calibrates a batch of about 1 ms; each round then runs whole
 * batches until `roundMs` have passed, so a coarse timer (browsers) cannot shorten a round to 0.
 */
export function measure(fn, op, input, { warmupMs, rounds, roundMs }) {
  let sink = 0;
  let batch = 1;
  let perMs = 0;
  const start = performance.now();
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) if (fn(op, input).ok) sink++;
    const dt = performance.now() - t0;
    if (dt >= 1) perMs = batch / dt;
    if (performance.now() - start >= warmupMs) break;
    if (dt < 20) batch *= 2;
  }
  const n = Math.max(1, Math.round(perMs || batch));
  const samples = [];
  for (let r = 0; r < rounds; r++) {
    let count = 0;
    const t0 = performance.now();
    let dt;
    do {
      for (let i = 0; i < n; i++) if (fn(op, input).ok) sink++;
      count += n;
      dt = performance.now() - t0;
    } while (dt < roundMs);
    samples.push(count / (dt / 1000));
  }
  return { opsPerSec: median(samples), samples, batch: n, sink };
}

/**
 * `measure` for several implementations of one cell (`fns`: { name: fn }), rounds interleaved:
 * each is warmed up and calibrated as in `measure`, then every round times each implementation
 * once, in turn, so load that comes and goes on a shared machine hits every column alike (timed
 * one after the other, a column could land in a quiet or a busy second). Returns { name: the
 * result `measure` would give }.
 */
export function measureAll(fns, op, input, { warmupMs, rounds, roundMs }) {
  const names = Object.keys(fns);
  const state = {};
  for (const name of names) {
    const fn = fns[name];
    let sink = 0;
    let batch = 1;
    let perMs = 0;
    const start = performance.now();
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) if (fn(op, input).ok) sink++;
      const dt = performance.now() - t0;
      if (dt >= 1) perMs = batch / dt;
      if (performance.now() - start >= warmupMs) break;
      if (dt < 20) batch *= 2;
    }
    state[name] = { n: Math.max(1, Math.round(perMs || batch)), samples: [], sink };
  }
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const fn = fns[name];
      const st = state[name];
      const n = st.n;
      let count = 0;
      let sink = 0;
      const t0 = performance.now();
      let dt;
      do {
        for (let i = 0; i < n; i++) if (fn(op, input).ok) sink++;
        count += n;
        dt = performance.now() - t0;
      } while (dt < roundMs);
      st.sink += sink;
      // A call that runs several validations (`fn.weight`, the in-wasm loop) counts as many.
      st.samples.push((count * (fn.weight ?? 1)) / (dt / 1000));
    }
  }
  const out = {};
  for (const name of names) {
    const { n, samples, sink } = state[name];
    out[name] = { opsPerSec: median(samples), samples, batch: n, sink };
  }
  return out;
}

/** 1234567.8 → "1,234,568". */
export const fmtOps = (x) => (x === undefined || x === null ? "—" : Math.round(x).toLocaleString("en-US"));

/** A Markdown table from a header row and rows of cells. */
export function markdownTable(header, rows, align) {
  const al = align ?? header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [header, al, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}
