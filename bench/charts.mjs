// Draws the benchmark tables of bench/RESULTS.md as SVG bar charts, with no dependency: ops/s per
// payload and library (Node and Chromium, valid and invalid payloads) and the bundle size of each
// entry against Zod and Valibot. RESULTS.md is the source (report.mjs writes it from
// bench/out/results/*.json after a full run; run.sh then calls this), so the charts always show the
// numbers next to them.
//   node bench/charts.mjs [--results FILE] [--out DIR]
// Default: bench/RESULTS.md → bench/charts/. bench/run.sh --smoke draws into a temporary folder
// from the committed RESULTS.md, so this script cannot rot.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const resultsFile = arg("--results", join(here, "RESULTS.md"));
const outDir = arg("--out", join(here, "charts"));
const text = readFileSync(resultsFile, "utf8");

// ---- reading RESULTS.md ------------------------------------------------------------------------
/** The first markdown table after the heading `## title`: { header, rows } with cells as text. */
function tableAfter(title) {
  const at = text.indexOf(`\n## ${title}\n`);
  if (at < 0) throw new Error(`${resultsFile}: no "## ${title}" section`);
  const lines = text.slice(at + 1).split("\n");
  const start = lines.findIndex((l) => l.startsWith("|"));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("|"));
  const cells = (l) => l.replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  const table = lines.slice(start, end < 0 ? undefined : end);
  if (start < 0 || table.length < 3) throw new Error(`${resultsFile}: no table under "## ${title}"`);
  return { header: cells(table[0]), rows: table.slice(2).map(cells) };
}
const number = (cell) => {
  const n = Number(String(cell).replace(/\s*\(.*$/, "").replace(/,/g, ""));
  if (!Number.isFinite(n)) throw new Error(`not a number in ${resultsFile}: ${cell}`);
  return n;
};

// ---- drawing -----------------------------------------------------------------------------------
const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const PALETTE = ["#d9480f", "#f08c00", "#1971c2", "#2f9e44", "#7048e8", "#868e96"];
const short = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(Math.round(n)));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

/** A tick step (1, 2 or 5 × 10^k) giving about five ticks up to max. */
function tickStep(max) {
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw);
}

/**
 * Horizontal grouped bars: groups = [{ label, values: [number] }], one bar per series in each
 * group; linear scale from 0; each bar labelled with its value.
 */
function groupedBars({ title, subtitle, series, groups, unit, format }) {
  const labelW = 300, plotW = 560, valueW = 70, barH = 11, gap = 2, groupGap = 12, top = 70;
  const legendH = 22 * Math.ceil(series.length / 3);
  const groupH = series.length * (barH + gap) + groupGap;
  const height = top + legendH + groups.length * groupH + 40;
  const width = labelW + plotW + valueW + 20;
  const max = Math.max(...groups.flatMap((g) => g.values));
  const step = tickStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const x = (v) => labelW + (v / axisMax) * plotW;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<title>${esc(title)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="10" y="24" font-size="16" font-weight="600" fill="#212529">${esc(title)}</text>`);
  out.push(`<text x="10" y="44" fill="#495057">${esc(subtitle)}</text>`);
  series.forEach((name, i) => {
    const lx = 10 + (i % 3) * 300, ly = top - 10 + Math.floor(i / 3) * 22;
    out.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 18}" y="${ly}" fill="#212529">${esc(name)}</text>`);
  });
  const plotTop = top + legendH;
  const plotBottom = plotTop + groups.length * groupH;
  for (let v = 0; v <= axisMax; v += step) {
    out.push(`<line x1="${x(v).toFixed(1)}" y1="${plotTop - 4}" x2="${x(v).toFixed(1)}" y2="${plotBottom}" stroke="#dee2e6"/>`);
    out.push(`<text x="${x(v).toFixed(1)}" y="${plotBottom + 16}" text-anchor="middle" fill="#495057">${esc(format(v))}</text>`);
  }
  out.push(`<text x="${labelW + plotW / 2}" y="${plotBottom + 34}" text-anchor="middle" fill="#495057">${esc(unit)}</text>`);
  groups.forEach((g, gi) => {
    const y0 = plotTop + gi * groupH;
    out.push(`<text x="${labelW - 8}" y="${y0 + (series.length * (barH + gap)) / 2 + 4}" text-anchor="end" fill="#212529">${esc(g.label)}</text>`);
    g.values.forEach((v, si) => {
      const y = y0 + si * (barH + gap);
      const w = Math.max(0.5, x(v) - labelW);
      out.push(`<rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="${PALETTE[si % PALETTE.length]}"><title>${esc(`${g.label}, ${series[si]}: ${format(v, true)}`)}</title></rect>`);
      out.push(`<text x="${(labelW + w + 4).toFixed(1)}" y="${y + barH - 2}" font-size="10" fill="#495057">${esc(format(v))}</text>`);
    });
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

// ---- throughput --------------------------------------------------------------------------------
const SERIES = [
  ["customer-update validate (object)", "customer-update validate (object)"],
  ["checkJson (text)", "customer-update checkJson (text)"],
  ["zod", "zod"],
  ["valibot", "valibot"],
  ["ajv", "ajv"],
  ["handwritten", "handwritten (no library)"],
];
const written = [];
function throughput(section, runtime, file) {
  const { header, rows } = tableAfter(section);
  const cols = SERIES.map(([col]) => {
    const i = header.indexOf(col);
    if (i < 0) throw new Error(`${resultsFile}: "${section}" has no column "${col}"`);
    return i;
  });
  for (const kind of ["valid", "invalid"]) {
    const groups = rows
      .filter((r) => r[0].endsWith(` / ${kind}`))
      .map((r) => ({ label: r[0].replace(` / ${kind}`, ""), values: cols.map((i) => number(r[i])) }));
    if (groups.length === 0) throw new Error(`${resultsFile}: "${section}" has no ${kind} rows`);
    const svg = groupedBars({
      title: `Throughput in ${runtime}, ${kind} payloads`,
      subtitle: `ops/s, higher is better (bench/RESULTS.md, "${section}"); objects in, except checkJson (JSON text in)`,
      series: SERIES.map(([, name]) => name),
      groups,
      unit: "operations per second",
      format: (v, long) => (long ? `${Math.round(v).toLocaleString("en-US")} ops/s` : short(v)),
    });
    const name = `${file}-${kind}.svg`;
    writeFileSync(join(outDir, name), svg);
    written.push(name);
  }
}

// ---- size --------------------------------------------------------------------------------------
function sizes() {
  const { rows } = tableAfter("Size");
  const find = (prefix) => {
    const r = rows.find((row) => row[0].startsWith(prefix));
    if (!r) throw new Error(`${resultsFile}: the Size table has no row "${prefix}…"`);
    return { raw: number(r[1]), gzip: number(r[2]) };
  };
  const entries = [
    ["customer-update (bundle + wasm)", find("customer-update: esbuild bundle")],
    ["customer-update/validators (bundle + wasm)", find("customer-update/validators: esbuild bundle")],
    ["zod 4 (library + schemas)", find("zod:")],
    ["valibot (library + schemas)", find("valibot:")],
    ["ajv (library + schemas)", find("ajv:")],
    ["handwritten (no library)", find("handwritten:")],
  ];
  const svg = groupedBars({
    title: "Bundle size per entry, against Zod and Valibot",
    subtitle: "esbuild --bundle --minify of validate() for the nine operations, + the .wasm where there is one (bench/RESULTS.md, \"Size\")",
    series: ["gzip -9", "raw"],
    groups: entries.map(([label, s]) => ({ label, values: [s.gzip / 1024, s.raw / 1024] })),
    unit: "KiB (1024 bytes)",
    format: (v, long) => (long ? `${Math.round(v * 1024).toLocaleString("en-US")} bytes (${kb(v * 1024)})` : `${v === 0 ? 0 : v.toFixed(v < 10 ? 1 : 0)} KiB`),
  });
  writeFileSync(join(outDir, "size.svg"), svg);
  written.push("size.svg");
}

mkdirSync(outDir, { recursive: true });
throughput("Throughput in Node", "Node", "node");
throughput("Throughput in headless Chromium", "headless Chromium", "chromium");
sizes();
console.log(`charts: ${written.map((f) => join(outDir, f)).join(", ")}`);
