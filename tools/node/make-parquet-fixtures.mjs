// Writes small DuckDB-made Parquet files of one cohort-shaped table (several codecs, with and without
// dictionaries, V2 pages with delta encodings, two row groups) into tests/Predictor.Data.Tests/Parquet/Fixtures/,
// plus duckdb_cohort.expected.json: DuckDB's reading, checked here to be identical for every variant, and
// each variant's column encodings. The files are committed so the reader tests run without npm.
// Usage (from tools/node): node make-parquet-fixtures.mjs
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'tests', 'Predictor.Data.Tests', 'Parquet', 'Fixtures');
mkdirSync(out, { recursive: true });

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
// One thread keeps the row-group layout deterministic.
await con.run('SET threads = 1');
// A cohort-shaped table with every type the reader maps, nulls in most columns, repeated and unique strings.
await con.run(`CREATE TABLE cohort AS
  SELECT
    i::INTEGER AS row_id,
    'P' || lpad(i::VARCHAR, 6, '0') AS patient_id,
    CASE WHEN i % 7 = 0 THEN NULL ELSE 18 + (i * 37) % 80 + (i % 10) / 10.0 END::DOUBLE AS age_years,
    CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END AS sex,
    CASE WHEN i % 11 = 0 THEN NULL ELSE ['HBV','HCV','alcohol','MASLD','other'][1 + i % 5] END AS etiology,
    (i % 5)::BIGINT * 1000000007 - 2 AS big_value,
    CASE WHEN i % 13 = 0 THEN NULL ELSE (i % 3 = 0) END AS microvascular_invasion,
    (i * 0.25)::FLOAT AS tumor_size_cm,
    CASE WHEN i % 17 = 0 THEN NULL ELSE (i * 12.5)::DECIMAL(10,2) END AS afp_ng_ml,
    DATE '2020-01-01' + (i % 400)::INTEGER AS start_date,
    TIMESTAMP '2021-03-04 05:06:07.123456' + INTERVAL (i) MINUTE AS visit_time,
    CASE WHEN i % 19 = 0 THEN NULL ELSE i * 31 % 1000 - 500 END::BIGINT AS delta_friendly
  FROM range(0, 2500) t(i)`);

const variants = [
  ['duckdb_snappy', "COMPRESSION snappy"],
  ['duckdb_gzip', "COMPRESSION gzip"],
  ['duckdb_uncompressed', "COMPRESSION uncompressed"],
  ['duckdb_snappy_nodict', "COMPRESSION snappy, DICTIONARY_SIZE_LIMIT 1"],
  ['duckdb_v2_delta', "COMPRESSION snappy, PARQUET_VERSION V2, DICTIONARY_SIZE_LIMIT 1"],
  ['duckdb_v2_dict', "COMPRESSION snappy, PARQUET_VERSION V2"],
  ['duckdb_two_row_groups', "COMPRESSION snappy, ROW_GROUP_SIZE 1000"],
];
let expected = null;
const encodings = {};
for (const [name, options] of variants) {
  const file = join(out, `${name}.parquet`);
  await con.run(`COPY cohort TO '${file}' (FORMAT parquet, ${options})`);
  const r = await con.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
  const reading = {
    reader: 'duckdb (node-api)',
    columns: r.columnNames(),
    types: r.columnTypes().map(t => t.toString()),
    row_count: r.currentRowCount,
    rows: r.getRowsJson(),
  };
  if (expected === null) expected = reading;
  else if (JSON.stringify(expected) !== JSON.stringify(reading)) throw new Error(`${name} reads differently from the first variant`);
  const meta = await con.runAndReadAll(`SELECT DISTINCT path_in_schema, encodings FROM parquet_metadata('${file}') ORDER BY 1`);
  encodings[name] = Object.fromEntries(meta.getRowsJson());
  console.log(`wrote ${file}`);
}
writeFileSync(join(out, 'duckdb_cohort.expected.json'), JSON.stringify({ ...expected, encodings }));
