using System.Globalization;
using System.Security.Cryptography;
using Predictor.Scoring.Artifact;
using Predictor.Scoring.Trees;
using Predictor.Training.DataSets;

namespace Predictor.Training.Gbdt;

/// <summary>
/// What a model file records about how it was made: the training data's fingerprint, the feature ranges seen in
/// training, and the options as text. Kept apart from the learner so that training itself stays free of file concerns.
/// </summary>
public static class TrainingProvenance
{
    /// <summary>Rows, positives and a SHA-256 over feature names, kinds, levels, values (as IEEE bits) and labels.</summary>
    public static DataFingerprint Fingerprint(TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var feature in data.Features)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{feature.Name}\u0001{feature.Kind}\u0001{string.Join('\u0002', feature.Levels)}\u0000"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(feature.Values.AsSpan()));
        }
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Labels.AsSpan()));
        long positives = data.Labels.LongCount(y => y > 0.5);
        return new DataFingerprint(data.RowCount, positives, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>The model with each numeric feature's training range recorded, so scorers can flag extrapolation.</summary>
    public static TreeEnsemble WithFeatureRanges(TreeEnsemble model, TrainingSet data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var features = model.Features.Select(f =>
        {
            var column = data.Features.FirstOrDefault(c => string.Equals(c.Name, f.Name, StringComparison.Ordinal));
            var seen = column is null || f.Kind != FeatureKind.Numeric ? [] : column.Values.Where(v => !double.IsNaN(v)).ToArray();
            return seen.Length == 0 ? f : new ModelFeature(f.Name, f.Kind, null) { Minimum = seen.Min(), Maximum = seen.Max() };
        }).ToList();
        return new TreeEnsemble(features, model.Trees, model.BaseScore, model.Linear);
    }

    /// <summary>Every option that shapes the model, as invariant text (threads are left out: they never change it).</summary>
    public static Dictionary<string, string> Describe(GbdtOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var described = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in typeof(GbdtOptions).GetProperties())
        {
            if (property.Name is nameof(GbdtOptions.Threads) or "EqualityContract") continue;
            // Unset optional settings are left out, so files of models without them read as before.
            if (property.GetValue(options) is null) continue;
            described[property.Name] = property.GetValue(options) switch
            {
                IReadOnlyDictionary<string, int> map => string.Join(',', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value:+0;-0;0}"))),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => other?.ToString() ?? "",
            };
        }
        return described;
    }
}
