using Predictor.Data.Tables;

namespace Predictor.Data.Tests.Parquet;

/// <summary>Seeded cohort-like tables with awkward values: NaN, signed zero, extremes, unicode, empty strings, missing everywhere.</summary>
internal static class TestTables
{
    public static DataTable Cohort(int rows, int seed)
    {
        var random = new Random(seed);
        var age = new double[rows];
        var afp = new double[rows];
        var flag = new byte[rows];
        var sexCodes = new int[rows];
        var stageCodes = new int[rows];
        var ids = new string?[rows];
        var notes = new string?[rows];
        string[] specials = ["", "naïve café", "日本語", "emoji 🧬", "comma, \"quoted\"", "tab\tnewline\n"];
        for (int i = 0; i < rows; i++)
        {
            age[i] = random.Next(10) == 0 ? double.NaN : Math.Round(18 + random.NextDouble() * 82, 1);
            afp[i] = (i % 97) switch
            {
                0 => double.NaN,
                1 => -0.0,
                2 => 0.0,
                3 => 1e300,
                4 => -double.Epsilon,
                5 => 9007199254740993.0,
                _ => Math.Exp(random.NextDouble() * 13.8),
            };
            flag[i] = random.Next(8) == 0 ? BooleanColumn.Missing : (byte)random.Next(2);
            sexCodes[i] = random.Next(12) == 0 ? CategoricalColumn.MissingCode : random.Next(2);
            stageCodes[i] = random.Next(20) == 0 ? CategoricalColumn.MissingCode : random.Next(5);
            ids[i] = "P" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            notes[i] = random.Next(5) == 0 ? null : specials[random.Next(specials.Length)] + (random.Next(3) == 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
        }
        return new DataTable(
        [
            new TextColumn("patient_id", ids),
            new NumericColumn("age_years", age),
            new CategoricalColumn("sex", sexCodes, ["M", "F"]),
            new CategoricalColumn("bclc_stage", stageCodes, ["0", "A", "B", "C", "D"], isOrdered: true),
            new NumericColumn("afp_ng_ml", afp),
            new BooleanColumn("microvascular_invasion", flag),
            new TextColumn("notes", notes),
        ]);
    }

    public static void AssertEqual(DataTable expected, DataTable actual)
    {
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.RowCount, actual.RowCount);
        foreach (var e in expected.Columns)
        {
            var a = actual[e.Name];
            Assert.Equal(e.Kind, a.Kind);
            switch (e)
            {
                case NumericColumn n:
                    {
                        var av = ((NumericColumn)a).Values;
                        for (int i = 0; i < n.Length; i++)
                            Assert.True(BitConverter.DoubleToInt64Bits(n[i]) == BitConverter.DoubleToInt64Bits(av[i]) || (double.IsNaN(n[i]) && double.IsNaN(av[i])),
                                $"{e.Name} row {i}: {n[i]} vs {av[i]}");
                        break;
                    }
                case CategoricalColumn c:
                    {
                        var ac = (CategoricalColumn)a;
                        Assert.Equal(c.Levels, ac.Levels);
                        Assert.Equal(c.IsOrdered, ac.IsOrdered);
                        Assert.True(c.Codes.SequenceEqual(ac.Codes), e.Name);
                        break;
                    }
                default:
                    for (int i = 0; i < e.Length; i++) Assert.Equal(e.FormatValue(i), a.FormatValue(i));
                    break;
            }
        }
    }
}
