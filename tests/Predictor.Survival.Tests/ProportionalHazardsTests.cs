using Predictor.Survival.Cox;
using Predictor.Survival.Design;

namespace Predictor.Survival.Tests;

/// <summary>cox.zph chi-squares against R-survival-3.5.3-output.txt and R-rossi-output.txt.</summary>
public class ProportionalHazardsTests
{
    private static ProportionalHazardsResult Zph(ReferenceData data, string time, string status, string[] covariates, TimeTransform transform,
        params (string Name, string[] Levels)[] factors)
    {
        var table = data.Table([.. covariates.Where(c => factors.All(f => f.Name != c))], factors);
        var design = DesignMatrixBuilder.Build(table, covariates).Matrix;
        var outcome = data.Surv(time, status);
        var fit = CoxModel.Fit(outcome, design);
        return ProportionalHazardsTest.Compute(outcome, design, fit, transform);
    }

    private static void Line(ProportionalHazardsLine line, string name, string chisq, int df, string p)
    {
        Assert.Equal(name, line.Term);
        Printed.Like(chisq, line.ChiSquare, name + " chisq");
        Assert.Equal(df, line.DegreesOfFreedom);
        Printed.Like(p, line.PValue, name + " p");
    }

    [Theory]
    // cox.zph(coxph(Surv(time,status)~age+sex, lung), transform=...)
    [InlineData(TimeTransform.KaplanMeier, "0.209", "0.65", "2.608", "0.11", "2.771", "0.25")]
    [InlineData(TimeTransform.Identity, "0.142", "0.707", "2.718", "0.099", "2.833", "0.243")]
    [InlineData(TimeTransform.Rank, "0.137", "0.71", "2.378", "0.12", "2.475", "0.29")]
    [InlineData(TimeTransform.Log, "3.44", "0.064", "2.33", "0.127", "5.43", "0.066")]
    public void Lung_age_sex_matches_R_for_each_transform(TimeTransform transform, string age, string ageP, string sex, string sexP, string global, string globalP)
    {
        var r = Zph(ReferenceData.Load("lung.csv"), "time", "status", ["age", "sex"], transform);
        Line(r.Terms[0], "age", age, 1, ageP);
        Line(r.Terms[1], "sex", sex, 1, sexP);
        Line(r.Global, "GLOBAL", global, 2, globalP);
    }

    [Fact]
    public void Veteran_with_a_three_df_term_matches_R()
    {
        // cox.zph(coxph(Surv(time,status)~trt+celltype+karno, veteran))
        var r = Zph(ReferenceData.Load("veteran.csv"), "time", "status", ["trt", "celltype", "karno"], TimeTransform.KaplanMeier,
            ("celltype", ["squamous", "smallcell", "adeno", "large"]));
        Line(r.Terms[0], "trt", "0.206", 1, "0.64968");
        Line(r.Terms[1], "celltype", "14.532", 3, "0.00226");
        Line(r.Terms[2], "karno", "12.813", 1, "0.00034");
        Line(r.Global, "GLOBAL", "22.860", 5, "0.00036");
    }

    [Theory]
    // cox.zph(f) and cox.zph(f, transform="rank") for the Rossi model (R-rossi-output.txt)
    [InlineData(TimeTransform.KaplanMeier, new[] { "0.0624", "5.9740", "2.0683", "4.2246", "1.0110", "0.0184", "0.5206" },
        new[] { "0.803", "0.015", "0.150", "0.040", "0.315", "0.892", "0.471" }, "17.6944", "0.013")]
    [InlineData(TimeTransform.Rank, new[] { "1.3838", "0.8964", "2.2600", "4.1597", "0.0896", "0.0219", "1.6408" },
        new[] { "0.239", "0.344", "0.133", "0.041", "0.765", "0.882", "0.200" }, "11.0252", "0.138")]
    public void Rossi_matches_R(TimeTransform transform, string[] chisq, string[] p, string global, string globalP)
    {
        string[] names = ["fin", "age", "race", "wexp", "mar", "paro", "prio"];
        var r = Zph(ReferenceData.Load("rossi.csv"), "week", "arrest", names, transform);
        for (int i = 0; i < names.Length; i++) Line(r.Terms[i], names[i], chisq[i], 1, p[i]);
        Line(r.Global, "GLOBAL", global, 7, globalP);
    }
}
