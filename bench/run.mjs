// Drives the benchmark (see run.sh): every figure of one run comes from the
// same machine state, and every ratio is between two figures of this run.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = path.join(root, "build-bench");
const work = path.join(root, "build-bench", "work");
mkdirSync(work, { recursive: true });

const args = process.argv.slice(2);
const rowsArg = args.includes("--rows") ? args[args.indexOf("--rows") + 1] : "10000 100000";
const rowCounts = rowsArg.split(/\s+/).filter(Boolean).map(Number);
const withSqlite = !args.includes("--no-sqlite");
const withPostgres = !args.includes("--no-postgres") && process.env.JAO_TEST_PG_URL;

// Runs a command under /usr/bin/time; returns wall seconds, peak RSS (KiB), stdout.
function timed(cmd, cmdArgs, env = {}) {
  const timeFile = path.join(work, "time.txt");
  const stdout = execFileSync("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, cmd, ...cmdArgs], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 28,
  }).toString();
  const [seconds, kib] = readFileSync(timeFile, "utf8").trim().split(/\s+/).map(Number);
  return { seconds, peakRssMiB: kib / 1024, stdout };
}

function generate(rows) {
  const file = path.join(work, `legacy-${rows}.parquet`);
  execFileSync("node", [path.join(root, "fixtures/generate-legacy.mjs"), "--rows", String(rows),
    "--seed", "20261125", "--row-group-size", String(rows),
    // Every description distinct, as in a real export: the row group's
    // uncompressed size then grows with the rows (hundreds of MB at 100k).
    "--description-pool", String(rows),
    // Paged as pandas (pyarrow) pages: about 1 MiB a page.
    "--writer", "pandas", "--out", file], { stdio: "inherit" });
  return file;
}

const results = { machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  date: new Date().toISOString(), reader: null, sqlite: [], postgres: null };
const files = Object.fromEntries(rowCounts.map((n) => [n, generate(n)]));
const largest = Math.max(...rowCounts);

// Reader: ours vs DuckDB (one thread), every column of the largest file.
{
  const file = files[largest];
  const ours = timed(path.join(bin, "bench/read_columns"), [file]);
  const duck = timed("node", [path.join(root, "bench/duckdb_read.mjs"), file]);
  const duckOut = JSON.parse(duck.stdout.trim().split("\n").pop());
  results.reader = { rows: largest, fileMiB: statSync(file).size / 2 ** 20,
    uncompressedMiB: duckOut.uncompressed_bytes / 2 ** 20,
    ours: { seconds: ours.seconds, peakRssMiB: ours.peakRssMiB },
    duckdb: { seconds: duck.seconds, queryseconds: duckOut.seconds, peakRssMiB: duck.peakRssMiB },
    // Both ways: whole processes (DuckDB's includes starting Node), and our
    // process against DuckDB's query alone (the stricter one).
    ratioTime: ours.seconds / duck.seconds,
    ratioTimeToQuery: ours.seconds / duckOut.seconds };
}

// SQLite: ingest, re-ingest, raw load of the same final rows.
for (const rows of withSqlite ? rowCounts : []) {
  const file = files[rows];
  const db = path.join(work, `ingest-${rows}.sqlite3`);
  const raw = path.join(work, `raw-${rows}.sqlite3`);
  for (const f of [db, raw]) for (const s of ["", "-wal", "-shm"]) rmSync(f + s, { force: true });
  const first = timed(path.join(bin, "jao-ingest"), ["ingest", file, "--db", db]);
  const again = timed(path.join(bin, "jao-ingest"), ["ingest", file, "--db", db]);
  const limit = JSON.parse(timed(path.join(bin, "bench/raw_sqlite_load"), [db, raw]).stdout);
  const mib = statSync(file).size / 2 ** 20;
  results.sqlite.push({ rows, fileMiB: mib,
    ingest: { seconds: first.seconds, rowsPerSecond: rows / first.seconds,
      fileMiBPerSecond: mib / first.seconds, peakRssMiB: first.peakRssMiB },
    reingest: { seconds: again.seconds, peakRssMiB: again.peakRssMiB },
    rawLoad: { seconds: limit.seconds, databaseRows: limit.rows },
    ratioIngestToRaw: first.seconds / limit.seconds,
    reingestSpeedup: first.seconds / again.seconds });
}

// PostgreSQL: ingest the largest file, then raw binary COPY of the same rows.
if (withPostgres) {
  const url = process.env.JAO_TEST_PG_URL;
  const file = files[largest];
  execFileSync("psql", [url, "-qc", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"]);
  const ingest = timed(path.join(bin, "jao-ingest"), ["ingest", file, "--db", url]);
  const limit = JSON.parse(timed(path.join(bin, "bench/raw_pg_copy"), [url]).stdout);
  // The same COPY into tables that also carry Django's (deferred) foreign
  // keys, which the server checks for any loader of the real schema.
  const limitFk = JSON.parse(timed(path.join(bin, "bench/raw_pg_copy"), [url, "--foreign-keys"]).stdout);
  results.postgres = { rows: largest,
    ingest: { seconds: ingest.seconds, rowsPerSecond: largest / ingest.seconds, peakRssMiB: ingest.peakRssMiB },
    rawCopy: { seconds: limit.seconds, databaseRows: limit.rows },
    rawCopyForeignKeys: { seconds: limitFk.seconds, databaseRows: limitFk.rows },
    ratioIngestToRaw: ingest.seconds / limit.seconds,
    ratioIngestToRawForeignKeys: ingest.seconds / limitFk.seconds };
}

const f2 = (x) => (x === undefined || x === null ? "-" : Number(x).toFixed(2));
const lines = [`# Benchmark results`, ``, `Command: \`bash bench/run.sh\`; ${results.machine}; ${results.date}.`, ``];
const r = results.reader;
lines.push(`## Reader: every column of ${r.rows} rows (${f2(r.fileMiB)} MiB file, ${f2(r.uncompressedMiB)} MiB uncompressed)`, ``,
  `| reader | seconds | peak RSS MiB |`, `| --- | --- | --- |`,
  `| jao-ingest | ${f2(r.ours.seconds)} | ${f2(r.ours.peakRssMiB)} |`,
  `| DuckDB, 1 thread (node process) | ${f2(r.duckdb.seconds)} | ${f2(r.duckdb.peakRssMiB)} |`,
  `| DuckDB query alone (inside that process) | ${f2(r.duckdb.queryseconds)} | - |`, ``,
  `Time ratio ours / DuckDB query alone: **${f2(r.ratioTimeToQuery)}**; ours / DuckDB process: ${f2(r.ratioTime)} (goal <= 2).`, ``);
lines.push(`## SQLite`, ``, `| rows | file MiB | ingest s | rows/s | MiB/s | peak RSS MiB | re-ingest s | raw load s | ingest / raw | re-ingest speed-up |`,
  `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
for (const s of results.sqlite) {
  lines.push(`| ${s.rows} | ${f2(s.fileMiB)} | ${f2(s.ingest.seconds)} | ${Math.round(s.ingest.rowsPerSecond)} | ${f2(s.ingest.fileMiBPerSecond)} | ${f2(s.ingest.peakRssMiB)} | ${f2(s.reingest.seconds)} | ${f2(s.rawLoad.seconds)} | **${f2(s.ratioIngestToRaw)}** | ${f2(s.reingestSpeedup)} |`);
}
lines.push(``, `Goals: ingest / raw <= 1.25; peak RSS < 100 MiB and flat from 10k to 100k; re-ingest >= 5x faster.`, ``);
if (!withSqlite) lines.push(`Not run in this invocation.`, ``);
if (results.postgres) {
  const p = results.postgres;
  lines.push(`## PostgreSQL`, ``,
    `| rows | ingest s | rows/s | peak RSS MiB | raw COPY s, no foreign keys | ingest / raw | raw COPY s, with the schema's foreign keys | ingest / raw |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- |`,
    `| ${p.rows} | ${f2(p.ingest.seconds)} | ${Math.round(p.ingest.rowsPerSecond)} | ${f2(p.ingest.peakRssMiB)} | ${f2(p.rawCopy.seconds)} | **${f2(p.ratioIngestToRaw)}** | ${f2(p.rawCopyForeignKeys.seconds)} | **${f2(p.ratioIngestToRawForeignKeys)}** |`, ``,
    `Goal: ingest / raw COPY <= 1.25. Raw COPY is timed both into bare copies of the tables and into copies that`,
    `carry the schema's deferred foreign keys, which the server checks for the ingester (about 2 checks a child row).`, ``);
} else {
  lines.push(`## PostgreSQL`, ``, `Not run in this invocation.`, ``);
}
writeFileSync(path.join(root, "bench/results.md"), lines.join("\n"));
writeFileSync(path.join(root, "bench/results.json"), JSON.stringify(results, null, 2) + "\n");
console.log(lines.join("\n"));
