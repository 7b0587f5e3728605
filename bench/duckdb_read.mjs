// DuckDB's side of the reader benchmark: reads every column of FILE with one
// thread and folds each value into a hash sum, so every value is decoded.
//   node bench/duckdb_read.mjs FILE
// Prints one JSON line: {"rows", "seconds", "uncompressed_bytes"}.
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const require = createRequire(path.join(root, "fixtures", "package.json"));
const { DuckDBInstance } = require("@duckdb/node-api");

const file = process.argv[2];
const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
const connection = await instance.connect();
const quoted = `'${file.replaceAll("'", "''")}'`;
const start = process.hrtime.bigint();
const reader = await connection.runAndReadAll(
  `SELECT count(*) AS n, sum(hash(COLUMNS(*))) FROM read_parquet(${quoted})`);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rows = Number(reader.getRows()[0][0]);
const meta = await connection.runAndReadAll(
  `SELECT sum(total_uncompressed_size) FROM parquet_metadata(${quoted})`);
console.log(JSON.stringify({ rows, seconds, uncompressed_bytes: Number(meta.getRows()[0][0]) }));
