using Predictor.Data.Tables;

namespace Predictor.Data.Tests;

public class DataTableTests
{
    [Fact]
    public void Rejects_columns_of_different_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DataTable([
            new NumericColumn("a", [1, 2]),
            new NumericColumn("b", [1]),
        ]));
        Assert.Contains("'b' has 1 rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_duplicate_names()
    {
        Assert.Throws<ArgumentException>(() => new DataTable([new NumericColumn("a", [1]), new TextColumn("a", ["x"])]));
    }

    [Fact]
    public void Selects_rows_in_the_given_order_across_every_kind()
    {
        var table = new DataTable([
            new NumericColumn("x", [1.5, double.NaN, 3]),
            new BooleanColumn("b", [1, BooleanColumn.Missing, 0]),
            new CategoricalColumn("c", [0, 1, -1], ["A", "B"]),
            new TextColumn("id", ["p1", "p2", null]),
        ]);
        var picked = table.SelectRows([2, 0]);
        Assert.Equal(2, picked.RowCount);
        Assert.Equal(3.0, ((NumericColumn)picked["x"])[0]);
        Assert.False(((BooleanColumn)picked["b"])[0]);
        Assert.True(picked["c"].IsMissing(0));
        Assert.Equal("A", ((CategoricalColumn)picked["c"])[1]);
        Assert.Null(((TextColumn)picked["id"])[0]);
        Assert.Equal(1, table["x"].MissingCount);
    }
}
