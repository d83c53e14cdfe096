using Predictor.Training.Gbdt.Histograms;

namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// The thresholds of one feature that a leaf could split at, each as its two sides' statistics, stored column by column
/// (structure of arrays) so that <see cref="CandidateGains"/> can score four at a time. Reused from feature to feature
/// and leaf to leaf: split finding is most of a small fit's time, and it should not allocate.
/// </summary>
internal sealed class ThresholdCandidates
{
    // Every value bin with both missing directions, plus padding to a whole vector.
    private const int Capacity = (2 * 256) + 8;

    public double[] LeftGradient { get; } = new double[Capacity];

    public double[] LeftHessian { get; } = new double[Capacity];

    public double[] LeftCount { get; } = new double[Capacity];

    public double[] RightGradient { get; } = new double[Capacity];

    public double[] RightHessian { get; } = new double[Capacity];

    public double[] RightCount { get; } = new double[Capacity];

    /// <summary>Each candidate's gain, filled by <see cref="CandidateGains.Score"/>.</summary>
    public double[] Gains { get; } = new double[Capacity];

    /// <summary>Whether each candidate is a split the objective and the monotone constraint allow.</summary>
    public bool[] Allowed { get; } = new bool[Capacity];

    public int[] Threshold { get; } = new int[Capacity];

    public bool[] DefaultLeft { get; } = new bool[Capacity];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(in BinStats left, in BinStats right, bool defaultLeft, int threshold)
    {
        int i = Count++;
        LeftGradient[i] = left.Gradient;
        LeftHessian[i] = left.Hessian;
        LeftCount[i] = left.Count;
        RightGradient[i] = right.Gradient;
        RightHessian[i] = right.Hessian;
        RightCount[i] = right.Count;
        DefaultLeft[i] = defaultLeft;
        Threshold[i] = threshold;
    }

    /// <summary>The statistics of candidate <paramref name="i"/>'s sides, as they were added.</summary>
    public (BinStats Left, BinStats Right) Sides(int i) =>
        (new BinStats(LeftGradient[i], LeftHessian[i], (int)LeftCount[i]), new BinStats(RightGradient[i], RightHessian[i], (int)RightCount[i]));

    /// <summary>
    /// The first allowed candidate whose gain beats <paramref name="minGain"/> and every earlier candidate's, or -1: the
    /// same choice as comparing them one by one in the order they were added (<c>gain &lt;= best</c> loses).
    /// </summary>
    public int Best(double minGain)
    {
        double best = minGain;
        int index = -1;
        for (int i = 0; i < Count; i++)
        {
            if (!Allowed[i] || Gains[i] <= best) continue;
            best = Gains[i];
            index = i;
        }
        return index;
    }
}
