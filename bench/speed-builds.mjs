// Shared by the A/B tools that time each build's Node validation wasm directly (ab-check.mjs,
// ab-mixed.mjs): the builds' speed wasm, each with its own instance of the glue, and the timing of
// their calls in one process, rounds interleaved, ns of this process's CPU time per call.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** `{ OPERATIONS, builds }`: the first build's operation ids and each build's initialised glue
 * over dist/validators/wasm/customer_update_speed_bg.wasm (the glue of two builds is byte for byte
 * the same, so each is imported under a URL of its own). */
export async function speedBuilds(dists) {
  const { OPERATIONS } = await import(new URL(`file://${resolve(dists[0], "messages.js")}`).href);
  const builds = [];
  for (const [n, d] of dists.entries()) {
    const src = readFileSync(resolve(d, "validators/wasm/customer_update.js"), "utf8");
    const glue = await import(`data:text/javascript;base64,${Buffer.from(`${src}\n// build ${n}`).toString("base64")}`);
    glue.initSync({ module: readFileSync(resolve(d, "validators/wasm/customer_update_speed_bg.wasm")) });
    builds.push(glue);
  }
  return { OPERATIONS, builds };
}

const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];

/** Each call's median ns of CPU time over `rounds` interleaved rounds of ≥ 40 ms, in batches of
 * `batch` calls, after `warm` calls of each. */
export function cpuNs(calls, { warm, batch, rounds = 9 }) {
  for (const call of calls) for (let i = 0; i < warm; i++) call(); // warm-up, tier-up
  const samples = calls.map(() => []);
  for (let r = 0; r < rounds; r++) {
    calls.forEach((call, j) => {
      let count = 0;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      do {
        for (let i = 0; i < batch; i++) call();
        count += batch;
      } while (performance.now() - t0 < 40);
      const c = process.cpuUsage(c0);
      samples[j].push(((c.user + c.system) * 1000) / count);
    });
  }
  return samples.map(median);
}
