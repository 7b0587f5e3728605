// Old binary against new on the benchmark's first loads and its later
// export (see compare.sh): per database one warm-up each, then K pairs run
// old then new, of the first load (a fresh SQLite file / empty PostgreSQL
// database each run, on compare.sh's production-like server with
// JAO_BENCH_PG_URL) and, unless --no-later, of the later export (run.mjs's
// laterFile of the same export) into such a target first loaded with the
// base export by the same binary, untimed. Each pair gives a ratio new /
// old; the medians of the ratios are what to read (a shared machine's load
// moves both halves of a pair alike).
//   node bench/compare.mjs --old DIR --old-src DIR --new DIR [--new-src DIR]
//                          [--rows N] [--runs K] [--no-later] [--command TEXT]
// Writes bench/compare-results.md and bench/compare-results.json.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileLabel } from "./render.mjs";
import { duckdbFile, gitInfo, laterFile, log, machine, median, pgSettings, psql, rmDb, root, timed, withDb, work }
  from "./shared.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rows = Number(option("--rows", "100000"));
const runs = Number(option("--runs", "5"));
const withLater = !args.includes("--no-later");
const builds = { old: option("--old"), new: option("--new") };
const sources = { old: option("--old-src"), new: option("--new-src", root) };
if (!builds.old || !builds.new || !sources.old || !(rows > 0) || !(runs > 0)) {
  throw new Error("usage: node bench/compare.mjs --old DIR --old-src DIR --new DIR [--new-src DIR] [--rows N] [--runs K]");
}
const pgUrl = process.env.JAO_BENCH_PG_URL;
const pgDb = "bench_compare";

// One ingest of file into target by one binary (which: old | new), timed.
function ingest(which, database, file, target) {
  const summaryFile = path.join(work, `compare-summary-${database}-${which}.json`);
  const r = timed(path.join(builds[which], "jao-ingest"), ["ingest", file, "--db", target, "--summary-json", summaryFile]);
  return { ...r, summary: JSON.parse(fs.readFileSync(summaryFile, "utf8")) };
}

// One measured run by one binary: the fresh target (a new SQLite file, a
// new empty PostgreSQL database), for a later export the base file first
// loaded into it by the same binary (not timed), a CHECKPOINT (PostgreSQL)
// and a `sync` (earlier runs' and other processes' writeback is not charged
// to this run), then the timed ingest of f.
function measure(database, which, f, base) {
  let target;
  if (database === "sqlite") {
    target = path.join(work, `compare-${which}.sqlite3`);
    rmDb(target);
  } else {
    psql(pgUrl, "postgres", `DROP DATABASE IF EXISTS ${pgDb}`);
    psql(pgUrl, "postgres", `CREATE DATABASE ${pgDb}`);
    target = withDb(pgUrl, pgDb);
  }
  if (base) ingest(which, database, base.file, target);
  if (database === "postgres") psql(pgUrl, "postgres", "CHECKPOINT");
  execFileSync("sync");
  const load1 = machine().load1;
  const r = ingest(which, database, f.file, target);
  if (database === "sqlite") rmDb(target);
  const total = (key) => Object.values(r.summary.tables).reduce((n, t) => n + t[key], 0);
  const line = r.stdout.split("\n").find((l) => l.startsWith("load path:"));
  return { seconds: r.seconds, peakRssMiB: r.peakRssMiB, load1AtStart: load1, loadPathLine: line ?? null,
    rows: { outcome: r.summary.outcome, read: r.summary.rows_read, valid: r.summary.files[0].rows_valid,
      rejected: r.summary.rows_rejected, inserted: total("inserted"), updated: total("updated"), deleted: total("deleted") } };
}

function compare(database, f, base) {
  const label = `${database}${base ? " later export" : ""}`;
  const warmUp = {};
  for (const which of ["old", "new"]) {
    log(`${label} warm-up ${which}`);
    warmUp[which] = measure(database, which, f, base);
  }
  const pairs = [];
  for (let i = 0; i < runs; i++) {
    const pair = {};
    for (const which of ["old", "new"]) {
      log(`${label} pair ${i + 1}/${runs} ${which}`);
      pair[which] = measure(database, which, f, base);
    }
    pair.ratio = pair.new.seconds / pair.old.seconds;
    log(`${label} pair ${i + 1}: old ${pair.old.seconds} s, new ${pair.new.seconds} s, ratio ${pair.ratio.toFixed(3)}`);
    pairs.push(pair);
  }
  if (database === "postgres") psql(pgUrl, "postgres", `DROP DATABASE IF EXISTS ${pgDb}`);
  const side = (which) => ({ medianSeconds: median(pairs.map((p) => p[which].seconds)),
    maxPeakRssMiB: Math.max(...pairs.map((p) => p[which].peakRssMiB)),
    loadPathLines: [...new Set([warmUp[which], ...pairs.map((p) => p[which])].map((r) => r.loadPathLine))],
    rows: [...new Set([warmUp[which], ...pairs.map((p) => p[which])].map((r) => JSON.stringify(r.rows)))]
      .map((j) => JSON.parse(j)) });
  const ratios = pairs.map((p) => p.ratio);
  return { database, warmUp, pairs, old: side("old"), new: side("new"),
    ratio: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) } };
}

const startedAt = new Date();
const machineAtStart = machine();
const f = duckdbFile(rows);
const later = withLater ? laterFile(f) : null;
const code = Object.fromEntries(["old", "new"].map((which) =>
  [which, { ref: option(`--${which}-ref`, null), ...gitInfo(sources[which]) }]));
const settings = { sqlite: "the tool's defaults: `jao-ingest ingest FILE --db fresh.sqlite3 --summary-json S` " +
  "into a new file each run (WAL and synchronous=NORMAL as the tool sets them; default 5000-row chunks)" };
const results = { format: 2, command: option("--command", `node bench/compare.mjs ${args.join(" ")}`),
  date: startedAt.toISOString(), rows, runs, file: f, laterFile: later, code, settings, machineAtStart,
  databases: [], laterExports: [] };
const both = (database) => {
  results.databases.push(compare(database, f));
  if (later) results.laterExports.push(compare(database, later, f));
};
both("sqlite");
if (pgUrl) {
  settings.postgres = { server: "production-like: initdb's defaults (JAO_PG_SETTINGS=production bash scripts/pg-cluster.sh init)",
    ...pgSettings(pgUrl), target: "a new empty database each run (the tool creates the schema), CHECKPOINT before it",
    role: "the server's superuser (jao)" };
  both("postgres");
}
results.machineAtEnd = machine();
results.wallSeconds = (Date.now() - startedAt.getTime()) / 1000;

// ---------------------------------------------------------------- report

const f1 = (x) => Number(x).toFixed(1);
const f2 = (x) => Number(x).toFixed(2);
const f3 = (x) => Number(x).toFixed(3);
const short = (text) => (text.length > 90 ? `${text.slice(0, 89)} …` : text);
const commitLine = (c) => `${c.head}${c.ref && !c.head.startsWith(c.ref) ? ` (${c.ref})` : ""}; product code at ` +
  `${short(c.productCode)}${c.productCodeDirty ? " plus uncommitted changes" : ""}`;
const pgSetting = (k, v) => (k === "shared_buffers" ? `${k}=${v * 8 / 1024} MB` : `${k}=${v}`);
const rowsLine = (s) => s.rows.map((r) => `${r.outcome}, ${r.read} read / ${r.valid} valid / ${r.rejected} rejected, ` +
  `${r.inserted} rows inserted${r.updated || r.deleted ? `, ${r.updated} updated, ${r.deleted} deleted` : ""} ` +
  `over all tables`).join("; ");
const loadPaths = (s) => s.loadPathLines.map((l) => (l === null ? "none printed" : `\`${l.replace(/^load path: /, "")}\``)).join(", ");
const title = { sqlite: "SQLite", postgres: "PostgreSQL (production-like server)" };
const m0 = results.machineAtStart, m1 = results.machineAtEnd;
const what = later ? "First loads and later exports" : "First loads";
const out = [`# ${what}, old binary against new`, ``,
  `Command: \`${results.command}\`, ${results.date.slice(0, 16).replace("T", " ")} UTC, ${Math.round(results.wallSeconds)} s ` +
  `(builds and file generation not counted).`, ``,
  `- Old: ${commitLine(code.old)}.`,
  `- New: ${commitLine(code.new)}.`,
  `- Both built Release (\`-DCMAKE_BUILD_TYPE=Release -DJAO_BUILD_TESTS=OFF\`) by bench/compare.sh.`,
  `- File: ${fileLabel(f)} (\`${path.relative(root, f.file)}\`, the benchmark's DuckDB-written export).`,
  ...(later ? [`- Later export: ${fileLabel(later)} (\`${path.relative(root, later.file)}\`, bench/run.mjs's); ${later.note}. ` +
    `Each of its runs goes into a fresh target first loaded with the file above by the same binary (not timed).`] : []),
  `- SQLite: ${settings.sqlite}.`,
  ...(settings.postgres ? [`- PostgreSQL: ${settings.postgres.server}: ` +
    ["server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "wal_level"]
      .map((k) => pgSetting(k, settings.postgres[k])).join(", ") + `; ${settings.postgres.target}; as ${settings.postgres.role}.`] : []),
  `- Method: per database${later ? " and measure (first load, later export)" : ""} one warm-up run of each binary (not counted), ` +
    `then ${runs} pair${runs === 1 ? "" : "s"}, old then new; a \`sync\` before every timed ingest; wall seconds and peak RSS from \`/usr/bin/time\` (%e, %M). ` +
    `The ratio is new / old within a pair; its median is the figure to read, min–max its spread.`,
  `- Machine: ${m0.cores} cores (${m0.cpu}), ${m0.memGiB} GiB; load average (1 min / 5 min) ${f2(m0.load1)} / ${f2(m0.load5)} ` +
    `at the start, ${f2(m1.load1)} / ${f2(m1.load5)} at the end.`, ``];
const measures = [["First load", results.databases], ...(later ? [["Later export", results.laterExports]] : [])];
for (const [name, list] of measures) {
  out.push(...(later ? [`${name}:`, ``] : []),
    `| database | old median s | new median s | new / old: median of the pair ratios (min–max) | within 5% (median <= 1.05) | ` +
      `old peak RSS MiB | new peak RSS MiB |`,
    `|---|---|---|---|---|---|---|`);
  for (const d of list) {
    out.push(`| ${title[d.database]} | ${f2(d.old.medianSeconds)} | ${f2(d.new.medianSeconds)} | ` +
      `**${f3(d.ratio.median)}** (${f3(d.ratio.min)}–${f3(d.ratio.max)}) | ${d.ratio.median <= 1.05 ? "yes" : "**no**"} | ` +
      `${f1(d.old.maxPeakRssMiB)} | ${f1(d.new.maxPeakRssMiB)} |`);
  }
  out.push(``);
}
out.push(`Peak RSS: the highest of the ${runs} counted runs.`, ``);
for (const [name, list] of measures) {
  for (const d of list) {
    out.push(`## ${title[d.database]}${later ? `: ${name.toLowerCase()}` : ""}`, ``,
      `Load path (the summary's \`load path:\` line): old ${loadPaths(d.old)}; new ${loadPaths(d.new)}.`,
      `Summaries (every run of a binary alike unless several are listed): old ${rowsLine(d.old)}; new ${rowsLine(d.new)}.`, ``,
      `| run | old s | new s | new / old | old peak RSS MiB | new peak RSS MiB | load average (1 min) before old / new |`,
      `|---|---|---|---|---|---|---|`);
    const row = (label, p) => out.push(`| ${label} | ${f2(p.old.seconds)} | ${f2(p.new.seconds)} | ` +
      `${f3(p.new.seconds / p.old.seconds)} | ${f1(p.old.peakRssMiB)} | ${f1(p.new.peakRssMiB)} | ` +
      `${f2(p.old.load1AtStart)} / ${f2(p.new.load1AtStart)} |`);
    row("warm-up (not counted)", d.warmUp);
    d.pairs.forEach((p, i) => row(String(i + 1), p));
    out.push(``);
  }
}
fs.writeFileSync(path.join(root, "bench/compare-results.json"), JSON.stringify(results, null, 2) + "\n");
fs.writeFileSync(path.join(root, "bench/compare-results.md"), out.join("\n"));
console.log(out.join("\n"));
