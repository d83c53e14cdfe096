using Microsoft.ML;
using Microsoft.ML.Data;

namespace Predictor.Scoring.MLNet;

/// <summary>
/// The shared state of a scored row or cursor: passes input columns through and computes the added ones once per
/// input position, however many of them are read.
/// </summary>
internal sealed class RowScoring
{
    private readonly ScoringMapper _mapper;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private readonly double[] _row;
    private FeatureReader? _reader;
    private long _scoredPosition = -1;
    private (double Raw, double Probability, bool Positive) _score;

    public RowScoring(ScoringMapper mapper, DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        _mapper = mapper;
        _input = input;
        _active = new bool[mapper.OutputSchema.Count];
        foreach (var column in activeColumns) _active[column.Index] = true;
        _row = new double[mapper.Transformer.Artifact.Model.Features.Count];
    }

    public DataViewSchema Schema => _mapper.OutputSchema;

    public bool IsColumnActive(DataViewSchema.Column column) =>
        _mapper.IsAdded(column) ? _active[column.Index] : _input.IsColumnActive(_mapper.InputSchema[column.Index]);

    public ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        if (!_mapper.IsAdded(column)) return _input.GetGetter<TValue>(_mapper.InputSchema[column.Index]);
        if (!_active[column.Index]) throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
        Delegate getter = (column.Index - _mapper.InputSchema.Count) switch
        {
            OutputColumns.Score => (ValueGetter<double>)((ref double value) => value = Current().Raw),
            OutputColumns.Probability => (ValueGetter<double>)((ref double value) => value = Current().Probability),
            _ => (ValueGetter<bool>)((ref bool value) => value = Current().Positive),
        };
        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type}, not {typeof(TValue).Name}.");
    }

    private (double Raw, double Probability, bool Positive) Current()
    {
        long position = _input.Position;
        if (position != _scoredPosition)
        {
            // Getters are made on first use: ML.NET may build the row before the input's getters are ready.
            _reader ??= new FeatureReader(_mapper.Transformer.Artifact.Model, _mapper.Transformer.Options, _input);
            _score = _mapper.Transformer.Score(_reader, position, _row);
            _scoredPosition = position;
        }
        return _score;
    }
}

/// <summary>One scored row over an input row (what <c>PredictionEngine</c> reads).</summary>
internal sealed class ScoredRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly RowScoring _scoring;

    public ScoredRow(ScoringMapper mapper, DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        _input = input;
        _scoring = new RowScoring(mapper, input, activeColumns);
    }

    public override DataViewSchema Schema => _scoring.Schema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _scoring.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _scoring.GetGetter<TValue>(column);
}

/// <summary>A scored cursor over an input cursor (what <c>Transform</c>'s view hands out).</summary>
internal sealed class ScoredCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly RowScoring _scoring;

    public ScoredCursor(ScoringMapper mapper, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        _input = input;
        _scoring = new RowScoring(mapper, input, activeColumns);
    }

    public override DataViewSchema Schema => _scoring.Schema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _scoring.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _scoring.GetGetter<TValue>(column);

    public override bool MoveNext() => _input.MoveNext();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
