using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Predictor.Scoring.Linear;

/// <summary>
/// The straight-line part of a model that boosts from a penalised logistic regression: per-feature terms added to the
/// base score before any tree. A risk that is linear on the log-odds scale (as most clinical risk scores are) is then
/// carried by these terms exactly, and the trees only model what is left: bends, thresholds and interactions.
/// Terms are summed in their stored order starting from zero, and every scorer in this library does the same, so all
/// of them return the same raw score bit for bit.
/// </summary>
public sealed class LinearMargin
{
    private readonly LinearTerm[] _terms;

    /// <summary>A margin made of <paramref name="terms"/>, at most one per feature, in ascending feature order.</summary>
    public LinearMargin(IReadOnlyList<LinearTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _terms = [.. terms];
        foreach (var term in _terms) ArgumentNullException.ThrowIfNull(term, nameof(terms));
        for (int i = 1; i < _terms.Length; i++)
        {
            if (_terms[i].Feature <= _terms[i - 1].Feature)
                throw new ArgumentException($"Linear terms must name distinct features in ascending order; feature {_terms[i].Feature} follows {_terms[i - 1].Feature}.", nameof(terms));
        }
    }

    /// <summary>The terms, in ascending feature order.</summary>
    public IReadOnlyList<LinearTerm> Terms => _terms;

    /// <summary>The margin's mean over the training rows (the sum of the terms' means).</summary>
    public double ExpectedValue
    {
        get
        {
            double sum = 0;
            foreach (var term in _terms) sum += term.MeanContribution;
            return sum;
        }
    }

    /// <summary>The margin for one row in the model's feature order: the terms summed from zero in their stored order.</summary>
    public double Evaluate(ReadOnlySpan<double> row)
    {
        if (_terms.Length > 0 && row.Length <= _terms[^1].Feature)
            throw new ArgumentException($"A row of {row.Length} values has no feature {_terms[^1].Feature}, which a linear term reads.", nameof(row));
        double sum = 0;
        foreach (var term in _terms) sum += term.Evaluate(row[term.Feature]);
        return sum;
    }

    /// <summary>
    /// Adds the margin of <c>output.Length</c> rows to <paramref name="output"/>; feature <c>f</c> of row <c>r</c> is
    /// <c>values[r * rowStride + f * featureStride]</c> (row-major and column-major batches alike).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot loop: optimised from the first call
    internal void AddTo(ReadOnlySpan<double> values, Span<double> output, int rowStride, int featureStride)
    {
        // Term by term over a block of rows: each row still sums its terms from zero in stored order, so its margin is
        // bit for bit the one-row Evaluate, but the rows' sums no longer wait on each other's additions (one row's
        // terms form a chain of dependent adds, which the one-row order cannot avoid) and a term's rows vectorise.
        Span<double> sums = stackalloc double[BlockRows];
        ref double first = ref MemoryMarshal.GetReference(values);
        for (int start = 0; start < output.Length; start += BlockRows)
        {
            var block = sums[..Math.Min(BlockRows, output.Length - start)];
            block.Clear();
            ref double blockFirst = ref Unsafe.Add(ref first, start * rowStride);
            foreach (var term in _terms) term.AddTo(ref Unsafe.Add(ref blockFirst, term.Feature * featureStride), rowStride, block);
            var scores = output.Slice(start, block.Length);
            for (int r = 0; r < block.Length; r++) scores[r] += block[r];
        }
    }

    /// <summary>Rows per block of <see cref="AddTo"/>: the block's row-major values (about 10 KB for 20 features) stay in L1 across its terms.</summary>
    private const int BlockRows = 64;
}
