using System.Globalization;
using System.Runtime.InteropServices;
using Predictor.Benchmarks.Scoring;
using Predictor.Export.Onnx;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Compiled;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;

// usage: Predictor.Benchmarks.Scoring <work-dir> [patients=1000000]
//        Predictor.Benchmarks.Scoring margin [patients=500000]   (the linear margin's cost: LinearMarginOverhead.cs)
// Trains the benchmark model, writes model.json, model.onnx, patients.f32 (row-major float32) and ours.f64 (our raw
// scores), then times our scoring on ONE thread. tools/xgboost/scoring_benchmark.py and tools/node/ort-scoring-benchmark.mjs
// time XGBoost and ONNX Runtime on the same files; run-benchmark.sh runs all three.
if (args.Length > 0 && args[0] == "margin")
    return LinearMarginOverhead.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500_000);
string work = args.Length > 0 ? args[0] : throw new ArgumentException("usage: <work-dir> [patients]");
int patients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
Directory.CreateDirectory(work);
int width = BenchmarkModel.Width;

var model = BenchmarkModel.Train(rows: 50_000, seed: 7);
var artifact = new ModelArtifact(model);
ModelJson.WriteFile(artifact, Path.Combine(work, "model.json"));
using (var onnx = File.Create(Path.Combine(work, "model.onnx"))) OnnxExporter.Write(artifact, onnx);
var (rows, _) = BenchmarkModel.Patients(patients, seed: 11, withLabels: false);
File.WriteAllBytes(Path.Combine(work, "patients.f32"), MemoryMarshal.AsBytes(rows.Select(v => (float)v).ToArray().AsSpan()).ToArray());

var compiled = new CompiledEnsemble(model);
var scores = new double[patients];
compiled.PredictRaw(rows, scores); // warm-up (JIT tiers, page faults)
double batchSeconds = CpuTimer.Best(5, () => compiled.PredictRaw(rows, scores));
File.WriteAllBytes(Path.Combine(work, "ours.f64"), MemoryMarshal.AsBytes(scores.AsSpan()).ToArray());

var reference = new double[Math.Min(patients, 100_000)];
double naiveSeconds = CpuTimer.Best(1, () => model.PredictRaw(rows.AsSpan(0, reference.Length * width), reference)) * patients / reference.Length;
for (int i = 0; i < reference.Length; i++)
{
    if (reference[i] != scores[i]) throw new InvalidOperationException($"Compiled and reference scores differ at row {i}.");
}

// Single patient: one row at a time through the compiled trees, cycling through different patients.
const int singleCalls = 1_000_000;
double sink = 0;
for (int i = 0; i < 100_000; i++) sink += compiled.PredictRaw(rows.AsSpan(i % patients * width, width));
double singleSeconds = CpuTimer.Best(3, () =>
{
    for (int i = 0; i < singleCalls; i++) sink += compiled.PredictRaw(rows.AsSpan(i % patients * width, width));
});

// Single patient through the validating name -> value API (binding + scoring + logistic), for the same rows.
var scorer = new PatientScorer(artifact, Predictor.Scoring.Input.InputPolicy.Tolerant);
var maps = Enumerable.Range(0, 1000).Select(i => model.Features.Select((f, j) => (f.Name, Value: rows[i * width + j]))
    .ToDictionary(p => p.Name, p => double.IsNaN(p.Value) ? null : (object?)p.Value, StringComparer.Ordinal)).ToArray();
for (int i = 0; i < 50_000; i++) sink += scorer.Score(maps[i % maps.Length]).Probability;
const int mapCalls = 200_000;
double mapSeconds = CpuTimer.Best(3, () =>
{
    for (int i = 0; i < mapCalls; i++) sink += scorer.Score(maps[i % maps.Length]).Probability;
});

static int Depth(RegressionTree tree, int node) => node < 0 || tree.NodeCount == 0 ? 0 : 1 + Math.Max(Depth(tree, tree.LeftChild[node]), Depth(tree, tree.RightChild[node]));
static double MeanLeafDepth(RegressionTree tree)
{
    double total = 0;
    void Visit(int node, int depth)
    {
        if (node < 0) { total += depth; return; }
        Visit(tree.LeftChild[node], depth + 1);
        Visit(tree.RightChild[node], depth + 1);
    }
    if (tree.NodeCount > 0) Visit(0, 0);
    return total / tree.LeafCount;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"predictor mean max depth={model.Trees.Average(t => Depth(t, 0)):F2} mean leaf depth={model.Trees.Average(MeanLeafDepth):F2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"predictor trees={model.Trees.Count} leaves={model.Trees.Max(t => t.LeafCount)} nodes={model.Trees.Sum(t => t.NodeCount)} patients={patients} checksum={sink:E3}"));
CpuTimer.Report("predictor CompiledEnsemble batch", patients / batchSeconds, batchSeconds * 1e9 / patients);
CpuTimer.Report("predictor TreeEnsemble batch (unoptimised reference)", patients / naiveSeconds, naiveSeconds * 1e9 / patients);
CpuTimer.Report("predictor CompiledEnsemble single row", singleCalls / singleSeconds, singleSeconds * 1e9 / singleCalls);
CpuTimer.Report("predictor PatientScorer single patient (name->value map)", mapCalls / mapSeconds, mapSeconds * 1e9 / mapCalls);
return 0;
