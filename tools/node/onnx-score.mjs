// Scores an ONNX model with ONNX Runtime (onnxruntime-node) for the .NET tests and benchmarks.
// usage: node onnx-score.mjs model.onnx input.f32 rows width output.f32 [raw.f32]
// input.f32: rows*width little-endian float32, row-major; output.f32 receives `probability` as float32 and the
// optional raw.f32 the graph's `raw_score` (log-odds) as float32.
import { readFileSync, writeFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

const [modelPath, inputPath, rowsText, widthText, outputPath, rawPath] = process.argv.slice(2);
if (!outputPath) {
  console.error('usage: node onnx-score.mjs model.onnx input.f32 rows width output.f32 [raw.f32]');
  process.exit(2);
}
const rows = Number(rowsText);
const width = Number(widthText);
const bytes = readFileSync(inputPath);
if (bytes.length !== rows * width * 4) {
  console.error(`${inputPath}: ${bytes.length} bytes is not ${rows} x ${width} float32 values`);
  process.exit(2);
}
const input = new Float32Array(bytes.buffer, bytes.byteOffset, rows * width);
const session = await ort.InferenceSession.create(modelPath);
const result = await session.run({ features: new ort.Tensor('float32', input, [rows, width]) });
const probability = result.probability.data;
writeFileSync(outputPath, Buffer.from(probability.buffer, probability.byteOffset, probability.byteLength));
if (rawPath) {
  const raw = result.raw_score.data;
  writeFileSync(rawPath, Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
}
