// Drives the benchmark (see run.sh). Every ratio is between two figures of
// the same invocation; each part records when, on which code and under which
// machine load it ran, and a run of some parts keeps the other parts' last
// figures (each labelled with its own run).
//   node bench/run.mjs [--parts reader,memory,sqlite,postgres] [--no-fsync-off]
//                      [--no-variants]
// PostgreSQL: run.sh passes JAO_BENCH_PG_URL (production-like server) and
// JAO_BENCH_PG_FAST_URL (fsync off; absent with --no-fsync-off).
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
// JAO_BENCH_BIN: another build folder holding jao-ingest and bench/ (to try the harness).
const bin = process.env.JAO_BENCH_BIN ?? path.join(root, "build-bench");
const ingestBin = path.join(bin, "jao-ingest");
const filesDir = path.join(root, "build-bench", "files"); // generated exports, cached by content
const work = process.env.JAO_BENCH_WORK ?? path.join(root, "build-bench", "work"); // databases, summaries
fs.mkdirSync(filesDir, { recursive: true });
fs.mkdirSync(work, { recursive: true });

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const parts = option("--parts", "reader,memory,sqlite,postgres").split(",").filter(Boolean);
const withVariants = !args.includes("--no-variants");
// --smoke: every row count / 100 and results under build-bench/work/, to try
// the harness itself in a minute; never the committed figures.
const smoke = args.includes("--smoke");
const N = (rows) => (smoke ? rows / 100 : rows);
const SEED = "20261125";
const log = (...m) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

// ---------------------------------------------------------------- helpers

// Runs a command under /usr/bin/time: wall seconds, peak RSS (MiB), stdout.
function timed(cmd, cmdArgs, env = {}) {
  const timeFile = path.join(work, "time.txt");
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, cmd, ...cmdArgs], {
    env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28,
  });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${cmdArgs.join(" ")} exited ${r.status}: ${r.stderr.toString().slice(-2000)}`);
  }
  const [seconds, kib] = fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(/\s+/).map(Number);
  return { seconds, peakRssMiB: kib / 1024, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

const lastJson = (text) => JSON.parse(text.trim().split("\n").pop());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rmDb = (f) => { for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(f + s, { force: true }); };

function gitInfo() {
  const git = (...a) => execFileSync("git", ["-C", root, ...a]).toString().trim();
  const dirty = git("status", "--porcelain", "--", "src", "tools", "CMakeLists.txt") !== "";
  return { head: git("rev-parse", "--short", "HEAD"),
    productCode: git("log", "-1", "--format=%h %s", "--", "src", "tools", "CMakeLists.txt"),
    productCodeDirty: dirty };
}

function machine() {
  const [l1, l5] = os.loadavg();
  return { cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30),
    cpu: os.cpus()[0].model, load1: l1, load5: l5 };
}

// ---------------------------------------------------------------- files

// One generated export, cached under build-bench/files/ by the generator's
// source and its arguments (and the base file's name for a later export).
const generatorSources = ["fixtures/generate-legacy.mjs", ...fs.readdirSync(path.join(root, "fixtures/lib"))
  .map((f) => `fixtures/lib/${f}`)].map((f) => fs.readFileSync(path.join(root, f)));
function generate(label, genArgs, describe) {
  const hash = createHash("sha256");
  for (const s of generatorSources) hash.update(s);
  hash.update(JSON.stringify(genArgs));
  const file = path.join(filesDir, `${label}-${hash.digest("hex").slice(0, 12)}.parquet`);
  const tmp = `${file}.tmp`;
  // JAO_BENCH_GENERATE=REGEX: make only the files whose label matches (to
  // run several --generate-only processes side by side).
  if (!fs.existsSync(file) && process.env.JAO_BENCH_GENERATE && !new RegExp(process.env.JAO_BENCH_GENERATE).test(label)) {
    throw new Error(`${label} skipped (JAO_BENCH_GENERATE)`);
  }
  if (!fs.existsSync(file)) {
    log(`generating ${label}`);
    execFileSync("node", ["--max-old-space-size=8192", path.join(root, "fixtures/generate-legacy.mjs"),
      ...genArgs, "--out", tmp], { stdio: ["ignore", "ignore", "inherit"] });
    fs.renameSync(tmp, file);
  }
  return { label, file, fileMiB: fs.statSync(file).size / 2 ** 20, ...describe };
}

const duckdbFile = (rows) => generate(`duckdb-${rows}`, ["--rows", String(rows), "--seed", SEED,
  "--row-group-size", String(rows), "--description-pool", String(rows)],
{ rows, writer: "DuckDB 1.5 (generator default)", pages: "DuckDB's own: one row group, a few huge pages a column", codec: "SNAPPY" });
const pandasFile = (rows) => generate(`pandas-${rows}`, ["--rows", String(rows), "--seed", SEED,
  "--row-group-size", String(rows), "--description-pool", String(rows), "--writer", "pandas"],
{ rows, writer: "arrow-rs (parquet-wasm), pyarrow's defaults", pages: "one row group, ~1 MiB data pages v1", codec: "SNAPPY" });
const zstdV2File = (rows) => generate(`zstd-v2-${rows}`, ["--rows", String(rows), "--seed", SEED,
  "--row-group-size", String(rows), "--description-pool", String(rows), "--writer", "pandas",
  "--codec", "zstd", "--page-version", "2"],
{ rows, writer: "arrow-rs (parquet-wasm)", pages: "one row group, ~1 MiB DATA_PAGE_V2 pages", codec: "ZSTD" });
function laterFile(base) {
  const f = generate(`later-of-${path.basename(base.file, ".parquet")}`, ["--rows", String(base.rows),
    "--seed", "20261126", "--row-group-size", String(base.rows), "--description-pool", String(base.rows),
    "--later-export-of", base.file, "--changed-rate", "0.1"],
  { rows: base.rows, writer: "DuckDB 1.5 (generator default)", pages: base.pages, codec: "SNAPPY",
    note: "later export of the base file: --changed-rate 0.1 (about 5% new ids, 5% newer versions, plus the generator's 6% in-file re-exports)" });
  return f;
}
const fileLabel = (f) => `${f.rows} rows, ${f.writer}, ${f.pages}, ${f.codec}, ${f.fileMiB.toFixed(1)} MiB`;

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
  const psql = (db, sql) => execFileSync("psql", [withDb(url, db), "-v", "ON_ERROR_STOP=1", "-qAtc", sql]).toString().trim();
  const withDb = (u, db) => u.replace(/\/[^/?]*\?/, `/${db}?`);
  const settings = Object.fromEntries(psql("postgres", `SELECT name, setting FROM pg_settings WHERE name IN
    ('fsync','synchronous_commit','full_page_writes','shared_buffers','wal_level','default_toast_compression','server_version')`)
    .split("\n").map((l) => l.split("|")));
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
