namespace Predictor.Survival.Cox;

/// <summary>
/// The exact partial likelihood for tied event times (R's <c>ties = "exact"</c>, the conditional logistic
/// likelihood): at a time with d events among m patients at risk, the denominator is the sum over every d-subset of
/// the risk set of the product of their relative risks. It is accumulated, with its first and second derivatives,
/// by the recursion B(k, j) = B(k, j − 1) + r_j · B(k − 1, j − 1) over the members j of the risk set.
/// </summary>
internal sealed class ExactLikelihood : IPartialLikelihood
{
    private readonly double[,] _x;
    private readonly RiskSets _sets;
    private readonly int _p;

    public ExactLikelihood(double[,] centredX, RiskSets sets)
    {
        _x = centredX;
        _sets = sets;
        _p = centredX.GetLength(1);
    }

    public LikelihoodPoint Evaluate(ReadOnlySpan<double> beta)
    {
        int n = _x.GetLength(0), p = _p;
        var eta = LinearPredictor.Of(_x, beta, out double shift);

        double loglik = 0;
        var score = new double[p];
        var info = new double[p, p];
        int atRisk = 0;
        foreach (var (start, end) in _sets.Blocks)
        {
            atRisk = end;
            int deaths = 0;
            for (int k = start; k < end; k++)
            {
                int i = _sets.Order[k];
                if (!_sets.Events[i]) continue;
                deaths++;
                loglik += eta[i] - shift;
                for (int a = 0; a < p; a++) score[a] += _x[i, a];
            }
            if (deaths == 0) continue;

            // b[k], db[k][a], d2b[k][a,b] for subsets of size k of the members seen so far.
            var b0 = new double[deaths + 1];
            var b1 = new double[deaths + 1, p];
            var b2 = new double[deaths + 1, p, p];
            b0[0] = 1;
            for (int m = 0; m < atRisk; m++)
            {
                int i = _sets.Order[m];
                double r = Math.Exp(eta[i] - shift);
                for (int k = Math.Min(deaths, m + 1); k >= 1; k--)
                {
                    for (int a = 0; a < p; a++)
                    {
                        for (int c = 0; c < p; c++)
                        {
                            b2[k, a, c] += r * (b2[k - 1, a, c] + _x[i, a] * b1[k - 1, c] + b1[k - 1, a] * _x[i, c]
                                                + _x[i, a] * _x[i, c] * b0[k - 1]);
                        }
                    }
                    for (int a = 0; a < p; a++) b1[k, a] += r * (b1[k - 1, a] + _x[i, a] * b0[k - 1]);
                    b0[k] += r * b0[k - 1];
                }
            }
            double denom = b0[deaths];
            loglik -= Math.Log(denom);
            for (int a = 0; a < p; a++)
            {
                double ga = b1[deaths, a] / denom;
                score[a] -= ga;
                for (int c = 0; c < p; c++) info[a, c] += b2[deaths, a, c] / denom - ga * b1[deaths, c] / denom;
            }
        }
        return new LikelihoodPoint(loglik, score, info);
    }
}
