using System.Runtime.CompilerServices;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// Where feature <c>f</c> of a row sits relative to the row's first value, as a type so that the JIT compiles the
/// row-major case (stride 1) without the multiplication on every step of a walk.
/// </summary>
internal interface IFeatureStride
{
    static abstract int Of(int feature, int stride);
}

/// <summary>Row-major rows: features are adjacent.</summary>
internal readonly struct UnitStride : IFeatureStride
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(int feature, int stride) => feature;
}

/// <summary>Column-major batches: feature <c>f</c> is <c>f * stride</c> values on.</summary>
internal readonly struct ScaledStride : IFeatureStride
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Of(int feature, int stride) => feature * stride;
}
