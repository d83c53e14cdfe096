using Predictor.Reporting.Charts;
using Predictor.Training.Evaluation;

namespace Predictor.Reports.Training;

/// <summary>The ROC curve of the out-of-fold predictions, with its DeLong CI in the legend, a bootstrap band and the chosen operating point.</summary>
public static class RocChart
{
    public const string Id = "roc-curve";

    public static Chart Build(IReadOnlyList<double> outOfFold, IReadOnlyList<double> labels, DeLongAuc auc, ThresholdMetrics chosen, RocBand.Band band)
    {
        ArgumentNullException.ThrowIfNull(outOfFold);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(auc);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(band);
        var curve = RocCurve.Compute([.. outOfFold], [.. labels]);
        string name = $"Model: AUC {ReportNumbers.Fixed(auc.Auc, 3)} (95% CI {ReportNumbers.Interval(auc.Lower, auc.Upper)}, DeLong)";
        var unit = new[] { 0.0, 1.0 };
        return new Chart("ROC curve (out-of-fold predictions)", new Axis("1 − specificity (false-positive rate)", 0, 1), new Axis("Sensitivity (true-positive rate)", 0, 1),
        [
            new BandSeries("95% bootstrap band", Palette.Color(0), band.FalsePositiveRate, band.Lower, band.Upper) { InLegend = false },
            new LineSeries("Chance", "#999999", unit, unit) { Dashed = true },
            new LineSeries(name, Palette.Color(0), [.. curve.Select(p => p.FalsePositiveRate)], [.. curve.Select(p => p.TruePositiveRate)]),
            new PointSeries($"Chosen threshold {ReportNumbers.Fixed(chosen.Threshold, 3)}", Palette.Color(1), [1 - chosen.Specificity], [chosen.Sensitivity]) { Radius = 5 },
        ])
        {
            Id = Id,
            Legend = LegendPosition.BottomRight,
            Width = 640,
            PlotHeight = 440,
        };
    }
}
