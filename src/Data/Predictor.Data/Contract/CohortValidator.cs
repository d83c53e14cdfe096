using Predictor.Data.Errors;
using Predictor.Data.Tables;

namespace Predictor.Data.Contract;

/// <summary>
/// Checks every cell of a cohort file against <see cref="CohortContract"/> and builds the typed table of good rows.
/// Each contract type becomes one column kind: numbers and integers -> <see cref="NumericColumn"/>, booleans ->
/// <see cref="BooleanColumn"/>, categories -> <see cref="CategoricalColumn"/> with the contract's levels in contract
/// order, the identifier -> <see cref="TextColumn"/>.
/// </summary>
internal static class CohortValidator
{
    public static CohortLoadResult Validate(
        string source,
        IReadOnlyList<string> header,
        Func<int, CellSource> cellsOf,
        int rowCount,
        IReadOnlyList<int>? lineNumbers,
        CohortPurpose purpose,
        IReadOnlyList<int>? rowNumbers = null)
    {
        // The file row of each table row: its position, unless the reader skipped unreadable records.
        int FileRow(int row) => rowNumbers?[row] ?? row + 1;
        var present = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++) present[header[i]] = i;

        var absent = CohortContract.Columns
            .Where(c => !present.ContainsKey(c.Name))
            .Where(c => c.Presence == ContractPresence.Required
                        || (c.Presence == ContractPresence.RequiredForTraining && purpose == CohortPurpose.Training))
            .Select(c => c.Name)
            .ToList();
        if (absent.Count > 0)
        {
            throw new PredictorInputException(
                $"{source}: missing required column{(absent.Count > 1 ? "s" : "")} {string.Join(", ", absent)} " +
                "(see DATA_CONTRACT.md; use --label/--id for tables that do not follow the cohort contract).");
        }

        var issues = new List<DataIssue>();
        var columns = new List<Column>();
        var badRows = new bool[rowCount];
        foreach (var spec in CohortContract.Columns)
        {
            if (!present.TryGetValue(spec.Name, out int index)) continue;
            if (spec.IsLabel && purpose == CohortPurpose.Scoring) continue;
            var cells = cellsOf(index);
            void Report(int row, string problem)
            {
                badRows[row] = true;
                issues.Add(new DataIssue(source, FileRow(row), lineNumbers?[row], spec.Name, problem));
            }
            columns.Add(spec.Type switch
            {
                ContractValueType.Identifier => ParseIdentifiers(spec, cells, rowCount, Report, FileRow),
                ContractValueType.Number or ContractValueType.Integer => ParseNumbers(spec, cells, rowCount, Report),
                ContractValueType.Boolean => ParseBooleans(spec, cells, rowCount, Report),
                _ => ParseCategories(spec, cells, rowCount, Report),
            });
        }

        var goodRows = Enumerable.Range(0, rowCount).Where(r => !badRows[r]).ToArray();
        var table = new DataTable(columns);
        if (goodRows.Length != rowCount) table = table.SelectRows(goodRows);
        var ignored = header.Where(h => !CohortContract.TryGet(h, out var spec) || (spec.IsLabel && purpose == CohortPurpose.Scoring)).ToList();
        var ordered = issues.OrderBy(i => i.Row).ThenBy(i => i.Column, StringComparer.Ordinal).ToList();
        return new CohortLoadResult(source, table, goodRows.Select(FileRow).ToArray(), ordered, rowCount, ignored);
    }

    private static TextColumn ParseIdentifiers(ContractColumn spec, CellSource cells, int rowCount, Action<int, string> report, Func<int, int> fileRow)
    {
        var values = new string?[rowCount];
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int r = 0; r < rowCount; r++)
        {
            if (cells.IsMissing(r))
            {
                report(r, "the identifier is empty; every patient needs one");
                continue;
            }
            string id = cells.GetText(r);
            if (firstSeen.TryGetValue(id, out int first))
                report(r, $"duplicate {spec.Name} (the same identifier is on row {fileRow(first)})");
            else
                firstSeen.Add(id, r);
            values[r] = id;
        }
        return new TextColumn(spec.Name, values);
    }

    private static NumericColumn ParseNumbers(ContractColumn spec, CellSource cells, int rowCount, Action<int, string> report)
    {
        var values = new double[rowCount];
        for (int r = 0; r < rowCount; r++)
        {
            values[r] = double.NaN;
            if (cells.IsMissing(r)) continue;
            if (!cells.TryGetNumber(r, out double value))
            {
                report(r, $"{cells.Describe(r)} is not a number; expected {spec.AllowedDescription}");
                continue;
            }
            if (spec.Type == ContractValueType.Integer && value != Math.Floor(value))
            {
                report(r, $"{cells.Describe(r)} is not a whole number; expected {spec.AllowedDescription}");
                continue;
            }
            if (!spec.IsInRange(value))
            {
                report(r, $"{cells.Describe(r)} is out of range; expected {spec.AllowedDescription}");
                continue;
            }
            values[r] = value;
        }
        return new NumericColumn(spec.Name, values);
    }

    private static BooleanColumn ParseBooleans(ContractColumn spec, CellSource cells, int rowCount, Action<int, string> report)
    {
        var values = new byte[rowCount];
        for (int r = 0; r < rowCount; r++)
        {
            values[r] = BooleanColumn.Missing;
            if (cells.IsMissing(r)) continue;
            if (!cells.TryGetBoolean(r, out bool value))
            {
                report(r, $"{cells.Describe(r)} is not a boolean; expected {spec.AllowedDescription}");
                continue;
            }
            values[r] = value ? (byte)1 : (byte)0;
        }
        return new BooleanColumn(spec.Name, values);
    }

    private static CategoricalColumn ParseCategories(ContractColumn spec, CellSource cells, int rowCount, Action<int, string> report)
    {
        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < spec.Levels.Count; i++) lookup[spec.Levels[i]] = i;
        var codes = new int[rowCount];
        for (int r = 0; r < rowCount; r++)
        {
            codes[r] = CategoricalColumn.MissingCode;
            if (cells.IsMissing(r)) continue;
            if (!lookup.TryGetValue(cells.GetText(r), out int code))
            {
                report(r, $"unknown category {cells.Describe(r)}; expected {spec.AllowedDescription}");
                continue;
            }
            codes[r] = code;
        }
        return new CategoricalColumn(spec.Name, codes, spec.Levels, spec.Type == ContractValueType.OrderedCategory);
    }
}
