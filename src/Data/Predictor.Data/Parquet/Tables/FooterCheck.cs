using System.Reflection;

namespace Predictor.Data.Parquet.Tables;

/// <summary>
/// Decodes a file's footer once with Parquet.Net's own Thrift decoder, but over an <see cref="EndCheckedStream"/>,
/// before <c>ParquetReader</c> decodes it again over a plain MemoryStream (which it creates itself, out of our reach).
/// </summary>
/// <remarks>
/// Parquet.Net 6.1.0 loops forever when a damaged footer makes its decoder read past the end (see
/// <see cref="EndCheckedStream"/> for the cause). The decoder is deterministic over the bytes: if it finishes here
/// without passing the end, the reader's own decoding of the same bytes finishes too; if it passes the end, the
/// file is refused here. Parquet.Net offers no public call to decode a footer from a stream of ours, so the internal
/// <c>FileMetaData.Read(ThriftCompactProtocolReader)</c> is reached by reflection; the package version is pinned and
/// a missing member fails loudly on the first file rather than silently skipping the check.
/// Before that, <see cref="FooterLengths"/> checks that no length in the footer exceeds the footer, so neither
/// decoding allocates at a lying length.
/// This replaced a wall-clock deadline that left the looping thread spinning and refused valid files on a busy machine.
/// </remarks>
internal static class FooterCheck
{
    private static readonly Lazy<Func<Stream, object>> Decode = new(Bind);

    /// <summary>Throws if the footer of <paramref name="file"/> is not decodable within its own bytes.</summary>
    public static void Require(Stream file, string filePath)
    {
        long length = file.Length;
        file.Position = length - 8;
        Span<byte> size = stackalloc byte[4];
        file.ReadExactly(size);
        int footerLength = BitConverter.ToInt32(size);
        if (footerLength <= 0 || footerLength > length - 12)
            throw new ParquetFormatException($"Parquet file '{filePath}' is corrupt: its footer claims {footerLength} bytes in a file of {length}.") { FilePath = filePath };
        var footer = new byte[footerLength];
        file.Position = length - 8 - footerLength;
        file.ReadExactly(footer);
        file.Position = 0;
        try
        {
            FooterLengths.Require(footer);
        }
        catch (InvalidDataException e)
        {
            throw ParquetErrors.Wrap(e, filePath, null, null);
        }
        using var checkedFooter = new EndCheckedStream(new MemoryStream(footer, writable: false));
        try
        {
            Decode.Value(checkedFooter);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw ParquetErrors.Wrap(e.InnerException, filePath, null, null);
        }
    }

    private static Func<Stream, object> Bind()
    {
        var assembly = typeof(global::Parquet.ParquetReader).Assembly;
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic;
        var protocol = assembly.GetType("Parquet.Meta.Proto.ThriftCompactProtocolReader", throwOnError: true)!;
        var constructor = protocol.GetConstructor(Any | BindingFlags.Instance, [typeof(Stream)])
            ?? throw new MissingMemberException(protocol.FullName, ".ctor(Stream)");
        var read = typeof(global::Parquet.Meta.FileMetaData).GetMethod("Read", Any | BindingFlags.Static, [protocol])
            ?? throw new MissingMethodException(typeof(global::Parquet.Meta.FileMetaData).FullName, "Read");
        return stream => read.Invoke(null, [constructor.Invoke([stream])])!;
    }
}
