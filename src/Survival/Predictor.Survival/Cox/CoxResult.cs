using Predictor.Survival.Numerics;

namespace Predictor.Survival.Cox;

/// <summary>One coefficient of a Cox model with its hazard ratio and Wald inference.</summary>
public sealed record CoxCoefficient(string Name, double Coefficient, double StdErr, double ConfidenceLevel)
{
    public double HazardRatio => Math.Exp(Coefficient);

    public double Z => Coefficient / StdErr;

    public double PValue => Distributions.NormalTwoSided(Z);

    private double Width => Distributions.NormalQuantile(1 - (1 - ConfidenceLevel) / 2) * StdErr;

    public double HazardRatioLower => Math.Exp(Coefficient - Width);

    public double HazardRatioUpper => Math.Exp(Coefficient + Width);
}

/// <summary>A chi-square test statistic with its degrees of freedom and p-value.</summary>
public sealed record ChiSquareTest(double Statistic, int DegreesOfFreedom)
{
    public double PValue => Distributions.ChiSquareUpperTail(Statistic, DegreesOfFreedom);
}

/// <summary>A fitted Cox proportional-hazards model: the figures R's <c>summary(coxph(...))</c> prints, and more.</summary>
public sealed class CoxResult
{
    internal CoxResult(
        IReadOnlyList<CoxCoefficient> coefficients, double[,] variance, double logLikelihoodNull, double logLikelihood,
        double scoreTest, int patients, int events, int iterations, TieMethod ties, ConcordanceResult concordance,
        double[] linearPredictor, double[] means, IReadOnlyList<string> warnings)
    {
        Coefficients = coefficients;
        Variance = variance;
        LogLikelihoodNull = logLikelihoodNull;
        LogLikelihood = logLikelihood;
        int df = coefficients.Count;
        LikelihoodRatioTest = new ChiSquareTest(2 * (logLikelihood - logLikelihoodNull), df);
        var beta = coefficients.Select(c => c.Coefficient).ToArray();
        WaldTest = new ChiSquareTest(new TolerantCholesky(variance).QuadraticForm(beta), df);
        ScoreTest = new ChiSquareTest(scoreTest, df);
        Patients = patients;
        Events = events;
        Iterations = iterations;
        Ties = ties;
        Concordance = concordance;
        LinearPredictor = linearPredictor;
        Means = means;
        Warnings = warnings;
    }

    public IReadOnlyList<CoxCoefficient> Coefficients { get; }

    /// <summary>The inverse information matrix at the estimate (R's <c>vcov</c>).</summary>
    public double[,] Variance { get; }

    public double LogLikelihoodNull { get; }

    public double LogLikelihood { get; }

    public ChiSquareTest LikelihoodRatioTest { get; }

    public ChiSquareTest WaldTest { get; }

    /// <summary>The score (log-rank) test at coefficients zero.</summary>
    public ChiSquareTest ScoreTest { get; }

    public int Patients { get; }

    public int Events { get; }

    public int Iterations { get; }

    public TieMethod Ties { get; }

    public ConcordanceResult Concordance { get; }

    /// <summary>Per patient, (x − mean(x))·β, as R's <c>predict(fit, type = "lp")</c>.</summary>
    public IReadOnlyList<double> LinearPredictor { get; }

    /// <summary>The covariate means the model was centred on.</summary>
    public IReadOnlyList<double> Means { get; }

    /// <summary>Things the user should know: non-convergence, coefficients that may be infinite (separation).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public CoxCoefficient this[string name] => Coefficients.First(c => c.Name == name);
}
