using System.Numerics;

namespace Predictor.Data.Parquet.Writing;

/// <summary>
/// Maps 64-bit patterns to dense indices in first-seen order (open addressing, linear probing). The writer's
/// dictionary builder hashes millions of values per file; this is several times faster than a general dictionary.
/// The table starts small and doubles, so a chunk with a few hundred distinct values never touches megabytes.
/// </summary>
internal sealed class BitsIndexMap
{
    private ulong[] _keys;
    private int[] _slots; // index + 1; 0 marks an empty slot
    private int _mask;
    private int _shift;

    public BitsIndexMap(int expectedEntries = 256)
    {
        Distinct = new List<ulong>(expectedEntries);
        (_keys, _slots, _mask, _shift) = Allocate(expectedEntries * 2);
    }

    /// <summary>Distinct keys in first-seen order; a key's index is its position here.</summary>
    public List<ulong> Distinct { get; }

    /// <summary>Returns the key's index, adding it when new.</summary>
    public int GetOrAdd(ulong key)
    {
        int slot = Slot(key);
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0) return Add(key, slot);
            if (_keys[slot] == key) return entry - 1;
            slot = (slot + 1) & _mask;
        }
    }

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private int Add(ulong key, int slot)
    {
        Distinct.Add(key);
        _keys[slot] = key;
        _slots[slot] = Distinct.Count;
        // Keep the load factor at or under one half so probe sequences stay short.
        if (Distinct.Count * 2 > _slots.Length) Rehash();
        return Distinct.Count - 1;
    }

    private void Rehash()
    {
        (_keys, _slots, _mask, _shift) = Allocate(_slots.Length * 2);
        for (int i = 0; i < Distinct.Count; i++)
        {
            int slot = Slot(Distinct[i]);
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _keys[slot] = Distinct[i];
            _slots[slot] = i + 1;
        }
    }

    private static (ulong[] Keys, int[] Slots, int Mask, int Shift) Allocate(int minimumCapacity)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, minimumCapacity));
        return (new ulong[capacity], new int[capacity], capacity - 1, 64 - BitOperations.Log2((uint)capacity));
    }
}
