using Predictor.Scoring.Trees;

namespace Predictor.Scoring.Explanations;

/// <summary>
/// Exact TreeSHAP (Lundberg, Erion and Lee 2018, Algorithm 2): per-feature contributions to one row's raw score under
/// the path-dependent conditional expectation, where an absent feature's node sends the row down both children
/// weighted by their training covers. The contributions sum to the raw score minus <see cref="ExpectedValue"/>.
/// Missing values and unknown categories take the child the model sends them to, so they are explained as scored.
/// A model's linear terms are additive in one feature each, so their exact Shapley value is the term's value minus its
/// mean over the training rows, credited to that feature.
/// </summary>
public static class TreeShap
{
    /// <summary>The mean raw score of the training data: base score, the linear terms' means and each tree's cover-weighted mean leaf value.</summary>
    public static double ExpectedValue(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double sum = model.BaseScore + (model.Linear?.ExpectedValue ?? 0);
        foreach (var tree in model.Trees)
        {
            // A single leaf is its own mean: it needs no covers, and explains nothing.
            if (tree.NodeCount == 0)
            {
                sum += tree.LeafValues[0];
                continue;
            }
            RequireCovers(tree);
            sum += MeanBelow(tree, 0);
        }
        return sum;
    }

    /// <summary>Cover-weighted mean leaf value under a node, weighting children exactly as the path walk does.</summary>
    private static double MeanBelow(RegressionTree tree, int node)
    {
        if (node < 0) return tree.LeafValues[~node];
        int left = tree.LeftChild[node], right = tree.RightChild[node];
        double leftCover = CoverOf(tree, left), rightCover = CoverOf(tree, right);
        return (leftCover * MeanBelow(tree, left) + rightCover * MeanBelow(tree, right)) / (leftCover + rightCover);
    }

    private static double CoverOf(RegressionTree tree, int child) => child >= 0 ? tree.NodeCover![child] : tree.LeafCover![~child];

    /// <summary>Writes each feature's contribution (log-odds) for one row into <paramref name="contributions"/>.</summary>
    public static void Contributions(TreeEnsemble model, ReadOnlySpan<double> row, Span<double> contributions)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (row.Length != model.Features.Count || contributions.Length != model.Features.Count)
            throw new ArgumentException($"Row and contributions must both have {model.Features.Count} values.");
        var cleaned = row.ToArray();
        model.MarkUnknownCategoriesMissing(cleaned);
        var phi = new double[contributions.Length];
        if (model.Linear is { } linear)
        {
            foreach (var term in linear.Terms) phi[term.Feature] += term.Evaluate(cleaned[term.Feature]) - term.MeanContribution;
        }
        foreach (var tree in model.Trees)
        {
            if (tree.NodeCount == 0) continue;
            RequireCovers(tree);
            new Walker(tree, cleaned, phi).Recurse(0, [], 0, 1, 1, -1);
        }
        phi.CopyTo(contributions);
    }

    /// <summary>The <paramref name="count"/> features with the largest absolute contributions, largest first.</summary>
    public static IReadOnlyList<FeatureContribution> TopFeatures(TreeEnsemble model, ReadOnlySpan<double> row, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var phi = new double[model.Features.Count];
        Contributions(model, row, phi);
        var values = row.ToArray();
        return [.. phi.Select((value, i) => new FeatureContribution(model.Features[i].Name, values[i], value))
            .OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.Feature, StringComparer.Ordinal).Take(count)];
    }

    /// <summary>
    /// Whether the model records the covers TreeSHAP needs: every tree with a split must carry them (format 1 files do
    /// not); a single leaf is its own mean and needs none.
    /// </summary>
    public static bool CanExplain(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Trees.All(t => t.NodeCount == 0 || t.HasCovers);
    }

    private static void RequireCovers(RegressionTree tree)
    {
        if (!tree.HasCovers)
            throw new NotSupportedException("TreeSHAP needs node covers, which this model lacks (format 1 file); retrain it to explain predictions.");
    }

    private struct PathElement
    {
        public int Feature;
        public double Zero;
        public double One;
        public double Weight;
    }

    private sealed class Walker(RegressionTree tree, double[] row, double[] phi)
    {
        private double CoverOf(int child) => TreeShap.CoverOf(tree, child);

        public void Recurse(int node, PathElement[] parent, int parentLength, double zero, double one, int feature)
        {
            // Each level owns its copy of the path, as in the paper; explanations are not the hot scoring path.
            var path = new PathElement[parentLength + 1];
            Array.Copy(parent, path, parentLength);
            Extend(path, parentLength, zero, one, feature);
            int length = parentLength + 1;
            if (node < 0)
            {
                double value = tree.LeafValues[~node];
                for (int i = 1; i < length; i++)
                    phi[path[i].Feature] += UnwoundSum(path, length, i) * (path[i].One - path[i].Zero) * value;
                return;
            }
            int split = tree.SplitFeature[node];
            bool left = tree.GoesLeft(node, row[split]);
            int hot = left ? tree.LeftChild[node] : tree.RightChild[node];
            int cold = left ? tree.RightChild[node] : tree.LeftChild[node];
            double hotCover = CoverOf(hot), coldCover = CoverOf(cold), cover = hotCover + coldCover;
            if (cover <= 0) throw new NotSupportedException("TreeSHAP needs positive covers; a node of this model has none.");
            double incomingZero = 1, incomingOne = 1;
            int seen = Array.FindIndex(path, 1, length - 1, p => p.Feature == split);
            if (seen > 0)
            {
                incomingZero = path[seen].Zero;
                incomingOne = path[seen].One;
                Unwind(path, length, seen);
                length--;
            }
            Recurse(hot, path, length, incomingZero * hotCover / cover, incomingOne, split);
            Recurse(cold, path, length, incomingZero * coldCover / cover, 0, split);
        }

        private static void Extend(PathElement[] path, int l, double zero, double one, int feature)
        {
            path[l] = new PathElement { Feature = feature, Zero = zero, One = one, Weight = l == 0 ? 1 : 0 };
            for (int i = l - 1; i >= 0; i--)
            {
                path[i + 1].Weight += one * path[i].Weight * (i + 1) / (l + 1);
                path[i].Weight = zero * path[i].Weight * (l - i) / (l + 1);
            }
        }

        private static void Unwind(PathElement[] path, int length, int index)
        {
            int l = length - 1;
            double one = path[index].One, zero = path[index].Zero, next = path[l].Weight;
            for (int j = l - 1; j >= 0; j--)
            {
                if (one != 0)
                {
                    double kept = path[j].Weight;
                    path[j].Weight = next * (l + 1) / ((j + 1) * one);
                    next = kept - path[j].Weight * zero * (l - j) / (l + 1);
                }
                else
                {
                    path[j].Weight = path[j].Weight * (l + 1) / (zero * (l - j));
                }
            }
            for (int j = index; j < l; j++)
            {
                path[j].Feature = path[j + 1].Feature;
                path[j].Zero = path[j + 1].Zero;
                path[j].One = path[j + 1].One;
            }
        }

        private static double UnwoundSum(PathElement[] path, int length, int index)
        {
            int l = length - 1;
            double one = path[index].One, zero = path[index].Zero, total = 0;
            if (one != 0)
            {
                double next = path[l].Weight;
                for (int j = l - 1; j >= 0; j--)
                {
                    double share = next * (l + 1) / ((j + 1) * one);
                    total += share;
                    next = path[j].Weight - share * zero * (l - j) / (l + 1);
                }
            }
            else
            {
                for (int j = l - 1; j >= 0; j--) total += path[j].Weight * (l + 1) / (zero * (l - j));
            }
            return total;
        }
    }
}
