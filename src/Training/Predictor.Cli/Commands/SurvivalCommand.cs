using System.CommandLine;
using System.Globalization;
using Predictor.Cli.Input;
using Predictor.Cli.Output;
using Predictor.Data.Contract;
using Predictor.Data.Csv;
using Predictor.Data.Errors;
using Predictor.Data.Tables;
using Predictor.Reports.Survival;
using Predictor.Scoring.Serialization;
using Predictor.Scoring.Tables;
using Predictor.Survival.Analysis;
using Predictor.Survival.Cox;
using Predictor.Survival.Data;
using Predictor.Survival.KaplanMeier;
using Predictor.Survival.Paper;

namespace Predictor.Cli.Commands;

/// <summary>
/// <c>predictor survival</c>: Kaplan–Meier curves, log-rank and Peto–Peto tests and Cox models on a cohort file, as R's
/// survival package computes them; <c>predictor survival paper</c> reproduces the seed study's analysis.
/// </summary>
internal static class SurvivalCommand
{
    public static Command Create()
    {
        var data = CliOptions.DataFile("Cohort or any survival table (.csv or .parquet).");
        var time = new Option<string>("--time") { Description = "Follow-up time column.", DefaultValueFactory = _ => "os_months" };
        var status = new Option<string>("--event") { Description = "Event column: 0/1, 1/2 (2 = event, as R) or true/false; the coding is detected and stated.", DefaultValueFactory = _ => "os_event" };
        var group = new Option<string?>("--group") { Description = "Compare the survival of this column's groups (Kaplan–Meier, log-rank, Peto–Peto)." };
        var model = new Option<FileInfo?>("--model") { Description = "Split patients by a trained model's predicted resistance and compare their survival." };
        var covariates = new Option<string?>("--covariates") { Description = "Comma-separated covariates of a Cox model (categories get treatment contrasts against their first level)." };
        var ties = Ties();
        var confType = new Option<string>("--conf-type") { Description = "Kaplan–Meier interval: log (R's default), log-log or plain.", DefaultValueFactory = _ => "log" };
        confType.AcceptOnlyFromAmong("log", "log-log", "plain");
        var times = new Option<string?>("--times") { Description = "Comma-separated times at which to report survival, e.g. 6,12,24." };
        var json = JsonFlag();
        var report = new Option<FileInfo?>("--report") { Description = "Also write a self-contained HTML report (Kaplan–Meier curves with CIs and numbers at risk)." };
        var na = CliOptions.MissingTokens();

        var command = new Command("survival",
            "Survival analysis as exact as R's survival package: Kaplan–Meier with Greenwood CIs and medians, log-rank and Peto–Peto tests, " +
            "Cox models (Efron, Breslow, exact ties) with proportional-hazards checks.")
        {
            data, time, status, group, model, covariates, ties, confType, times, json, report, na,
        };
        command.Subcommands.Add(Paper());
        command.SetAction(parse =>
        {
            var file = parse.GetValue(data)!;
            RequireReportTarget(parse, report);
            if (parse.GetValue(model) is not null && parse.GetValue(group) is not null)
                throw new PredictorInputException("Give either --group or --model, not both.");
            var opened = Open(file, parse.GetValue(na)!);
            var table = opened.Table;
            var outcome = SurvivalTable.Outcome(table, parse.GetValue(time)!, parse.GetValue(status)!);
            var notes = new List<string>();
            var rows = (IReadOnlyList<int>)[.. Enumerable.Range(0, table.RowCount)];
            Grouping? grouping = null;
            if (parse.GetValue(group) is { } groupColumn)
            {
                grouping = SurvivalTable.Groups(table, groupColumn, rows, out var kept);
                if (kept.Count < rows.Count) notes.Add($"{rows.Count - kept.Count} patient(s) without a '{groupColumn}' value left out of the group comparison.");
                rows = kept;
            }
            else if (parse.GetValue(model) is { } modelFile)
            {
                (grouping, rows, double cutOff) = PredictedGroups(modelFile, opened, parse.InvocationConfiguration.Error);
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Groups: predicted six-month resistance by {modelFile.Name} (probability >= {cutOff:0.###}); {table.RowCount - rows.Count} patient(s) the model could not score left out."));
            }
            var outcomeRows = outcome.Data.Select([.. rows]);
            var comparison = GroupComparison.Run(outcomeRows, grouping, ParseConfidence(parse.GetValue(confType)!));
            CoxAnalysis? cox = null;
            if (parse.GetValue(covariates) is { } list)
            {
                var names = SplitList(list, "--covariates");
                cox = CoxAnalysis.Run(table, outcomeRows, names, new CoxOptions { Ties = ParseTies(parse.GetValue(ties)!) }, rows);
            }
            var summary = new SurvivalSummary(file.Name, outcome with { Data = outcomeRows }, comparison, ParseTimes(parse.GetValue(times)), cox, notes);
            WriteOutputs(parse, json, report, writer => TextReport.Write(summary, writer), stream => JsonReport.Write(summary, stream), () => HtmlSurvivalReport.Build(summary));
            return ExitCode.Success;
        });
        return command;
    }

    private static Command Paper()
    {
        var data = CliOptions.DataFile("Cohort file following the data contract (.csv or .parquet), e.g. data/cohort.csv.");
        var akt = new Option<double?>("--akt-cutoff") { Description = "p-AKT H-score above which a tumour is 'high' (default: the cohort median)." };
        var mtor = new Option<double?>("--mtor-cutoff") { Description = "p-mTOR H-score above which a tumour is 'high' (default: the cohort median)." };
        var pten = new Option<double?>("--pten-cutoff") { Description = "PTEN H-score below which PTEN counts as lost (default: the cohort median)." };
        var ties = Ties();
        var json = JsonFlag();
        var report = new Option<FileInfo?>("--report") { Description = "Also write a self-contained HTML report." };
        var na = CliOptions.MissingTokens();
        var command = new Command("paper",
            "Reproduce the seed study's survival analysis: markers dichotomised at the median, univariable and multivariable Cox " +
            "hazard ratios for high p-AKT, high p-mTOR, PTEN loss and resistance, and median overall survival by p-AKT.")
        {
            data, akt, mtor, pten, ties, json, report, na,
        };
        command.SetAction(parse =>
        {
            RequireReportTarget(parse, report);
            var table = Open(parse.GetValue(data)!, parse.GetValue(na)!).Table;
            var result = PaperAnalysis.Run(table, new PaperCutOffs(parse.GetValue(akt), parse.GetValue(mtor), parse.GetValue(pten)), ParseTies(parse.GetValue(ties)!));
            WriteOutputs(parse, json, report, writer => PaperTextReport.Write(result, writer), stream => JsonReport.Write(result, stream), () => HtmlSurvivalReport.Build(result));
            return ExitCode.Success;
        });
        return command;
    }

    /// <summary>Scores the cohort with a trained model and splits the scorable patients by predicted resistance.</summary>
    private static (Grouping Groups, IReadOnlyList<int> Rows, double Threshold) PredictedGroups(FileInfo modelFile, TableFile dataFile, TextWriter error)
    {
        var artifact = ModelFiles.Read(modelFile, error);
        // The model reads contract-typed features; rows with invalid values are reported and not scored.
        var loaded = dataFile.AsCohort(CohortPurpose.Scoring);
        InputFiles.ReportIssues(loaded, error);
        var inputs = ModelInput.FromTable(loaded.Table, artifact.Model);
        var probabilities = new double[loaded.Table.RowCount];
        artifact.Model.PredictRaw(inputs, probabilities);
        for (int i = 0; i < probabilities.Length; i++) probabilities[i] = artifact.Probability(probabilities[i]);
        var rows = loaded.SourceRows.Select(r => r - 1).ToArray();
        var labels = probabilities.Select(p => artifact.IsPositive(p) ? "predicted resistant" : "predicted not resistant").ToArray();
        var levels = new[] { "predicted resistant", "predicted not resistant" }.Where(l => labels.Contains(l)).ToArray();
        if (levels.Length < 2)
            throw new PredictorInputException($"--model {modelFile.Name}: every scored patient is {levels.FirstOrDefault() ?? "unscored"}; there are no groups to compare.");
        return (new Grouping([.. labels.Select(l => Array.IndexOf(levels, l))], levels, "model prediction"), rows, artifact.Metadata.Threshold?.Value ?? 0.5);
    }

    private static Option<string> Ties()
    {
        var ties = new Option<string>("--ties") { Description = "Tied event times in Cox models: efron (R's default), breslow or exact.", DefaultValueFactory = _ => "efron" };
        ties.AcceptOnlyFromAmong("efron", "breslow", "exact");
        return ties;
    }

    private static TableFile Open(FileInfo file, string[] missingTokens)
    {
        InputFiles.RequireExists(file, "--data");
        return InputFiles.Open(file.FullName, missingTokens);
    }

    /// <summary>Refuses a <c>--report</c> path that is a directory before any work, so nothing is half-written.</summary>
    private static void RequireReportTarget(ParseResult parse, Option<FileInfo?> report)
    {
        if (parse.GetValue(report) is { } file) CliFiles.RequireFileTarget(file, "--report");
    }

    /// <summary>As <c>train</c>, <c>cv</c> and <c>evaluate</c>: <c>--json</c> prints JSON instead of the text (redirect it to keep a file).</summary>
    private static Option<bool> JsonFlag() => new("--json") { Description = "Print the results as JSON instead of text (redirect to a file to keep them)." };

    /// <summary>
    /// The text or, with <c>--json</c>, the JSON on standard output; then the HTML report, whose "Report written" line
    /// goes to standard error under <c>--json</c> so standard output stays one JSON document (as <c>train --json --report</c>).
    /// </summary>
    private static void WriteOutputs(ParseResult parse, Option<bool> json, Option<FileInfo?> report, Action<TextWriter> writeText, Action<Stream> writeJson, Func<string> buildHtml)
    {
        var output = parse.InvocationConfiguration.Output;
        bool asJson = parse.GetValue(json);
        if (asJson)
        {
            using var buffer = new MemoryStream();
            writeJson(buffer);
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else writeText(output);
        if (parse.GetValue(report) is { } file)
        {
            string html = buildHtml();
            CliFiles.WriteAtomically(file.FullName, stream =>
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                writer.Write(html);
            });
            (asJson ? parse.InvocationConfiguration.Error : output).WriteLine("Report written to " + file.FullName);
        }
    }

    private static TieMethod ParseTies(string ties) => ties switch
    {
        "breslow" => TieMethod.Breslow,
        "exact" => TieMethod.Exact,
        _ => TieMethod.Efron,
    };

    private static ConfidenceType ParseConfidence(string type) => type switch
    {
        "log-log" => ConfidenceType.LogLog,
        "plain" => ConfidenceType.Plain,
        _ => ConfidenceType.Log,
    };

    private static string[] SplitList(string list, string option)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0) throw new PredictorInputException($"{option}: give at least one column name.");
        return names;
    }

    private static double[] ParseTimes(string? list)
    {
        if (list is null) return [];
        return [.. SplitList(list, "--times").Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 0
            ? v
            : throw new PredictorInputException($"--times: '{t}' is not a non-negative number."))];
    }
}
