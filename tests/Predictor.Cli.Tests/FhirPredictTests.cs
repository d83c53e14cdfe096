using System.Globalization;
using Predictor.Tests.Common;

namespace Predictor.Cli.Tests;

/// <summary><c>predictor predict</c> on FHIR input: a Bundle and Bulk Data ndjson score like the same patients in CSV.</summary>
public class FhirPredictTests
{
    private static string Fixture(string name) => Path.Combine(RepoPaths.Root, "tests", "Predictor.Fhir.Tests", "Fixtures", name);

    private static string Model => Path.Combine(RepoPaths.Root, "models", "resistance.model.json");

    /// <summary>The three patients of the EHR-like export as of 2026-02-01, written by hand from the fixture generator.</summary>
    private const string SameAsCsvHeader =
        "patient_id,age_years,sex,etiology,child_pugh,ecog_ps,bclc_stage,tumor_size_cm,tumor_count,microvascular_invasion,afp_ng_ml,treatment," +
        "pi3k_hscore,p_akt_hscore,p_mtor_hscore,pten_hscore,mdr1_hscore,bcl2_hscore,mir_21,mir_155,mir_205_5p,mir_144_3p\n";

    private const string SameAsCsv =
        "patient_id,age_years,sex,etiology,child_pugh,ecog_ps,bclc_stage,tumor_size_cm,tumor_count,microvascular_invasion,afp_ng_ml,treatment," +
        "pi3k_hscore,p_akt_hscore,p_mtor_hscore,pten_hscore,mdr1_hscore,bcl2_hscore,mir_21,mir_155,mir_205_5p,mir_144_3p\n" +
        "hcc-001,67,M,HBV,B,1,C,5.2,3,true,1210,sorafenib,180,240,150,40,120,90,2.4,1.1,-0.6,-1.8\n" +
        "hcc-002,76,F,,,,,,,,,,,,,,,,,,,\n" +
        "hcc-003,59,F,MASLD,A,0,B,4.2,,false,35.5,lenvatinib,,,,210,,,,,,\n";

    [Fact]
    public void A_bundle_and_its_ndjson_score_exactly_like_the_same_patients_in_csv()
    {
        var dir = RepoPaths.TempDirectory();
        string csv = Path.Combine(dir, "same.csv");
        File.WriteAllText(csv, SameAsCsv);
        var expected = Probabilities(Predict(csv, Path.Combine(dir, "csv.out.csv")));
        Assert.Equal(["hcc-001", "hcc-002", "hcc-003"], expected.Keys);

        var fromBundle = Probabilities(Predict(Fixture("ehr-export.bundle.json"), Path.Combine(dir, "bundle.out.csv"), "--index-date", "2026-02-01"));
        var fromNdjson = Probabilities(Predict(Fixture("ehr-export.ndjson"), Path.Combine(dir, "ndjson.out.csv"), "--index-date", "2026-02-01"));
        Assert.Equal(expected, fromBundle);
        Assert.Equal(expected, fromNdjson);
    }

    [Fact]
    public void An_earlier_index_date_reads_only_the_records_known_then()
    {
        var dir = RepoPaths.TempDirectory();
        var december = Probabilities(Predict(Fixture("ehr-export.bundle.json"), Path.Combine(dir, "a.csv"), "--index-date", "2025-12-01"));
        // As of 2025-12-01 hcc-001 was BCLC B, Child-Pugh A, AFP 820, not yet on sorafenib, tumour size not yet measured.
        const string known = SameAsCsvHeader + "hcc-001,67,M,HBV,A,,B,,,,820,,,,,,,,,,,\n";
        string csv = Path.Combine(dir, "december.csv");
        File.WriteAllText(csv, known);
        Assert.Equal(Probabilities(Predict(csv, Path.Combine(dir, "b.csv")))["hcc-001"], december["hcc-001"]);
    }

    [Fact]
    public void A_json_file_that_is_not_a_fhir_bundle_is_bad_input_with_the_file_named()
    {
        var dir = RepoPaths.TempDirectory();
        string patient = Path.Combine(dir, "patient.json");
        File.WriteAllText(patient, """{"resourceType":"Patient","id":"x"}""");
        var (code, _, error) = CliRunner.Run("predict", "--model", Model, "--data", patient, "--out", Path.Combine(dir, "out.csv"));
        Assert.Equal(2, code);
        Assert.Contains("patient.json is a FHIR Patient; expected a Bundle", error, StringComparison.Ordinal);

        string ndjson = Path.Combine(dir, "export.ndjson");
        File.WriteAllText(ndjson, "{\"resourceType\":\"Patient\",\"id\":\"a\"}\nnot json\n");
        (code, _, error) = CliRunner.Run("predict", "--model", Model, "--data", ndjson, "--out", Path.Combine(dir, "out.csv"));
        Assert.Equal(2, code);
        Assert.Contains("export.ndjson line 2 is not valid JSON", error, StringComparison.Ordinal);
    }

    private static string Predict(string data, string output, params string[] extra)
    {
        var (code, _, error) = CliRunner.Run(["predict", "--model", Model, "--data", data, "--out", output, .. extra]);
        Assert.True(code == 0, error);
        return output;
    }

    private static Dictionary<string, double> Probabilities(string predictions)
    {
        var lines = File.ReadAllLines(predictions);
        var header = lines[0].Split(',');
        int id = Array.IndexOf(header, "patient_id"), p = Array.IndexOf(header, "probability");
        return lines.Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[id], c => double.Parse(c[p], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
