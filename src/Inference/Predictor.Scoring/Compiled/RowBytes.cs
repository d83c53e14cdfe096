using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// A vector of one byte per row (quantised values, reach masks, leaf numbers), as a type, so that
/// <see cref="BlockScorer"/>'s loops are written once and compiled for 512- and 256-bit registers alike. Vector&lt;T&gt;
/// cannot do it: its width is fixed at 256 bits by default even where the CPU has 512-bit registers.
/// </summary>
internal interface IRowBytes<TSelf>
    where TSelf : struct, IRowBytes<TSelf>
{
    /// <summary>Rows per vector.</summary>
    static abstract nuint Count { get; }

    static abstract TSelf Load(ref sbyte source, nuint offset);

    static abstract TSelf Broadcast(sbyte value);

    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    static abstract TSelf And(TSelf left, TSelf right);

    /// <summary><paramref name="left"/> and not <paramref name="right"/>.</summary>
    static abstract TSelf AndNot(TSelf left, TSelf right);

    static abstract TSelf Or(TSelf left, TSelf right);

    void Store(ref sbyte destination, nuint offset);
}

/// <summary>64 rows per AVX-512 register.</summary>
internal readonly struct RowBytes512(Vector512<sbyte> bytes) : IRowBytes<RowBytes512>
{
    private readonly Vector512<sbyte> _bytes = bytes;

    public static nuint Count => (nuint)Vector512<sbyte>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes512 Load(ref sbyte source, nuint offset) => new(Vector512.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes512 Broadcast(sbyte value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes512 GreaterThan(RowBytes512 left, RowBytes512 right) => new(Vector512.GreaterThan(left._bytes, right._bytes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes512 And(RowBytes512 left, RowBytes512 right) => new(left._bytes & right._bytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes512 AndNot(RowBytes512 left, RowBytes512 right) => new(Vector512.AndNot(left._bytes, right._bytes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes512 Or(RowBytes512 left, RowBytes512 right) => new(left._bytes | right._bytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref sbyte destination, nuint offset) => _bytes.StoreUnsafe(ref destination, offset);
}

/// <summary>32 rows per AVX2 register (or any 256-bit SIMD).</summary>
internal readonly struct RowBytes256(Vector256<sbyte> bytes) : IRowBytes<RowBytes256>
{
    private readonly Vector256<sbyte> _bytes = bytes;

    public static nuint Count => (nuint)Vector256<sbyte>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes256 Load(ref sbyte source, nuint offset) => new(Vector256.LoadUnsafe(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes256 Broadcast(sbyte value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes256 GreaterThan(RowBytes256 left, RowBytes256 right) => new(Vector256.GreaterThan(left._bytes, right._bytes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes256 And(RowBytes256 left, RowBytes256 right) => new(left._bytes & right._bytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes256 AndNot(RowBytes256 left, RowBytes256 right) => new(Vector256.AndNot(left._bytes, right._bytes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RowBytes256 Or(RowBytes256 left, RowBytes256 right) => new(left._bytes | right._bytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref sbyte destination, nuint offset) => _bytes.StoreUnsafe(ref destination, offset);
}
