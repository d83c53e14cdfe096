namespace Predictor.Training.Gbdt.Histograms;

/// <summary>Sums of gradients and hessians and the row count of a set of rows (a bin, a leaf, one side of a split).</summary>
public struct BinStats
{
    public double Gradient;
    public double Hessian;
    public int Count;

    public BinStats(double gradient, double hessian, int count)
    {
        Gradient = gradient;
        Hessian = hessian;
        Count = count;
    }

    public static BinStats operator +(BinStats a, BinStats b) => new(a.Gradient + b.Gradient, a.Hessian + b.Hessian, a.Count + b.Count);

    public static BinStats operator -(BinStats a, BinStats b) => new(a.Gradient - b.Gradient, a.Hessian - b.Hessian, a.Count - b.Count);

    public static BinStats Add(BinStats a, BinStats b) => a + b;

    public static BinStats Subtract(BinStats a, BinStats b) => a - b;
}
