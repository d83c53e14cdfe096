using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        foreach (var split in tree.Splits)
        {
            ref sbyte column = ref Unsafe.Add(ref column0, split.Column * BlockRows);
            ref sbyte reached = ref Unsafe.Add(ref reach0, split.Slot * BlockRows);
            ref sbyte left = ref Unsafe.Add(ref reach0, split.LeftSlot * BlockRows);
            ref sbyte right = ref Unsafe.Add(ref reach0, split.RightSlot * BlockRows);
            var threshold = Vector256.Create(split.Threshold);
            for (nuint i = 0; i < BlockRows; i += (nuint)Vector256<sbyte>.Count)
            {
                var goesRight = Vector256.GreaterThan(Vector256.LoadUnsafe(ref column, i), threshold);
                var mask = Vector256.LoadUnsafe(ref reached, i);
                Vector256.AndNot(mask, goesRight).StoreUnsafe(ref left, i);
                (mask & goesRight).StoreUnsafe(ref right, i);
            }
        }

        // Each row reaches one leaf, so OR-ing every leaf's number under its mask gives each row its leaf number.
        int firstLeaf = tree.Splits.Length, leafCount = tree.LeafValues.Length;
        ref byte leaf0 = ref MemoryMarshal.GetReference(leaves);
        for (nuint i = 0; i < BlockRows; i += (nuint)Vector256<byte>.Count)
        {
            var number = Vector256<byte>.Zero;
            for (int leaf = 1; leaf < leafCount; leaf++)
            {
                var mask = Vector256.LoadUnsafe(ref Unsafe.Add(ref reach0, (firstLeaf + leaf) * BlockRows), i).AsByte();
                number |= mask & Vector256.Create((byte)leaf);
            }
            number.StoreUnsafe(ref leaf0, i);
        }

        // One addition per row and tree, in tree order, as TreeEnsemble sums: the scores stay bit for bit the same.
        ref double value0 = ref MemoryMarshal.GetArrayDataReference(tree.LeafValues);
        for (int r = 0; r < output.Length; r++) output[r] += Unsafe.Add(ref value0, leaves[r]);
    }
}
