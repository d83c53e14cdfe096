namespace Predictor.Survival.Cox;

/// <summary>
/// What one distinct event time adds to the partial likelihood at given coefficients: the log-likelihood term, the
/// summed Schoenfeld residuals (observed minus risk-weighted expected covariates) and the information
/// (risk-weighted covariance of the covariates, averaged over tied events as the tie method prescribes).
/// </summary>
internal sealed record EventTimeContribution(double Time, int Deaths, double LogLikelihood, double[] Residual, double[,] Information);

/// <summary>The partial log-likelihood with its gradient (score) and negative Hessian (information).</summary>
internal sealed record LikelihoodPoint(double LogLikelihood, double[] Score, double[,] Information);

/// <summary>A Cox partial likelihood for one tie method.</summary>
internal interface IPartialLikelihood
{
    LikelihoodPoint Evaluate(ReadOnlySpan<double> beta);
}
