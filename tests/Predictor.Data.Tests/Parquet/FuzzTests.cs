using Predictor.Data.Parquet;
using Predictor.Data.Parquet.Tables;
using Predictor.Tests.Common;

namespace Predictor.Data.Tests.Parquet;

/// <summary>
/// Seeded mutations of real files (flipped and overwritten bytes, absurd lengths, truncation) anywhere in the
/// file and concentrated in the footer: every case must read or fail with <see cref="ParquetFormatException"/>,
/// never with another exception type, an out-of-memory from a lying length, or a hang.
/// </summary>
public sealed class FuzzTests
{
    private const int CasesPerFile = 500;

    public static TheoryData<string> Seeds() => new()
    {
        "ref:alltypes_plain.parquet",
        "ref:alltypes_dictionary.parquet",
        "ref:delta_byte_array.parquet",
        "ref:datapage_v2_empty_datapage.snappy.parquet",
        "ref:rle_boolean_encoding.parquet",
        "ref:concatenated_gzip_members.parquet",
        "ref:lz4_raw_compressed.parquet",
        "ref:int32_with_null_pages.parquet",
        "ref:byte_array_decimal.parquet",
        "ref:nation.dict-malformed.parquet",
        "fixture:duckdb_v2_delta.parquet",
        "ref:byte_stream_split.zstd.parquet",
        "ours:snappy",
        "ours:zstd",
        "ours:gzip",
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Mutated_files_read_or_raise_a_format_error(string seedFile)
    {
        byte[] original = Load(seedFile);
        // string.GetHashCode is randomised per process; a fixed FNV-1a hash keeps every run on the same cases.
        var random = new Random(StableHash(seedFile));
        int formatErrors = 0;
        for (int i = 0; i < CasesPerFile; i++)
        {
            var (mutated, description) = Mutate(original, random);
            // Its own thread, not the thread pool: under a loaded test run the pool can take seconds to start a task.
            // Every case takes well under a second even at load 25; the 10 s bound catches an endless loop. (The one
            // case that once broke it, ours:snappy 138, was not load: a lying footer length made Parquet.Net allocate
            // 1.8 GB, which took 13 s in a busy process; FooterLengths now refuses it before any allocation.)
            var task = Task.Factory.StartNew(() => ReadEverything(mutated), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10))) != task)
                Assert.Fail($"{seedFile} case {i} ({description}) did not finish within 10 s");
            if (await task is { } error)
            {
                if (error is ParquetFormatException)
                {
                    formatErrors++;
                    continue;
                }
                Assert.Fail($"{seedFile} case {i} ({description}) threw {error.GetType().Name}: {error}");
            }
        }
        Assert.True(formatErrors > CasesPerFile / 20, $"only {formatErrors} of {CasesPerFile} mutations were detected; the mutator is not biting");
    }

    private static int StableHash(string s)
    {
        uint hash = 2166136261;
        foreach (char c in s) hash = (hash ^ c) * 16777619;
        return (int)hash;
    }

    private static byte[] Load(string seed)
    {
        if (seed.StartsWith("ours", StringComparison.Ordinal))
        {
            // Our writer's output (categorical levels in the footer, several row groups) with each codec.
            var compression = Enum.Parse<ParquetCompression>(seed["ours:".Length..], ignoreCase: true);
            string path = Path.Combine(RepoPaths.TempDirectory(), "ours.parquet");
            var options = new ParquetWriteOptions { RowGroupSize = 120, Compression = compression };
            ParquetTableWriter.Write(TestTables.Cohort(300, seed: 1), path, options);
            return File.ReadAllBytes(path);
        }
        var (kind, name) = (seed[..seed.IndexOf(':', StringComparison.Ordinal)], seed[(seed.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return File.ReadAllBytes(kind == "ref" ? ParquetTestFiles.Reference(name) : ParquetTestFiles.Fixture(name));
    }

    private static Exception? ReadEverything(byte[] bytes)
    {
        try
        {
            // Through the table adapter, so type mapping (dates, timestamps, decimals, levels) is fuzzed too.
            ParquetTableReader.Read(new MemoryStream(bytes), "fuzz.parquet");
            return null;
        }
#pragma warning disable CA1031 // the point is to classify every exception
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }

    private static (byte[] Bytes, string Description) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        int footerLength = BitConverter.ToInt32(original, original.Length - 8);
        int footerStart = Math.Max(0, original.Length - 8 - footerLength);
        // Half the mutations land in the footer, where one byte changes the meaning of everything after it.
        int Position() => random.Next(2) == 0 ? random.Next(footerStart, bytes.Length) : random.Next(bytes.Length);
        int kind = random.Next(6);
        switch (kind)
        {
            case 0:
                {
                    int at = Position();
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    return (bytes, $"bit flip at {at}");
                }
            case 1:
                {
                    int at = Position();
                    bytes[at] = (byte)random.Next(256);
                    return (bytes, $"random byte at {at}");
                }
            case 2:
                {
                    // An absurd varint or length: 0xFF bytes read as huge sizes.
                    int at = Position();
                    int n = random.Next(1, 6);
                    for (int k = 0; k < n && at + k < bytes.Length; k++) bytes[at + k] = 0xFF;
                    return (bytes, $"{n} x 0xFF at {at}");
                }
            case 3:
                {
                    int at = Math.Min(bytes.Length - 4, Position());
                    BitConverter.TryWriteBytes(bytes.AsSpan(at), random.Next(2) == 0 ? int.MaxValue : random.Next());
                    return (bytes, $"int32 overwrite at {at}");
                }
            case 4:
                {
                    int length = random.Next(bytes.Length);
                    return (bytes[..length], $"truncated to {length}");
                }
            default:
                {
                    // Several flips at once, still ending with a valid-looking tail.
                    for (int k = 0; k < 4; k++) bytes[random.Next(bytes.Length - 8)] ^= (byte)random.Next(1, 256);
                    return (bytes, "four random byte changes");
                }
        }
    }
}
