using Predictor.Data.Parquet.Tables;
using Predictor.Data.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Reading a whole file fills each column across all row groups in one task; streaming reads one row group at a
/// time. The two must agree cell for cell, including nulls that move between row groups and a shorter last group.
/// </summary>
public sealed class WholeFileReadTests
{
    [Theory]
    [InlineData(300)]
    [InlineData(256)]
    public void Whole_file_read_equals_the_row_groups_read_one_by_one(int rowGroupSize)
    {
        var table = TestTables.Cohort(1000, seed: 5);
        string path = Path.Combine(RepoPaths.TempDirectory(), "groups.parquet");
        ParquetTableWriter.Write(table, path, new ParquetWriteOptions { RowGroupSize = rowGroupSize });
        var whole = ParquetTableReader.Read(path);
        var pieces = ParquetTableReader.ReadRowGroups(path).ToList();
        Assert.True(pieces.Count > 2);
        int offset = 0;
        foreach (var piece in pieces)
        {
            for (int c = 0; c < whole.Columns.Count; c++)
            {
                for (int r = 0; r < piece.RowCount; r++)
                {
                    Assert.True(Equals(piece.Columns[c].FormatValue(r), whole.Columns[c].FormatValue(offset + r)), $"row {offset + r} column {whole.Columns[c].Name}");
                    Assert.Equal(table.Columns[c].FormatValue(offset + r), whole.Columns[c].FormatValue(offset + r));
                }
            }
            offset += piece.RowCount;
        }
        Assert.Equal(table.RowCount, offset);
    }
}
