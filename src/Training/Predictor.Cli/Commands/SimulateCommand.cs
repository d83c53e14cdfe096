using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Errors;
using Predictor.Data.Simulation;

namespace Predictor.Cli.Commands;

/// <summary><c>predictor simulate</c>: writes a simulated cohort calibrated to the seed study.</summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var patients = new Option<int>("--patients")
        {
            Description = $"Number of patients (1 to {SimulationOptions.MaxPatients:N0}; default: the study's {StudyFigures.Patients}).",
            DefaultValueFactory = _ => StudyFigures.Patients,
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Random seed; the same seed gives the same file byte for byte.",
            DefaultValueFactory = _ => 42UL,
        };
        var treatedFraction = new Option<double>("--treated-fraction")
        {
            Description = "Share of patients treated with sorafenib or lenvatinib (default 38/92 as in the study; 1.0 for benchmark cohorts).",
            DefaultValueFactory = _ => StudyFigures.TreatedPatients / (double)StudyFigures.Patients,
        };
        var output = CliOptions.OutputFile("Where to write the cohort (.csv).");

        var command = new Command("simulate",
            "Simulate a cohort calibrated to the seed study (Popescu et al. 2025). The data are simulated, not patients.")
        {
            patients, seed, treatedFraction, output,
        };
        command.SetAction(parse =>
        {
            var options = new SimulationOptions
            {
                Patients = parse.GetValue(patients),
                Seed = parse.GetValue(seed),
                TreatedFraction = parse.GetValue(treatedFraction),
            };
            var file = parse.GetValue(output)!;
            options.Validate();
            if (!string.Equals(file.Extension, ".csv", StringComparison.OrdinalIgnoreCase))
                throw new PredictorInputException($"--out {file.Name}: simulate writes CSV; give a .csv file name (convert with 'predictor data convert').");

            var clock = Stopwatch.StartNew();
            CliFiles.WriteAtomically(file.FullName, stream => CohortSimulator.WriteCsv(options, stream));
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Simulated {options.Patients:N0} patients ({options.TreatedPatients:N0} treated), seed {options.Seed}, in {clock.Elapsed.TotalSeconds:F2} s -> {file.FullName}"));
            return ExitCode.Success;
        });
        return command;
    }
}
