using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Predictor.Training.Gbdt.Histograms;

/// <summary>Sums of gradients and hessians and the row count of a set of rows (a bin, a leaf, one side of a split).</summary>
/// <remarks>
/// Laid out as four doubles (gradient, hessian, count, unused) so that adding a row to a histogram bin is one 256-bit
/// vector add (<see cref="AddRow"/>); the count is exact as a double far beyond any row count.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public struct BinStats
{
    public double Gradient;
    public double Hessian;
    private double _count;

    public BinStats(double gradient, double hessian, int count)
    {
        Gradient = gradient;
        Hessian = hessian;
        _count = count;
    }

    public readonly int Count => (int)_count;

    /// <summary>A row's contribution in the form <see cref="AddRow"/> takes: (gradient, hessian, 1, 0).</summary>
    public static Vector256<double> Row(double gradient, double hessian) => Vector256.Create(gradient, hessian, 1, 0);

    /// <summary>Adds a row made by <see cref="Row"/> to <paramref name="bin"/>.</summary>
    public static void AddRow(ref BinStats bin, Vector256<double> row)
    {
        ref var lanes = ref System.Runtime.CompilerServices.Unsafe.As<BinStats, Vector256<double>>(ref bin);
        lanes += row;
    }

    public static BinStats operator +(BinStats a, BinStats b) => new(a.Gradient + b.Gradient, a.Hessian + b.Hessian, a.Count + b.Count);

    public static BinStats operator -(BinStats a, BinStats b) => new(a.Gradient - b.Gradient, a.Hessian - b.Hessian, a.Count - b.Count);

    public static BinStats Add(BinStats a, BinStats b) => a + b;

    public static BinStats Subtract(BinStats a, BinStats b) => a - b;
}
