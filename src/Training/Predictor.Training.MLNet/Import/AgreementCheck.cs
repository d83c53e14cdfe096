using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Scoring.Artifact;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// The last guard of an import: ML.NET's own model and the converted model score the same generated rows (values
/// across each contract column's range with many digits, so that float rounding at thresholds is exercised, every
/// level, and missing values), and the import is refused if any probability differs by more than the tolerance.
/// The rows come from a fixed seed, so an import is reproducible.
/// </summary>
internal static class AgreementCheck
{
    public const double Tolerance = 1e-5;
    private const int Rows = 512;

    public static void Run(ITransformer model, DataViewSchema input, FeatureLayout layout, ModelArtifact artifact, string name)
    {
        var random = new Random(20261205);
        var mlRows = new List<object?[]>(Rows);
        var ourRows = new double[Rows][];
        var template = layout.MissingRow(input);
        for (int r = 0; r < Rows; r++)
        {
            var row = (object?[])template.Clone();
            var ours = new double[layout.Inputs.Count];
            for (int f = 0; f < layout.Inputs.Count; f++)
            {
                var column = layout.Inputs[f];
                // Every fifth row has everything missing in turn; otherwise a cell is missing one time in six.
                if (r % 5 == 0 ? random.Next(2) == 0 : random.Next(6) == 0)
                {
                    ours[f] = double.NaN;
                    continue;
                }
                if (column.IsCategorical)
                {
                    int level = random.Next(column.Contract.Levels.Count);
                    row[column.Column.Index] = ContractInput.Level(column.Contract.Levels[level]);
                    ours[f] = level;
                }
                else
                {
                    double value = Value(column.Contract, random);
                    row[column.Column.Index] = column.Number(value);
                    ours[f] = value;
                }
            }
            mlRows.Add(row);
            ourRows[r] = ours;
        }
        var scored = model.Transform(new RowsDataView(input, mlRows));
        var probabilities = scored.GetColumn<float>(scored.Schema["Probability"]).ToArray();
        for (int r = 0; r < Rows; r++)
        {
            double converted = artifact.Predict(ourRows[r]);
            if (!(Math.Abs(converted - probabilities[r]) <= Tolerance))
            {
                throw new PredictorInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the converted model does not reproduce ML.NET's probability on check row {r + 1} (ML.NET {probabilities[r]:R}, converted {converted:R}); not imported, please report it."));
            }
        }
    }

    /// <summary>
    /// A value in the contract column's range: booleans 0/1, integers whole, a bounded range uniformly, a range open
    /// above on a log scale up to a million above its minimum (AFP spans 1 to 10^6), an unbounded one in -10..10.
    /// </summary>
    private static double Value(ContractColumn column, Random random)
    {
        if (column.Type == ContractValueType.Boolean) return random.Next(2);
        double low = double.IsFinite(column.Minimum) ? column.Minimum : -10;
        double value = (double.IsFinite(column.Minimum), double.IsFinite(column.Maximum)) switch
        {
            (true, true) => low + random.NextDouble() * (column.Maximum - low),
            (true, false) => low + Math.Exp(random.NextDouble() * Math.Log(1e6)) - 1,
            _ => low + random.NextDouble() * 20,
        };
        if (column.Type == ContractValueType.Integer) value = Math.Round(value);
        return column.IsInRange(value) ? value : low + 1;
    }
}
