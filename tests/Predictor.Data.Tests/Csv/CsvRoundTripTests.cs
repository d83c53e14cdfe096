using System.Text;
using Predictor.Data.Csv;
using Predictor.Data.Tables;

namespace Predictor.Data.Tests.Csv;

public class CsvRoundTripTests
{
    [Fact]
    public void Every_column_kind_survives_write_then_read()
    {
        var table = new DataTable([
            new TextColumn("id", ["a,1", "quote\"d", "line\nbreak", " padded ", null]),
            new NumericColumn("x", [0.1, -2.5e-7, 1e15, double.NaN, 123456.789]),
            new BooleanColumn("b", [1, 0, BooleanColumn.Missing, 1, 0]),
            new CategoricalColumn("c", [0, 1, -1, 1, 0], ["alpha", "beta"]),
        ]);
        var back = RoundTrip(table, new CsvReadOptions { TextColumns = ["id"] });
        AssertSameTable(table, back);
    }

    [Fact]
    public void A_million_rows_round_trip_exactly()
    {
        const int rows = 1_000_000;
        var random = new Random(7);
        var x = new double[rows];
        var flags = new byte[rows];
        var codes = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = i % 97 == 0 ? double.NaN : Math.Round(random.NextDouble() * 300, 2);
            flags[i] = (byte)(i % 11 == 0 ? BooleanColumn.Missing : random.Next(2));
            codes[i] = i % 13 == 0 ? -1 : random.Next(5);
        }
        var table = new DataTable([
            new NumericColumn("x", x),
            new BooleanColumn("flag", flags),
            new CategoricalColumn("stage", codes, ["0", "A", "B", "C", "D"]),
        ]);
        var back = RoundTrip(table, CsvReadOptions.Default);
        Assert.Equal(rows, back.RowCount);
        Assert.Equal(x, ((NumericColumn)back["x"]).Values.ToArray());
        Assert.Equal(flags, ((BooleanColumn)back["flag"]).Values.ToArray());
        var stage = (CategoricalColumn)back["stage"];
        for (int i = 0; i < rows; i++) Assert.Equal(codes[i] < 0 ? null : "0ABCD"[codes[i]].ToString(), stage[i]);
    }

    [Fact]
    public void Reading_in_small_buffers_is_the_same_as_reading_at_once()
    {
        // Records straddle the tokenizer's buffer boundaries when the stream hands out a few bytes at a time.
        var text = "id,v\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"\"p{i},\"\"x\"\"\",{i}\r\n"));
        var whole = CsvTableReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "a.csv");
        var trickle = CsvTableReader.Read(new TrickleStream(Encoding.UTF8.GetBytes(text), 7), "b.csv");
        AssertSameTable(whole, trickle);
        Assert.Equal("p4999,\"x\"", ((TextColumn)whole["id"])[4999]);
    }

    private static DataTable RoundTrip(DataTable table, CsvReadOptions options)
    {
        using var stream = new MemoryStream();
        CsvTableWriter.Write(table, stream);
        stream.Position = 0;
        return CsvTableReader.Read(stream, "roundtrip.csv", options);
    }

    internal static void AssertSameTable(DataTable expected, DataTable actual)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var column in expected.Columns)
        {
            var other = actual[column.Name];
            Assert.Equal(column.Kind, other.Kind);
            for (int r = 0; r < expected.RowCount; r++) Assert.Equal(column.FormatValue(r), other.FormatValue(r));
        }
    }

    /// <summary>A stream that returns at most a few bytes per read, like a slow network or pipe.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
