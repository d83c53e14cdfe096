using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Data.Contract;
using Predictor.Data.Errors;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// An input column of the ML.NET model that its features are computed from, matched by name to a feature of the
/// cohort contract. Numbers (and booleans, 0/1) are read as Single or Double with NaN for missing; categories as text
/// with an empty value for missing, which ML.NET's one-hot encoding turns into all zeros as it does unknown levels.
/// </summary>
internal sealed record ContractInput(DataViewSchema.Column Column, ContractColumn Contract)
{
    public bool IsCategorical => Contract.Type is ContractValueType.Category or ContractValueType.OrderedCategory;

    /// <summary>The column's missing value, boxed as its ML.NET type.</summary>
    public object Missing => IsCategorical ? ReadOnlyMemory<char>.Empty : Number(double.NaN);

    /// <summary>A number boxed as the column's ML.NET type (a Single column rounds it as ML.NET's loaders do).</summary>
    public object Number(double value) => Column.Type.RawType == typeof(double) ? (object)value : (float)value;

    public static object Level(string level) => level.AsMemory();

    /// <summary>
    /// The contract features behind <paramref name="columns"/>, in contract order. Refuses, naming them, columns that
    /// are not contract features, and columns whose ML.NET type cannot carry the contract's values and missing values.
    /// </summary>
    public static IReadOnlyList<ContractInput> Resolve(IEnumerable<DataViewSchema.Column> columns, string featureColumn, string name)
    {
        var inputs = new List<ContractInput>();
        var unknown = new List<string>();
        foreach (var column in columns)
        {
            if (CohortContract.TryGet(column.Name, out var contract) && contract.IsFeature) inputs.Add(new ContractInput(column, contract));
            else unknown.Add(column.Name);
        }
        if (unknown.Count > 0)
        {
            throw new PredictorInputException(
                $"{name}: the model's '{featureColumn}' is computed from column(s) {Quoted(unknown)}, which are not features of the cohort contract " +
                "(../shared/DATA_CONTRACT.md); name the input columns as the contract does, e.g. age_years, bclc_stage, afp_ng_ml.");
        }
        foreach (var input in inputs)
        {
            var raw = input.Column.Type.RawType;
            if (input.IsCategorical && raw != typeof(ReadOnlyMemory<char>))
                throw new PredictorInputException($"{name}: column '{input.Column.Name}' is {input.Column.Type} in the model, but a category in the contract ({input.Contract.AllowedDescription}); read it as text and one-hot encode it.");
            if (!input.IsCategorical && raw != typeof(float) && raw != typeof(double))
            {
                string hint = raw == typeof(bool) ? " (a Boolean has no missing value; read it as Single, 1/0, NaN when missing)" : "";
                throw new PredictorInputException($"{name}: column '{input.Column.Name}' is {input.Column.Type} in the model, but a number in the contract; read it as Single{hint}.");
            }
        }
        return [.. inputs.OrderBy(i => IndexOf(i.Contract))];
    }

    private static int IndexOf(ContractColumn column)
    {
        for (int i = 0; i < CohortContract.Columns.Count; i++)
        {
            if (CohortContract.Columns[i].Name == column.Name) return i;
        }
        return int.MaxValue;
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
