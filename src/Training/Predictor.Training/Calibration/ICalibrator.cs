namespace Predictor.Training.Calibration;

/// <summary>Maps a model's probability to a calibrated probability.</summary>
public interface ICalibrator
{
    /// <summary>"platt", "isotonic" or "none".</summary>
    string Method { get; }

    double Apply(double probability);
}
