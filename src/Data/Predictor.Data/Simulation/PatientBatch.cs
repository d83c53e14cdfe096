namespace Predictor.Data.Simulation;

/// <summary>
/// A block of simulated patients held column by column, exactly as they will be written (already rounded).
/// Missing numbers are NaN; categorical codes index the contract's levels with -1 for missing; booleans are
/// 0/1/255 (missing).
/// </summary>
internal sealed class PatientBatch
{
    public PatientBatch(long firstPatient, int count)
    {
        FirstPatient = firstPatient;
        Count = count;
        Age = new double[count];
        Sex = new int[count];
        Etiology = new int[count];
        ChildPugh = new int[count];
        Ecog = new double[count];
        Bclc = new int[count];
        TumourSize = new double[count];
        TumourCount = new double[count];
        Mvi = new byte[count];
        Afp = new double[count];
        Treatment = new int[count];
        Pi3k = new double[count];
        PAkt = new double[count];
        PMtor = new double[count];
        Pten = new double[count];
        Mdr1 = new double[count];
        Bcl2 = new double[count];
        Mir21 = new double[count];
        Mir155 = new double[count];
        Mir205 = new double[count];
        Mir144 = new double[count];
        Resistant = new byte[count];
        OsMonths = new double[count];
        OsEvent = new byte[count];
    }

    public long FirstPatient { get; }
    public int Count { get; }
    public double[] Age { get; }
    public int[] Sex { get; }
    public int[] Etiology { get; }
    public int[] ChildPugh { get; }
    public double[] Ecog { get; }
    public int[] Bclc { get; }
    public double[] TumourSize { get; }
    public double[] TumourCount { get; }
    public byte[] Mvi { get; }
    public double[] Afp { get; }
    public int[] Treatment { get; }
    public double[] Pi3k { get; }
    public double[] PAkt { get; }
    public double[] PMtor { get; }
    public double[] Pten { get; }
    public double[] Mdr1 { get; }
    public double[] Bcl2 { get; }
    public double[] Mir21 { get; }
    public double[] Mir155 { get; }
    public double[] Mir205 { get; }
    public double[] Mir144 { get; }
    public byte[] Resistant { get; }
    public double[] OsMonths { get; }
    public byte[] OsEvent { get; }
}
