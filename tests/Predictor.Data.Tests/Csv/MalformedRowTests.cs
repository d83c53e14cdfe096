using System.Text;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;

namespace Predictor.Data.Tests.Csv;

/// <summary><see cref="CsvReadOptions.SkipMalformedRows"/>: unreadable records become listed rows, not a failed file.</summary>
public class MalformedRowTests
{
    private static readonly CsvReadOptions Skip = new() { SkipMalformedRows = true };

    private static RawCsvTable ReadRaw(string text, CsvReadOptions? options = null) =>
        CsvTableReader.ReadRaw(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", options);

    [Fact]
    public void Bad_records_are_listed_with_row_and_line_and_reading_goes_on_at_the_next_line()
    {
        // Row 2 has a field too many; row 4 opens a quote that is never closed (it would swallow the rest of the file).
        var raw = ReadRaw("a,b\n1,2\n3,4,5\n\"q\nw\",6\n\"open,7\n8,9\n", Skip);
        Assert.Equal([1, 3, 5], raw.RowNumbers);
        Assert.Equal([2, 4, 7], raw.LineNumbers);
        Assert.Equal(["1", "\"q\nw\"".Trim('"'), "8"], Enumerable.Range(0, raw.RowCount).Select(r => raw.Columns[0].GetString(r)));
        Assert.Equal(2, raw.MalformedRows.Count);
        Assert.Equal(new MalformedCsvRow(2, 3, "the row has 3 fields; the header has 2"), raw.MalformedRows[0]);
        Assert.Equal(4, raw.MalformedRows[1].Row);
        Assert.Equal(6, raw.MalformedRows[1].Line);
        Assert.Contains("never closed", raw.MalformedRows[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_option_the_first_bad_record_still_stops_the_read()
    {
        Assert.Throws<DataFormatException>(() => ReadRaw("a,b\n1,2\n3,4,5\n"));
        Assert.Throws<DataFormatException>(() => ReadRaw("a,b\n\"open,7\n8,9\n"));
    }

    [Fact]
    public void A_cohort_keeps_file_row_numbers_after_a_skipped_row()
    {
        string header = string.Join(",", CohortContract.Columns.Where(c => !c.IsLabel).Select(c => c.Name));
        int width = header.Split(',').Length;
        string Row(string id, string age) => id + "," + age + new string(',', width - 2);
        string text = header + "\n" + Row("P1", "50") + "\nbroken,row\n" + Row("P1", "60") + "\n" + Row("P3", "7") + "\n";
        var raw = ReadRaw(text, Skip);
        var loaded = CohortLoader.FromRaw(raw, CohortPurpose.Scoring, Skip);

        Assert.Equal([1], loaded.SourceRows);
        Assert.Equal(4, loaded.SourceRowCount);
        var issues = loaded.Issues.Select(i => (i.Row, i.Line, i.Column)).ToList();
        Assert.Equal(new (int, int?, string)[] { (2, 3, ""), (3, 4, "patient_id"), (4, 5, "age_years") }, issues);
        // The duplicate names the first identifier's file row.
        Assert.Contains("on row 1", loaded.Issues[1].Problem, StringComparison.Ordinal);
    }
}
