namespace Predictor.Scoring.Explanations;

/// <summary>
/// Why a model cannot be explained by TreeSHAP (it has no node covers) and what the user can do about it, in one
/// sentence for every place that refuses an explanation: a file written before covers were stored is retrained, and
/// a model imported from ML.NET (which keeps no covers) is imported again with patients to count them from.
/// </summary>
public static class MissingCovers
{
    /// <summary>Training option under which <c>predictor import --mlnet</c> records the ML.NET zip a model came from.</summary>
    public const string MLNetSourceOption = "mlnet.source";

    /// <summary>One sentence: why a model with these training options (its metadata's) has no covers, and how to get an explainable one.</summary>
    public static string Explain(IReadOnlyDictionary<string, string> trainingOptions)
    {
        ArgumentNullException.ThrowIfNull(trainingOptions);
        return trainingOptions.TryGetValue(MLNetSourceOption, out var zip)
            ? $"the model was imported from ML.NET ({zip}) without patients to count TreeSHAP's node covers from; re-import it with 'predictor import --mlnet {zip} --data <training data> --out <model>' to explain predictions."
            : "the model carries no node covers (a format 1 file), so TreeSHAP cannot explain it; retrain it to explain predictions.";
    }
}
