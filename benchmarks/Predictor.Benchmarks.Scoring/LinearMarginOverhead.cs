using System.Globalization;
using Predictor.Scoring.Compiled;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Trees;
using Predictor.Training.Gbdt;

namespace Predictor.Benchmarks.Scoring;

/// <summary>
/// What a linear margin adds to scoring: the same trees scored with and without their margin (and the margin alone,
/// as a model without trees), side by side in one process, through every scorer path: row-major and column-major
/// batches (binned blocks where the CPU has 256-bit SIMD), 7-row batches (below the binned crossover, so the node
/// walk) and single rows. Two models: the bundled one (models/resistance.model.json: 39 trees of depth 2 over 21
/// features, a term for every feature, 3 of them categorical) on synthetic patients inside its feature ranges, and the
/// FastTree-shaped benchmark model (100 trees x 20 leaves, 20 numeric features) trained with the linear start.
/// Measurements alternate between the variants, so a change in the shared machine's load hits all of them alike.
/// </summary>
internal static class LinearMarginOverhead
{
    private const int Repeats = 5;
    private const int SmallBatch = 7;

    public static int Run(int patients)
    {
        const string bundled = "models/resistance.model.json";
        if (!File.Exists(bundled))
            throw new FileNotFoundException($"Run the margin benchmark from the repository root: {bundled} is not in {Directory.GetCurrentDirectory()}.", bundled);
        Measure("bundled model (39 trees, depth 2, 21 features)", ModelJson.ReadFile(bundled), patients, seed: 5);
        var options = GbdtPresets.FastTree with { Trees = 100, Leaves = 20, Threads = 1, Seed = 7, LinearStartPenalty = 1.0 };
        Measure("benchmark model with linear start (100 trees x 20 leaves, 20 features)", BenchmarkModel.Train(50_000, options), patients, seed: 11);
        return 0;
    }

    private static void Measure(string name, TreeEnsemble model, int patients, int seed)
    {
        var margin = model.Linear ?? throw new InvalidOperationException($"The {name} has no linear margin to measure.");
        var variants = new (string Name, CompiledEnsemble Scorer)[]
        {
            ("trees only", new CompiledEnsemble(new TreeEnsemble(model.Features, model.Trees, model.BaseScore))),
            ("trees + margin", new CompiledEnsemble(model)),
            ("margin alone", new CompiledEnsemble(new TreeEnsemble(model.Features, [], model.BaseScore, margin))),
        };
        int width = model.Features.Count;
        var rows = Rows(model, patients, seed);
        var columns = new double[rows.Length];
        for (int r = 0; r < patients; r++)
        {
            for (int f = 0; f < width; f++) columns[f * patients + r] = rows[r * width + f];
        }
        var scores = new double[patients];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {model.Trees.Count} trees, {margin.Terms.Count} linear terms ({margin.Terms.Count(t => t.IsCategorical)} categorical), {patients} patients"));
        CheckAgainstReference(model, variants[1].Scorer, rows, columns, scores);

        var paths = new (string Name, int Rows, Action<CompiledEnsemble> Score)[]
        {
            ("batch row-major", patients, s => s.PredictRaw(rows, scores)),
            ("batch column-major", patients, s => s.PredictRawColumns(columns, scores)),
            ($"{SmallBatch}-row batches (node walk)", patients / SmallBatch * SmallBatch, s =>
            {
                for (int r = 0; r + SmallBatch <= patients; r += SmallBatch)
                    s.PredictRaw(rows.AsSpan(r * width, SmallBatch * width), scores.AsSpan(r, SmallBatch));
            }),
            ("single row", patients, s =>
            {
                double sink = 0;
                for (int r = 0; r < patients; r++) sink += s.PredictRaw(rows.AsSpan(r * width, width));
                scores[0] = sink;
            }),
        };
        foreach (var path in paths)
        {
            var best = new double[variants.Length];
            Array.Fill(best, double.MaxValue);
            foreach (var (_, scorer) in variants) path.Score(scorer); // warm-up (JIT tiers, page faults)
            for (int repeat = 0; repeat < Repeats; repeat++)
            {
                for (int v = 0; v < variants.Length; v++)
                {
                    var scorer = variants[v].Scorer;
                    best[v] = Math.Min(best[v], CpuTimer.Once(() => path.Score(scorer)));
                }
            }
            for (int v = 0; v < variants.Length; v++)
                CpuTimer.Report($"{path.Name}, {variants[v].Name}", path.Rows / best[v], best[v] * 1e9 / path.Rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"OVERHEAD\t{path.Name}\t+{(best[1] - best[0]) * 1e9 / path.Rows:F1} ns/row\t{(best[1] / best[0] - 1) * 100:F1}%"));
        }
    }

    /// <summary>The compiled model must score every layout bit for bit like the reference walk.</summary>
    private static void CheckAgainstReference(TreeEnsemble model, CompiledEnsemble compiled, double[] rows, double[] columns, double[] scores)
    {
        int width = model.Features.Count, patients = scores.Length, checkedRows = Math.Min(patients, 20_000);
        compiled.PredictRaw(rows, scores);
        var rowMajor = scores[..checkedRows];
        compiled.PredictRawColumns(columns, scores);
        for (int r = 0; r < checkedRows; r++)
        {
            double expected = model.PredictRaw(rows.AsSpan(r * width, width));
            if (rowMajor[r] != expected || scores[r] != expected || compiled.PredictRaw(rows.AsSpan(r * width, width)) != expected)
                throw new InvalidOperationException($"Row {r}: a compiled path differs from TreeEnsemble.PredictRaw ({expected:R}).");
        }
    }

    /// <summary>
    /// Row-major synthetic patients: numeric values uniform over the feature's training range (0-300 without one),
    /// categorical features a known level code, 5% missing throughout (as float32-exact values).
    /// </summary>
    private static double[] Rows(TreeEnsemble model, int patients, int seed)
    {
        var random = new Random(seed);
        int width = model.Features.Count;
        var rows = new double[patients * width];
        for (int r = 0; r < patients; r++)
        {
            for (int f = 0; f < width; f++)
            {
                var feature = model.Features[f];
                double low = feature.Minimum ?? 0, high = feature.Maximum ?? 300;
                rows[r * width + f] = random.NextDouble() < 0.05 ? double.NaN
                    : feature.Kind == FeatureKind.Categorical ? random.Next(feature.Levels.Count)
                    : (float)(low + random.NextDouble() * (high - low));
            }
        }
        return rows;
    }
}
