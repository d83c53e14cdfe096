using Hl7.Fhir.Model;
using Predictor.Fhir.Mapping;
using Predictor.Fhir.Tests.Fixtures;

namespace Predictor.Fhir.Tests;

/// <summary>The shipped unit table, row by row: each UCUM code, its factor to the contract unit, and refusals.</summary>
public class UnitConversionTests
{
    private static readonly PatientMapper Mapper = new(FhirMappingOptions.Default);

    [Theory]
    [InlineData("1834-1", "ng/mL", "250", "250")]
    [InlineData("1834-1", "ug/L", "250", "250")] // 1 ug/L = 1 ng/mL
    [InlineData("19176-2", "[IU]/mL", "100", "121")] // 1 IU AFP = 1.21 ng (WHO 72/225)
    [InlineData("19176-2", "[iU]/mL", "100", "121")]
    [InlineData("19176-2", "k[IU]/L", "2.5", "3.025")] // kIU/L = IU/mL
    [InlineData("21889-1", "mm", "52", "5.2")]
    [InlineData("21889-1", "cm", "5.2", "5.2")]
    [InlineData("33728-7", "mm", "7", "0.7")]
    public void Each_unit_in_the_table_converts_with_its_stated_factor(string loinc, string unit, string value, string expected)
    {
        var patient = Map(MappingTests.Observation("o", loinc, new Quantity(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), unit, ObservationValues.Ucum)));
        string feature = loinc is "1834-1" or "19176-2" ? "afp_ng_ml" : "tumor_size_cm";
        Assert.Empty(patient.Problems);
        Assert.Equal(expected, patient.Values[feature]);
    }

    [Theory]
    [InlineData("1834-1", "mg/dL", "http://unitsofmeasure.org", "unit 'mg/dL' is not one this feature accepts")]
    [InlineData("1834-1", "ng/ml", "http://unitsofmeasure.org", "unit 'ng/ml' is not one this feature accepts")] // UCUM is case-sensitive
    [InlineData("21889-1", "in", "http://unitsofmeasure.org", "unit 'in' is not one this feature accepts")]
    [InlineData("21889-1", "cm", "http://example.org/units", "not UCUM")]
    public void A_unit_not_in_the_table_is_an_error_for_the_feature(string loinc, string unit, string system, string message)
    {
        var patient = Map(MappingTests.Observation("o", loinc, new Quantity(5m, unit, system)));
        var problem = Assert.Single(patient.Problems);
        Assert.Contains(message, problem.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(patient.Values.Keys, k => k is "afp_ng_ml" or "tumor_size_cm");
    }

    [Fact]
    public void A_bound_such_as_less_than_2_is_not_scored_as_a_number()
    {
        var quantity = new Quantity(2m, "ng/mL", ObservationValues.Ucum) { Comparator = Quantity.QuantityComparator.LessThan };
        var problem = Assert.Single(Map(MappingTests.Observation("o", "1834-1", quantity)).Problems);
        Assert.Contains("bound ('<')", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_factor_in_the_shipped_table_is_the_documented_one()
    {
        var table = FhirMappingOptions.Default.Observations.ToDictionary(o => o.Feature, o => o.Units);
        Assert.Equal(new Dictionary<string, double> { ["ng/mL"] = 1, ["ug/L"] = 1, ["[iU]/mL"] = 1.21, ["[IU]/mL"] = 1.21, ["k[IU]/L"] = 1.21 }, table["afp_ng_ml"]);
        Assert.Equal(new Dictionary<string, double> { ["cm"] = 1, ["mm"] = 0.1 }, table["tumor_size_cm"]);
    }

    private static MappedPatient Map(Observation observation) =>
        Mapper.MapAll(MappingTests.Entries(observation), BundleGenerator.IndexDate).Single();
}
