using System.Globalization;
using Predictor.Data.Contract;
using Predictor.Scoring.Input;
using Predictor.Scoring.Tables;
using Predictor.Worker.Http;
using Predictor.Worker.Models;
using Predictor.Worker.Scoring;

namespace Predictor.Benchmarks.Worker;

/// <summary>Bytes allocated by each step of a single-patient request, measured one step at a time.</summary>
internal static class RequestPieces
{
    public static void Run(string modelPath, string patientJson, int repeats)
    {
        var model = ModelLoader.Load(modelPath, TimeProvider.System);
        byte[] body = File.ReadAllBytes(patientJson);
        var sequence = new System.Buffers.ReadOnlySequence<byte>(body);
        var (table, _) = PatientJson.Read(sequence, 1000);
        var validated = CohortLoader.FromTable(table, "request", CohortPurpose.Scoring);
        var rows = ModelInput.FromTable(validated.Table, model.Ensemble, InputPolicy.Tolerant);
        Measure("PatientJson.Read", repeats, () => PatientJson.Read(sequence, 1000));
        Measure("CohortLoader.FromTable", repeats, () => CohortLoader.FromTable(table, "request", CohortPurpose.Scoring));
        Measure("ModelInput.FromTable", repeats, () => ModelInput.FromTable(validated.Table, model.Ensemble, InputPolicy.Tolerant));
        var probabilities = new double[1];
        Measure("LoadedModel.Score (1 row)", repeats, () => model.Score(rows, probabilities));
    }

    private static void Measure(string what, int repeats, Action action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < repeats; i++) action();
        double us = clock.Elapsed.TotalMicroseconds / repeats;
        double bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)repeats;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-28} {bytes,8:F0} bytes {us,8:F2} us"));
    }
}
