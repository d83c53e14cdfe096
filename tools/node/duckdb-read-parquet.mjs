// Reads a Parquet file with DuckDB and prints what it read as JSON: column names, DuckDB types, rows
// (DuckDB's JSON rendering) and per-column-chunk statistics from parquet_metadata().
// Usage: node duckdb-read-parquet.mjs FILE.parquet
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node duckdb-read-parquet.mjs FILE.parquet');
  process.exit(2);
}
const quoted = `'${file.replaceAll("'", "''")}'`;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const reader = await con.runAndReadAll(`SELECT * FROM read_parquet(${quoted})`);
const meta = await con.runAndReadAll(
  `SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count, compression, encodings
   FROM parquet_metadata(${quoted}) ORDER BY row_group_id, column_id`);
const created = await con.runAndReadAll(`SELECT created_by FROM parquet_file_metadata(${quoted})`);
console.log(JSON.stringify({
  file,
  reader: 'duckdb (node-api)',
  columns: reader.columnNames(),
  types: reader.columnTypes().map(t => t.toString()),
  row_count: reader.currentRowCount,
  rows: reader.getRowsJson(),
  chunks: meta.getRowObjectsJson(),
  created_by: created.getRowsJson()[0][0],
}));
