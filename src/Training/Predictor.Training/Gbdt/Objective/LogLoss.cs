using System.Runtime.Intrinsics;
using Predictor.Scoring.Trees;
using Predictor.Training.Concurrency;

namespace Predictor.Training.Gbdt.Objective;

/// <summary>
/// Binary log-loss on raw scores (log-odds): loss = log(1 + e^s) − y·s, gradient = σ(s) − y, hessian = σ(s)(1 − σ(s)),
/// each multiplied by the row weight.
/// </summary>
public static class LogLoss
{
    // A hessian of exactly zero (saturated rows) would make an otherwise empty leaf's Newton step undefined.
    private const double HessianFloor = 1e-16;

    private const int Block = 1 << 15;

    /// <summary>The logit of the (weighted) base rate: the constant raw score that minimises the loss.</summary>
    public static double BaseScore(ReadOnlySpan<double> labels, ReadOnlySpan<double> weights)
    {
        double positive = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            positive += w * labels[i];
            total += w;
        }
        if (total <= 0) throw new ArgumentException("The rows' weights sum to zero.");
        double rate = Math.Clamp(positive / total, 1e-12, 1 - 1e-12);
        return Math.Log(rate / (1 - rate));
    }

    /// <summary>Loss of one row (numerically stable softplus form).</summary>
    public static double RowLoss(double label, double raw) =>
        Math.Max(raw, 0) + Math.Log(1 + Math.Exp(-Math.Abs(raw))) - label * raw;

    /// <summary>Weighted mean loss over the rows.</summary>
    public static double Loss(ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, ReadOnlySpan<double> raw)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            sum += w * RowLoss(labels[i], raw[i]);
            total += w;
        }
        return sum / total;
    }

    /// <summary>
    /// The logistic function four rows at a time, in the same overflow-safe form as <see cref="TreeEnsemble.Sigmoid"/>:
    /// the exponent is never positive. Gradients are the one per-row cost left in boosting besides histograms.
    /// </summary>
    private static Vector256<double> Sigmoid(Vector256<double> x)
    {
        var e = Vector256.Exp(-Vector256.Abs(x));
        var inverse = Vector256<double>.One / (Vector256<double>.One + e);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), inverse, e * inverse);
    }

    /// <summary>
    /// Fills per-row gradients and hessians, element-wise, so any thread split gives the same numbers. Rows go four at a
    /// time through the vector sigmoid; the few rows after the last multiple of four use the scalar one, and which rows
    /// those are depends only on the row count.
    /// </summary>
    public static void Gradients(double[] labels, double[]? weights, double[] raw, double[] gradients, double[] hessians, ParallelOptions parallel)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(gradients);
        ArgumentNullException.ThrowIfNull(hessians);
        int blocks = (labels.Length + Block - 1) / Block;
        BlockLoop.For(blocks, parallel, block =>
        {
            int begin = block * Block, end = Math.Min(labels.Length, (block + 1) * Block);
            int vectorEnd = begin + ((end - begin) / Vector256<double>.Count * Vector256<double>.Count);
            for (int i = begin; i < vectorEnd; i += Vector256<double>.Count)
            {
                var p = Sigmoid(Vector256.Create(raw, i));
                var w = weights is null ? Vector256<double>.One : Vector256.Create(weights, i);
                (w * (p - Vector256.Create(labels, i))).CopyTo(gradients, i);
                (w * Vector256.Max(p * (Vector256<double>.One - p), Vector256.Create(HessianFloor))).CopyTo(hessians, i);
            }
            for (int i = vectorEnd; i < end; i++)
            {
                double p = TreeEnsemble.Sigmoid(raw[i]);
                double w = weights is null ? 1 : weights[i];
                gradients[i] = w * (p - labels[i]);
                hessians[i] = w * Math.Max(p * (1 - p), HessianFloor);
            }
        });
    }
}
