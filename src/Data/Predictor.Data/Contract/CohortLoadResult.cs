using Predictor.Data.Tables;

namespace Predictor.Data.Contract;

/// <summary>
/// A cohort file checked against the contract: the good rows as a typed table, and every problem found.
/// <see cref="SourceRows"/> maps each row of <see cref="Table"/> back to its 1-based row in the file.
/// </summary>
public sealed record CohortLoadResult(
    string Source,
    DataTable Table,
    IReadOnlyList<int> SourceRows,
    IReadOnlyList<DataIssue> Issues,
    int SourceRowCount,
    IReadOnlyList<string> IgnoredColumns)
{
    /// <summary>The 1-based file rows that were left out because of an issue, in order.</summary>
    public IReadOnlyList<int> RejectedRows => Issues.Select(i => i.Row).Distinct().Order().ToList();

    public bool HasIssues => Issues.Count > 0;
}
