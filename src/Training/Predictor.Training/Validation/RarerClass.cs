namespace Predictor.Training.Validation;

/// <summary>How many rows the less frequent outcome has: what limits folds and resamples.</summary>
internal static class RarerClass
{
    public static int Count(double[] labels)
    {
        int positives = labels.Count(y => y == 1);
        return Math.Min(positives, labels.Length - positives);
    }
}
