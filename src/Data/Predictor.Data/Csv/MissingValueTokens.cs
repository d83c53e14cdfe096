using System.Text;

namespace Predictor.Data.Csv;

/// <summary>Recognises the empty field and the configured tokens (such as <c>?</c> or <c>NA</c>) as missing.</summary>
public sealed class MissingValueTokens
{
    private readonly byte[][] _tokens;

    public MissingValueTokens(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = [.. tokens.Where(t => t.Length > 0).Select(Encoding.UTF8.GetBytes)];
    }

    public bool IsMissing(ReadOnlySpan<byte> field)
    {
        var trimmed = Utf8Values.Trim(field);
        if (trimmed.IsEmpty) return true;
        foreach (var token in _tokens)
        {
            if (trimmed.SequenceEqual(token)) return true;
        }
        return false;
    }
}
