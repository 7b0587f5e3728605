// bench/results.md from bench/results.json (run.mjs calls it; also
// `node bench/render.mjs` to re-render). Every table names the file, the
// settings and the goal next to the figure.
import fs from "node:fs";
import path from "node:path";

// Quoted from the issues, never re-measured here (Python/Django is not
// installed on this machine): the seed design on this machine class with a
// DuckDB-written export.
export const SEED = {
  sqlite: { 10000: 16.0, 100000: 200.3, source: "issue 13" },
  postgres: { 100000: 321.2, source: "issue 14" },
};

const f1 = (x) => (x === undefined || x === null || Number.isNaN(x) ? "-" : Number(x).toFixed(1));
const f2 = (x) => (x === undefined || x === null || Number.isNaN(x) ? "-" : Number(x).toFixed(2));
const mark = (ok) => (ok ? "met" : "**not met**");
export const fileLabel = (f) => `${f.rows.toLocaleString("en")} rows, ${f.writer}, ${f.pages}, ${f.codec}, ${f1(f.fileMiB)} MiB`;
const valid = (s) => s.rows_read - s.rows_rejected;

function runLine(p) {
  const m = p.machineAtStart, e = p.machineAtEnd;
  return `Run ${p.run}; product code at commit ${p.code.productCode.split(" ")[0]}` +
    `${p.code.productCodeDirty ? " plus uncommitted changes" : ""} (worktree HEAD ${p.code.head}); ` +
    `${m.cores} cores (${m.cpu}), ${m.memGiB} GiB; load average ${f1(m.load1)} at the start, ${f1(e.load1)} at the end; ` +
    `${Math.round(p.wallSeconds)} s for this part.`;
}

function reader(p, out) {
  out.push(`## Reader (issue 10): every column decoded, ours vs DuckDB with 1 thread`, ``, runLine(p), ``,
    `Median of 3 runs each, ours and DuckDB alternating. Ours: \`build-bench/bench/read_columns FILE\` (the whole process, ` +
    `5000-row batches). DuckDB: \`node bench/duckdb_read.mjs FILE\` (\`sum(hash(COLUMNS(*)))\`, threads=1); the ratio is ` +
    `against its query time alone (the stricter one), the process time shown beside it.`, ``,
    `| file | uncompressed MiB | ours s | DuckDB query s | DuckDB process s | ours / DuckDB query | goal | ours peak RSS MiB | DuckDB process peak RSS MiB |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  for (const r of p.files) {
    out.push(`| ${fileLabel(r.file)} | ${f1(r.uncompressedMiB)} | ${f2(r.ours.seconds)} | ${f2(r.duckdb.querySeconds)} | ` +
      `${f2(r.duckdb.processSeconds)} | **${f2(r.ratioToQuery)}** | <= 0.6: ${mark(r.ratioToQuery <= 0.6)} | ` +
      `${f1(r.ours.peakRssMiB)} | ${f1(r.duckdb.peakRssMiB)} |`);
  }
  out.push(``);
}

function memory(p, out) {
  out.push(`## Memory (issue 10): peak RSS by file size and writer`, ``, runLine(p), ``,
    `Peak RSS from \`/usr/bin/time -v\`-style \`%M\` of the whole process. Dry run: \`jao-ingest ingest FILE --dry-run\`. ` +
    `SQLite ingest: \`jao-ingest ingest FILE --db fresh.sqlite3\` (WAL, synchronous=NORMAL as the tool sets them; default ` +
    `5000-row chunks). Every description distinct (\`--description-pool\` = rows), one row group a file. ` +
    `Goal: below 100 MiB for each, and the 300k peak within 15% of the 10k peak.`, ``,
    `| file | dry run peak RSS MiB | dry run s | SQLite ingest peak RSS MiB | SQLite ingest s | goal < 100 MiB |`,
    `| --- | --- | --- | --- | --- | --- |`);
  for (const r of p.rows) {
    if (r.error) { out.push(`| ${r.kind}, ${r.rows} rows | not measured: ${r.error} | | | | |`); continue; }
    const ing = r.sqliteIngest;
    out.push(`| ${fileLabel(r.file)} | ${f1(r.dryRun.peakRssMiB)} | ${f2(r.dryRun.seconds)} | ` +
      `${ing ? f1(ing.peakRssMiB) : "not run"} | ${ing ? f2(ing.seconds) : "not run"} | ` +
      `${ing ? mark(r.dryRun.peakRssMiB < 100 && ing.peakRssMiB < 100) : `dry run: ${mark(r.dryRun.peakRssMiB < 100)}`} |`);
  }
  out.push(``);
  for (const [kind, name] of [["duckdb", "DuckDB-written"], ["zstd-v2", "arrow-rs zstd v2"]]) {
    const q = p[`${kind}Ratio300kTo10k`];
    if (!q) { out.push(`300k / 10k peak RSS, ${name}: not measured (a file is missing).`, ``); continue; }
    out.push(`300k / 10k peak RSS, ${name}: dry run **${f2(q.dryRun)}**, SQLite ingest ${q.sqliteIngest === null ? "not run" : `**${f2(q.sqliteIngest)}**`} ` +
      `(goal <= 1.15: ${mark(q.dryRun <= 1.15 && (q.sqliteIngest === null || q.sqliteIngest <= 1.15))}).`, ``);
  }
}

function sqlite(p, out) {
  const [a, b] = p.rows;
  const seedNote = `quoted from ${SEED.sqlite.source}, not re-measured`;
  out.push(`## SQLite (issue 13)`, ``, runLine(p), ``,
    `Files: ${fileLabel(a.file)}; ${fileLabel(b.file)}. ` +
    `Settings as the tool sets them: journal_mode=${p.journalMode} (read back from the file), synchronous=NORMAL, ` +
    `foreign_keys=OFF (src/db/sqlite/sqlite_statement.cc); default 5000-row chunks; database on ext4. ` +
    `The 100k first load's summary says: load path \`${b.validRows.load_path}\`.`, ``,
    `Copy limit (issue 13's definition): \`build-bench/bench/sqlite_copy_limit INGESTED.sqlite3 EMPTY.sqlite3\`: ` +
    `the same final rows copied table by table into an empty database with the same schema, ` +
    `\`ATTACH\` + \`INSERT INTO main.t SELECT * FROM src.t\`, one transaction, WAL, synchronous=NORMAL ` +
    `(SQLite's transfer shortcut). Without the shortcut: the same with \`WHERE 1\`, one transaction, and 20 transactions ` +
    `each holding a pseudo-random 1/20 of the vacancies with their rows (ingest order for a file whose ids are random).`, ``,
    `| | ${a.rows.toLocaleString("en")} rows | ${b.rows.toLocaleString("en")} rows | goal (100k) |`,
    `| --- | --- | --- | --- |`,
    `| rows read / valid | ${a.validRows.rows_read} / ${valid(a.validRows)} | ${b.validRows.rows_read} / ${valid(b.validRows)} | |`,
    `| database rows (all tables) | ${a.copyLimit.rows} | ${b.copyLimit.rows} | |`,
    `| jao-ingest, first load into a fresh file, s | ${f2(a.ingest.seconds)} | ${f2(b.ingest.seconds)} | <= 12 s: ${mark(b.ingest.seconds <= 12)} |`,
    `| seed design (Python/Django), s, ${seedNote} | ${f1(SEED.sqlite[10000])} | ${f1(SEED.sqlite[100000])} | |`,
    `| speed-up vs the quoted seed design (this run's time, under its load, against a quoted time: not a same-run ratio) | ${f1(SEED.sqlite[10000] / a.ingest.seconds)}x | ${f1(SEED.sqlite[100000] / b.ingest.seconds)}x | >= 16x: ${mark(SEED.sqlite[100000] / b.ingest.seconds >= 16)} |`,
    `| copy limit (transfer shortcut, 1 transaction), s | ${f2(a.copyLimit.seconds)} | ${f2(b.copyLimit.seconds)} | |`,
    `| **ingest / copy limit, same run** | **${f2(a.ratioToCopyLimit)}** | **${f2(b.ratioToCopyLimit)}** | <= 1.45: ${mark(b.ratioToCopyLimit <= 1.45)} |`,
    `| no shortcut, 1 transaction, s (ingest / it) | ${a.noShortcut ? `${f2(a.noShortcut.seconds)} (${f2(a.ingest.seconds / a.noShortcut.seconds)})` : "not run"} | ${b.noShortcut ? `${f2(b.noShortcut.seconds)} (${f2(b.ingest.seconds / b.noShortcut.seconds)})` : "not run"} | beat it: ${b.noShortcut ? mark(b.ingest.seconds < b.noShortcut.seconds) : "-"} |`,
    `| no shortcut, 20 transactions, s (ingest / it) | ${a.noShortcut20 ? `${f2(a.noShortcut20.seconds)} (${f2(a.ingest.seconds / a.noShortcut20.seconds)})` : "not run"} | ${b.noShortcut20 ? `${f2(b.noShortcut20.seconds)} (${f2(b.ingest.seconds / b.noShortcut20.seconds)})` : "not run"} | beat it: ${b.noShortcut20 ? mark(b.ingest.seconds < b.noShortcut20.seconds) : "-"} |`,
    `| re-ingest of the unchanged file, warm (after a \`sync\`, the database read once into the OS cache), s (speed-up) | ${f2(a.reingestWarm.seconds)} (${f1(a.reingestWarmSpeedup)}x) | ${f2(b.reingestWarm.seconds)} (${f1(b.reingestWarmSpeedup)}x) | >= 10x: ${mark(b.reingestWarmSpeedup >= 10)} |`,
    `| re-ingest, database evicted from the OS cache, s (speed-up) | ${f2(a.reingestCold.seconds)} (${f1(a.reingestColdSpeedup)}x) | ${f2(b.reingestCold.seconds)} (${f1(b.reingestColdSpeedup)}x) | >= 10x: ${mark(b.reingestColdSpeedup >= 10)} |`,
    `| peak RSS, first load, MiB | ${f1(a.ingest.peakRssMiB)} | ${f1(b.ingest.peakRssMiB)} | < 100: ${mark(a.ingest.peakRssMiB < 100 && b.ingest.peakRssMiB < 100)} |`,
    ``,
    `Linearity: 100k time / 10k time = **${f2(p.linearity100kTo10k)}** (goal <= 11: ${mark(p.linearity100kTo10k <= 11)}).`, ``,
    `Eviction before the cold re-ingest: ${b.reingestCold.eviction.method}` +
    `${b.reingestCold.eviction.residentBytesAfter !== null ? `; \`fincore\` then showed ${b.reingestCold.eviction.residentBytesAfter} bytes of the 100k database resident` : ""}.`, ``);
}

function postgresServer(s, out) {
  const st = s.settings;
  out.push(`### ${s.label === "production-like" ? "Production-like server" : "fsync-off server (labelled; not what production runs)"}`, ``,
    `PostgreSQL ${st.server_version}, ${s.label === "production-like" ? "initdb's defaults (\`JAO_PG_SETTINGS=production\`)" : "the test suite's settings (\`JAO_PG_SETTINGS=test\`)"}: ` +
    `fsync=${st.fsync}, synchronous_commit=${st.synchronous_commit}, full_page_writes=${st.full_page_writes}, ` +
    `shared_buffers=${st.shared_buffers} x 8 kB, wal_level=${st.wal_level}, default_toast_compression=${st.default_toast_compression}; ` +
    `unix socket, data on ext4, same machine. File: ${fileLabel(s.file)}.`, ``,
    `Copy baseline (issue 14's definition): \`build-bench/bench/pg_copy_baseline\`: every table of the loaded database ` +
    `\`COPY ... TO STDOUT (FORMAT binary)\` into memory, then \`COPY ... FROM STDIN (FORMAT binary)\` into a fresh database ` +
    `given the same schema by \`pg_dump --schema-only\` (indexes, unique constraints, deferred foreign keys present), ` +
    `one transaction, timed BEGIN to COMMIT.`, ``,
    `| | s | rows/s | peak RSS MiB | goal |`, `| --- | --- | --- | --- | --- |`);
  const fl = s.firstLoad;
  const seed = SEED.postgres[100000];
  const prod = s.label === "production-like";
  out.push(`| first load into a fresh database (the tool creates the Django schema), superuser | ${f2(fl.seconds)} | ${Math.round(s.file.rows / fl.seconds)} | ${f1(fl.peakRssMiB)} | ${prod ? `<= 16 s: ${mark(fl.seconds <= 16)}; < 100 MiB: ${mark(fl.peakRssMiB < 100)}` : "-"} |`,
    `| same-schema copy baseline, same run | ${f2(s.copyBaseline.seconds)} | | | |`,
    `| **first load / copy baseline** | **${f2(s.ratioToCopyBaseline)}** | | | |`);
  if (prod) {
    out.push(`| seed design (Python/Django bulk_create), quoted from ${SEED.postgres.source}, not re-measured | ${f1(seed)} | 311 | 617 (quoted) | |`,
      `| speed-up of the first load vs the quoted seed design (this run's time, under its load, against a quoted time: not a same-run ratio) | ${f1(seed / fl.seconds)}x | | | >= 20x: ${mark(seed / fl.seconds >= 20)} |`);
  }
  for (const l of s.later ?? []) {
    const t = l.summary.tables?.vacancies_vacancy ?? {};
    // No seed figure exists for a later export; the quoted first-load rate
    // (321.2 s per 100k rows) stands in for "the seed design on the same rows".
    out.push(`| later export into the loaded database, ${l.role} (vacancies: ${t.inserted ?? "?"} inserted, ${t.updated ?? "?"} updated, ${t.skipped ?? "?"} skipped) | ${f2(l.seconds)} | ${Math.round(s.laterFile.rows / l.seconds)} | ${f1(l.peakRssMiB)} | >= 10x the seed rate (<= ${f1(seed / 10)} s at the quoted 311 rows/s): ${mark(l.seconds <= seed / 10)} |`);
  }
  out.push(``);
  if (s.laterFile) out.push(`Later export: ${fileLabel(s.laterFile)}; ${s.laterFile.note}. The 10x goal is checked against the seed design's quoted first-load rate (issue 14 gives no seed figure for a later export).`, ``);
}

function postgres(p, out) {
  out.push(`## PostgreSQL (issue 14)`, ``, runLine(p), ``);
  postgresServer(p.production, out);
  if (p.fsyncOff) postgresServer(p.fsyncOff, out);
}

// The invocations whose figures are still in the file, each with the parts
// it still holds.
function liveInvocations(results) {
  return (results.invocations ?? [])
    .map((i) => ({ ...i, parts: Object.keys(results.parts).filter((p) => results.parts[p].run === i.id) }))
    .filter((i) => i.parts.length > 0);
}

// A part measured beside other work on 2 cores: load average above 3.
const loaded = (results) => Object.values(results.parts).some((p) =>
  Math.max(p.machineAtStart?.load1 ?? 0, p.machineAtEnd?.load1 ?? 0) > 3);

export function render(results) {
  const invocations = liveInvocations(results);
  const out = [`# Benchmark results`, ``,
    `Command: \`${results.lastRun.command}\` (last invocation; parts: ${results.lastRun.parts.join(", ")}). ` +
    `Each part below says when it ran, on which code and under which load; every ratio is between figures of the same run.`, ``,
    ...(invocations.length > 1 ? [`The figures below come from ${invocations.length} invocations, one part or more each: ` +
      invocations.map((i) => `\`${i.command}\` (${i.id}: ${i.parts.join(", ")})`).join("; ") + `.`, ``] : []),
    loaded(results)
      ? `**The machine was shared**: other work ran beside some parts (load average above 3 on 2 cores, see each part), ` +
        `so their absolute times are inflated and noisy; ratios measured in the same run (ours / DuckDB, ingest / copy limit, ` +
        `first load / copy baseline, 300k / 10k) are the figures to compare.`
      : `Every part ran with the machine otherwise idle (load average at most 3 on 2 cores at its start and end, see each part).`, ``,
    ...(results.notes ?? []).flatMap((n) => [`Note: ${n}`, ``]),
    `Seed design (Python/Django): not runnable here. ` +
    results.django.checks.map((c) => `\`${c.command}\` exited ${c.exit}: "${c.lastLine}"`).join("; ") +
    `. Its figures are quoted from issues 13 and 14 (same machine class, DuckDB-written export), labelled as such, ` +
    `and the speed-ups against them are computed from this run's times.`, ``];
  const p = results.parts;
  if (p.reader) reader(p.reader, out); else out.push(`## Reader (issue 10)`, ``, `Not run yet.`, ``);
  if (p.memory) memory(p.memory, out); else out.push(`## Memory (issue 10)`, ``, `Not run yet.`, ``);
  if (p.sqlite) sqlite(p.sqlite, out); else out.push(`## SQLite (issue 13)`, ``, `Not run yet.`, ``);
  if (p.postgres) postgres(p.postgres, out); else out.push(`## PostgreSQL (issue 14)`, ``, `Not run yet.`, ``);
  return out.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
  const results = JSON.parse(fs.readFileSync(path.join(root, "bench/results.json"), "utf8"));
  fs.writeFileSync(path.join(root, "bench/results.md"), render(results));
}
