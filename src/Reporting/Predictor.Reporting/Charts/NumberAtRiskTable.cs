namespace Predictor.Reporting.Charts;

/// <summary>The "number at risk" rows printed under a survival chart, one per group, at the x-axis ticks.</summary>
public sealed record NumberAtRiskTable(IReadOnlyList<double> Times, IReadOnlyList<NumberAtRiskRow> Rows);

/// <summary>One group's counts at each of the table's times.</summary>
public sealed record NumberAtRiskRow(string Label, string Color, IReadOnlyList<int> Counts);
