// Drives the benchmark (see run.sh). Every ratio is between two figures of
// the same invocation; each part records when, on which code and under which
// machine load it ran, and a run of some parts keeps the other parts' last
// figures (each labelled with its own run).
//   node bench/run.mjs [--parts reader,memory,sqlite,postgres] [--no-fsync-off]
//                      [--no-variants]
// PostgreSQL: run.sh passes JAO_BENCH_PG_URL (production-like server) and
// JAO_BENCH_PG_FAST_URL (fsync off; absent with --no-fsync-off).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { duckdbFile, gitInfo, laterFile, lastJson, log, machine, median, pandasFile, pgSettings, psql as psqlOn,
  rmDb, root, timed, withDb, work, zstdV2File } from "./shared.mjs";

// JAO_BENCH_BIN: another build folder holding jao-ingest and bench/ (to try the harness).
const bin = process.env.JAO_BENCH_BIN ?? path.join(root, "build-bench");
const ingestBin = path.join(bin, "jao-ingest");

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const parts = option("--parts", "reader,memory,sqlite,postgres").split(",").filter(Boolean);
const withVariants = !args.includes("--no-variants");
// --smoke: every row count / 100 and results under build-bench/work/, to try
// the harness itself in a minute; never the committed figures.
const smoke = args.includes("--smoke");
const N = (rows) => (smoke ? rows / 100 : rows);

// ---------------------------------------------------------------- measures

const ingestMemo = new Map();
// First SQLite ingest of a file into a fresh database (memoised: the memory
// and SQLite parts share it). Keeps the database for re-ingests.
function sqliteIngest(f) {
  if (ingestMemo.has(f.file)) return ingestMemo.get(f.file);
  const db = path.join(work, `ingest-${f.label}.sqlite3`);
  rmDb(db);
  log(`SQLite ingest ${f.label}`);
  const summary = path.join(work, `summary-${f.label}.json`);
  const r = timed(ingestBin, ["ingest", f.file, "--db", db, "--summary-json", summary]);
  const out = { db, seconds: r.seconds, peakRssMiB: r.peakRssMiB, summary: JSON.parse(fs.readFileSync(summary, "utf8")) };
  ingestMemo.set(f.file, out);
  return out;
}

function dryRun(f) {
  log(`dry run ${f.label}`);
  const r = timed(ingestBin, ["ingest", f.file, "--dry-run"]);
  return { seconds: r.seconds, peakRssMiB: r.peakRssMiB };
}

// Evicts a database from the OS page cache: drop_caches as root where the
// kernel lets us (it drops every clean page of the machine), else
// posix_fadvise(DONTNEED) on the database files after an fsync.
function evict(db) {
  const files = ["", "-wal", "-shm"].map((s) => db + s).filter((f) => fs.existsSync(f));
  // fsync of the database files only (a global sync waits for every other
  // process's writes on this shared machine), so their pages are clean.
  const fadvise = (advise) => execFileSync("python3", ["-c", `import os, sys
for f in sys.argv[2:]:
    fd = os.open(f, os.O_RDONLY); os.fsync(fd)
    if sys.argv[1] == "1": os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    os.close(fd)`, advise ? "1" : "0", ...files]);
  fadvise(false);
  execFileSync("sync");  // the rest of the machine's writes too (see partSqlite)
  let method;
  try {
    fs.writeFileSync("/proc/sys/vm/drop_caches", "1\n");
    method = "echo 1 > /proc/sys/vm/drop_caches as root (after an fsync of the database files and a sync): every clean page of the machine, the Parquet file included";
  } catch {
    fadvise(true);
    method = "posix_fadvise(POSIX_FADV_DONTNEED) on the database, -wal and -shm files (after fsync); the Parquet file stays cached";
  }
  let residentBytes = null;
  try {
    residentBytes = Number(execFileSync("fincore", ["--bytes", "--noheadings", "--output", "RES", db]).toString().trim());
  } catch { /* fincore missing: not reported */ }
  return { method, residentBytesAfter: residentBytes };
}

// ---------------------------------------------------------------- parts

function partReader() {
  const out = { files: [] };
  for (const f of [duckdbFile(N(100000)), pandasFile(N(100000))]) {
    const ours = [], duckProc = [], duckQuery = [];
    let rss = 0, duckRss = 0, uncompressed = 0;
    // Three paired runs, alternating, medians reported (shared machine).
    for (let i = 0; i < 3; i++) {
      log(`reader ${f.label} run ${i + 1}`);
      const a = timed(path.join(bin, "bench/read_columns"), [f.file]);
      ours.push(a.seconds); rss = Math.max(rss, a.peakRssMiB);
      const d = timed("node", [path.join(root, "bench/duckdb_read.mjs"), f.file]);
      const dj = lastJson(d.stdout);
      duckProc.push(d.seconds); duckQuery.push(dj.seconds); duckRss = Math.max(duckRss, d.peakRssMiB);
      uncompressed = dj.uncompressed_bytes;
    }
    out.files.push({ file: f, uncompressedMiB: uncompressed / 2 ** 20,
      ours: { seconds: median(ours), runs: ours, peakRssMiB: rss },
      duckdb: { processSeconds: median(duckProc), querySeconds: median(duckQuery), runs: duckQuery, peakRssMiB: duckRss },
      ratioToQuery: median(ours) / median(duckQuery), ratioToProcess: median(ours) / median(duckProc) });
  }
  return out;
}

function partMemory() {
  const out = { rows: [] };
  for (const [name, make] of [["duckdb", duckdbFile], ["zstd-v2", zstdV2File]]) {
    for (const rows of [N(10000), N(100000), N(300000)]) {
      let f;
      try {
        f = make(rows);
      } catch (e) {
        out.rows.push({ kind: name, rows, error: `file not generated (${String(e.message).split("\n")[0]})` });
        continue;
      }
      const d = dryRun(f);
      // JAO_BENCH_MEMORY_INGEST_MAX=ROWS: SQLite ingests only up to that size
      // (a short run; the larger ones are then reported as not run).
      const max = Number(process.env.JAO_BENCH_MEMORY_INGEST_MAX ?? Infinity);
      const s = rows <= max ? sqliteIngest(f) : null;
      out.rows.push({ kind: name, rows, file: f, dryRun: d,
        sqliteIngest: s ? { seconds: s.seconds, peakRssMiB: s.peakRssMiB } : null });
    }
  }
  for (const kind of ["duckdb", "zstd-v2"]) {
    const at = (n) => out.rows.find((r) => r.kind === kind && r.rows === n && !r.error);
    if (at(N(10000)) && at(N(300000))) {
      out[`${kind}Ratio300kTo10k`] = { dryRun: at(N(300000)).dryRun.peakRssMiB / at(N(10000)).dryRun.peakRssMiB,
        sqliteIngest: at(N(300000)).sqliteIngest && at(N(10000)).sqliteIngest
          ? at(N(300000)).sqliteIngest.peakRssMiB / at(N(10000)).sqliteIngest.peakRssMiB : null };
    }
  }
  return out;
}

function partSqlite() {
  const out = { rows: [] };
  for (const rows of [N(10000), N(100000)]) {
    const f = duckdbFile(rows);
    const first = sqliteIngest(f);
    // Written pages of earlier measures (the 300k ingests of the memory
    // part, this file's first load) are flushed first: the kernel's
    // writeback of gigabytes otherwise lands on the re-ingest's own I/O
    // (measured: 7.1 s against 3.2 s after a sync, same database).
    execFileSync("sync");
    // Warm means the database is in the OS cache: read it once first (the
    // memory part's files, and a failed 300k generation of several GB, may
    // have pushed it out since its first load).
    execFileSync("sh", ["-c", 'cat -- "$1" > /dev/null', "sh", first.db]);
    log(`SQLite re-ingest warm ${rows}`);
    const warm = timed(ingestBin, ["ingest", f.file, "--db", first.db]);
    const eviction = evict(first.db);
    log(`SQLite re-ingest cold ${rows}`);
    const cold = timed(ingestBin, ["ingest", f.file, "--db", first.db]);
    const copy = path.join(work, `copy-${rows}.sqlite3`);
    const limit = (extra) => {
      log(`SQLite copy limit ${rows} ${extra.join(" ")}`);
      const r = lastJson(timed(path.join(bin, "bench/sqlite_copy_limit"), [first.db, copy, ...extra]).stdout);
      rmDb(copy);
      return r;
    };
    const copyLimit = limit([]);
    const noShortcut = withVariants ? limit(["--no-shortcut"]) : null;
    const noShortcut20 = withVariants ? limit(["--no-shortcut", "--transactions", "20"]) : null;
    out.rows.push({ rows, file: f, validRows: first.summary,
      ingest: { seconds: first.seconds, peakRssMiB: first.peakRssMiB },
      reingestWarm: { seconds: warm.seconds, peakRssMiB: warm.peakRssMiB },
      reingestCold: { seconds: cold.seconds, peakRssMiB: cold.peakRssMiB, eviction },
      copyLimit, noShortcut, noShortcut20,
      ratioToCopyLimit: first.seconds / copyLimit.seconds,
      reingestWarmSpeedup: first.seconds / warm.seconds,
      reingestColdSpeedup: first.seconds / cold.seconds });
  }
  const [a, b] = out.rows;
  out.linearity100kTo10k = b.ingest.seconds / a.ingest.seconds;
  // The journal mode the tool left in the file (synchronous is per
  // connection: NORMAL, set in src/db/sqlite/sqlite_statement.cc).
  out.journalMode = execFileSync("sqlite3", [sqliteIngest(b.file).db, "PRAGMA journal_mode"]).toString().trim();
  return out;
}

// PostgreSQL on one server (url): first load, same-schema copy baseline and
// (production server) a later export as superuser and as a table owner.
function partPostgresOn(url, label, withLater) {
  const psql = (db, sql) => psqlOn(url, db, sql);
  const settings = pgSettings(url);
  for (const db of ["bench_first", "bench_copy", "bench_later_super", "bench_later_owner"]) {
    psql("postgres", `DROP DATABASE IF EXISTS ${db}`);
  }
  const f = duckdbFile(N(100000));
  psql("postgres", "CREATE DATABASE bench_first");
  log(`PostgreSQL (${label}) first load`);
  const summary = path.join(work, `pg-summary-${label}.json`);
  const first = timed(ingestBin, ["ingest", f.file, "--db", withDb(url, "bench_first"), "--summary-json", summary]);
  const firstSummary = JSON.parse(fs.readFileSync(summary, "utf8"));
  // Same schema, empty: the ingested database's own DDL.
  psql("postgres", "CREATE DATABASE bench_copy");
  const ddl = execFileSync("pg_dump", ["--schema-only", "--no-owner", withDb(url, "bench_first")], { maxBuffer: 1 << 26 });
  execFileSync("psql", [withDb(url, "bench_copy"), "-v", "ON_ERROR_STOP=1", "-q"], { input: ddl, stdio: ["pipe", "ignore", "inherit"] });
  log(`PostgreSQL (${label}) same-schema copy baseline`);
  const baseline = lastJson(timed(path.join(bin, "bench/pg_copy_baseline"), [withDb(url, "bench_first"), withDb(url, "bench_copy")]).stdout);
  psql("postgres", "DROP DATABASE bench_copy");
  const out = { label, settings, file: f, firstLoad: { seconds: first.seconds, peakRssMiB: first.peakRssMiB,
    summary: firstSummary, stderrTail: first.stderr.split("\n").slice(-12).join("\n") },
  copyBaseline: baseline, ratioToCopyBaseline: first.seconds / baseline.seconds };
  if (withLater) {
    const later = laterFile(f);
    out.laterFile = later;
    out.later = [];
    // The loader role: no superuser, owns the schema and every table.
    psql("postgres", `DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_loader') THEN
      CREATE ROLE bench_loader LOGIN NOSUPERUSER PASSWORD 'bench-loader-pw'; END IF; END$$`);
    for (const [db, role] of [["bench_later_super", "superuser (jao)"], ["bench_later_owner", "table owner, not superuser (bench_loader)"]]) {
      psql("postgres", `CREATE DATABASE ${db} TEMPLATE bench_first`);
      let target = withDb(url, db);
      const env = {};
      if (db === "bench_later_owner") {
        psql(db, `ALTER DATABASE ${db} OWNER TO bench_loader; ALTER SCHEMA public OWNER TO bench_loader;
          DO $$DECLARE t record; BEGIN
            FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
              EXECUTE format('ALTER TABLE public.%I OWNER TO bench_loader', t.tablename); END LOOP;
            FOR t IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
              EXECUTE format('ALTER SEQUENCE public.%I OWNER TO bench_loader', t.sequencename); END LOOP;
          END$$`);
        target = target.replace(/\/\/[^@]*@/, "//bench_loader@");
        env.PGPASSWORD = "bench-loader-pw";
      }
      log(`PostgreSQL (${label}) later export as ${role}`);
      const ls = path.join(work, `pg-summary-later-${db}.json`);
      const r = timed(ingestBin, ["ingest", later.file, "--db", target, "--summary-json", ls], env);
      out.later.push({ role, seconds: r.seconds, peakRssMiB: r.peakRssMiB,
        summary: JSON.parse(fs.readFileSync(ls, "utf8")), stderrTail: r.stderr.split("\n").slice(-12).join("\n") });
      psql("postgres", `DROP DATABASE ${db}`);
    }
  }
  psql("postgres", "DROP DATABASE bench_first");
  return out;
}

function partPostgres() {
  const url = process.env.JAO_BENCH_PG_URL;
  if (!url) throw new Error("the postgres part needs JAO_BENCH_PG_URL (run it through bench/run.sh)");
  const out = { production: partPostgresOn(url, "production-like", true) };
  if (process.env.JAO_BENCH_PG_FAST_URL) out.fsyncOff = partPostgresOn(process.env.JAO_BENCH_PG_FAST_URL, "fsync-off", false);
  return out;
}

// The seed design (Python/Django) cannot run here: say what was checked.
function djangoCheck() {
  const run = (cmd, a) => {
    const r = spawnSync(cmd, a, { timeout: 120000, encoding: "utf8" });
    const text = `${r.stdout ?? ""}${r.stderr ?? ""}`.trim().split("\n").filter(Boolean);
    return { command: `${cmd} ${a.join(" ")}`, exit: r.status, lastLine: text.pop() ?? String(r.error ?? "") };
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-django-"));
  const checks = [run("python3", ["-c", "import django"]),
    run("pip", ["download", "django", "--no-deps", "-d", tmp, "--timeout", "10", "--retries", "0"])];
  fs.rmSync(tmp, { recursive: true, force: true });
  return { available: checks.every((c) => c.exit === 0), checks };
}

// ---------------------------------------------------------------- run

// --generate-only: make (or find) every file the parts use, then stop.
if (args.includes("--generate-only")) {
  const each = [() => laterFile(duckdbFile(N(100000))), () => pandasFile(N(100000)),
    ...[N(10000), N(300000)].map((rows) => () => duckdbFile(rows)),
    ...[N(10000), N(100000), N(300000)].map((rows) => () => zstdV2File(rows))];
  for (const make of each) {
    try { make(); } catch (e) { log(String(e.message).split("\n")[0]); }
  }
  process.exit(0);
}

// JAO_BENCH_RESULTS: write the JSON elsewhere (a part run beside another
// invocation; merge by hand, then `node bench/render.mjs`).
const resultsJson = smoke ? path.join(work, "results-smoke.json")
  : process.env.JAO_BENCH_RESULTS ?? path.join(root, "bench/results.json");
const resultsMd = smoke ? path.join(work, "results-smoke.md") : path.join(root, "bench/results.md");
let previous = {};
try { previous = JSON.parse(fs.readFileSync(resultsJson, "utf8")); } catch { /* first run */ }
const results = previous.format === 2 ? previous : { format: 2, parts: {} };
const runId = new Date().toISOString();
results.lastRun = { id: runId, parts, command: `bash bench/run.sh ${args.join(" ")}`.trim() };
// Every invocation whose figures are still in the file (a part's figures
// are replaced by the next run of that part).
results.invocations = [...(results.invocations ?? []), results.lastRun]
  .filter((inv) => Object.values(results.parts).some((p) => p.run === inv.id) || inv.id === runId);
results.django = djangoCheck();
const partFns = { reader: partReader, memory: partMemory, sqlite: partSqlite, postgres: partPostgres };
for (const p of parts) {
  if (!partFns[p]) throw new Error(`unknown part ${p}`);
  const before = machine();
  const started = Date.now();
  const data = partFns[p]();
  results.parts[p] = { run: runId, code: gitInfo(), machineAtStart: before, machineAtEnd: machine(),
    wallSeconds: (Date.now() - started) / 1000, ...data };
  fs.writeFileSync(resultsJson, JSON.stringify(results, null, 2) + "\n");
}

const { render } = await import("./render.mjs");
if (!process.env.JAO_BENCH_RESULTS) fs.writeFileSync(resultsMd, render(results));
if (!process.env.JAO_BENCH_RESULTS) console.log(fs.readFileSync(resultsMd, "utf8"));
