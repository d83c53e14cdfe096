using Microsoft.ML;

namespace Predictor.Scoring.MLNet;

/// <summary>The input view with the score columns added; cursors score rows as they are read.</summary>
internal sealed class ScoredDataView : IDataView
{
    private readonly IDataView _input;
    private readonly ScoringMapper _mapper;

    public ScoredDataView(IDataView input, ScoringMapper mapper)
    {
        _input = input;
        _mapper = mapper;
    }

    public bool CanShuffle => _input.CanShuffle;

    public DataViewSchema Schema => _mapper.OutputSchema;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        return new ScoredCursor(_mapper, _input.GetRowCursor(_mapper.GetDependencies(needed), rand), needed);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        return _input.GetRowCursorSet(_mapper.GetDependencies(needed), n, rand)
            .Select(cursor => (DataViewRowCursor)new ScoredCursor(_mapper, cursor, needed))
            .ToArray();
    }
}
