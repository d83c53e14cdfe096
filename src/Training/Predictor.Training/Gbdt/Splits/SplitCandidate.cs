using Predictor.Training.Gbdt.Histograms;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// The best way found to split one leaf. <see cref="GoesLeft"/> is indexed by bin (bin 0 = missing) and says where
/// rows of that bin go, which covers numeric thresholds, categorical sets and the missing direction alike.
/// </summary>
public sealed class SplitCandidate
{
    public SplitCandidate(int feature, double gain, bool isCategorical, int thresholdBin, bool[] goesLeft,
        BinStats left, BinStats right, double leftWeight, double rightWeight)
    {
        Feature = feature;
        Gain = gain;
        IsCategorical = isCategorical;
        ThresholdBin = thresholdBin;
        GoesLeft = goesLeft;
        Left = left;
        Right = right;
        LeftWeight = leftWeight;
        RightWeight = rightWeight;
    }

    public int Feature { get; }

    /// <summary>Twice the loss reduction (the leaf-wise growth priority).</summary>
    public double Gain { get; }

    public bool IsCategorical { get; }

    /// <summary>Numeric splits: the last value bin sent left.</summary>
    public int ThresholdBin { get; }

    public IReadOnlyList<bool> GoesLeft { get; }

    public bool DefaultLeft => GoesLeft[0];

    public BinStats Left { get; }

    public BinStats Right { get; }

    /// <summary>Unshrunk Newton values of the two children (already inside the leaf's bounds).</summary>
    public double LeftWeight { get; }

    public double RightWeight { get; }

    internal bool[] GoesLeftArray => (bool[])GoesLeft;
}
