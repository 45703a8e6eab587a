// Where the bytes of a wasm are: its sections, and its code grouped by area (module of each
// function's name), raw and gzip -9. Needs a build with names kept:
//   CU_KEEP_NAMES=1 CU_OUT=/tmp/names bash scripts/build-pkg.sh
//   node bench/wasm-areas.mjs /tmp/names/wasm/customer_update_bg.wasm [--top 30]
// Each group's gzip is of its function bodies concatenated: a guide to where the bytes are (the
// groups compressed alone add up to more than the whole). `twiggy paths <wasm> <name>` tells who
// keeps a function.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { uleb, functionNames } from "../scripts/wasm-leb.mjs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node bench/wasm-areas.mjs <wasm with a name section> [--top N]");
  process.exit(2);
}
const topAt = process.argv.indexOf("--top");
const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 0;
const data = readFileSync(file);

const leb = (at) => uleb(data, at);

const sectionNames = { 0: "custom", 1: "type", 2: "import", 3: "function", 7: "export", 10: "code", 11: "data" };
const sections = [];
let importedFunctions = 0;
const bodies = [];
const names = new Map();
let at = 8;
while (at < data.length) {
  const id = data[at++];
  let size;
  [size, at] = leb(at);
  const start = at;
  const end = at + size;
  sections.push({ id, bytes: data.subarray(start, end) });
  if (id === 2) {
    let n;
    let p;
    [n, p] = leb(start);
    for (let i = 0; i < n; i++) {
      let len;
      [len, p] = leb(p);
      p += len;
      [len, p] = leb(p);
      p += len;
      const kind = data[p++];
      if (kind === 0) {
        [, p] = leb(p);
        importedFunctions++;
      } else if (kind === 1) {
        p++;
        const [flags, q] = leb(p);
        [, p] = leb(q);
        if (flags & 1) [, p] = leb(p);
      } else if (kind === 2) {
        const [flags, q] = leb(p);
        [, p] = leb(q);
        if (flags & 1) [, p] = leb(p);
      } else if (kind === 3) p += 2;
    }
  } else if (id === 10) {
    let n;
    let p;
    [n, p] = leb(start);
    for (let i = 0; i < n; i++) {
      let len;
      [len, p] = leb(p);
      bodies.push(data.subarray(p, p + len));
      p += len;
    }
  } else if (id === 0) {
    for (const [index, name] of functionNames(data, start, end) ?? []) names.set(index, name);
  }
  at = end;
}
if (names.size === 0) {
  console.error(`${file}: no name section (build with CU_KEEP_NAMES=1)`);
  process.exit(1);
}

// First match wins.
const areas = [
  // The tree validator (validate/tree.rs) and the tree reader are no longer in the wasm (native,
  // tests and the `oracle` feature only); if a build has them, they count here.
  ["reporting runtime (validate/report.rs, validate/mod.rs, tree.rs if built)", /^customer_update::validate::(report|tree|Cx|issues|check_text|check_bytes|issues_in|describe|owned|char_count|clip|unreadable|verdict|issues_to_json|push_json)/],
  ["JSON grammar check and number/string readers (json.rs)", /^customer_update::json::/],
  ["generated validators (one-pass checks and reporters) + scan.rs + key tables", /^customer_update::(generated::|validate::scan)|^customer_update_vocab::keys/],
  ["records (issue encoding)", /^customer_update::validate::records/],
  ["vocab: formats, cross rules, dates, suggestions", /^customer_update_vocab::(formats|cross|date|codes|country)|^customer_update::rules/],
  ["message rendering in Rust (vocab messages.rs)", /^customer_update_vocab::messages/],
  // (The wasm exports' own names — `toProvider`, `buildRequest`, `client_send`, … — go with their
  // area: since the cdylib link, session 14, LTO inlines the Rust bodies into them.)
  ["contact (unified.rs, wasm/contact.rs, vocab convert.rs)", /^customer_update::(unified|wasm::contact)|^customer_update_vocab::convert|^(contact|toProvider|fromProvider|diffContact|contactPath|setCountryNames)$/],
  ["client (src/client, wasm/client.rs, retry, provider error mapping, futures, gloo-net, web-sys)", /^customer_update::(client|wasm::client|retry|providers)|^(js_sys::futures|wasm_bindgen_futures|gloo|web_sys)|future_to_promise|<gloo|<web_sys|<wasm_bindgen_futures|^client_\w+$/],
  ["requests (request.rs, encode, describe, diff, wasm/requests.rs, auth)", /^customer_update::(request|encode|describe|diff|wasm::requests|auth|schema)|<customer_update::describe|FieldInfo|^(matchRequest|buildRequest|diff|providers)$/],
  ["sha2 / hmac", /^(sha2|hmac|digest|block_buffer)|<sha2|<hmac|<digest/],
  ["serde_json, serde, serde-wasm-bindgen, zmij", /serde_json|serde_core|serde_wasm_bindgen|^serde|zmij|<serde/],
  ["BTreeMap, hashbrown", /alloc::collections|hashbrown|btree/],
  ["core::fmt, panics, std::thread, unicode tables", /core(\[\w+\])?::(fmt|panicking|unicode|char)|std(\[\w+\])?::(panicking|thread|rt|sys|alloc|process)|<core\[\w+\]::fmt|::fmt::|panic|<char>|escape_debug/],
  ["alloc/core generics (Vec, RawVec, iterators, slices, str, String)", /alloc|core|^<?str|^<?T\b|^char|^u32|^u64|^f64|^usize|^<\[|^<&/],
  ["talc allocator", /talc/],
  ["compiler_builtins (128-bit division, fmod)", /compiler_builtins|^__/],
  ["wasm-bindgen and js-sys glue", /wasm_bindgen|js_sys|externref|<wasm_bindgen|<js_sys/],
  ["exports (wasm.rs)", /^customer_update::wasm|^(checkInput|lastIssues|inputBuffer|round)$/],
];

const groups = new Map();
const fns = [];
bodies.forEach((body, i) => {
  const name = names.get(i + importedFunctions) ?? `function ${i + importedFunctions}`;
  fns.push([body.length, name]);
  const area = areas.find(([, rx]) => rx.test(name))?.[0] ?? "other";
  const g = groups.get(area) ?? { raw: 0, parts: [] };
  g.raw += body.length;
  g.parts.push(body);
  groups.set(area, g);
});

const n = (x) => x.toLocaleString("en-US");
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
console.log(`${file}: ${n(data.length)} bytes (names kept)\n`);
console.log("| section | raw | gzip -9 |\n| --- | ---: | ---: |");
for (const s of sections) {
  console.log(`| ${sectionNames[s.id] ?? s.id} | ${n(s.bytes.length)} | ${n(gz(s.bytes))} |`);
}
console.log("\n| code by area (function bodies) | raw | gzip -9 | functions |\n| --- | ---: | ---: | ---: |");
for (const [area, g] of [...groups].sort((a, b) => b[1].raw - a[1].raw)) {
  console.log(`| ${area} | ${n(g.raw)} | ${n(gz(Buffer.concat(g.parts)))} | ${g.parts.length} |`);
}
if (top > 0) {
  console.log(`\nlargest ${top} functions (raw bytes):`);
  for (const [size, name] of fns.sort((a, b) => b[0] - a[0]).slice(0, top)) console.log(`${String(size).padStart(7)}  ${name}`);
}
