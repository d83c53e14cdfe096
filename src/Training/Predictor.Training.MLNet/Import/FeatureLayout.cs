using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Data.Errors;
using Predictor.Scoring.Trees;
using Predictor.Training.MLNet.Conversion;

namespace Predictor.Training.MLNet.Import;

/// <summary>
/// What each slot of the trainer's feature vector is, in terms of our features, read back from ML.NET itself: probe
/// rows go through the model's own feature transforms and the slots that move tell what they are made from. A slot is
/// the value of one numeric column when it follows two probe values exactly (its value with every input missing is
/// then ML.NET's replacement, or NaN when NaN reaches the trees); a missing indicator when it is 1 with the column
/// missing and 0 with it present; a one-hot level when exactly one contract level of one text column sets it to 1.
/// A slot no probe moves is constant over every row the contract allows. Anything else is refused, naming the slot.
/// </summary>
/// <param name="Inputs">The ML.NET input columns the slots come from, in contract order.</param>
/// <param name="Features">Our model's features: the contract columns the slots come from, in contract order.</param>
/// <param name="Slots">Each slot's meaning; a constant slot is a <see cref="SlotKind.LevelIndicator"/> of level -1.</param>
/// <param name="SlotNames">ML.NET's slot names (or "slot k"), for messages.</param>
/// <param name="ConstantNonZero">Constant slots whose value is not 0.</param>
internal sealed record FeatureLayout(
    IReadOnlyList<ContractInput> Inputs,
    IReadOnlyList<ModelFeature> Features,
    IReadOnlyList<FeatureSlot> Slots,
    IReadOnlyList<string> SlotNames,
    IReadOnlySet<int> ConstantNonZero)
{
    private const float ProbeA = 1234.5f;
    private const float ProbeB = -2345.25f;

    /// <summary>The input row with every contract input missing and every other column at its default.</summary>
    public object?[] MissingRow(DataViewSchema input)
    {
        var row = RowsDataView.DefaultRow(input);
        foreach (var i in Inputs) row[i.Column.Index] = i.Missing;
        return row;
    }

    public static FeatureLayout Probe(MLNetPipeline pipeline, DataViewSchema input, string name)
    {
        var transforms = pipeline.Features;
        string featureName = pipeline.Predictor.FeatureColumnName;
        IRowToRowMapper mapper;
        try
        {
            mapper = transforms.GetRowToRowMapper(input);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new PredictorInputException($"{name}: the model's transforms do not apply to the input schema it was saved with ({ex.Message.ReplaceLineEndings(" ")}).", ex);
        }
        var featureColumn = mapper.OutputSchema.GetColumnOrNull(featureName)
            ?? throw new PredictorInputException($"{name}: the trainer reads column '{featureName}', which the pipeline does not make.");
        if (featureColumn.Type is not VectorDataViewType { IsKnownSize: true } vector || vector.ItemType != NumberDataViewType.Single)
            throw new PredictorInputException($"{name}: the trainer's '{featureName}' is {featureColumn.Type}, not a vector of Single of known size.");
        var inputs = ContractInput.Resolve(mapper.GetDependencies([featureColumn]), featureName, name);
        var slotNames = SlotNamesOf(featureColumn, vector.Size);
        var features = inputs.Select(i => i.IsCategorical
            ? new ModelFeature(i.Contract.Name, FeatureKind.Categorical, i.Contract.Levels)
            : new ModelFeature(i.Contract.Name, FeatureKind.Numeric)).ToList();

        // Row 0: everything missing; then two rows per numeric input and one per level of each categorical input.
        var layout = new FeatureLayout(inputs, features, [], slotNames, new HashSet<int>());
        var baseRow = layout.MissingRow(input);
        var rows = new List<object?[]> { baseRow };
        var probes = new List<(int Input, int Level)>();
        for (int f = 0; f < inputs.Count; f++)
        {
            var values = inputs[f].IsCategorical
                ? inputs[f].Contract.Levels.Select(ContractInput.Level).ToArray()
                : [inputs[f].Number(ProbeA), inputs[f].Number(ProbeB)];
            for (int v = 0; v < values.Length; v++)
            {
                var row = (object?[])baseRow.Clone();
                row[inputs[f].Column.Index] = values[v];
                rows.Add(row);
                probes.Add((f, v));
            }
        }
        var transformed = transforms.Transform(new RowsDataView(input, rows));
        var vectors = transformed.GetColumn<float[]>(transformed.Schema[featureName]).ToArray();

        var slots = new FeatureSlot[vector.Size];
        var constantNonZero = new HashSet<int>();
        for (int s = 0; s < slots.Length; s++)
        {
            float at(int probe) => vectors[probe + 1][s];
            float missing = vectors[0][s];
            var moved = Enumerable.Range(0, probes.Count).Where(p => !at(p).Equals(missing)).ToList();
            var movers = moved.Select(p => probes[p].Input).Distinct().ToList();
            if (movers.Count == 0)
            {
                slots[s] = new FeatureSlot(-1, SlotKind.LevelIndicator, -1);
                if (missing != 0) constantNonZero.Add(s);
                continue;
            }
            if (movers.Count > 1)
                throw new PredictorInputException($"{name}: slot '{slotNames[s]}' of '{featureName}' depends on several columns ({string.Join(", ", movers.Select(m => inputs[m].Column.Name))}); only one-column transforms are imported.");
            int feature = movers[0];
            var source = inputs[feature];
            int first = probes.FindIndex(p => p.Input == feature);
            if (!source.IsCategorical)
            {
                float a = at(first), b = at(first + 1);
                if (a.Equals(ProbeA) && b.Equals(ProbeB))
                    slots[s] = new FeatureSlot(feature, SlotKind.Value, Replacement: float.IsNaN(missing) ? null : missing);
                else if (missing == 1 && a == 0 && b == 0)
                    slots[s] = new FeatureSlot(feature, SlotKind.MissingIndicator);
                else
                    throw Unfollowable(name, featureName, slotNames[s], source);
            }
            else
            {
                if (moved.Count != 1 || missing != 0 || at(moved[0]) != 1)
                    throw Unfollowable(name, featureName, slotNames[s], source);
                slots[s] = new FeatureSlot(feature, SlotKind.LevelIndicator, probes[moved[0]].Level);
            }
        }
        foreach (var i in inputs.Where(i => !slots.Any(s => s.Feature >= 0 && inputs[s.Feature] == i)))
        {
            string hint = i.IsCategorical ? $" (no contract level {string.Join(", ", i.Contract.Levels)} sets any slot: are its categories spelt as in the contract?)" : "";
            throw new PredictorInputException($"{name}: the model reads column '{i.Column.Name}', but no slot of '{featureName}' is its value, its missing indicator or one of its one-hot levels{hint}.");
        }
        return layout with { Slots = slots, ConstantNonZero = constantNonZero };
    }

    private static PredictorInputException Unfollowable(string name, string featureName, string slot, ContractInput source) =>
        new($"{name}: slot '{slot}' of '{featureName}' is computed from '{source.Column.Name}' in a way that cannot be converted faithfully " +
            $"(it is not the value, a missing indicator or a one-hot level); supported transforms: {MLNetPipeline.Supported}.");

    private static string[] SlotNamesOf(DataViewSchema.Column column, int size)
    {
        var names = Enumerable.Range(0, size).Select(s => $"slot {s}").ToArray();
        if (column.HasSlotNames())
        {
            VBuffer<ReadOnlyMemory<char>> buffer = default;
            column.GetSlotNames(ref buffer);
            foreach (var (index, value) in buffer.Items())
            {
                if (!value.IsEmpty) names[index] = value.ToString();
            }
        }
        return names;
    }
}
