namespace Predictor.Scoring.Input;

/// <summary>Which rule an input broke.</summary>
public enum ScoringInputProblem
{
    /// <summary>A feature the model reads is absent.</summary>
    MissingColumn,

    /// <summary>An input name is not a model feature.</summary>
    ExtraColumn,

    /// <summary>A category the model was not trained on.</summary>
    UnknownCategory,

    /// <summary>A number outside the training range.</summary>
    OutOfRange,

    /// <summary>An infinite number.</summary>
    NotFinite,

    /// <summary>A value of the wrong kind (text for a number, a number for a category, an unsupported type).</summary>
    WrongType,

    /// <summary>Columns or buffers whose lengths do not agree.</summary>
    WrongLength,

    /// <summary>Two input columns with the same name.</summary>
    DuplicateColumn,
}

/// <summary>
/// Input that does not fit the model's schema under the active <see cref="InputPolicy"/>. The message names the
/// feature, the row and the rule (with the expected range or levels, which are part of the model), but never the
/// offending value itself, so it can be logged without leaking patient data.
/// </summary>
public sealed class ScoringInputException : Exception
{
    /// <summary>Creates an exception for <paramref name="problem"/>.</summary>
    public ScoringInputException(ScoringInputProblem problem, string? feature, int? row, string message)
        : base(message)
    {
        Problem = problem;
        Feature = feature;
        Row = row;
    }

    /// <summary>Creates an exception without details (for serializers and tests).</summary>
    public ScoringInputException() : this(ScoringInputProblem.WrongType, null, null, "Invalid scoring input.") { }

    /// <summary>Creates an exception with a message only.</summary>
    public ScoringInputException(string message) : this(ScoringInputProblem.WrongType, null, null, message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public ScoringInputException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The rule the input broke.</summary>
    public ScoringInputProblem Problem { get; }

    /// <summary>The feature (or input column) concerned, when there is one.</summary>
    public string? Feature { get; }

    /// <summary>The 0-based row in the batch, or null for a whole column or a single patient.</summary>
    public int? Row { get; }
}
