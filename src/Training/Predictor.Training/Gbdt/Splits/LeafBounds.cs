namespace Predictor.Training.Gbdt.Splits;

/// <summary>
/// The range a leaf's value must stay in so that monotone constraints hold across the whole tree: a split on a
/// constrained feature fixes the midpoint of its children's values as a ceiling for one side and a floor for the other.
/// </summary>
public readonly record struct LeafBounds(double Lower, double Upper)
{
    public static LeafBounds Unbounded { get; } = new(double.NegativeInfinity, double.PositiveInfinity);

    public double Clamp(double value) => Math.Clamp(value, Lower, Upper);
}
