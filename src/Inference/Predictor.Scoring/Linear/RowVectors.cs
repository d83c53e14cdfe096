using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Predictor.Scoring.Linear;

/// <summary>
/// How four consecutive rows' values of one feature are read into a vector, as a type so that the JIT compiles a
/// column (one load) and rows (four loads) as separate loops without a test per vector.
/// </summary>
internal interface IRowVector
{
    /// <summary>Rows <c>r .. r + 3</c>, row <c>i</c>'s value at <c>Unsafe.Add(ref value0, i * stride)</c>.</summary>
    static abstract Vector256<double> Load(ref double value0, int r, int stride);
}

/// <summary>Column-major batches: the rows of a feature are adjacent.</summary>
internal readonly struct AdjacentRows : IRowVector
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double value0, int r, int stride) => Vector256.LoadUnsafe(ref value0, (nuint)r);
}

/// <summary>Row-major batches: a feature's rows are a row width apart.</summary>
internal readonly struct StridedRows : IRowVector
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(ref double value0, int r, int stride)
    {
        ref double x = ref Unsafe.Add(ref value0, r * stride);
        return Vector256.Create(x, Unsafe.Add(ref x, stride), Unsafe.Add(ref x, 2 * stride), Unsafe.Add(ref x, 3 * stride));
    }
}
