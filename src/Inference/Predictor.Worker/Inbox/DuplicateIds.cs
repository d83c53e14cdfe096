using Predictor.Data.Contract;
using Predictor.Data.Tables;

namespace Predictor.Worker.Inbox;

/// <summary>
/// The contract validator finds duplicate identifiers within one row group; this finds them across row groups
/// (of an inbox file, or of a job being submitted a row group at a time), reporting and leaving out the later row as
/// the validator does within a file.
/// </summary>
internal sealed class DuplicateIds
{
    private readonly Dictionary<string, int> _firstRow = new(StringComparer.Ordinal);

    public CohortLoadResult Remove(CohortLoadResult chunk)
    {
        var ids = (TextColumn)chunk.Table[CohortContract.PatientId];
        List<int>? keep = null;
        List<DataIssue>? issues = null;
        for (int r = 0; r < ids.Length; r++)
        {
            string id = ids[r]!;
            int row = chunk.SourceRows[r];
            if (_firstRow.TryAdd(id, row))
            {
                keep?.Add(r);
                continue;
            }
            keep ??= [.. Enumerable.Range(0, r)];
            issues ??= [.. chunk.Issues];
            issues.Add(new DataIssue(chunk.Source, row, null, CohortContract.PatientId,
                $"duplicate {CohortContract.PatientId} (the same identifier is on row {_firstRow[id]})"));
        }
        if (keep is null) return chunk;
        return chunk with
        {
            Table = chunk.Table.SelectRows([.. keep]),
            SourceRows = [.. keep.Select(r => chunk.SourceRows[r])],
            Issues = [.. issues!.OrderBy(i => i.Row).ThenBy(i => i.Column, StringComparer.Ordinal)],
        };
    }
}
