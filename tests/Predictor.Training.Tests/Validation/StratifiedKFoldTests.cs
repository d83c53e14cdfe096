using Predictor.Data.Errors;
using Predictor.Training.Validation;
using Xunit;

namespace Predictor.Training.Tests.Validation;

public sealed class StratifiedKFoldTests
{
    [Fact]
    public void FoldsPartitionRowsAndKeepClassShares()
    {
        var labels = Enumerable.Range(0, 38).Select(i => i < 21 ? 1.0 : 0.0).ToArray();
        var folds = StratifiedKFold.Split(labels, 5, 9);
        Assert.Equal(Enumerable.Range(0, 38), folds.SelectMany(f => f).Order());
        foreach (var fold in folds)
        {
            int positives = fold.Count(r => labels[r] == 1);
            Assert.InRange(positives, 4, 5);
            Assert.InRange(fold.Length, 7, 8);
        }
        Assert.Equal(folds, StratifiedKFold.Split(labels, 5, 9));
        Assert.NotEqual(folds, StratifiedKFold.Split(labels, 5, 10));
    }

    [Fact]
    public void TooFewRowsOfAClassIsAPlainError()
    {
        double[] labels = [1, 1, 0, 0, 0, 0, 0];
        var ex = Assert.Throws<PredictorInputException>(() => StratifiedKFold.Split(labels, 5, 1));
        Assert.Contains("rarer class has 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComplementIsTheOtherRows()
    {
        Assert.Equal([0, 2, 4], StratifiedKFold.Complement([1, 3], 5));
    }
}
