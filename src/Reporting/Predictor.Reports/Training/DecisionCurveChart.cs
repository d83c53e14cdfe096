using Predictor.Reporting.Charts;
using Predictor.Training.Evaluation;

namespace Predictor.Reports.Training;

/// <summary>Net benefit of the model (out-of-fold) against treating everyone and no one, across threshold probabilities.</summary>
public static class DecisionCurveChart
{
    public const string Id = "decision-curve";

    /// <summary>The y-axis floor: below it treat-all is cut off (its net benefit falls without limit), as R's dcurves does.</summary>
    public const double Floor = -0.05;

    public static Chart Build(IReadOnlyList<DecisionCurvePoint> curve, double threshold)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Count == 0) throw new ArgumentException("The decision curve has no points.", nameof(curve));
        double top = Math.Max(0.05, curve.Max(p => Math.Max(p.Model, p.TreatAll)));
        var y = Axis.Nice("Net benefit", Floor, top);
        double[] x = [.. curve.Select(p => p.Threshold)];
        return new Chart("Decision curve (out-of-fold predictions)", new Axis("Threshold probability", 0, 1), y,
        [
            new LineSeries("Treat none", "#000000", [0, 1], [0, 0]),
            new LineSeries("Treat all", "#999999", x, [.. curve.Select(p => p.TreatAll >= y.Min ? p.TreatAll : double.NaN)]),
            new LineSeries("Model", Palette.Color(0), x, [.. curve.Select(p => Math.Max(p.Model, y.Min))]),
            new LineSeries($"Chosen threshold {ReportNumbers.Fixed(threshold, 3)}", Palette.Color(1), [threshold, threshold], [y.Min, y.Max]) { Dashed = true },
        ])
        {
            Id = Id,
            Legend = LegendPosition.TopRight,
            Width = 640,
            PlotHeight = 400,
        };
    }
}
