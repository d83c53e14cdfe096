using System.Diagnostics;
using System.Globalization;
using Predictor.Benchmarks.Gbdt;

// Two steps, each run as its own process by tools/xgboost/benchmark.py so that peak memory is per learner:
//   prepare --rows N --seed S --dir D      simulated cohort -> D/train.csv (N rows) and D/test.csv (50,000 rows)
//   train --dir D --threads T [--fits K]   fasttree preset on D/train.csv, K times in one process; prints one JSON line
return args.FirstOrDefault() switch
{
    "prepare" => BenchmarkData.Prepare(Arg(args, "--rows"), ulong.Parse(ArgText(args, "--seed", "1"), CultureInfo.InvariantCulture), ArgText(args, "--dir", ".")),
    "train" => TrainRun.Run(ArgText(args, "--dir", "."), Arg(args, "--threads"), int.Parse(ArgText(args, "--fits", "1"), CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: prepare --rows N [--seed S] --dir D | train --dir D --threads T [--fits K]");
    return 1;
}

static int Arg(string[] args, string name) => int.Parse(ArgText(args, name, null), CultureInfo.InvariantCulture);

static string ArgText(string[] args, string name, string? fallback)
{
    int i = Array.IndexOf(args, name);
    if (i >= 0 && i + 1 < args.Length) return args[i + 1];
    return fallback ?? throw new ArgumentException($"{name} is required.");
}
