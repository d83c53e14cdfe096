using Predictor.Data.Contract;
using Predictor.Data.Tables;

namespace Predictor.Cli.Input;

/// <summary>
/// A table file read once (see <see cref="InputFiles.Open"/>): its columns as they are, with types inferred, and on
/// demand the same rows checked against the data contract, parsed from what was read rather than from the file again.
/// </summary>
internal sealed class TableFile(DataTable table, Func<CohortPurpose, IReadOnlyList<string>, CohortLoadResult> asCohort)
{
    /// <summary>The table as it is (CSV columns typed by inference, Parquet columns by the file's own types).</summary>
    public DataTable Table { get; } = table;

    /// <summary>Whether the table is a cohort file: it has the contract's <c>patient_id</c>.</summary>
    public bool IsCohort => Table.Contains(CohortContract.PatientId);

    /// <summary>The rows checked against the contract for <paramref name="purpose"/>: bad rows left out and listed.</summary>
    public CohortLoadResult AsCohort(CohortPurpose purpose, IReadOnlyList<string>? missingTokens = null) => asCohort(purpose, missingTokens ?? []);
}
