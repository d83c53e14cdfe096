using Predictor.Reporting.Charts;
using Predictor.Training.Evaluation;

namespace Predictor.Reports.Training;

/// <summary>Observed against predicted risk for the out-of-fold predictions: grouped points with Wilson CIs, a kernel smooth and the ideal line.</summary>
public static class CalibrationChart
{
    public const string Id = "calibration-curve";

    /// <summary>Groups of about 20 patients or more, between 3 and 10 of them (never more than there are patients).</summary>
    public static int GroupCount(int rows) => Math.Min(rows, Math.Clamp(rows / 20, 3, 10));

    public static Chart Build(IReadOnlyList<double> outOfFold, IReadOnlyList<double> labels, CalibrationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(outOfFold);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(summary);
        double[] p = [.. outOfFold], y = [.. labels];
        var groups = CalibrationCurve.Groups(p, y, GroupCount(p.Length));
        var smooth = CalibrationCurve.Smoothed(p, y);
        var unit = new[] { 0.0, 1.0 };
        string title = $"Calibration (out-of-fold): intercept {ReportNumbers.Fixed(summary.Intercept, 2)}, slope {ReportNumbers.Fixed(summary.Slope, 2)}";
        return new Chart(title, new Axis("Predicted probability", 0, 1), new Axis("Observed proportion", 0, 1),
        [
            new LineSeries("Ideal", "#999999", unit, unit) { Dashed = true },
            new LineSeries("Smoothed (Gaussian kernel)", Palette.Color(2), [.. smooth.Select(s => s.Predicted)], [.. smooth.Select(s => s.Observed)]),
            new PointSeries($"{groups.Count} risk groups, 95% CI", Palette.Color(0), [.. groups.Select(g => g.MeanPredicted)], [.. groups.Select(g => g.Observed)])
            {
                Lower = [.. groups.Select(g => g.Lower)],
                Upper = [.. groups.Select(g => g.Upper)],
            },
        ])
        {
            Id = Id,
            Legend = LegendPosition.TopLeft,
            Width = 640,
            PlotHeight = 440,
        };
    }
}
