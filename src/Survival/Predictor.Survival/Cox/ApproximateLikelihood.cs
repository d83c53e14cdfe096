namespace Predictor.Survival.Cox;

/// <summary>
/// The Cox partial likelihood with Breslow's or Efron's handling of tied event times (R's <c>coxfit6</c>).
/// For d tied events Efron removes k/d of the tied patients' risk from the k-th denominator; Breslow removes none.
/// </summary>
internal sealed class ApproximateLikelihood : IPartialLikelihood
{
    private readonly double[,] _x;
    private readonly RiskSets _sets;
    private readonly bool _efron;
    private readonly int _p;

    public ApproximateLikelihood(double[,] centredX, RiskSets sets, TieMethod ties)
    {
        if (ties == TieMethod.Exact) throw new ArgumentException("Use ExactLikelihood for exact ties.", nameof(ties));
        _x = centredX;
        _sets = sets;
        _efron = ties == TieMethod.Efron;
        _p = centredX.GetLength(1);
    }

    public LikelihoodPoint Evaluate(ReadOnlySpan<double> beta)
    {
        double loglik = 0;
        var score = new double[_p];
        var info = new double[_p, _p];
        foreach (var c in Contributions(beta))
        {
            loglik += c.LogLikelihood;
            for (int a = 0; a < _p; a++)
            {
                score[a] += c.Residual[a];
                for (int b = 0; b < _p; b++) info[a, b] += c.Information[a, b];
            }
        }
        return new LikelihoodPoint(loglik, score, info);
    }

    /// <summary>One entry per distinct event time, latest first.</summary>
    public List<EventTimeContribution> Contributions(ReadOnlySpan<double> beta)
    {
        int n = _x.GetLength(0), p = _p;
        var eta = LinearPredictor.Of(_x, beta, out double shift);
        var risk = new double[n];
        for (int i = 0; i < n; i++) risk[i] = Math.Exp(eta[i] - shift);

        double s0 = 0;
        var s1 = new double[p];
        var s2 = new double[p, p];
        var e1 = new double[p];
        var e2 = new double[p, p];
        var result = new List<EventTimeContribution>();
        foreach (var (start, end) in _sets.Blocks)
        {
            double e0 = 0, etaSum = 0;
            int deaths = 0;
            Array.Clear(e1);
            Array.Clear(e2);
            var xDeaths = new double[p];
            for (int k = start; k < end; k++)
            {
                int i = _sets.Order[k];
                double r = risk[i];
                s0 += r;
                for (int a = 0; a < p; a++)
                {
                    s1[a] += r * _x[i, a];
                    for (int b = 0; b <= a; b++) s2[a, b] += r * _x[i, a] * _x[i, b];
                }
                if (!_sets.Events[i]) continue;
                deaths++;
                etaSum += eta[i] - shift;
                e0 += r;
                for (int a = 0; a < p; a++)
                {
                    xDeaths[a] += _x[i, a];
                    e1[a] += r * _x[i, a];
                    for (int b = 0; b <= a; b++) e2[a, b] += r * _x[i, a] * _x[i, b];
                }
            }
            if (deaths == 0) continue;

            double loglik = etaSum;
            var residual = xDeaths;
            var info = new double[p, p];
            var mean = new double[p];
            for (int k = 0; k < deaths; k++)
            {
                double f = _efron ? (double)k / deaths : 0.0;
                double denom = s0 - f * e0;
                loglik -= Math.Log(denom);
                for (int a = 0; a < p; a++)
                {
                    mean[a] = (s1[a] - f * e1[a]) / denom;
                    residual[a] -= mean[a];
                }
                for (int a = 0; a < p; a++)
                {
                    for (int b = 0; b <= a; b++)
                    {
                        double v = (s2[a, b] - f * e2[a, b]) / denom - mean[a] * mean[b];
                        info[a, b] += v;
                        if (a != b) info[b, a] += v;
                    }
                }
            }
            int first = _sets.Order[start];
            result.Add(new EventTimeContribution(_sets.Times[first], deaths, loglik, residual, info));
        }
        return result;
    }
}
