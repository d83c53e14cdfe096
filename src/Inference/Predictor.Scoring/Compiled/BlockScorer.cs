using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Predictor.Scoring.Compiled;

/// <summary>
/// Adds one <see cref="BinnedTree"/>'s leaf values to a block of quantised rows. Instead of walking each row down its
/// path (a chain of dependent loads per step), every split is applied to all rows of the block at once with SIMD
/// byte operations: compare the split's column against its threshold, then split the node's reach mask into its
/// children's masks. The work per block is fixed by the tree's size, never waits on a load it has just issued, and
/// has no data-dependent branches. The masks are over rows, never over leaves: this is predicated evaluation of the
/// whole tree, not the (patented) QuickScorer bit-vector-of-leaves method.
/// </summary>
internal static class BlockScorer
{
    /// <summary>
    /// Rows per block: enough to amortise each split's loop overhead, few enough that the block's columns and masks
    /// stay in L1 (20 features x 2 columns + 40 masks of 256 bytes is about 20 KB).
    /// </summary>
    public const int BlockRows = 256;

    /// <summary>Rows per 512-bit vector of row masks; blocks are evaluated in whole chunks.</summary>
    private const int ChunkRows = 64;

    /// <summary>Whether the running CPU has the SIMD instructions the evaluation is written for.</summary>
    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Adds <paramref name="tree"/>'s value for each of the first <c>output.Length</c> rows of the block in
    /// <paramref name="columns"/> (see <see cref="ByteColumns.Quantise"/>) to <paramref name="output"/>.
    /// <paramref name="reach"/> holds <see cref="BinnedTree.SlotCount"/> masks of <see cref="BlockRows"/> bytes, the
    /// first of them all ones; <paramref name="leaves"/> receives each row's leaf number.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: optimised from the first call
    public static void AddTree(BinnedTree tree, Span<sbyte> columns, Span<sbyte> reach, Span<byte> leaves, Span<double> output)
    {
        ref sbyte column0 = ref MemoryMarshal.GetReference(columns);
        ref sbyte reach0 = ref MemoryMarshal.GetReference(reach);
        ref byte leaf0 = ref MemoryMarshal.GetReference(leaves);
        // A short last block (or a small batch) only evaluates the 64-row chunks that hold rows.
        nuint rows = (nuint)((output.Length + ChunkRows - 1) / ChunkRows * ChunkRows);
        if (Vector512.IsHardwareAccelerated)
        {
            Split<RowBytes512>(tree, ref column0, ref reach0, rows);
            NumberLeaves<RowBytes512>(tree, ref reach0, ref leaf0, rows);
        }
        else
        {
            Split<RowBytes256>(tree, ref column0, ref reach0, rows);
            NumberLeaves<RowBytes256>(tree, ref reach0, ref leaf0, rows);
        }
        if (Avx512F.IsSupported && tree.LeafTable is { } table) AddLeafValues512(table, ref leaf0, output);
        else AddLeafValues(tree.LeafValues, ref leaf0, output);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Split<TBytes>(BinnedTree tree, ref sbyte column0, ref sbyte reach0, nuint rows)
        where TBytes : struct, IRowBytes<TBytes>
    {
        foreach (var split in tree.Splits)
        {
            ref sbyte column = ref Unsafe.Add(ref column0, split.Column * BlockRows);
            ref sbyte reached = ref Unsafe.Add(ref reach0, split.Slot * BlockRows);
            ref sbyte left = ref Unsafe.Add(ref reach0, split.LeftSlot * BlockRows);
            ref sbyte right = ref Unsafe.Add(ref reach0, split.RightSlot * BlockRows);
            var threshold = TBytes.Broadcast(split.Threshold);
            for (nuint i = 0; i < rows; i += TBytes.Count)
            {
                var goesRight = TBytes.GreaterThan(TBytes.Load(ref column, i), threshold);
                var mask = TBytes.Load(ref reached, i);
                TBytes.AndNot(mask, goesRight).Store(ref left, i);
                TBytes.And(mask, goesRight).Store(ref right, i);
            }
        }
    }

    // Each row reaches one leaf, so OR-ing every leaf's number under its mask gives each row its leaf number.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NumberLeaves<TBytes>(BinnedTree tree, ref sbyte reach0, ref byte leaf0, nuint rows)
        where TBytes : struct, IRowBytes<TBytes>
    {
        ref sbyte leafMasks = ref Unsafe.Add(ref reach0, tree.Splits.Length * BlockRows);
        ref sbyte numbers = ref Unsafe.As<byte, sbyte>(ref leaf0);
        int leafCount = tree.LeafValues.Length;
        for (nuint i = 0; i < rows; i += TBytes.Count)
        {
            var number = TBytes.Broadcast(0);
            // Leaf numbers run to 255, so as signed bytes they wrap; only their bits matter.
            for (int leaf = 1; leaf < leafCount; leaf++)
                number = TBytes.Or(number, TBytes.And(TBytes.Load(ref Unsafe.Add(ref leafMasks, leaf * BlockRows), i), TBytes.Broadcast(unchecked((sbyte)leaf))));
            number.Store(ref numbers, i);
        }
    }

    /// <summary>
    /// Trees of up to 32 leaves keep their leaf values in four registers; a two-table permute looks up eight rows'
    /// values at once (bit 4 of the leaf number picks the table), instead of eight dependent scalar loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddLeafValues512(Vector512<double>[] table, ref byte leaf0, Span<double> output)
    {
        var low = table[0];
        var lowHigh = table[1];
        var high = table[2];
        var highHigh = table[3];
        ref double score = ref MemoryMarshal.GetReference(output);
        int r = 0;
        for (; r + Vector512<double>.Count <= output.Length; r += Vector512<double>.Count)
        {
            var number = Avx512F.ConvertToVector512Int64(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref leaf0, r))).AsByte());
            var fromLow = Avx512F.PermuteVar8x64x2(low, number, lowHigh);
            var fromHigh = Avx512F.PermuteVar8x64x2(high, number, highHigh);
            var value = Vector512.ConditionalSelect(Vector512.GreaterThan(number, Vector512.Create(15L)).AsDouble(), fromHigh, fromLow);
            (Vector512.LoadUnsafe(ref score, (nuint)r) + value).StoreUnsafe(ref score, (nuint)r);
        }
        for (; r < output.Length; r++) output[r] += LeafValue(table, Unsafe.Add(ref leaf0, r));
    }

    private static double LeafValue(Vector512<double>[] table, int leaf) => table[leaf >> 3][leaf & 7];

    // One addition per row and tree, in tree order, as TreeEnsemble sums: the scores stay bit for bit the same.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddLeafValues(double[] values, ref byte leaf0, Span<double> output)
    {
        ref double value0 = ref MemoryMarshal.GetArrayDataReference(values);
        for (int r = 0; r < output.Length; r++) output[r] += Unsafe.Add(ref value0, Unsafe.Add(ref leaf0, r));
    }
}
