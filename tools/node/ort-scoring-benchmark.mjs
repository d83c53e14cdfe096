// Scoring speed of ONNX Runtime (onnxruntime-node) on the project's ONNX export of the benchmark model.
// usage: node ort-scoring-benchmark.mjs <work-dir>   (files written by benchmarks/Predictor.Benchmarks.Scoring)
// One intra-op and one inter-op thread; times are this process's CPU time (process.cpuUsage), best of 3.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const work = process.argv[2];
const model = JSON.parse(readFileSync(join(work, 'model.json'), 'utf8'));
const width = model.features.length;
const bytes = readFileSync(join(work, 'patients.f32'));
const input = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
const rows = input.length / width;
const oursBytes = readFileSync(join(work, 'ours.f64'));
const ours = new Float64Array(oursBytes.buffer.slice(oursBytes.byteOffset, oursBytes.byteOffset + oursBytes.length));

const session = await ort.InferenceSession.create(join(work, 'model.onnx'), {
  intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
});
const cpuSeconds = (start) => { const u = process.cpuUsage(start); return (u.user + u.system) / 1e6; };

async function best(repeats, action) {
  let bestSeconds = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = process.cpuUsage();
    await action();
    bestSeconds = Math.min(bestSeconds, cpuSeconds(start));
  }
  return bestSeconds;
}

const batch = new ort.Tensor('float32', input, [rows, width]);
const first = await session.run({ features: batch });
let worst = 0;
for (let i = 0; i < rows; i++) worst = Math.max(worst, Math.abs(first.raw_score.data[i] - ours[i]));
console.log(`onnxruntime-node ${ort.env.versions?.common ?? ''} same trees: max |raw difference| vs ours over ${rows} rows = ${worst.toExponential(2)}`);
if (worst > 1e-4) { console.error('ONNX Runtime does not reproduce our scores'); process.exit(1); }

const batchSeconds = await best(3, () => session.run({ features: batch }));
console.log(`RESULT\tonnxruntime batch\t${(rows / batchSeconds).toFixed(0)} rows/s\t${(batchSeconds * 1e9 / rows).toFixed(1)} ns/row`);

const singles = Array.from({ length: 2000 }, (_, i) => new ort.Tensor('float32', input.subarray(i * width, (i + 1) * width), [1, width]));
const calls = 20000;
const single = async () => { for (let i = 0; i < calls; i++) await session.run({ features: singles[i % singles.length] }); };
await single();
const singleSeconds = await best(3, single);
console.log(`RESULT\tonnxruntime single row\t${(calls / singleSeconds).toFixed(0)} rows/s\t${(singleSeconds * 1e9 / calls).toFixed(1)} ns/row`);
