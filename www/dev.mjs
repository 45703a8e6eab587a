// Starts the whole demo: the provider simulator, the edge function in real workerd (holding the
// credentials), and the static page. `node www/dev.mjs` prints the URL; Ctrl-C stops all of it.
// Also used by the end-to-end tests (startDemo / close).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startSimulator } from "./simulator/server.mjs";
import { PREFIXES } from "./simulator/providers.mjs";
import { startStatic } from "./serve.mjs";
import { envName } from "customer-update/edge";
import { providers } from "customer-update";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

async function waitFor(url, ms, child) {
  const until = Date.now() + ms;
  for (;;) {
    // A process that has exited will not come up: say so at once, with its exit status.
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}) before it answered`);
    if (child && child.signalCode) throw new Error(`${url}: the process was killed (${child.signalCode}) before it answered`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    if (Date.now() > until) throw new Error(`${url} did not come up within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startDemo({ port = 8080, edgePort = 8787, simPort = 18787, log = false, simOptions = {} } = {}) {
  const missing = providers().filter((p) => PREFIXES[p.id] === undefined).map((p) => p.id);
  if (missing.length) throw new Error(`the simulator does not play ${missing.join(", ")}`);
  const sim = await startSimulator({ port: simPort, host: "127.0.0.1", log, ...simOptions });
  const credentials = JSON.parse(readFileSync(join(here, "simulator", "credentials.json"), "utf8"));
  // Every provider the package knows (its `providers()`), at the path where the simulator plays it
  // (the simulator's own table: it is an independent implementation, see its README).
  const providerUrls = Object.fromEntries(providers().map((p) => [p.id, `${sim.url}${PREFIXES[p.id]}`]));

  // The edge's environment: every credential and base URL under its CU_<PROVIDER>_<KEY> name, the
  // page's origin (the only one allowed) and a fresh demo session token that the page receives
  // from /demo-config.json and sends as "Authorization: Bearer …" (the demo's `authorize`).
  const edgeEnv = {};
  for (const [provider, keys] of Object.entries(credentials)) {
    if (provider.startsWith("_")) continue;
    for (const [key, value] of Object.entries(keys)) edgeEnv[envName(provider, key)] = value;
    edgeEnv[envName(provider, "baseUrl")] = providerUrls[provider];
  }
  const session = randomBytes(24).toString("hex");
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const workerd = spawn(join(root, "node_modules", ".bin", "workerd"),
    ["serve", join(here, "edge", "config.capnp"), "--socket-addr", `http=127.0.0.1:${edgePort}`], {
      env: { ...process.env, ...edgeEnv, EDGE_ALLOWED_ORIGINS: JSON.stringify(origins), EDGE_DEMO_SESSION: session },
      stdio: ["ignore", log ? "inherit" : "ignore", "inherit"],
    });
  const edge = `http://127.0.0.1:${edgePort}`;
  let page;
  try {
    // workerd compiles the worker and the wasm at start: allow for a loaded machine.
    await waitFor(`${edge}/health`, 60000, workerd);
    page = await startStatic(port, "127.0.0.1", { "/demo-config.json": { edge, session } });
  } catch (e) {
    workerd.kill("SIGTERM");
    await sim.close();
    throw e;
  }
  const url = `http://127.0.0.1:${port}/`;
  return {
    url, edge, sim, providerUrls, session, workerd,
    async close() {
      workerd.kill("SIGTERM");
      await new Promise((r) => page.close(r));
      await sim.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.env.PORT ?? 8080);
  const demo = await startDemo({ port, log: true });
  console.log(`\ndemo: ${demo.url}   (edge function ${demo.edge}, simulator ${demo.sim.url})\nCtrl-C stops all of it.`);
  const stop = async () => { await demo.close(); process.exit(0); };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
