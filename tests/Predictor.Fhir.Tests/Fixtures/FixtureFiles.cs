using Predictor.Tests.Common;

namespace Predictor.Fhir.Tests.Fixtures;

/// <summary>Paths of the committed FHIR fixtures and CDS Hooks schemas.</summary>
internal static class FixtureFiles
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "Predictor.Fhir.Tests", "Fixtures");

    public static string EhrExportJson => Path.Combine(Folder, "ehr-export.bundle.json");

    public static string EhrExportNdjson => Path.Combine(Folder, "ehr-export.ndjson");

    public static string PatientViewRequest => Path.Combine(Folder, "patient-view.request.json");

    public static string Schema(string name) => Path.Combine(RepoPaths.Root, "tests", "Predictor.Fhir.Tests", "Schemas", name);
}
