// What the benchmark drivers share (run.mjs, compare.mjs): the folders, the
// timed run, the machine's description, the generated exports (cached by
// content under build-bench/files/) and the PostgreSQL helpers.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const filesDir = path.join(root, "build-bench", "files"); // generated exports, cached by content
export const work = process.env.JAO_BENCH_WORK ?? path.join(root, "build-bench", "work"); // databases, summaries
fs.mkdirSync(filesDir, { recursive: true });
fs.mkdirSync(work, { recursive: true });

const SEED = "20261125";
export const log = (...m) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);

// ---------------------------------------------------------------- helpers

// Runs a command under /usr/bin/time: wall seconds, peak RSS (MiB), stdout.
export function timed(cmd, cmdArgs, env = {}) {
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

export const lastJson = (text) => JSON.parse(text.trim().split("\n").pop());
// The middle value (the mean of the two middle ones for an even count).
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const rmDb = (f) => { for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(f + s, { force: true }); };

// The commit of a checkout (default this one) and the last commit of its
// product code, and whether that code has local changes.
export function gitInfo(dir = root) {
  const git = (...a) => execFileSync("git", ["-C", dir, ...a]).toString().trim();
  const dirty = git("status", "--porcelain", "--", "src", "tools", "CMakeLists.txt") !== "";
  return { head: git("rev-parse", "--short", "HEAD"),
    productCode: git("log", "-1", "--format=%h %s", "--", "src", "tools", "CMakeLists.txt"),
    productCodeDirty: dirty };
}

export function machine() {
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

export const duckdbFile = (rows) => generate(`duckdb-${rows}`, ["--rows", String(rows), "--seed", SEED,
  "--row-group-size", String(rows), "--description-pool", String(rows)],
{ rows, writer: "DuckDB 1.5 (generator default)", pages: "DuckDB's own: one row group, a few huge pages a column", codec: "SNAPPY" });
export const pandasFile = (rows) => generate(`pandas-${rows}`, ["--rows", String(rows), "--seed", SEED,
  "--row-group-size", String(rows), "--description-pool", String(rows), "--writer", "pandas"],
{ rows, writer: "arrow-rs (parquet-wasm), pyarrow's defaults", pages: "one row group, ~1 MiB data pages v1", codec: "SNAPPY" });
export const zstdV2File = (rows) => generate(`zstd-v2-${rows}`, ["--rows", String(rows), "--seed", SEED,
  "--row-group-size", String(rows), "--description-pool", String(rows), "--writer", "pandas",
  "--codec", "zstd", "--page-version", "2"],
{ rows, writer: "arrow-rs (parquet-wasm)", pages: "one row group, ~1 MiB DATA_PAGE_V2 pages", codec: "ZSTD" });
export function laterFile(base) {
  const f = generate(`later-of-${path.basename(base.file, ".parquet")}`, ["--rows", String(base.rows),
    "--seed", "20261126", "--row-group-size", String(base.rows), "--description-pool", String(base.rows),
    "--later-export-of", base.file, "--changed-rate", "0.1"],
  { rows: base.rows, writer: "DuckDB 1.5 (generator default)", pages: base.pages, codec: "SNAPPY",
    note: "later export of the base file: --changed-rate 0.1 (about 5% new ids, 5% newer versions, plus the generator's 6% in-file re-exports)" });
  return f;
}

// ---------------------------------------------------------------- PostgreSQL

// The server URL (run.sh's, compare.sh's) with another database name.
export const withDb = (url, db) => url.replace(/\/[^/?]*\?/, `/${db}?`);
export const psql = (url, db, sql) =>
  execFileSync("psql", [withDb(url, db), "-v", "ON_ERROR_STOP=1", "-qAtc", sql]).toString().trim();
// The server settings a figure depends on.
export const pgSettings = (url) => Object.fromEntries(psql(url, "postgres", `SELECT name, setting FROM pg_settings WHERE name IN
    ('fsync','synchronous_commit','full_page_writes','shared_buffers','wal_level','default_toast_compression','server_version')`)
  .split("\n").map((l) => l.split("|")));
