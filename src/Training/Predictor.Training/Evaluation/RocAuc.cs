namespace Predictor.Training.Evaluation;

/// <summary>Area under the ROC curve: the chance a random positive scores above a random negative (ties count half).</summary>
public static class RocAuc
{
    public static double Compute(ReadOnlySpan<double> scores, ReadOnlySpan<double> labels)
    {
        if (scores.Length != labels.Length) throw new ArgumentException("One score per label is needed.");
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        double positives = 0, rankSum = 0;
        int start = 0;
        while (start < order.Length)
        {
            int end = start;
            while (end + 1 < order.Length && keys[end + 1] == keys[start]) end++;
            // Tied scores share the average rank (1-based).
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++)
            {
                if (labels[order[k]] == 1)
                {
                    positives++;
                    rankSum += rank;
                }
            }
            start = end + 1;
        }
        double negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("AUC needs both positive and negative labels.");
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}
