using Predictor.Data.Tables;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Design;

namespace Predictor.Survival.Analysis;

/// <summary>A Cox model fitted to table columns, with its proportional-hazards check and the rows it used.</summary>
public sealed record CoxAnalysis(CoxResult Model, ProportionalHazardsResult? ProportionalHazards, int DroppedRows, string? ProportionalHazardsNote)
{
    /// <summary>Fits the covariates of <paramref name="table"/> (rows missing one are left out, as R does) to the outcome.</summary>
    public static CoxAnalysis Run(DataTable table, SurvivalData outcome, IReadOnlyList<string> covariates, CoxOptions options, IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        // The outcome is indexed like `rows` (all table rows when null); map the kept table rows back to it.
        var candidates = rows ?? [.. Enumerable.Range(0, table.RowCount)];
        var position = candidates.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
        var build = DesignMatrixBuilder.Build(table, covariates, candidates);
        var used = outcome.Select([.. build.Rows.Select(r => position[r])]);
        var model = CoxModel.Fit(used, build.Matrix, options);
        if (options.Ties == TieMethod.Exact)
            return new CoxAnalysis(model, null, build.DroppedRows, "The proportional-hazards test is computed for Efron and Breslow fits only.");
        return new CoxAnalysis(model, ProportionalHazardsTest.Compute(used, build.Matrix, model), build.DroppedRows, null);
    }
}
