// DuckDB side of the Parquet benchmark (benchmarks/Predictor.Benchmarks.Parquet/run-benchmark.sh).
//   generate ROWS OUT   build a cohort-shaped table (the data contract's 26 columns) and write it with DuckDB's defaults
//   read FILE           time CREATE TABLE t AS SELECT * FROM read_parquet(FILE): the whole file into memory
//   write FILE OUT      load FILE (untimed), then time COPY t TO OUT (FORMAT parquet) with defaults
//   compare A B         check that two files hold the same rows (values compared after casting to common types)
// Prints one JSON line: wall seconds, CPU seconds of the whole process (DuckDB's threads included; steadier than wall
// time on a shared machine), and peak_mb, the process's maximum resident set.
import { DuckDBInstance } from '@duckdb/node-api';

const [op, a, b] = process.argv.slice(2);
const q = s => `'${s.replaceAll("'", "''")}'`;
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();

if (op === 'generate') {
  const rows = Number(a);
  await con.run(`CREATE TABLE cohort AS SELECT
      'P' || lpad(i::VARCHAR, 7, '0') AS patient_id,
      round(18 + random() * 70, 1) AS age_years,
      CASE WHEN random() < 0.8 THEN 'M' ELSE 'F' END AS sex,
      ['HBV','HCV','alcohol','MASLD','other'][1 + floor(random() * 5)::INT] AS etiology,
      ['A','B','C'][1 + floor(random() * 3)::INT] AS child_pugh,
      floor(random() * 3)::INTEGER AS ecog_ps,
      ['0','A','B','C','D'][1 + floor(random() * 5)::INT] AS bclc_stage,
      round(1 + random() * 15, 1) AS tumor_size_cm,
      1 + floor(random() * 4)::INTEGER AS tumor_count,
      random() < 0.3 AS microvascular_invasion,
      round(exp(random() * 12), 2) AS afp_ng_ml,
      CASE WHEN random() < 0.5 THEN 'sorafenib' ELSE 'lenvatinib' END AS treatment,
      round(random() * 300) AS pi3k_hscore,
      round(random() * 300) AS p_akt_hscore,
      round(random() * 300) AS p_mtor_hscore,
      CASE WHEN random() < 0.1 THEN NULL ELSE round(random() * 300) END AS pten_hscore,
      round(random() * 300) AS mdr1_hscore,
      round(random() * 300) AS bcl2_hscore,
      CASE WHEN i % 3 = 0 THEN NULL ELSE round(random() * 20 - 10, 3) END AS mir_21,
      CASE WHEN i % 3 = 0 THEN NULL ELSE round(random() * 20 - 10, 3) END AS mir_155,
      CASE WHEN i % 3 = 0 THEN NULL ELSE round(random() * 20 - 10, 3) END AS mir_205_5p,
      CASE WHEN i % 3 = 0 THEN NULL ELSE round(random() * 20 - 10, 3) END AS mir_144_3p,
      random() < 0.4 AS resistant_6m,
      round(0.5 + random() * 40, 2) AS os_months,
      random() < 0.7 AS os_event
    FROM range(${rows}) t(i)`);
  await con.run(`COPY cohort TO ${q(b)} (FORMAT parquet)`);
  console.log(JSON.stringify({ engine: 'duckdb', op, rows, file: b }));
  process.exit(0);
}

if (op === 'compare') {
  const count = async sql => Number((await con.runAndReadAll(sql)).getRowsJson()[0][0]);
  const rows = await count(`SELECT count(*) FROM read_parquet(${q(a)})`);
  const onlyA = await count(`SELECT count(*) FROM (SELECT * FROM read_parquet(${q(a)}) EXCEPT ALL SELECT * FROM read_parquet(${q(b)}))`);
  const onlyB = await count(`SELECT count(*) FROM (SELECT * FROM read_parquet(${q(b)}) EXCEPT ALL SELECT * FROM read_parquet(${q(a)}))`);
  console.log(JSON.stringify({ engine: 'duckdb', op, a, b, rows, rows_only_in_a: onlyA, rows_only_in_b: onlyB }));
  process.exit(onlyA === 0 && onlyB === 0 ? 0 : 1);
}

let seconds;
let cpu;
if (op === 'read') {
  cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_parquet(${q(a)})`);
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  cpu = process.cpuUsage(cpu);
} else if (op === 'write') {
  await con.run(`CREATE TABLE t AS SELECT * FROM read_parquet(${q(a)})`);
  cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await con.run(`COPY t TO ${q(b)} (FORMAT parquet)`);
  seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  cpu = process.cpuUsage(cpu);
} else {
  console.error('usage: generate ROWS OUT | read FILE | write FILE OUT | compare A B');
  process.exit(2);
}
const rows = (await con.runAndReadAll('SELECT count(*) FROM t')).getRowsJson()[0][0];
const threads = (await con.runAndReadAll("SELECT current_setting('threads')")).getRowsJson()[0][0];
console.log(JSON.stringify({ engine: 'duckdb', op, rows: Number(rows), threads, seconds: Number(seconds.toFixed(3)), cpu_seconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)), peak_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
