namespace Predictor.Data.Contract;

/// <summary>What a contract column holds.</summary>
public enum ContractValueType
{
    /// <summary>An identifier (patient_id): text, unique within a file, never a feature.</summary>
    Identifier,
    /// <summary>A real number within [Minimum, Maximum].</summary>
    Number,
    /// <summary>A whole number within [Minimum, Maximum].</summary>
    Integer,
    /// <summary>true/false in any letter case, or 1/0.</summary>
    Boolean,
    /// <summary>One of <see cref="ContractColumn.Levels"/>, unordered.</summary>
    Category,
    /// <summary>One of <see cref="ContractColumn.Levels"/>, in that order (BCLC stage 0 &lt; A &lt; B &lt; C &lt; D).</summary>
    OrderedCategory,
}

/// <summary>What a column is for.</summary>
public enum ContractRole
{
    Identifier,
    ClinicalFeature,
    MarkerFeature,
    MirnaFeature,
    /// <summary>An outcome: used for training and evaluation, never as a feature.</summary>
    Label,
}

/// <summary>Whether a file must have the column at all (values inside it may still be missing, except identifiers).</summary>
public enum ContractPresence
{
    /// <summary>Every cohort file has this column.</summary>
    Required,
    /// <summary>Files used for training or evaluation have this column; files being scored need not.</summary>
    RequiredForTraining,
    /// <summary>May be absent as a whole (the optional miRNA panel).</summary>
    Optional,
}

/// <summary>One column of the cohort data contract (../shared/DATA_CONTRACT.md).</summary>
public sealed record ContractColumn(
    string Name,
    ContractValueType Type,
    ContractRole Role,
    ContractPresence Presence,
    string Description)
{
    public double Minimum { get; init; } = double.NegativeInfinity;

    public double Maximum { get; init; } = double.PositiveInfinity;

    /// <summary>True when the lower bound itself is not allowed (tumour size must be &gt; 0).</summary>
    public bool MinimumExclusive { get; init; }

    public IReadOnlyList<string> Levels { get; init; } = [];

    public bool IsFeature => Role is ContractRole.ClinicalFeature or ContractRole.MarkerFeature or ContractRole.MirnaFeature;

    public bool IsLabel => Role == ContractRole.Label;

    /// <summary>A short human description of what is allowed, used in error messages.</summary>
    public string AllowedDescription => Type switch
    {
        ContractValueType.Identifier => "a non-empty identifier, unique in the file",
        ContractValueType.Boolean => "true/false (any letter case) or 1/0",
        ContractValueType.Category or ContractValueType.OrderedCategory => "one of " + string.Join(", ", Levels),
        ContractValueType.Integer => $"a whole number {RangeText()}",
        _ => $"a number {RangeText()}",
    };

    private string RangeText()
    {
        string lower = double.IsNegativeInfinity(Minimum) ? "" : (MinimumExclusive ? "> " : ">= ") + Format(Minimum);
        string upper = double.IsPositiveInfinity(Maximum) ? "" : "<= " + Format(Maximum);
        return (lower, upper) switch
        {
            ("", "") => "",
            (_, "") => lower,
            ("", _) => upper,
            _ => $"{lower} and {upper}",
        };
    }

    private static string Format(double value) => value.ToString("G", System.Globalization.CultureInfo.InvariantCulture);

    public bool IsInRange(double value) =>
        (MinimumExclusive ? value > Minimum : value >= Minimum) && value <= Maximum;
}
