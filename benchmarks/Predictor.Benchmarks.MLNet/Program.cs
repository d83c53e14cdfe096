using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

// train --learner fasttree|lightgbm --dir D --threads T: fits ML.NET's trainer with FastTree's shape on D/train.csv
// (written by Predictor.Benchmarks.Gbdt prepare) and prints one JSON line like the other learners' workers.
if (args.FirstOrDefault() != "train")
{
    Console.Error.WriteLine("usage: train --learner fasttree|lightgbm --dir D --threads T");
    return 1;
}
string learner = Arg("--learner"), dir = Arg("--dir");
int threads = int.Parse(Arg("--threads"), CultureInfo.InvariantCulture);
var train = NumericCsv.Read(Path.Combine(dir, "train.csv"));
var test = NumericCsv.Read(Path.Combine(dir, "test.csv"));
var ml = new MLContext(seed: 1);

// Timed from the data in memory: the IDataView over the arrays, ML.NET's own conversion and binning, the fit.
var cpuBefore = Environment.CpuUsage.TotalTime;
var clock = Stopwatch.StartNew();
var data = ml.Data.LoadFromEnumerable(train.Rows(), train.SchemaDefinition());
// FastTree and ML.NET's LightGBM wrapper skip rows with a missing feature value, so an ML.NET user fills them first:
// mean imputation, the ML.NET default.
var fill = ml.Transforms.ReplaceMissingValues("Features", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean);
IEstimator<ITransformer> trainer = learner switch
{
    "fasttree" => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
    {
        NumberOfTrees = 100, NumberOfLeaves = 20, LearningRate = 0.2, MinimumExampleCountPerLeaf = 10, MaximumBinCountPerFeature = 255,
        NumberOfThreads = threads,
    }),
    "lightgbm" => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
    {
        NumberOfIterations = 100, NumberOfLeaves = 20, LearningRate = 0.2, MinimumExampleCountPerLeaf = 10, MaximumBinCountPerFeature = 255,
        NumberOfThreads = threads,
    }),
    _ => throw new ArgumentException($"--learner must be fasttree or lightgbm, not '{learner}'."),
};
var model = fill.Append(trainer).Fit(data);
double seconds = clock.Elapsed.TotalSeconds;
double cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;

var scored = model.Transform(ml.Data.LoadFromEnumerable(test.Rows(), test.SchemaDefinition()));
double auc = ml.BinaryClassification.EvaluateNonCalibrated(scored).AreaUnderRocCurve;
long peak = Process.GetCurrentProcess().PeakWorkingSet64;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"learner\":\"ML.NET {learner}\",\"rows\":{train.Labels.Length},\"trees\":100,\"seconds\":{seconds:R},\"cpu_seconds\":{cpuSeconds:R},\"peak_mb\":{peak / 1048576.0:F1},\"auc\":{auc:R}}}"));
return 0;

string Arg(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} is required.");
}

/// <summary>The benchmark's numeric CSV (label first, empty = missing) as float feature rows, ML.NET's element type.</summary>
internal sealed record NumericCsv(float[][] Features, bool[] Labels)
{
    public static NumericCsv Read(string path)
    {
        using var reader = new StreamReader(path);
        int width = reader.ReadLine()!.Split(',').Length - 1;
        var features = new List<float[]>();
        var labels = new List<bool>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var span = line.AsSpan();
            var row = new float[width];
            int c = -1;
            foreach (var range in span.Split(','))
            {
                var field = span[range];
                double value = field.IsEmpty ? double.NaN : double.Parse(field, CultureInfo.InvariantCulture);
                if (c < 0) labels.Add(value > 0.5);
                else row[c] = (float)value;
                c++;
            }
            features.Add(row);
        }
        return new NumericCsv([.. features], [.. labels]);
    }

    public IEnumerable<Example> Rows() => Labels.Select((label, i) => new Example { Label = label, Features = Features[i] });

    public SchemaDefinition SchemaDefinition()
    {
        var schema = Microsoft.ML.Data.SchemaDefinition.Create(typeof(Example));
        schema[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Features[0].Length);
        return schema;
    }
}

internal sealed class Example
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];
}
