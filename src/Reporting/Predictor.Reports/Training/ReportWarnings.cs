using System.Globalization;

namespace Predictor.Reports.Training;

/// <summary>What the reader must see first: the pipeline's own warnings, a cohort below the Riley minimum, a thin bootstrap.</summary>
public static class ReportWarnings
{
    public static IReadOnlyList<string> For(TrainingReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var warnings = new List<string>(input.Result.Warnings);
        if (input.Result.Rows < input.SampleSize.Required)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"The cohort ({input.Result.Rows} rows) is below the Riley et al. minimum sample size ({input.SampleSize.Required}): expect overfitting and treat every performance figure with caution."));
        if (input.Bootstrap is { Skipped: > 0 } b)
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"{b.Skipped} of {b.Replicates + b.Skipped} bootstrap replicates could not run the pipeline (too few of the rarer outcome) and were left out."));
        return warnings;
    }
}
