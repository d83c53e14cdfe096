using System.Globalization;
using System.Text;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Worker.Models;

namespace Predictor.Worker.Inbox;

/// <summary>Predictions as RFC 4180 CSV (as <see cref="CsvTableWriter"/> writes: invariant numbers, round-trip doubles).</summary>
internal sealed class CsvPredictionSink : PredictionSink
{
    private readonly StreamWriter _writer;

    public CsvPredictionSink(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _writer.Write($"{CohortContract.PatientId},{SourceRow},{Probability},{PredictedResistant}\n");
    }

    public override void Write(CohortLoadResult chunk, double[] probabilities, LoadedModel model)
    {
        var ids = PatientIds(chunk);
        Span<char> number = stackalloc char[32];
        for (int r = 0; r < probabilities.Length; r++)
        {
            _writer.Write(CsvTableWriter.Escape(ids[r]!));
            _writer.Write(',');
            chunk.SourceRows[r].TryFormat(number, out int written, default, CultureInfo.InvariantCulture);
            _writer.Write(number[..written]);
            _writer.Write(',');
            probabilities[r].TryFormat(number, out written, "R", CultureInfo.InvariantCulture);
            _writer.Write(number[..written]);
            _writer.Write(model.IsPositive(probabilities[r]) ? ",true\n" : ",false\n");
        }
    }

    public override void Complete() => _writer.Flush();

    public override void Dispose() => _writer.Dispose();
}
