using Microsoft.ML;
using Microsoft.ML.Data;
using Predictor.Scoring.Input;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.MLNet;

/// <summary>
/// Reads the current row's features from an ML.NET row, as the name -> value map <see cref="InputBinder"/> checks and
/// binds (so the schema rules and fallbacks are Predictor.Scoring's own). One per cursor: it holds the getters.
/// </summary>
internal sealed class FeatureReader
{
    private readonly TreeEnsemble _model;
    private readonly InputPolicy _policy;
    private readonly Func<object?>[] _named = [];
    private readonly string[] _names = [];
    private readonly ValueGetter<VBuffer<double>>? _doubles;
    private readonly ValueGetter<VBuffer<float>>? _singles;
    private readonly Dictionary<string, object?> _patient = new(StringComparer.Ordinal);
    private VBuffer<double> _doubleBuffer;
    private VBuffer<float> _singleBuffer;

    public FeatureReader(TreeEnsemble model, PredictorModelOptions options, DataViewRow row)
    {
        _model = model;
        _policy = options.Policy;
        if (options.FeaturesColumnName is { } vectorName)
        {
            var column = row.Schema[vectorName];
            if (((VectorDataViewType)column.Type).ItemType == NumberDataViewType.Double) _doubles = row.GetGetter<VBuffer<double>>(column);
            else _singles = row.GetGetter<VBuffer<float>>(column);
            return;
        }
        var names = new List<string>();
        var readers = new List<Func<object?>>();
        foreach (var feature in model.Features)
        {
            if (row.Schema.GetColumnOrNull(feature.Name) is not { } column) continue;
            names.Add(feature.Name);
            readers.Add(feature.Kind == FeatureKind.Categorical && column.Type is not TextDataViewType
                ? LevelCodeReader(Reader(row, column), feature, _policy)
                : Reader(row, column));
        }
        _names = [.. names];
        _named = [.. readers];
    }

    /// <summary>All columns a reader over <paramref name="schema"/> reads.</summary>
    public static IEnumerable<DataViewSchema.Column> Dependencies(TreeEnsemble model, PredictorModelOptions options, DataViewSchema schema) =>
        options.FeaturesColumnName is { } vectorName
            ? [schema[vectorName]]
            : model.Features.Select(f => schema.GetColumnOrNull(f.Name)).OfType<DataViewSchema.Column>();

    /// <summary>Writes the current row, bound and checked, into <paramref name="row"/>.</summary>
    public void Read(InputBinder binder, long position, Span<double> row)
    {
        if (_doubles is not null || _singles is not null)
        {
            ReadVector(position, row);
            return;
        }
        _patient.Clear();
        try
        {
            for (int i = 0; i < _named.Length; i++) _patient[_names[i]] = _named[i]();
            binder.BindPatient(_patient, row);
        }
        catch (ScoringInputException e)
        {
            // The binder knows the feature and the rule but not where the row sits in the IDataView.
            throw new InvalidOperationException($"Row {position}: {e.Message}", e);
        }
    }

    private void ReadVector(long position, Span<double> row)
    {
        int width = _model.Features.Count;
        if (_doubles is not null)
        {
            _doubles(ref _doubleBuffer);
            Require(_doubleBuffer.Length, width, position);
            _doubleBuffer.CopyTo(row);
        }
        else
        {
            _singles!(ref _singleBuffer);
            Require(_singleBuffer.Length, width, position);
            var values = _singleBuffer.DenseValues().GetEnumerator();
            for (int f = 0; f < width && values.MoveNext(); f++) row[f] = values.Current;
        }
        for (int f = 0; f < width; f++)
        {
            var feature = _model.Features[f];
            if (feature.Kind != FeatureKind.Categorical || double.IsNaN(row[f])) continue;
            double code = row[f];
            if (code >= 0 && code < feature.Levels.Count && code == Math.Floor(code)) continue;
            if (_policy.UnknownCategory == UnknownCategoryRule.Reject)
                throw new InvalidOperationException($"Row {position}: feature '{feature.Name}' holds a code that is not one of its {feature.Levels.Count} level codes (policy: unknown categories are refused).");
            row[f] = double.NaN;
        }
    }

    private static void Require(int length, int width, long position)
    {
        if (length != width)
            throw new InvalidOperationException($"Row {position}: the features vector has {length} values; the model reads {width}.");
    }

    private static Func<object?> Reader(DataViewRow row, DataViewSchema.Column column)
    {
        var type = column.Type;
        if (type == NumberDataViewType.Double) return Box(row.GetGetter<double>(column), v => v);
        if (type == NumberDataViewType.Single) return Box(row.GetGetter<float>(column), v => v);
        if (type == NumberDataViewType.Int32) return Box(row.GetGetter<int>(column), v => v);
        if (type == NumberDataViewType.Int64) return Box(row.GetGetter<long>(column), v => v);
        if (type == NumberDataViewType.Int16) return Box(row.GetGetter<short>(column), v => v);
        if (type == NumberDataViewType.Byte) return Box(row.GetGetter<byte>(column), v => v);
        if (type == BooleanDataViewType.Instance) return Box(row.GetGetter<bool>(column), v => v);
        // Text: the level name; an empty cell is missing, as in a CSV file.
        return Box(row.GetGetter<ReadOnlyMemory<char>>(column), v => v.IsEmpty ? null : v.ToString());
    }

    /// <summary>A categorical feature given as a number: the level code, turned into the level name the binder checks.</summary>
    private static Func<object?> LevelCodeReader(Func<object?> read, ModelFeature feature, InputPolicy policy) => () =>
    {
        double code = Convert.ToDouble(read(), System.Globalization.CultureInfo.InvariantCulture);
        if (double.IsNaN(code)) return null;
        if (code >= 0 && code < feature.Levels.Count && code == Math.Floor(code)) return feature.Levels[(int)code];
        if (policy.UnknownCategory == UnknownCategoryRule.Reject)
        {
            throw new ScoringInputException(ScoringInputProblem.UnknownCategory, feature.Name, null,
                $"Feature '{feature.Name}' holds a code that is not one of its {feature.Levels.Count} level codes (policy: unknown categories are refused).");
        }
        return null;
    };

    private static Func<object?> Box<T>(ValueGetter<T> getter, Func<T, object?> convert)
    {
        T value = default!;
        return () =>
        {
            getter(ref value);
            return convert(value);
        };
    }
}
