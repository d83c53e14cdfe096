namespace Predictor.Scoring.Artifact;

/// <summary>Identifies the training data without holding any of it: size, label balance and a content hash.</summary>
/// <param name="Rows">Training rows.</param>
/// <param name="Positives">Rows with a positive label.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the training data as the trainer saw it.</param>
public sealed record DataFingerprint(long Rows, long Positives, string Sha256)
{
    /// <summary>Number of training rows.</summary>
    public long Rows { get; } = Rows >= 0 ? Rows : throw new ArgumentOutOfRangeException(nameof(Rows));

    /// <summary>Number of rows with the positive label.</summary>
    public long Positives { get; } = Positives >= 0 && Positives <= Rows ? Positives : throw new ArgumentOutOfRangeException(nameof(Positives));

    /// <summary>SHA-256 of the training data as the trainer saw it (64 lower-case hex digits).</summary>
    public string Sha256 { get; } = Sha256 is { Length: 64 } && Sha256.All(char.IsAsciiHexDigitLower)
        ? Sha256 : throw new ArgumentException("A SHA-256 is 64 lower-case hex digits.", nameof(Sha256));
}
