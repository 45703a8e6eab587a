// The fault matrix (issue 6 item 3): every operation × every fault the simulator injects, sent by
// the built package's createClient, ends in the right typed error kind within its deadline, or,
// where repeating is safe (PUT, M2P POST with its X-Request-ID) and the fault is retryable
// and queued once, in success after exactly one retry. A lost answer (reset, timeout, a body cut
// short) on a call that may not be repeated (Access Bank and Juspay POSTs, Gathr's PATCH) is
// `outcome_unknown`, not retryable, sent once. Then: retries stay bounded when a fault
// repeats forever; Access Bank, Juspay and Gathr calls are never sent twice; M2P retries after
// `reset-after` reuse the X-Request-ID and the update is applied once (Gathr's PATCH, resent and
// applied twice before, is sent once); a garbage collection while a
// body trickles in does not disable the attempt's timer; 100 concurrent calls with an expired token
// make one token request. Attempts are counted twice: the client's onRequest events and the
// requests arriving at the simulator (its http server's "request" event). Every call is timed
// against totalTimeoutMs + a fixed grace. Prints the matrix and `faults passed: N/N`.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { createClient, example, operations } from "customer-update";
import { startSimulator } from "../../www/simulator/server.mjs";

const creds = JSON.parse(readFileSync(fileURLToPath(new URL("../../www/simulator/credentials.json", import.meta.url)), "utf8"));
const BASES = { accessbank: "/accessbank", juspay: "/juspay", bvnk: "/bvnk", gathr: "/gathr", m2p: "/m2p/prepaid/customer" };

// Small client limits, so the whole matrix runs in seconds.
const TIMEOUT_MS = 600; // per attempt
const TOTAL_MS = 3000; // per logical call, retries and waits included (3 × 600 + backoff ≤ 2.4 s)
const RETRIES = 2;
const GRACE_MS = 1000; // fixed slack for the deadline check (a check against hangs, not a benchmark)
const RETRY_AFTER_S = 1;
const CELL = { timeout: 8_000 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the operations: how repeating them is judged (README's table; docs/providers.md#idempotency) ----
// retrySafe: PUT sets values (idempotent); M2P's POSTs carry X-Request-ID, which M2P honours as an
// idempotency key (the client reuses it on retries). Access Bank and Juspay POSTs and Gathr's PATCH
// have no honoured key: a lost answer may mean the update was applied, so they are never sent again.
const OPS = [
  { op: "accessbank.updateCustomerDetails", retrySafe: false, path: /^\/accessbank\/waas\/Onboarding\/updateCustomerDetails$/ },
  { op: "juspay.updateCustomer", retrySafe: false, path: /^\/juspay\/customers\/[^/]+$/ },
  { op: "bvnk.updateCustomer", retrySafe: true, path: /^\/bvnk\/platform\/v1\/customers\/[^/]+$/ },
  { op: "bvnk.updateCustomerStatus", retrySafe: true, path: /^\/bvnk\/platform\/v1\/customers\/[^/]+\/status$/ },
  { op: "bvnk.updateCustomerAssociates", retrySafe: true, path: /^\/bvnk\/platform\/v1\/customers\/[^/]+\/associates$/ },
  { op: "gathr.updateCustomer", retrySafe: false, path: /^\/gathr\/customers\/[^/]+$/ },
  { op: "m2p.updateCustomer", retrySafe: true, path: /^\/m2p\/prepaid\/customer\/v1\/customers\/update$/ },
  { op: "m2p.updateCustomerStatus", retrySafe: true, path: /^\/m2p\/prepaid\/customer\/v1\/customers\/update\/status$/ },
  { op: "m2p.updateNomineeDetails", retrySafe: true, path: /^\/m2p\/prepaid\/customer\/v1\/customers\/support\/nominee\/[^/]+$/ },
];
const provOf = (op) => op.split(".")[0];
const methodOf = (op) => op.split(".")[1];

// ---- the faults and the error each must produce when it is not retried ----
// status: the error's HTTP status (null: no answer). retryable: the error's `retryable`.
// applies: the simulator applies the update before the fault takes the answer away.
// lost: the request was sent and no answer came back (or not all of it): on an operation that may
// not be repeated the client cannot tell whether it was applied, so the kind is outcome_unknown.
// The 5xx and 429 bodies are in each provider's own error shape, so they are `provider` errors
// (docs/providers.md#outcomes: a recognised error body); the HTML page is not, so it is `http`.
const FAULTS = [
  { name: "timeout", spec: "timeout", kind: "timeout", status: null, retryable: true, applies: false, lost: true },
  { name: "reset", spec: "reset", kind: "network", status: null, retryable: true, applies: false, lost: true },
  { name: "500", spec: "500", kind: "provider", status: 500, retryable: true, applies: false },
  { name: "503", spec: "503", kind: "provider", status: 503, retryable: true, applies: false },
  { name: "429+Retry-After", spec: `429:${RETRY_AFTER_S}`, kind: "provider", status: 429, retryable: true, applies: false },
  { name: "malformed-json", spec: "malformed-json", kind: "decode", status: 200, retryable: false, applies: false },
  { name: "html", spec: "html", kind: "http", status: 502, retryable: true, applies: false },
  { name: "oversized", spec: "oversized", kind: "decode", status: 200, retryable: false, applies: false },
  // The real answer, its body spread over 3 s: the attempt's timer (TIMEOUT_MS) fires mid-body.
  { name: "slow-drip", spec: "slow-drip:3000", kind: "timeout", status: null, retryable: true, applies: true, lost: true },
];
const expectSuccess = (o, f) => o.retrySafe && f.retryable;
/**
 * The error kind and `retryable` a call ends in when it fails: a lost answer is outcome_unknown
 * unless the caller may repeat the call (a PUT; not an M2P call whose X-Request-ID the client made
 * up, once its own retries are spent: the id is in the message).
 */
const failureOf = (o, f) => (f.lost && !o.op.startsWith("bvnk.") ? { kind: "outcome_unknown", retryable: false } : { kind: f.kind, retryable: f.retryable });

// ---- the tally behind `faults passed: N/N` ----
const PLANNED = {
  coverage: 1,
  matrix: OPS.length * FAULTS.length,
  forever: FAULTS.filter((f) => f.retryable).length * OPS.length + 2,
  resetAfter: OPS.length,
  gc: OPS.length,
  tokens: 6,
};
const planned = Object.values(PLANNED).reduce((a, b) => a + b, 0);
const results = []; // { name, ok, error? }
const matrixRows = new Map(); // op → Map(fault → "kind" | "ok after retry")
const boundedRows = new Map(); // fault → sends per operation, in OPS order

/** Runs one check as a subtest and records whether it passed. */
async function check(t, name, fn, options = CELL) {
  await t.test(name, options, async () => {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (e) {
      results.push({ name, ok: false, error: e });
      throw e;
    }
  });
}

// ---- the simulator, and every request that arrives at it ----
let sim;
const arrivals = [];
const sims = new Set();

async function simulator(options = {}) {
  const s = await startSimulator({ port: 0, log: false, ...options });
  sims.add(s);
  return s;
}

before(async () => {
  sim = await simulator();
  // Counted at arrival, before any fault or auth check (the log line comes only at close).
  sim.server.on("request", (req) => {
    const path = (req.url ?? "").split("?")[0];
    if (path.startsWith("/_sim")) return;
    arrivals.push({ method: req.method, path, requestId: req.headers["x-request-id"] ?? null, at: performance.now(), socket: req.socket });
  });
});
after(async () => {
  await Promise.all([...sims].map((s) => s.close()));
});

async function queueFault(s, entry) {
  const res = await fetch(`${s.url}/_sim/faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(entry),
    signal: AbortSignal.timeout(3000),
  });
  assert.equal(res.status, 200, await res.text());
}

/** A client of `op`'s provider against `s`, recording its onRequest/onResponse events. */
function clientFor(s, op, extra = {}) {
  const p = provOf(op);
  const events = [];
  const client = createClient(p, {
    ...creds[p],
    baseUrl: `${s.url}${BASES[p]}`,
    timeoutMs: TIMEOUT_MS,
    totalTimeoutMs: TOTAL_MS,
    retries: RETRIES,
    onRequest: (e) => events.push({ type: "request", ...e }),
    onResponse: (e) => events.push({ type: "response", ...e }),
    ...extra,
  });
  return { client, events };
}

/**
 * clientFor, plus one call without a fault: the token (Access Bank, M2P) is then in hand and the
 * code warm, so a faulted call's attempts are the update's own. The events are cleared after.
 */
async function warmClient(s, op, extra) {
  const c = clientFor(s, op, extra);
  let r;
  for (let i = 0; i < 3 && !r?.ok; i++) r = await c.client[methodOf(op)](example(op));
  assert.equal(r.ok, true, `warm-up ${op}: ${fmt(r)}`);
  c.events.length = 0;
  return c;
}

/** Sends `op` once (a logical call), timing it. */
async function timed(client, op, input = example(op)) {
  const started = performance.now();
  const result = await client[methodOf(op)](input);
  return { result, ms: performance.now() - started };
}

async function waitFor(cond, ms, what) {
  const until = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > until) assert.fail(what);
    await sleep(20);
  }
}

const sendsOf = (events, op) => events.filter((e) => e.type === "request" && e.operation === op);
const arrivalsOf = (o, since = 0) => arrivals.slice(since).filter((a) => o.path.test(a.path));
const deadline = (ms, what) => assert.ok(ms < TOTAL_MS + GRACE_MS, `${what}: ended after ${Math.round(ms)} ms (deadline ${TOTAL_MS} + ${GRACE_MS} ms)`);
const fmt = (r) => JSON.stringify(r.ok ? { ok: true, status: r.status } : { kind: r.error.kind, status: r.error.status, message: r.error.message });

// ---- the matrix ----

test("the matrix covers every operation", { timeout: 5_000 }, async (t) => {
  await check(t, "OPS = operations()", () => assert.deepEqual(OPS.map((o) => o.op).sort(), [...operations()].sort()));
});

for (const o of OPS) {
  test(`matrix: ${o.op} × every fault (queued once)`, { timeout: 45_000 }, async (t) => {
    const row = new Map();
    matrixRows.set(o.op, row);
    const { client, events } = await warmClient(sim, o.op);
    for (const f of FAULTS) {
      const success = expectSuccess(o, f);
      const label = `${f.name} → ${success ? "success after 1 retry" : `${failureOf(o, f).kind} error, sent once`}`;
      await check(t, label, async () => {
        sim.reset(); // seeds, counters, queue, idempotency keys (issued tokens stay valid)
        await queueFault(sim, { provider: provOf(o.op), op: o.op, fault: f.spec, times: 1 });
        events.length = 0;
        const since = arrivals.length;
        const { result, ms } = await timed(client, o.op);
        deadline(ms, `${o.op} × ${f.name}`);
        const sent = sendsOf(events, o.op);
        const arrived = arrivalsOf(o, since);
        assert.equal(arrived.length, sent.length, `the simulator saw every send the client reported, and no other (${fmt(result)})`);
        assert.deepEqual(sent.map((e) => e.attempt), sent.map((_, i) => i + 1), "attempts are numbered 1, 2, …");
        const applied = sim.state.appliedUpdates[o.op] ?? 0;
        if (success) {
          row.set(f.name, "ok (2 sends)");
          assert.equal(result.ok, true, `expected success after a retry, got ${fmt(result)}`);
          assert.equal(result.status, 200);
          assert.equal(sent.length, 2, "one failed attempt, one retry");
          if (f.name.startsWith("429")) {
            const gap = arrived[1].at - arrived[0].at;
            assert.ok(gap >= RETRY_AFTER_S * 1000 - 50, `Retry-After ${RETRY_AFTER_S} s honoured (retried after ${Math.round(gap)} ms)`);
          }
          if (provOf(o.op) === "m2p") {
            assert.ok(arrived[0].requestId, "X-Request-ID sent");
            assert.equal(arrived[1].requestId, arrived[0].requestId, "the retry reuses the X-Request-ID");
            assert.equal(result.requestId, arrived[0].requestId);
            assert.equal(applied, 1, "applied once");
            assert.equal(sim.state.idempotentReplays, f.applies ? 1 : 0, "a retry of an applied request is a replay");
          } else {
            // PUT/PATCH set values: applying twice is harmless and happens only when the fault
            // took the answer of an applied request.
            assert.equal(applied, f.applies ? 2 : 1);
          }
        } else {
          const want = failureOf(o, f);
          row.set(f.name, want.kind);
          assert.equal(result.ok, false, `expected a ${want.kind} error, got ${fmt(result)}`);
          const e = result.error;
          assert.equal(e.kind, want.kind, `kind: ${e.message}`);
          assert.equal(e.status, f.status, "status");
          assert.equal(e.retryable, want.retryable, "retryable");
          if (want.kind === "outcome_unknown") assert.match(e.message, /may or may not have applied it, so it was not sent again/);
          assert.equal(typeof e.message, "string");
          assert.ok(e.message.length > 0);
          assert.equal(sent.length, 1, o.retrySafe ? "a non-retryable failure is not retried" : "a POST without an honoured idempotency key is sent once");
          assert.equal(applied, f.applies ? 1 : 0);
          if (f.kind === "timeout") assert.ok(ms >= TIMEOUT_MS - 20, `the attempt ran its ${TIMEOUT_MS} ms (${Math.round(ms)} ms)`);
          if (f.status === 429) assert.ok(ms < RETRY_AFTER_S * 1000, `no Retry-After wait when no retry follows (${Math.round(ms)} ms)`);
          if (f.kind === "provider") assert.ok(e.providerCode || e.message, "the provider's error is read");
          if (f.name === "oversized") {
            assert.match(e.message, /larger than 1048576 bytes/);
            // The body is not read; its connection is given up rather than left holding 2 MiB.
            await waitFor(() => arrived[0].socket.destroyed, 1000, "the unread oversized answer's connection is closed");
          }
        }
      });
    }
  });
}

// ---- bounded retries: the fault repeats forever ----

test("bounded: a retryable fault queued 10000 times → at most retries+1 sends; Access Bank/Juspay POSTs and Gathr's PATCH once even with retries: 10", { timeout: 60_000 }, async (t) => {
  const clients = new Map();
  for (const o of OPS) clients.set(o.op, await warmClient(sim, o.op, { retries: o.retrySafe ? RETRIES : 10 }));
  for (const f of FAULTS.filter((x) => x.retryable)) {
    sim.reset();
    await queueFault(
      sim,
      OPS.map((o) => ({ provider: provOf(o.op), op: o.op, fault: f.spec, times: 10000 })),
    );
    const since = arrivals.length;
    // All nine operations at once: their faults are queued per operation, sends are told apart by path.
    const runs = await Promise.all(
      OPS.map(async (o) => {
        const retries = o.retrySafe ? RETRIES : 10;
        const { client, events } = clients.get(o.op);
        events.length = 0;
        const r = await timed(client, o.op);
        return { o, retries, events: [...events], ...r };
      }),
    );
    await sleep(50);
    boundedRows.set(f.name, runs.map(({ o }) => arrivalsOf(o, since).length));
    for (const { o, retries, events, result, ms } of runs) {
      await check(t, `${f.name} forever: ${o.op}`, async () => {
        deadline(ms, `${o.op} × ${f.name} forever`);
        const sent = sendsOf(events, o.op);
        const arrived = arrivalsOf(o, since);
        // Nine calls at once: on a loaded machine an attempt may be given up (timeout) before the
        // simulator has read it, so arrivals may be fewer than sends, never more.
        assert.ok(arrived.length <= sent.length, `${arrived.length} arrivals > ${sent.length} sends (${fmt(result)})`);
        assert.equal(result.ok, false, `${fmt(result)} after ${Math.round(ms)} ms, ${sent.length} sends`);
        assert.equal(result.error.kind, failureOf(o, f).kind, result.error.message);
        assert.equal(result.error.retryable, failureOf(o, f).retryable);
        assert.ok(sent.length <= retries + 1, `${sent.length} sends > retries + 1`);
        if (!o.retrySafe) {
          assert.equal(sent.length, 1, "never sent twice");
          assert.ok(arrived.length <= 1, "never arrived twice");
        } else {
          // Retried, within the budget (the third send is normally made; on a slow machine the
          // totalTimeoutMs bound may leave no room for it, which is the bound doing its job).
          assert.ok(sent.length >= 2, `retried (${sent.length} sends)`);
        }
        if (provOf(o.op) === "m2p") {
          assert.equal(new Set(arrived.map((a) => a.requestId)).size, 1, "one X-Request-ID for every attempt");
          assert.ok((sim.state.appliedUpdates[o.op] ?? 0) <= 1, "applied at most once");
        }
      });
    }
  }

  // A large retry budget is bounded by totalTimeoutMs: 503 forever, retries: 10 (a PUT).
  const o = OPS.find((x) => x.op === "bvnk.updateCustomerStatus");
  sim.reset();
  const { client, events } = await warmClient(sim, o.op, { retries: 10 });
  sim.reset();
  await queueFault(sim, { provider: "bvnk", op: o.op, fault: "503", times: 10000 });
  const since = arrivals.length;
  const { result, ms } = await timed(client, o.op);
  await check(t, "503 forever, retries: 10 → ends by totalTimeoutMs with ≤ 11 sends", async () => {
    deadline(ms, "retries 10");
    const n = arrivalsOf(o, since).length;
    assert.equal(n, sendsOf(events, o.op).length);
    assert.ok(n >= 2 && n <= 11, `${n} sends`);
    assert.ok(result.error.kind === "provider" || result.error.kind === "http", result.error.message);
    assert.equal(result.error.status, 503);
  });

  // retries: 0 → exactly one send, whatever the method.
  sim.reset();
  await queueFault(sim, { provider: "bvnk", op: "bvnk.updateCustomer", fault: "503", times: 10000 });
  const b = OPS.find((x) => x.op === "bvnk.updateCustomer");
  const since0 = arrivals.length;
  const r0 = await timed(clientFor(sim, b.op, { retries: 0 }).client, b.op); // BVNK: no token
  await check(t, "503 forever, retries: 0 → one send", async () => {
    assert.equal(arrivalsOf(b, since0).length, 1);
    assert.equal(r0.result.error.kind, "provider");
    deadline(r0.ms, "retries 0");
  });
});

// ---- reset-after: applied, answer lost ----

test("reset-after (applied, answer lost): M2P retries reuse the X-Request-ID and apply once; Access Bank/Juspay/Gathr are not resent: outcome_unknown", { timeout: 30_000 }, async (t) => {
  for (const o of OPS) {
    await check(t, o.op, async () => {
      const { client, events } = await warmClient(sim, o.op);
      sim.reset();
      await queueFault(sim, { provider: provOf(o.op), op: o.op, fault: "reset-after", times: 1 });
      const since = arrivals.length;
      const { result, ms } = await timed(client, o.op);
      deadline(ms, o.op);
      const arrived = arrivalsOf(o, since);
      assert.equal(arrived.length, sendsOf(events, o.op).length);
      const applied = sim.state.appliedUpdates[o.op] ?? 0;
      if (!o.retrySafe) {
        assert.equal(result.ok, false);
        assert.equal(result.error.kind, "outcome_unknown", result.error.message);
        assert.equal(result.error.retryable, false, "a caller who obeys retryable does not apply it twice");
        assert.equal(arrived.length, 1, "not sent again: the update was in fact applied");
        assert.equal(applied, 1);
      } else {
        assert.equal(result.ok, true, fmt(result));
        assert.equal(arrived.length, 2);
        if (provOf(o.op) === "m2p") {
          assert.equal(arrived[1].requestId, arrived[0].requestId, "same X-Request-ID");
          assert.equal(applied, 1, "the simulator applied the update once");
          assert.equal(sim.state.idempotentReplays, 1, "the retry got the stored answer");
          // The simulator's log: the first attempt's answer was lost, the retry got the replay.
          const log = () => sim.state.logEntries.filter((e) => e.op === o.op);
          await waitFor(() => log().length === 2, 1000, "two log lines");
          assert.deepEqual(log().map((e) => e.status), ["reset", 200]);
          assert.deepEqual(log().map((e) => e.headers["x-request-id"]), [arrived[0].requestId, arrived[0].requestId]);
        } else {
          assert.equal(applied, 2, "PUT: applied again, harmlessly (same values)");
        }
      }
    });
  }
});

// ---- a garbage collection while the body trickles in ----

// Node's fetch (undici) links a Request's signal to the fetch only weakly: if the client let its
// Request object be collected, its per-attempt timer could no longer stop a body that trickles
// (or stalls) after the headers, and the call would outlive every deadline. A full GC is forced
// mid-body to show the timer still ends the attempt.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

test("slow-drip with a garbage collection mid-body: the attempt still ends at its time limit (nothing outlives its deadline)", { timeout: 60_000 }, async (t) => {
  for (const o of OPS) {
    await check(t, o.op, async () => {
      const { client } = await warmClient(sim, o.op, { retries: 0 });
      sim.reset();
      await queueFault(sim, { provider: provOf(o.op), op: o.op, fault: "slow-drip:2500", times: 1 });
      const collect = setTimeout(gc, 250); // headers are in, the body is trickling
      const { result, ms } = await timed(client, o.op);
      clearTimeout(collect);
      assert.equal(result.ok, false, `expected a timeout after ${TIMEOUT_MS} ms, got ${fmt(result)} after ${Math.round(ms)} ms`);
      // The attempt timed out mid-body: a PUT says timeout; the others cannot know (outcome_unknown).
      assert.equal(result.error.kind, failureOf(o, FAULTS.find((f) => f.name === "slow-drip")).kind);
      assert.ok(ms < TIMEOUT_MS + GRACE_MS, `ended after ${Math.round(ms)} ms`);
    }, { timeout: 10_000 });
  }
});

// ---- 100 concurrent calls with an expired token ----

// Not a deadline test: generous limits, so a loaded machine (client and simulator share one event
// loop, 200 requests in a burst) does not turn a slow answer into a timeout and a retry.
const TOKEN_CLIENT = { timeoutMs: 15_000, totalTimeoutMs: 30_000 };
const TOKEN_OPS = [
  { op: "accessbank.updateCustomerDetails", input: (i) => ({ accountNo: "0702334455", email: `user${i}@example.com` }) },
  { op: "m2p.updateCustomer", input: (i) => ({ entityId: "615928984620006085281025", firstName: `Tim${String.fromCharCode(97 + (i % 26))}` }) },
];

test("expired token: 100 concurrent calls make exactly one token request (Access Bank, M2P)", { timeout: 120_000 }, async (t) => {
  // (a) A tiny lifetime: 1.5 s at the simulator, reported as 2 s (rounded up), which the client
  // refreshes from 1.8 s (10 % margin). After 2.05 s the token is expired for both; the simulator's
  // clock is then frozen so the renewed token cannot expire during the burst (a cold process needs
  // ~0.5 s for 100 calls), which would be a second, legitimate, token request.
  // (b, c) Default lifetimes (the client's token stays fresh for minutes), and the simulator's clock
  // jumped ahead: the server refuses the token the client still thinks fresh (the 401 path).
  let clock = null;
  const short = await simulator({ accessbankTokenTtl: 1.5, m2pTokenTtl: 1.5, now: () => clock ?? Date.now() });
  const long = await simulator({ now: () => clock ?? Date.now() });
  const burst = async (s, client, op, input, p) => {
    const before = s.state.tokenRequests[p];
    const all = await Promise.all(Array.from({ length: 100 }, (_, i) => client[methodOf(op)](input(i + 1))));
    const failed = all.filter((r) => !r.ok);
    assert.equal(failed.length, 0, failed.slice(0, 3).map(fmt).join("; "));
    assert.equal(s.state.tokenRequests[p] - before, 1, "one token request");
  };
  try {
    for (const { op, input } of TOKEN_OPS) {
      const p = provOf(op);
      await check(t, `${p}: token past its lifetime (client and server) → 1 token request for 100 calls`, async () => {
        clock = null;
        const { client, events } = clientFor(short, op, TOKEN_CLIENT);
        const first = await client[methodOf(op)](input(0));
        assert.equal(first.ok, true, fmt(first));
        assert.equal(short.state.tokenRequests[p], 1);
        await sleep(2050);
        clock = Date.now();
        await burst(short, client, op, input, p);
        assert.equal(sendsOf(events, op).length, 1 + 100, "no call was refused: the token was renewed before sending");
      }, { timeout: 30_000 });

      // (b) every call is refused with 401, renews once, and they all share one new token.
      await check(t, `${p}: token refused with 401 (expired at the server only) → 1 token request for 100 calls`, async () => {
        clock = null;
        const { client, events } = clientFor(long, op, TOKEN_CLIENT);
        const first = await client[methodOf(op)](input(0));
        assert.equal(first.ok, true, fmt(first));
        clock = Date.now() + 10 * 3600_000;
        await burst(long, client, op, input, p);
        assert.equal(sendsOf(events, op).length, 1 + 200, "every call was refused once and renewed once");
      }, { timeout: 30_000 });

      // (c) as (b), but half of the refusals arrive late (300 ms of latency), after the new token
      // is in: a late 401 for the old token must not throw the new one away.
      await check(t, `${p}: 401s arriving before and after the renewal → still 1 token request`, async () => {
        clock = null;
        const { client, events } = clientFor(long, op, TOKEN_CLIENT);
        const first = await client[methodOf(op)](input(0));
        assert.equal(first.ok, true, fmt(first));
        await queueFault(long, { provider: p, op, fault: "latency:300", times: 50 });
        clock = Date.now() + 20 * 3600_000;
        await burst(long, client, op, input, p);
        assert.equal(sendsOf(events, op).length, 1 + 200, "every call was refused once and renewed once");
      }, { timeout: 30_000 });
    }
  } finally {
    clock = null;
  }
});

// ---- summary ----

test("summary: faults passed: N/N", { timeout: 5_000 }, () => {
  const passed = results.filter((r) => r.ok).length;
  const names = FAULTS.map((f) => f.name);
  const lines = [`fault matrix (${TIMEOUT_MS} ms per attempt, ${TOTAL_MS} ms per call, retries ${RETRIES}):`];
  lines.push(["operation".padEnd(34), ...names.map((n) => n.padEnd(16))].join(""));
  for (const [op, row] of matrixRows) lines.push([op.padEnd(34), ...names.map((n) => String(row.get(n) ?? "?").padEnd(16))].join(""));
  lines.push(`sends per call, the fault repeating forever (Access Bank, Juspay, Gathr: retries 10; others: retries ${RETRIES}), operations in the order above:`);
  for (const [name, sends] of boundedRows) lines.push(`  ${name.padEnd(16)} ${sends.join(" ")}`);
  console.log(lines.join("\n"));
  console.log(`faults passed: ${passed}/${planned}`);
  for (const r of results.filter((x) => !x.ok)) console.log(`  failed: ${r.name}: ${r.error?.message?.split("\n")[0]}`);
  assert.equal(results.length, planned, `${results.length} checks ran, ${planned} planned`);
  assert.equal(passed, planned);
});
