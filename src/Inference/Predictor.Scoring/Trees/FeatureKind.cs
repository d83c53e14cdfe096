namespace Predictor.Scoring.Trees;

/// <summary>How a model reads one input feature.</summary>
public enum FeatureKind
{
    /// <summary>A real number (booleans and ordered categories arrive as 0/1 and level codes); NaN is missing.</summary>
    Numeric,

    /// <summary>An unordered category, given to the model as its 0-based level code; NaN is missing.</summary>
    Categorical,
}
