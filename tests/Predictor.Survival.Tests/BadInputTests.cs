using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Design;

namespace Predictor.Survival.Tests;

/// <summary>Bad input gives a clear error naming the column; degenerate models warn or fail instead of printing NaN.</summary>
public class BadInputTests
{
    private static DataTable Table(params Column[] columns) => new(columns);

    [Fact]
    public void Negative_time_is_rejected_with_column_and_row()
    {
        var table = Table(new NumericColumn("os_months", [3, -1, 5]), new NumericColumn("os_event", [1, 0, 1]));
        var ex = Assert.Throws<PredictorInputException>(() => SurvivalTable.Outcome(table, "os_months", "os_event"));
        Assert.Contains("'os_months'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("row 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_time_is_rejected()
    {
        var table = Table(new NumericColumn("os_months", [3, double.NaN]), new NumericColumn("os_event", [1, 0]));
        var ex = Assert.Throws<PredictorInputException>(() => SurvivalTable.Outcome(table, "os_months", "os_event"));
        Assert.Contains("'os_months' is missing at row 2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { 0, 1, 2 }, "more than two distinct")]
    [InlineData(new double[] { 0, 3, 3 }, "0, 3")]
    [InlineData(new double[] { 1, double.NaN, 0 }, "missing at row 2")]
    public void Event_codes_other_than_two_values_are_rejected(double[] codes, string expected)
    {
        var table = Table(new NumericColumn("t", [1, 2, 3]), new NumericColumn("os_event", codes));
        var ex = Assert.Throws<PredictorInputException>(() => SurvivalTable.Outcome(table, "t", "os_event"));
        Assert.Contains("'os_event'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new double[] { 0, 1, 1 }, EventCodingKind.ZeroOne, new[] { false, true, true })]
    [InlineData(new double[] { 1, 2, 1 }, EventCodingKind.OneTwo, new[] { false, true, false })]
    [InlineData(new double[] { 1, 1, 1 }, EventCodingKind.ZeroOne, new[] { true, true, true })]
    public void Numeric_event_codings_are_detected_as_R_does(double[] codes, EventCodingKind kind, bool[] events)
    {
        var table = Table(new NumericColumn("t", [1, 2, 3]), new NumericColumn("e", codes));
        var outcome = SurvivalTable.Outcome(table, "t", "e");
        Assert.Equal(kind, outcome.Coding.Kind);
        Assert.Equal(events, outcome.Data.Events.ToArray());
    }

    [Fact]
    public void Boolean_event_column_is_true_false_coded()
    {
        var table = Table(new NumericColumn("t", [1, 2]), new BooleanColumn("os_event", [1, 0]));
        var outcome = SurvivalTable.Outcome(table, "t", "os_event");
        Assert.Equal(EventCodingKind.TrueFalse, outcome.Coding.Kind);
        Assert.Equal("os_event coded true/false (true = event, false = censored)", outcome.CodingStatement);
    }

    [Fact]
    public void Unknown_columns_are_named()
    {
        var table = Table(new NumericColumn("t", [1, 2]), new NumericColumn("e", [1, 0]));
        var ex = Assert.Throws<PredictorInputException>(() => SurvivalTable.Outcome(table, "t", "os_event"));
        Assert.Contains("event column 'os_event' is not in the data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_with_one_member_is_rejected()
    {
        var table = Table(new CategoricalColumn("arm", [0, 0, 1, 0], ["a", "b"]));
        var ex = Assert.Throws<PredictorInputException>(() => SurvivalTable.Groups(table, "arm", [0, 1, 2, 3], out _));
        Assert.Contains("Group 'b' of column 'arm' has 1 patient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_covariate_without_variance_is_rejected()
    {
        var table = Table(new NumericColumn("age", [50, 60, 70]), new NumericColumn("dose", [2, 2, 2]));
        var ex = Assert.Throws<PredictorInputException>(() => DesignMatrixBuilder.Build(table, ["age", "dose"]));
        Assert.Contains("'dose' has no variance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_covariates_drop_rows_and_are_counted()
    {
        var table = Table(new NumericColumn("age", [50, double.NaN, 70, 65]));
        var build = DesignMatrixBuilder.Build(table, ["age"]);
        Assert.Equal(1, build.DroppedRows);
        Assert.Equal([0, 2, 3], build.Rows);
    }

    [Fact]
    public void Collinear_covariates_are_an_error_naming_the_redundant_one()
    {
        var lung = ReferenceData.Load("lung.csv");
        var age = lung.Numbers("age");
        var design = DesignMatrix.FromColumns([("age", age), ("sex", lung.Numbers("sex")), ("age_months", [.. age.Select(a => 12 * a)])]);
        var ex = Assert.Throws<PredictorInputException>(() => CoxModel.Fit(lung.Surv("time", "status"), design));
        Assert.Contains("'age_months'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("collinear", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_separation_warns_instead_of_returning_NaN()
    {
        // Every patient with x = 1 dies before every patient with x = 0: the likelihood rises forever with β.
        var data = new SurvivalData([1, 2, 3, 4, 5, 6, 7, 8], [true, true, true, true, true, true, true, true]);
        var design = DesignMatrix.FromColumns([("marker_high", [1, 1, 1, 1, 0, 0, 0, 0])]);
        var fit = CoxModel.Fit(data, design);
        Assert.Contains(fit.Warnings, w => w.Contains("'marker_high'", StringComparison.Ordinal) && w.Contains("infinite", StringComparison.Ordinal));
        Assert.True(double.IsFinite(fit.Coefficients[0].Coefficient));
        Assert.True(fit.Coefficients[0].Coefficient > 3);
        Assert.False(double.IsNaN(fit.LikelihoodRatioTest.Statistic));
    }

    [Fact]
    public void No_events_is_an_error()
    {
        var data = new SurvivalData([1, 2, 3], [false, false, false], "os_months");
        var design = DesignMatrix.FromColumns([("x", [1, 2, 3])]);
        var ex = Assert.Throws<PredictorInputException>(() => CoxModel.Fit(data, design));
        Assert.Contains("No events", ex.Message, StringComparison.Ordinal);
    }
}
