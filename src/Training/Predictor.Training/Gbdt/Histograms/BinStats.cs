using System.Runtime.CompilerServices;
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
        ref var lanes = ref Unsafe.As<BinStats, Vector256<double>>(ref bin);
        lanes += row;
    }

    // One vector add or subtract per pair: lane by lane the same IEEE operations as adding the fields one at a time
    // (counts are whole numbers, exact in a double), without converting counts to int and back on every bin that split
    // finding accumulates.
    public static BinStats operator +(BinStats a, BinStats b) => FromVector(AsVector(a) + AsVector(b));

    public static BinStats operator -(BinStats a, BinStats b) => FromVector(AsVector(a) - AsVector(b));

    public static BinStats Add(BinStats a, BinStats b) => a + b;

    private static Vector256<double> AsVector(BinStats stats) => Unsafe.As<BinStats, Vector256<double>>(ref stats);

    private static BinStats FromVector(Vector256<double> lanes) => Unsafe.As<Vector256<double>, BinStats>(ref lanes);

    public static BinStats Subtract(BinStats a, BinStats b) => a - b;
}
