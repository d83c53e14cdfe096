using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.Design;

namespace Predictor.Survival.Tests;

/// <summary>
/// Cox models against R 4.2.2 / survival 3.5.3: R-survival-3.5.3-output.txt (survival_reference.R) and
/// R-rossi-output.txt (rossi_check.R). Expected figures are transcribed as R printed them.
/// </summary>
public class CoxModelTests
{
    private static readonly ReferenceData Lung = ReferenceData.Load("lung.csv");

    internal static CoxResult Fit(ReferenceData data, string time, string status, string[] covariates, TieMethod ties = TieMethod.Efron,
        params (string Name, string[] Levels)[] factors)
    {
        var complete = data.Complete(covariates);
        var numeric = covariates.Where(c => factors.All(f => f.Name != c)).ToArray();
        var table = complete.Table(numeric, factors);
        var design = DesignMatrixBuilder.Build(table, covariates).Matrix;
        return CoxModel.Fit(complete.Surv(time, status), design, new CoxOptions { Ties = ties });
    }

    /// <summary>Asserts one row of R's coefficient table and its exp(coef) table.</summary>
    internal static void Row(CoxResult fit, string name, string coef, string hr, string se, string z, string p, string lower, string upper)
    {
        var c = fit[name];
        Printed.Like(coef, c.Coefficient, name + " coef");
        Printed.Like(hr, c.HazardRatio, name + " exp(coef)");
        Printed.Like(se, c.StdErr, name + " se");
        Printed.Like(z, c.Z, name + " z");
        Printed.Like(p, c.PValue, name + " p");
        Printed.Like(lower, c.HazardRatioLower, name + " lower .95");
        Printed.Like(upper, c.HazardRatioUpper, name + " upper .95");
    }

    internal static void Tests(CoxResult fit, string concordance, string concordanceSe, string lr, string lrP, string wald, string waldP, string score, string scoreP)
    {
        Printed.Like(concordance, fit.Concordance.Value, "concordance");
        Printed.Like(concordanceSe, fit.Concordance.StdErr, "concordance se");
        Printed.Like(lr, fit.LikelihoodRatioTest.Statistic, "LR");
        Printed.Like(lrP, fit.LikelihoodRatioTest.PValue, "LR p");
        Printed.Like(wald, fit.WaldTest.Statistic, "Wald");
        Printed.Like(waldP, fit.WaldTest.PValue, "Wald p");
        Printed.Like(score, fit.ScoreTest.Statistic, "score");
        Printed.Like(scoreP, fit.ScoreTest.PValue, "score p");
    }

    [Fact]
    public void Lung_age_sex_Efron_matches_R_summary()
    {
        var fit = Fit(Lung, "time", "status", ["age", "sex"]);
        Assert.Equal((228, 165), (fit.Patients, fit.Events));
        Row(fit, "age", "0.017045", "1.017191", "0.009223", "1.848", "0.06459", "0.9990", "1.0357");
        Row(fit, "sex", "-0.513219", "0.598566", "0.167458", "-3.065", "0.00218", "0.4311", "0.8311");
        Tests(fit, "0.603", "0.025", "14.12", "9e-04", "13.47", "0.001", "13.72", "0.001");
        Printed.Like("-749.909801", fit.LogLikelihoodNull);
        Printed.Like("-742.848246", fit.LogLikelihood);
        // print(rbind(efron=coef(f), ...), digits=10) and the standard errors to 10 digits
        Printed.Significant(0.01704533185, fit["age"].Coefficient, 10, "age coef");
        Printed.Significant(-0.5132185171, fit["sex"].Coefficient, 10, "sex coef");
        Printed.Significant(0.009223273477, fit["age"].StdErr, 10, "age se");
        Printed.Significant(0.1674579624, fit["sex"].StdErr, 10, "sex se");
        Assert.Empty(fit.Warnings);
    }

    [Fact]
    public void Lung_age_sex_Breslow_matches_R_summary()
    {
        var fit = Fit(Lung, "time", "status", ["age", "sex"], TieMethod.Breslow);
        Row(fit, "age", "0.017013", "1.017158", "0.009222", "1.845", "0.06506", "0.9989", "1.0357");
        Row(fit, "sex", "-0.512565", "0.598957", "0.167462", "-3.061", "0.00221", "0.4314", "0.8316");
        Tests(fit, "0.603", "0.025", "14.08", "9e-04", "13.44", "0.001", "13.69", "0.001");
        Printed.Like("-750.122019", fit.LogLikelihoodNull);
        Printed.Like("-743.079654", fit.LogLikelihood);
        Printed.Significant(0.01701288920, fit["age"].Coefficient, 10, "age coef");
        Printed.Significant(-0.5125647915, fit["sex"].Coefficient, 10, "sex coef");
        Printed.Significant(0.009221953685, fit["age"].StdErr, 10, "age se");
        Printed.Significant(0.1674620631, fit["sex"].StdErr, 10, "sex se");
    }

    [Fact]
    public void Lung_age_sex_exact_ties_match_R()
    {
        // coef(fe) to 10 digits and sqrt(diag(vcov(fe))) as printed
        var fit = Fit(Lung, "time", "status", ["age", "sex"], TieMethod.Exact);
        Printed.Significant(0.01706032368, fit["age"].Coefficient, 10, "age coef");
        Printed.Significant(-0.5138634696, fit["sex"].Coefficient, 10, "sex coef");
        Printed.Like("0.009234659", fit["age"].StdErr, "age se");
        Printed.Like("0.167657857", fit["sex"].StdErr, "sex se");
    }

    [Fact]
    public void Exact_equals_Efron_and_Breslow_without_ties()
    {
        // With distinct event times all three likelihoods coincide: an independent check of the subset recursion.
        var data = new SurvivalData([5, 8, 3, 12, 9, 1, 7, 4, 10, 6], [true, false, true, true, true, false, true, true, false, true]);
        var design = DesignMatrix.FromColumns([("x", [1.2, 0.3, 2.2, -0.5, 0.9, 1.1, 0.0, 1.7, -1.0, 0.4]), ("z", [0, 1, 1, 0, 1, 0, 0, 1, 1, 0])]);
        var efron = CoxModel.Fit(data, design);
        var exact = CoxModel.Fit(data, design, new CoxOptions { Ties = TieMethod.Exact });
        for (int a = 0; a < 2; a++)
        {
            Assert.Equal(efron.Coefficients[a].Coefficient, exact.Coefficients[a].Coefficient, 10);
            Assert.Equal(efron.Coefficients[a].StdErr, exact.Coefficients[a].StdErr, 10);
        }
        Assert.Equal(efron.LogLikelihood, exact.LogLikelihood, 10);
    }

    [Fact]
    public void Exact_ties_of_two_by_hand()
    {
        // Two patients (x = 0, 1) die at the same time, nobody else is at risk: the exact likelihood has a single
        // subset, so it is 1 whatever β, while Breslow's would be e^β / (1 + e^β)². Add a later death to make it estimable.
        var data = new SurvivalData([1, 1, 2, 3], [true, true, true, false]);
        var design = DesignMatrix.FromColumns([("x", [0, 1, 1, 0])]);
        var exact = CoxModel.Fit(data, design, new CoxOptions { Ties = TieMethod.Exact });
        // Time 1: subsets of size 2 from {0,1,1,0}: exp(β(x_i + x_j)): 1 pair with sum 2, 4 pairs with sum 1, 1 pair with 0.
        // Time 2: one death with x = 1 among {1, 0}. log L(β) = β − log(e^{2β} + 4e^β + 1) + β − log(e^β + 1).
        // Solve the score equation 2 − (2e^{2β} + 4e^β)/(e^{2β} + 4e^β + 1) − e^β/(e^β + 1) = 0 by bisection.
        double lo = -10, hi = 10;
        for (int i = 0; i < 200; i++)
        {
            double mid = (lo + hi) / 2, e = Math.Exp(mid);
            double score = 2 - (2 * e * e + 4 * e) / (e * e + 4 * e + 1) - e / (e + 1);
            if (score > 0) lo = mid; else hi = mid;
        }
        Assert.Equal(lo, exact.Coefficients[0].Coefficient, 8);
    }

    [Fact]
    public void Lung_sex_only_and_three_covariates_match_R()
    {
        var sex = Fit(Lung, "time", "status", ["sex"]);
        Printed.Like("-0.5310", sex["sex"].Coefficient);
        Printed.Like("0.5880", sex["sex"].HazardRatio);
        Printed.Like("0.1672", sex["sex"].StdErr);
        Printed.Like("-3.176", sex["sex"].Z);
        Printed.Like("0.00149", sex["sex"].PValue);
        Printed.Like("10.63", sex.LikelihoodRatioTest.Statistic);
        Printed.Like("0.001111", sex.LikelihoodRatioTest.PValue);

        // One patient lacks ph.ecog: R drops the row (n = 227, 164 events).
        var three = Fit(Lung, "time", "status", ["age", "sex", "ph.ecog"]);
        Assert.Equal((227, 164), (three.Patients, three.Events));
        Row(three, "age", "0.011067", "1.011128", "0.009267", "1.194", "0.232416", "0.9929", "1.0297");
        Row(three, "sex", "-0.552612", "0.575445", "0.167739", "-3.294", "0.000986", "0.4142", "0.7994");
        Row(three, "ph.ecog", "0.463728", "1.589991", "0.113577", "4.083", "4.45e-05", "1.2727", "1.9864");
        Tests(three, "0.637", "0.025", "30.5", "1e-06", "29.93", "1e-06", "30.5", "1e-06");
    }

    [Fact]
    public void Veteran_full_model_with_a_categorical_covariate_matches_R()
    {
        var veteran = ReferenceData.Load("veteran.csv");
        var fit = Fit(veteran, "time", "status", ["trt", "celltype", "karno", "diagtime", "age", "prior"], TieMethod.Efron,
            ("celltype", ["squamous", "smallcell", "adeno", "large"]));
        Assert.Equal((137, 128), (fit.Patients, fit.Events));
        Row(fit, "trt", "2.946e-01", "1.343e+00", "2.075e-01", "1.419", "0.15577", "0.8939", "2.0166");
        Row(fit, "celltypesmallcell", "8.616e-01", "2.367e+00", "2.753e-01", "3.130", "0.00175", "1.3799", "4.0597");
        Row(fit, "celltypeadeno", "1.196e+00", "3.307e+00", "3.009e-01", "3.975", "7.05e-05", "1.8336", "5.9647");
        Row(fit, "celltypelarge", "4.013e-01", "1.494e+00", "2.827e-01", "1.420", "0.15574", "0.8583", "2.5996");
        Row(fit, "karno", "-3.282e-02", "9.677e-01", "5.508e-03", "-5.958", "2.55e-09", "0.9573", "0.9782");
        Row(fit, "diagtime", "8.132e-05", "1.000e+00", "9.136e-03", "0.009", "0.99290", "0.9823", "1.0182");
        Row(fit, "age", "-8.706e-03", "9.913e-01", "9.300e-03", "-0.936", "0.34920", "0.9734", "1.0096");
        Row(fit, "prior", "7.159e-03", "1.007e+00", "2.323e-02", "0.308", "0.75794", "0.9624", "1.0541");
        Tests(fit, "0.736", "0.021", "62.1", "2e-10", "62.37", "2e-10", "66.74", "2e-11");
    }

    [Fact]
    public void Ovarian_models_match_R()
    {
        var ovarian = ReferenceData.Load("ovarian.csv");
        var age = Fit(ovarian, "futime", "fustat", ["age"]);
        Row(age, "age", "0.16162", "1.17541", "0.04974", "3.249", "0.00116", "1.066", "1.296");
        Tests(age, "0.784", "0.083", "14.29", "2e-04", "10.56", "0.001", "12.26", "5e-04");

        var three = Fit(ovarian, "futime", "fustat", ["age", "ecog.ps", "rx"]);
        Row(three, "age", "0.1470", "1.1583", "0.0463", "3.175", "0.0015", "1.0579", "1.268");
        Row(three, "ecog.ps", "0.1032", "1.1087", "0.6064", "0.170", "0.8649", "0.3378", "3.639");
        Row(three, "rx", "-0.8146", "0.4428", "0.6342", "-1.285", "0.1990", "0.1278", "1.535");
        Tests(three, "0.798", "0.078", "15.92", "0.001", "13.32", "0.004", "18.7", "3e-04");

        var four = Fit(ovarian, "futime", "fustat", ["rx", "resid.ds", "age", "ecog.ps"]);
        (string name, string coef, string hr, string se, string z, string p)[] rows =
        [
            ("rx", "-0.91450", "0.40072", "0.65332", "-1.400", "0.16158"),
            ("resid.ds", "0.82619", "2.28459", "0.78961", "1.046", "0.29541"),
            ("age", "0.12481", "1.13294", "0.04689", "2.662", "0.00777"),
            ("ecog.ps", "0.33621", "1.39964", "0.64392", "0.522", "0.60158"),
        ];
        foreach (var r in rows)
        {
            Printed.Like(r.coef, four[r.name].Coefficient, r.name);
            Printed.Like(r.hr, four[r.name].HazardRatio, r.name);
            Printed.Like(r.se, four[r.name].StdErr, r.name);
            Printed.Like(r.z, four[r.name].Z, r.name);
            Printed.Like(r.p, four[r.name].PValue, r.name);
        }
        Printed.Like("17.04", four.LikelihoodRatioTest.Statistic);
        Printed.Like("0.001896", four.LikelihoodRatioTest.PValue);
    }

    [Fact]
    public void Aml_treatment_contrast_matches_R()
    {
        var codes = Aml.Groups.Codes.ToArray();
        var table = new Predictor.Data.Tables.DataTable([new Predictor.Data.Tables.CategoricalColumn("x", codes, ["Maintained", "Nonmaintained"])]);
        var fit = CoxModel.Fit(Aml.Outcome, DesignMatrixBuilder.Build(table, ["x"]).Matrix);
        var c = fit["xNonmaintained"];
        Printed.Like("0.9155", c.Coefficient);
        Printed.Like("2.4981", c.HazardRatio);
        Printed.Like("0.5119", c.StdErr);
        Printed.Like("1.788", c.Z);
        Printed.Like("0.0737", c.PValue);
        Printed.Like("3.38", fit.LikelihoodRatioTest.Statistic);
        Printed.Like("0.06581", fit.LikelihoodRatioTest.PValue);
    }

    [Fact]
    public void Rossi_recidivism_model_matches_R()
    {
        var rossi = ReferenceData.Load("rossi.csv");
        var fit = Fit(rossi, "week", "arrest", ["fin", "age", "race", "wexp", "mar", "paro", "prio"]);
        Assert.Equal((432, 114), (fit.Patients, fit.Events));
        Row(fit, "fin", "-0.37942", "0.68426", "0.19138", "-1.983", "0.04742", "0.4702", "0.9957");
        Row(fit, "age", "-0.05744", "0.94418", "0.02200", "-2.611", "0.00903", "0.9043", "0.9858");
        Row(fit, "race", "0.31390", "1.36875", "0.30799", "1.019", "0.30812", "0.7484", "2.5032");
        Row(fit, "wexp", "-0.14980", "0.86088", "0.21222", "-0.706", "0.48029", "0.5679", "1.3049");
        Row(fit, "mar", "-0.43370", "0.64810", "0.38187", "-1.136", "0.25606", "0.3066", "1.3699");
        Row(fit, "paro", "-0.08487", "0.91863", "0.19576", "-0.434", "0.66461", "0.6259", "1.3482");
        Row(fit, "prio", "0.09150", "1.09581", "0.02865", "3.194", "0.00140", "1.0360", "1.1591");
        Tests(fit, "0.64", "0.027", "33.27", "2e-05", "32.11", "4e-05", "33.53", "2e-05");
        Printed.Like("-658.7477", fit.LogLikelihood);
    }
}
