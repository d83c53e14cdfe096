using Predictor.Scoring.Input;
using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Tests;

public class InputBinderTests
{
    // x <= 2.5 -> -1.0; else c in {a, c} (missing -> left) -> 0.25, else 1.5; base score -0.3.
    internal static TreeEnsemble Model() => new(
        [new ModelFeature("x", FeatureKind.Numeric) { Minimum = 0, Maximum = 300 }, new ModelFeature("c", FeatureKind.Categorical, ["a", "b", "c"])],
        [new RegressionTree([0, 1], [2.5, 0], [false, true], [-1, -2], [1, -3], [null, [0b101UL]], [-1.0, 0.25, 1.5], [10, 6], [4, 2, 4])],
        baseScore: -0.3);

    private static Dictionary<string, object?> Patient(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static ScoringInputException Refused(InputPolicy policy, Dictionary<string, object?> patient) =>
        Assert.Throws<ScoringInputException>(() => new InputBinder(Model(), policy).BindPatient(patient));

    [Fact]
    public void A_patient_binds_by_name_into_model_order_and_scores_as_hand_computed()
    {
        var binder = new InputBinder(Model());
        var row = binder.BindPatient(Patient(("c", "b"), ("x", 5)));
        Assert.Equal([5.0, 1.0], row);
        Assert.Equal(1.2, Model().PredictRaw(row), 12);
        Assert.Equal(-0.05, Model().PredictRaw(binder.BindPatient(Patient(("x", 5.0), ("c", "c")))), 12);
        Assert.Equal(-1.3, Model().PredictRaw(binder.BindPatient(Patient(("x", 1f), ("c", null)))), 12);
        Assert.Equal([1.0, double.NaN], binder.BindPatient(Patient(("x", true), ("c", null))));
        Assert.Equal([2.0, 2.0], binder.BindPatient(Patient(("x", 2m), ("c", "c"))));
    }

    [Fact]
    public void An_unknown_category_is_refused_naming_feature_and_levels_but_not_the_value()
    {
        var ex = Refused(InputPolicy.Strict, Patient(("x", 5), ("c", "secret-level")));
        Assert.Equal(ScoringInputProblem.UnknownCategory, ex.Problem);
        Assert.Equal("c", ex.Feature);
        Assert.Contains("a, b, c", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-level", ex.Message, StringComparison.Ordinal);
        var missing = new InputBinder(Model(), InputPolicy.Strict with { UnknownCategory = UnknownCategoryRule.ScoreAsMissing })
            .BindPatient(Patient(("x", 5), ("c", "secret-level")));
        Assert.True(double.IsNaN(missing[1]));
    }

    [Fact]
    public void Out_of_range_values_follow_the_policy()
    {
        var ex = Refused(InputPolicy.Strict, Patient(("x", 301.5), ("c", "a")));
        Assert.Equal(ScoringInputProblem.OutOfRange, ex.Problem);
        Assert.Contains("[0, 300]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("301", ex.Message, StringComparison.Ordinal);
        double Bound(OutOfRangeRule rule, double x) =>
            new InputBinder(Model(), InputPolicy.Strict with { OutOfRange = rule }).BindPatient(Patient(("x", x), ("c", "a")))[0];
        Assert.Equal(300, Bound(OutOfRangeRule.Clamp, 301.5));
        Assert.Equal(0, Bound(OutOfRangeRule.Clamp, -4));
        Assert.True(double.IsNaN(Bound(OutOfRangeRule.ScoreAsMissing, -4)));
        Assert.Equal(-4, Bound(OutOfRangeRule.Accept, -4));
        Assert.Equal(300, Bound(OutOfRangeRule.Reject, 300));
        Assert.Equal(ScoringInputProblem.NotFinite, Refused(InputPolicy.Tolerant, Patient(("x", double.PositiveInfinity), ("c", "a"))).Problem);
    }

    [Fact]
    public void Absent_and_extra_inputs_follow_the_policy_while_null_is_always_missing()
    {
        var absent = Refused(InputPolicy.Strict, Patient(("x", 5)));
        Assert.Equal((ScoringInputProblem.MissingColumn, "c"), (absent.Problem, absent.Feature));
        Assert.True(double.IsNaN(new InputBinder(Model()).BindPatient(Patient(("x", 5), ("c", null)))[1]));
        Assert.True(double.IsNaN(new InputBinder(Model(), InputPolicy.Tolerant).BindPatient(Patient(("x", 5)))[1]));

        var extra = Refused(InputPolicy.Strict, Patient(("x", 5), ("c", "a"), ("X ", 1)));
        Assert.Equal((ScoringInputProblem.ExtraColumn, "X "), (extra.Problem, extra.Feature));
        Assert.Equal([5.0, 0.0], new InputBinder(Model(), InputPolicy.Tolerant).BindPatient(Patient(("x", 5), ("c", "a"), ("X ", 1))));
    }

    [Fact]
    public void Values_of_the_wrong_kind_are_refused_whatever_the_policy()
    {
        Assert.Equal(ScoringInputProblem.WrongType, Refused(InputPolicy.Tolerant, Patient(("x", "5"), ("c", "a"))).Problem);
        Assert.Equal(ScoringInputProblem.WrongType, Refused(InputPolicy.Tolerant, Patient(("x", 5), ("c", 0))).Problem);
        Assert.Equal(ScoringInputProblem.WrongType, Refused(InputPolicy.Tolerant, Patient(("x", DateTime.UnixEpoch), ("c", "a"))).Problem);
        Assert.Throws<ScoringInputException>(() => new InputBinder(Model()).BindPatient(Patient(("x", 5), ("c", "a")), new double[3]));
    }

    [Fact]
    public void Columns_bind_row_major_matching_levels_by_name_like_one_patient_at_a_time()
    {
        var binder = new InputBinder(Model());
        // The caller's level order (c, a, b) differs from the model's (a, b, c).
        var codes = InputColumn.Categorical("c", new[] { 0, 1, -1, 2 }, ["c", "a", "b"]);
        var rows = binder.BindColumns([codes, InputColumn.Numeric("x", new[] { 1.0, 5, double.NaN, 300 })], 4);
        Assert.Equal([1.0, 2, 5, 0, double.NaN, double.NaN, 300, 1], rows);
        var names = InputColumn.Categorical("c", ["c", "a", null, "b"]);
        Assert.Equal(rows, binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0, 5, double.NaN, 300 }), names], 4));
        string?[] levels = ["c", "a", null, "b"];
        double[] xs = [1.0, 5, double.NaN, 300];
        for (int r = 0; r < 4; r++)
            Assert.Equal(rows.AsSpan(r * 2, 2).ToArray(), binder.BindPatient(Patient(("x", xs[r]), ("c", levels[r]))));
    }

    [Fact]
    public void Batch_errors_name_the_row_and_column_problems_are_specific()
    {
        var binder = new InputBinder(Model());
        var ex = Assert.Throws<ScoringInputException>(() =>
            binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0, 2, 3 }), InputColumn.Categorical("c", ["a", "b", "z"])], 3));
        Assert.Equal((ScoringInputProblem.UnknownCategory, "c", (int?)2), (ex.Problem, ex.Feature, ex.Row));
        Assert.Contains("row index 2", ex.Message, StringComparison.Ordinal);
        // An unknown level that no row uses is not an error.
        Assert.Equal([1.0, 0], binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0 }), InputColumn.Categorical("c", new[] { 0 }, ["a", "zz"])], 1));
        var range = Assert.Throws<ScoringInputException>(() =>
            binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0, 400 }), InputColumn.Categorical("c", ["a", "b"])], 2));
        Assert.Equal((ScoringInputProblem.OutOfRange, (int?)1), (range.Problem, range.Row));
        Assert.Equal(ScoringInputProblem.WrongLength, Assert.Throws<ScoringInputException>(() =>
            binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0 }), InputColumn.Categorical("c", ["a", "b"])], 2)).Problem);
        Assert.Equal(ScoringInputProblem.DuplicateColumn, Assert.Throws<ScoringInputException>(() =>
            binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0 }), InputColumn.Numeric("x", new[] { 1.0 })], 1)).Problem);
        Assert.Equal(ScoringInputProblem.WrongType, Assert.Throws<ScoringInputException>(() =>
            binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0 }), InputColumn.Numeric("c", new[] { 1.0 })], 1)).Problem);
        Assert.Equal(ScoringInputProblem.MissingColumn, Assert.Throws<ScoringInputException>(() =>
            binder.BindColumns([InputColumn.Numeric("x", new[] { 1.0 })], 1)).Problem);
        Assert.Equal([1.0, double.NaN], new InputBinder(Model(), InputPolicy.Tolerant).BindColumns([InputColumn.Numeric("x", new[] { 1.0 })], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => InputColumn.Categorical("c", new[] { 2 }, ["a", "b"]));
    }
}
