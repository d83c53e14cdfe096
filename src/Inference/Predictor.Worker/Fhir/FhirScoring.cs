using Predictor.Data.Contract;
using Predictor.Data.Errors;
using Predictor.Fhir.Mapping;
using Predictor.Scoring.Explanations;
using Predictor.Scoring.Input;
using Predictor.Scoring.Tables;
using Predictor.Worker.Models;
using Predictor.Worker.Scoring;

namespace Predictor.Worker.Fhir;

/// <summary>One mapped patient's score (index in the request's order of patients).</summary>
internal sealed record FhirScored(int Index, MappedPatient Patient, double Probability, bool Resistant, double? RawScore, IReadOnlyList<FeatureContribution> Contributions);

/// <summary>A patient not scored: a feature that could not be read from FHIR, or a value the contract refuses.</summary>
internal sealed record FhirRefused(int Index, string PatientId, string Feature, string? Resource, string Problem);

/// <summary>The outcome of scoring mapped patients; <see cref="QueueFull"/> when the batcher refused the work.</summary>
internal sealed record FhirScoringResult(LoadedModel Model, IReadOnlyList<FhirScored> Scored, IReadOnlyList<FhirRefused> Refused, bool QueueFull);

/// <summary>
/// Scores patients mapped from FHIR by the same path as <c>POST /v1/score</c>: contract validation of the cells,
/// the table binder (<see cref="ModelInput"/>, tolerant policy), the micro-batcher and the served model, so a FHIR
/// patient and the same features sent as JSON get the same probability.
/// </summary>
internal sealed class FhirScoring(ModelStore models, MicroBatcher batcher)
{
    public async Task<FhirScoringResult> Score(IReadOnlyList<MappedPatient> patients, int contributions)
    {
        var model = models.Current;
        var refused = new List<FhirRefused>();
        var readable = new List<(int Index, MappedPatient Patient)>();
        for (int i = 0; i < patients.Count; i++)
        {
            var patient = patients[i];
            if (patient.Problems.Count == 0) readable.Add((i, patient));
            else refused.AddRange(patient.Problems.Select(p => new FhirRefused(i, patient.PatientId, p.Feature, p.Resource, p.Problem)));
        }
        if (readable.Count == 0) return new FhirScoringResult(model, [], refused, false);

        CohortLoadResult validated;
        try
        {
            validated = CohortLoader.FromTable(FhirTable.Of([.. readable.Select(r => r.Patient)]), "fhir", CohortPurpose.Scoring);
        }
        catch (PredictorInputException ex)
        {
            // Every contract column is laid out, so only a bug gets here; say so rather than answer a 500 without words.
            throw new InvalidOperationException("The FHIR table does not fit the contract: " + ex.Message, ex);
        }
        foreach (var issue in validated.Issues)
        {
            var (index, patient) = readable[issue.Row - 1];
            patient.Sources.TryGetValue(issue.Column, out var source);
            refused.Add(new FhirRefused(index, patient.PatientId, issue.Column, source?.Resource, issue.Problem));
        }
        int count = validated.Table.RowCount;
        if (count == 0) return new FhirScoringResult(model, [], refused, false);

        var rows = ModelInput.FromTable(validated.Table, model.Ensemble, InputPolicy.Tolerant);
        var job = new ScoreJob(model, rows, count);
        if (!batcher.TryEnqueue(job)) return new FhirScoringResult(model, [], refused, true);
        var probabilities = await job.Completion.ConfigureAwait(false);

        int width = model.Ensemble.Features.Count;
        var scored = new List<FhirScored>(count);
        for (int i = 0; i < count; i++)
        {
            var (index, patient) = readable[validated.SourceRows[i] - 1];
            var row = rows.AsSpan(i * width, width);
            var top = contributions > 0 && model.CanExplain ? TreeShap.TopFeatures(model.Ensemble, row, Math.Min(contributions, width)) : [];
            double? raw = contributions > 0 ? model.Compiled.PredictRaw(row) : null;
            scored.Add(new FhirScored(index, patient, probabilities[i], model.IsPositive(probabilities[i]), raw, top));
        }
        return new FhirScoringResult(model, scored, [.. refused.OrderBy(r => r.Index)], false);
    }
}
