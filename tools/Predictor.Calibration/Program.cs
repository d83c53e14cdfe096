// Tunes CohortModel's survival parameters so that, in a large simulated cohort, each factor's own Cox hazard ratio
// and the median overall survival by p-AKT match the seed study (StudyFigures). Fixed-point iteration on the log
// scale: each conditional log-hazard moves by the gap between the published and the estimated marginal log-HR;
// the Weibull scale follows the low-p-AKT median and the shape follows the high/low median ratio.
// Usage: dotnet run -c Release --project tools/Predictor.Calibration [patients] [iterations]
using System.Globalization;
using Predictor.Calibration;
using Predictor.Data.Simulation;

int patients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400_000;
int iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12;
var model = CohortModel.Default;
for (int iteration = 0; iteration <= iterations; iteration++)
{
    var cohort = CohortSimulator.Generate(new SimulationOptions { Patients = patients, Seed = 1000 + (ulong)iteration, Model = model });
    var summary = SurvivalSummary.Of(cohort);
    Console.WriteLine(summary.Describe(model));
    if (iteration == iterations) break;
    model = model with
    {
        LogHazardHighPAkt = model.LogHazardHighPAkt + Math.Log(StudyFigures.HazardRatioHighPAkt) - summary.LogHrHighPAkt,
        LogHazardHighPMtor = model.LogHazardHighPMtor + Math.Log(StudyFigures.HazardRatioHighPMtor) - summary.LogHrHighPMtor,
        LogHazardPtenLoss = model.LogHazardPtenLoss + Math.Log(StudyFigures.HazardRatioPtenLoss) - summary.LogHrPtenLoss,
        LogHazardResistance = model.LogHazardResistance + Math.Log(StudyFigures.HazardRatioResistance) - summary.LogHrResistance,
        WeibullScaleMonths = model.WeibullScaleMonths * StudyFigures.MedianOsLowPAkt / summary.MedianLowPAkt,
        WeibullShape = model.WeibullShape * Math.Log(summary.MedianLowPAkt / summary.MedianHighPAkt)
                                          / Math.Log(StudyFigures.MedianOsLowPAkt / StudyFigures.MedianOsHighPAkt),
    };
}
