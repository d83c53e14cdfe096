using System.Numerics;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// Maps 64-bit patterns to dense indices in first-seen order (open addressing, linear probing). The writer's
/// dictionary builder hashes millions of values per file; this is several times faster than a general dictionary.
/// </summary>
internal sealed class BitsIndexMap
{
    private readonly ulong[] _keys;
    private readonly int[] _slots; // index + 1; 0 marks an empty slot
    private readonly int _mask;
    private readonly int _shift;

    public BitsIndexMap(int maxEntries)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, maxEntries * 2));
        _keys = new ulong[capacity];
        _slots = new int[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        Distinct = new List<ulong>(Math.Min(maxEntries, 1024));
    }

    /// <summary>Distinct keys in first-seen order; a key's index is its position here.</summary>
    public List<ulong> Distinct { get; }

    /// <summary>Returns the key's index, adding it when new.</summary>
    public int GetOrAdd(ulong key)
    {
        int slot = (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                _keys[slot] = key;
                Distinct.Add(key);
                _slots[slot] = Distinct.Count;
                return Distinct.Count - 1;
            }
            if (_keys[slot] == key) return entry - 1;
            slot = (slot + 1) & _mask;
        }
    }
}
