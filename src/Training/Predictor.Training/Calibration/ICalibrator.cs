namespace Predictor.Training.Calibration;

/// <summary>Maps a model's probability to a calibrated probability.</summary>
public interface ICalibrator
{
    /// <summary>"platt" or "isotonic".</summary>
    string Method { get; }

    double Apply(double probability);
}
