namespace Predictor.Data.Simulation;

/// <summary>
/// Draws the patients of one batch from <see cref="CohortModel"/>. Each batch has its own random stream derived
/// from the seed and the batch number, so batches can be generated in parallel and the result never depends on
/// the number of threads.
/// </summary>
internal sealed class PatientGenerator
{
    private readonly CohortModel _model;
    private readonly double _resistanceIntercept;
    private readonly double _weibullScalePower;

    public PatientGenerator(CohortModel model)
    {
        _model = model;
        _resistanceIntercept = LogisticIntercept.Solve(
            model.ResistanceRate, ResistancePredictorSd(model), model.ResistanceSorafenib, model.SorafenibFraction);
        _weibullScalePower = Math.Pow(model.WeibullScaleMonths, model.WeibullShape);
    }

    /// <summary>The standard deviation of the marker part of the resistance log-odds, from the latent loadings.</summary>
    internal static double ResistancePredictorSd(CohortModel m)
    {
        (double Coefficient, double Loading)[] terms =
        [
            (m.ResistancePAkt, m.PAkt.Loading), (m.ResistancePMtor, m.PMtor.Loading),
            (m.ResistanceMdr1, m.Mdr1.Loading), (m.ResistanceBcl2, m.Bcl2.Loading),
        ];
        double variance = 0;
        for (int i = 0; i < terms.Length; i++)
        {
            for (int j = 0; j < terms.Length; j++)
            {
                double correlation = i == j ? 1 : terms[i].Loading * terms[j].Loading;
                variance += terms[i].Coefficient * terms[j].Coefficient * correlation;
            }
        }
        return Math.Sqrt(variance);
    }

    public PatientBatch Generate(ulong seed, long batchNumber, long firstPatient, int count, ReadOnlySpan<bool> treated)
    {
        var rng = new RandomStream(seed, (ulong)batchNumber + 1);
        var batch = new PatientBatch(firstPatient, count);
        for (int i = 0; i < count; i++) Draw(rng, batch, i, treated[i]);
        return batch;
    }

    private void Draw(RandomStream rng, PatientBatch b, int i, bool treated)
    {
        var m = _model;

        // Latent biology: miRNA load represses PTEN; PTEN loss activates the pathway.
        double mirna = rng.NextGaussian();
        double a = m.MirnaRepressesPten, c = m.PtenLossActivatesPathway;
        double pten = -a * mirna + Math.Sqrt(1 - a * a) * rng.NextGaussian();
        double z = -c * pten + Math.Sqrt(1 - c * c) * rng.NextGaussian();

        double zAkt = m.PAkt.Standardized(z, rng.NextGaussian());
        double zMtor = m.PMtor.Standardized(z, rng.NextGaussian());
        double zPi3k = m.Pi3k.Standardized(z, rng.NextGaussian());
        double zMdr1 = m.Mdr1.Standardized(z, rng.NextGaussian());
        double zBcl2 = m.Bcl2.Standardized(z, rng.NextGaussian());

        b.PAkt[i] = HScore(m.PAkt.Mean + m.PAkt.Sd * zAkt, rng);
        b.PMtor[i] = HScore(m.PMtor.Mean + m.PMtor.Sd * zMtor, rng);
        b.Pi3k[i] = HScore(m.Pi3k.Mean + m.Pi3k.Sd * zPi3k, rng);
        b.Mdr1[i] = HScore(m.Mdr1.Mean + m.Mdr1.Sd * zMdr1, rng);
        b.Bcl2[i] = HScore(m.Bcl2.Mean + m.Bcl2.Sd * zBcl2, rng);
        b.Pten[i] = HScore(m.Pten.Mean + m.Pten.Sd * pten, rng);

        bool panel = rng.NextBernoulli(m.MirnaPanelRate);
        b.Mir21[i] = Mirna(panel, m.Mir21, mirna, rng);
        b.Mir155[i] = Mirna(panel, m.Mir155, mirna, rng);
        b.Mir205[i] = Mirna(panel, m.Mir205, mirna, rng);
        b.Mir144[i] = Mirna(panel, m.Mir144, mirna, rng);

        // Clinical picture: a more active pathway means larger, more invasive tumours and higher AFP.
        b.Age[i] = Math.Round(Math.Clamp(m.AgeYears.Mean + m.AgeYears.Sd * rng.NextGaussian(), 18, 100));
        b.Sex[i] = rng.NextBernoulli(m.MaleFraction) ? 0 : 1;
        b.Etiology[i] = rng.NextCategory(m.EtiologyProbabilities);
        int childPugh = rng.NextCategory(treated ? m.ChildPughTreated : m.ChildPughUntreated);
        int ecog = rng.NextCategory(treated ? m.EcogTreated : m.EcogUntreated);
        b.ChildPugh[i] = childPugh;
        b.Ecog[i] = ecog;

        double logSize = Math.Log(m.MedianTumourSizeCm * (treated ? m.TreatedTumourSizeFactor : 1))
                         + m.TumourSizeLogSd * (m.TumourSizeOnPathway * z + Math.Sqrt(1 - m.TumourSizeOnPathway * m.TumourSizeOnPathway) * rng.NextGaussian());
        double size = Math.Clamp(Math.Round(Math.Exp(logSize), 1), 0.5, 30);
        int nodules = 1 + rng.NextPoisson(m.ExtraNodulesMean * Math.Exp(0.3 * z));
        b.TumourSize[i] = size;
        b.TumourCount[i] = nodules;

        bool mvi = rng.NextBernoulli(Logistic(m.MicrovascularInvasionLogit.Intercept + m.MicrovascularInvasionLogit.Pathway * z + 0.5 * Math.Log(size / 5)));
        b.Mvi[i] = mvi ? (byte)1 : (byte)0;

        double log10Afp = m.Afp.MeanLog10 + m.Afp.SdLog10 * (m.Afp.Pathway * z + Math.Sqrt(1 - m.Afp.Pathway * m.Afp.Pathway) * rng.NextGaussian());
        double afp = Math.Round(Math.Clamp(Math.Pow(10, log10Afp), 1, 1e6), 1);
        b.Afp[i] = rng.NextBernoulli(m.AfpMissingRate) ? double.NaN : afp;

        bool spread = rng.NextBernoulli(Logistic(m.SpreadLogit.Intercept + m.SpreadLogit.Pathway * z + (treated ? m.SpreadLogit.Treated : 0)));
        b.Bclc[i] = BclcStage(childPugh, ecog, size, nodules, spread);

        // Treatment and six-month resistance.
        bool resistant = false;
        if (treated)
        {
            bool sorafenib = rng.NextBernoulli(m.SorafenibFraction);
            b.Treatment[i] = sorafenib ? 0 : 1;
            double logOdds = _resistanceIntercept
                             + m.ResistancePAkt * zAkt + m.ResistancePMtor * zMtor
                             + m.ResistanceMdr1 * zMdr1 + m.ResistanceBcl2 * zBcl2
                             + (sorafenib ? m.ResistanceSorafenib : 0);
            resistant = rng.NextBernoulli(Logistic(logOdds));
            b.Resistant[i] = resistant ? (byte)1 : (byte)0;
        }
        else
        {
            b.Treatment[i] = -1;
            b.Resistant[i] = 255;
        }

        // Overall survival: Weibull proportional hazards, censored at the end of follow-up.
        double logHazard = (zAkt > 0 ? m.LogHazardHighPAkt : 0)
                           + (zMtor > 0 ? m.LogHazardHighPMtor : 0)
                           + (pten < 0 ? m.LogHazardPtenLoss : 0)
                           + (resistant ? m.LogHazardResistance : 0);
        double eventTime = Math.Pow(_weibullScalePower * rng.NextExponential() / Math.Exp(logHazard), 1 / m.WeibullShape);
        double followUp = m.FollowUpMonths.Min + (m.FollowUpMonths.Max - m.FollowUpMonths.Min) * rng.NextDouble();
        bool died = eventTime <= followUp;
        b.OsMonths[i] = Math.Max(0.1, Math.Round(died ? eventTime : followUp, 1));
        b.OsEvent[i] = died ? (byte)1 : (byte)0;
    }

    /// <summary>BCLC staging from its defining features (Child-Pugh, performance status, tumour burden, spread).</summary>
    internal static int BclcStage(int childPugh, int ecog, double sizeCm, int nodules, bool vascularOrExtrahepaticSpread)
    {
        const int stage0 = 0, stageA = 1, stageB = 2, stageC = 3, stageD = 4;
        if (childPugh == 2 || ecog >= 3) return stageD;
        if (ecog is 1 or 2 || vascularOrExtrahepaticSpread) return stageC;
        if (nodules > 3 || (nodules > 1 && sizeCm > 3)) return stageB;
        if (nodules == 1 && sizeCm <= 2) return stage0;
        return stageA;
    }

    private double HScore(double value, RandomStream rng) =>
        rng.NextBernoulli(_model.MarkerMissingRate) ? double.NaN : Math.Round(Math.Clamp(value, 0, 300));

    private static double Mirna(bool measured, MarkerSpec spec, double load, RandomStream rng)
    {
        double noise = rng.NextGaussian(); // drawn either way so the panel does not shift the other draws
        return measured ? Math.Round(Math.Clamp(spec.Mean + spec.Sd * spec.Standardized(load, noise), -10, 10), 2) : double.NaN;
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
