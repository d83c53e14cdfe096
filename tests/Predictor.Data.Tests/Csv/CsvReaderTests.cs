using System.Text;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Csv;

public class CsvReaderTests
{
    private static DataTable Read(string text, CsvReadOptions? options = null) =>
        CsvTableReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv", options);

    [Fact]
    public void Reads_quoted_fields_with_delimiters_quotes_and_line_breaks()
    {
        var table = Read("id,note,x\n1,\"a, b\",1.5\n2,\"say \"\"hi\"\"\",2\n3,\"two\r\nlines\",3\n", new CsvReadOptions { TextColumns = ["note"] });
        var note = (TextColumn)table["note"];
        Assert.Equal("a, b", note[0]);
        Assert.Equal("say \"hi\"", note[1]);
        Assert.Equal("two\r\nlines", note[2]);
        Assert.Equal([1.5, 2, 3], ((NumericColumn)table["x"]).Values.ToArray());
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Crlf_and_lf_give_the_same_table(string newline)
    {
        var table = Read(string.Join(newline, "a,b", "1,x", "2,y") + newline);
        Assert.Equal(2, table.RowCount);
        Assert.Equal(["x", "y"], ((CategoricalColumn)table["b"]).Levels);
    }

    [Fact]
    public void Last_record_without_line_end_and_a_byte_order_mark_are_handled()
    {
        var table = Read("\uFEFFa,b\n1,2");
        Assert.Equal(["a", "b"], table.ColumnNames);
        Assert.Equal(2.0, ((NumericColumn)table["b"])[0]);
    }

    [Fact]
    public void Missing_tokens_become_missing_values()
    {
        var table = Read("a,b,c\n1,?,yes\n?,2,no\n3,4,?\n", CsvReadOptions.Default.WithMissingTokens("?"));
        var a = (NumericColumn)table["a"];
        Assert.True(double.IsNaN(a[1]));
        Assert.Equal(1, table["b"].MissingCount);
        Assert.Equal(ColumnKind.Categorical, table["c"].Kind);
        Assert.True(table["c"].IsMissing(2));
    }

    [Fact]
    public void Infers_numeric_boolean_categorical_and_text()
    {
        var rows = Enumerable.Range(0, 100).Select(i => $"P{i},{i * 0.5},{(i % 2 == 0 ? "TRUE" : "false")},{(i % 3 == 0 ? "B" : "A")}");
        var table = Read("id,x,flag,stage\n" + string.Join('\n', rows), new CsvReadOptions { MaxCategoryLevels = 10 });
        Assert.Equal(ColumnKind.Text, table["id"].Kind);
        Assert.Equal(ColumnKind.Numeric, table["x"].Kind);
        Assert.Equal(ColumnKind.Boolean, table["flag"].Kind);
        Assert.True(((BooleanColumn)table["flag"])[0]);
        Assert.Equal(ColumnKind.Categorical, table["stage"].Kind);
    }

    [Fact]
    public void Numbers_are_culture_invariant_and_reject_comma_decimals()
    {
        var table = Read("x,y\n1.25,\"1,25\"\n");
        Assert.Equal(1.25, ((NumericColumn)table["x"])[0]);
        Assert.NotEqual(ColumnKind.Numeric, table["y"].Kind);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_names_row_and_line()
    {
        var ex = Assert.Throws<DataFormatException>(() => Read("a,b\n1,2\n\"x\ny\",3\n4,5,6\n"));
        Assert.Contains("row 3 (line 5) has 3 fields; the header has 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ex.Row);
    }

    [Fact]
    public void An_unclosed_quote_is_a_format_error_not_a_hang()
    {
        var ex = Assert.Throws<DataFormatException>(() => Read("a,b\n1,\"never closed\n"));
        Assert.Contains("never closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Junk_after_a_closing_quote_is_reported()
    {
        var ex = Assert.Throws<DataFormatException>(() => Read("a,b\n1,\"x\"y\n"));
        Assert.Contains("after a closing quote", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_or_empty_header_names_are_rejected()
    {
        Assert.Contains("twice", Assert.Throws<DataFormatException>(() => Read("a,a\n1,2\n")).Message, StringComparison.Ordinal);
        Assert.Contains("no name", Assert.Throws<DataFormatException>(() => Read("a,\n1,2\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_a_clear_error()
    {
        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => Read("")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_uci_hcc_survival_table_with_crlf_and_question_marks()
    {
        var path = Path.Combine(RepoPaths.Shared, "datasets", "uci-hcc-survival", "hcc-survival.csv");
        var table = CsvTableReader.Read(path, CsvReadOptions.Default.WithMissingTokens("?"));
        Assert.Equal(165, table.RowCount);
        Assert.True(table.Contains("survived"));
        int missing = table.Columns.Sum(c => c.MissingCount);
        int cells = table.RowCount * table.Columns.Count;
        // The dataset's README: 10.2% of cells are missing.
        Assert.InRange(missing / (double)cells, 0.095, 0.11);
        Assert.Equal(ColumnKind.Numeric, table["survived"].Kind);
        Assert.All(table.Columns, c => Assert.NotEqual(ColumnKind.Text, c.Kind));
    }
}
