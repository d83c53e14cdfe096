using Predictor.Data.Contract;
using Predictor.Data.Tables;

namespace Predictor.Data.Simulation;

/// <summary>Joins generated batches into one contract-shaped <see cref="DataTable"/>.</summary>
internal static class CohortTableBuilder
{
    public static DataTable Build(IReadOnlyList<PatientBatch> batches, int patients)
    {
        var ids = new string?[patients];
        foreach (var batch in batches)
        {
            for (int i = 0; i < batch.Count; i++) ids[batch.FirstPatient + i] = CohortSimulator.PatientId(batch.FirstPatient + i, patients);
        }

        Column Numeric(string name, Func<PatientBatch, double[]> pick) => new NumericColumn(name, Concat(batches, pick, patients));
        Column Boolean(string name, Func<PatientBatch, byte[]> pick) => new BooleanColumn(name, Concat(batches, pick, patients));
        Column Category(string name, Func<PatientBatch, int[]> pick)
        {
            var spec = CohortContract.Get(name);
            return new CategoricalColumn(name, Concat(batches, pick, patients), spec.Levels, spec.Type == ContractValueType.OrderedCategory);
        }

        return new DataTable(
        [
            new TextColumn(CohortContract.PatientId, ids),
            Numeric("age_years", b => b.Age),
            Category("sex", b => b.Sex),
            Category("etiology", b => b.Etiology),
            Category("child_pugh", b => b.ChildPugh),
            Numeric("ecog_ps", b => b.Ecog),
            Category("bclc_stage", b => b.Bclc),
            Numeric("tumor_size_cm", b => b.TumourSize),
            Numeric("tumor_count", b => b.TumourCount),
            Boolean("microvascular_invasion", b => b.Mvi),
            Numeric("afp_ng_ml", b => b.Afp),
            Category("treatment", b => b.Treatment),
            Numeric("pi3k_hscore", b => b.Pi3k),
            Numeric("p_akt_hscore", b => b.PAkt),
            Numeric("p_mtor_hscore", b => b.PMtor),
            Numeric("pten_hscore", b => b.Pten),
            Numeric("mdr1_hscore", b => b.Mdr1),
            Numeric("bcl2_hscore", b => b.Bcl2),
            Numeric("mir_21", b => b.Mir21),
            Numeric("mir_155", b => b.Mir155),
            Numeric("mir_205_5p", b => b.Mir205),
            Numeric("mir_144_3p", b => b.Mir144),
            Boolean(CohortContract.ResistantAt6Months, b => b.Resistant),
            Numeric(CohortContract.OverallSurvivalMonths, b => b.OsMonths),
            Boolean(CohortContract.OverallSurvivalEvent, b => b.OsEvent),
        ]);
    }

    private static T[] Concat<T>(IReadOnlyList<PatientBatch> batches, Func<PatientBatch, T[]> pick, int patients)
    {
        var result = new T[patients];
        foreach (var batch in batches) pick(batch).CopyTo(result, batch.FirstPatient);
        return result;
    }
}
