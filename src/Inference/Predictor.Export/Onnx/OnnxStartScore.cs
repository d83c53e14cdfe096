using Predictor.Export.Onnx.Proto;
using Predictor.Scoring.Linear;
using Predictor.Scoring.Trees;

namespace Predictor.Export.Onnx;

/// <summary>
/// The score before any tree (<see cref="TreeEnsemble.StartScore"/>: base score + the <see cref="LinearMargin"/>) as
/// plain ONNX operators, output float [N, 1]. The features are cast to double first, so every term is computed from
/// the same float inputs exactly as the library computes it, and the terms are summed in double: summation order then
/// makes no difference at the float precision of the output.
/// <list type="bullet">
/// <item>Numeric terms, all at once: <c>Where(IsNaN(x), missing, slope * x)</c> over the gathered columns.</item>
/// <item>Categorical terms: each level is one column (its feature gathered once per level); <c>Equal</c> with the
/// level's code picks the level's value. A <c>MatMul</c> with a 0/1 level-to-term matrix adds each term's columns
/// (at most one is non-zero, so the sum is exact) and counts its matches; a term without a match (NaN, an unknown or
/// fractional code) takes its missing value, as in <see cref="LinearTerm.Evaluate"/>.</item>
/// <item>A term on a categorical feature without levels reads no code the model knows: it is always its missing
/// value and folds into the constant, as does the base score.</item>
/// </list>
/// When nothing depends on the row (no margin, or only constant terms) the output is that constant for every row.
/// </summary>
internal sealed class OnnxStartScore
{
    private readonly List<LinearTerm> _numeric = [];
    private readonly List<LinearTerm> _categorical = [];

    public OnnxStartScore(TreeEnsemble model)
    {
        ArgumentNullException.ThrowIfNull(model);
        double constantTerms = 0;
        foreach (var term in model.Linear?.Terms ?? [])
        {
            if (model.Features[term.Feature].Kind != FeatureKind.Categorical) _numeric.Add(term);
            else if (term.LevelValues.Count > 0) _categorical.Add(term);
            else constantTerms += term.MissingValue;
        }
        Constant = model.BaseScore + constantTerms;
    }

    /// <summary>The part of the start score that is the same for every row: the base score plus any constant terms.</summary>
    public double Constant { get; }

    /// <summary>Whether any term reads the row; when not, the start score is <see cref="Constant"/>.</summary>
    public bool VariesByRow => _numeric.Count + _categorical.Count > 0;

    /// <summary>Adds nodes and initializers computing the start score of each row of <paramref name="input"/> into <paramref name="output"/>.</summary>
    public void AddNodes(GraphProto graph, string input, string output)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!VariesByRow)
        {
            AddConstantRows(graph, input, output);
            return;
        }
        graph.Node.Add(Cast(input, "linear_features", TensorProto.Types.DataType.Double));
        var blocks = new List<string>();
        if (_numeric.Count > 0) blocks.Add(AddNumericTerms(graph, "linear_features"));
        if (_categorical.Count > 0) blocks.Add(AddCategoricalTerms(graph, "linear_features"));
        string terms = blocks[0];
        if (blocks.Count > 1)
        {
            var concat = new NodeProto { OpType = "Concat", Name = "linear_terms", Domain = "" };
            concat.Input.Add(blocks);
            concat.Output.Add("linear_terms");
            concat.Attribute.Add(OnnxAttributes.Int("axis", 1));
            graph.Node.Add(concat);
            terms = "linear_terms";
        }
        graph.Initializer.Add(OnnxTensors.Int64Vector("linear_axes", [1]));
        var sum = OnnxExporter.Binary("ReduceSum", terms, "linear_axes", "linear_margin");
        sum.Attribute.Add(OnnxAttributes.Int("keepdims", 1));
        graph.Node.Add(sum);
        graph.Initializer.Add(OnnxTensors.DoubleScalar("linear_constant", Constant));
        graph.Node.Add(OnnxExporter.Binary("Add", "linear_margin", "linear_constant", "start_score_double"));
        graph.Node.Add(Cast("start_score_double", output, TensorProto.Types.DataType.Float));
    }

    /// <summary>[N, numeric terms]: slope × value, or the missing value where the value is NaN.</summary>
    private string AddNumericTerms(GraphProto graph, string features)
    {
        graph.Initializer.Add(OnnxTensors.Int64Vector("linear_numeric_features", [.. _numeric.Select(t => (long)t.Feature)]));
        graph.Initializer.Add(OnnxTensors.DoubleRow("linear_slopes", [.. _numeric.Select(t => t.Slope)]));
        graph.Initializer.Add(OnnxTensors.DoubleRow("linear_numeric_missing", [.. _numeric.Select(t => t.MissingValue)]));
        graph.Node.Add(Gather(features, "linear_numeric_features", "linear_numeric_x"));
        graph.Node.Add(OnnxExporter.Binary("Mul", "linear_numeric_x", "linear_slopes", "linear_numeric_sloped"));
        graph.Node.Add(OnnxExporter.Unary("IsNaN", "linear_numeric_x", "linear_numeric_is_missing"));
        graph.Node.Add(Where("linear_numeric_is_missing", "linear_numeric_missing", "linear_numeric_sloped", "linear_numeric_terms"));
        return "linear_numeric_terms";
    }

    /// <summary>[N, categorical terms]: the value of the row's level, or the missing value when the code matches no level.</summary>
    private string AddCategoricalTerms(GraphProto graph, string features)
    {
        var columnFeatures = new List<long>();
        var columnCodes = new List<double>();
        var columnValues = new List<double>();
        var columnTerm = new List<int>();
        for (int k = 0; k < _categorical.Count; k++)
        {
            var term = _categorical[k];
            for (int code = 0; code < term.LevelValues.Count; code++)
            {
                columnFeatures.Add(term.Feature);
                columnCodes.Add(code);
                columnValues.Add(term.LevelValues[code]);
                columnTerm.Add(k);
            }
        }
        int columns = columnFeatures.Count, terms = _categorical.Count;
        var membership = new double[columns * terms];
        for (int c = 0; c < columns; c++) membership[c * terms + columnTerm[c]] = 1;

        graph.Initializer.Add(OnnxTensors.Int64Vector("linear_level_features", columnFeatures));
        graph.Initializer.Add(OnnxTensors.DoubleRow("linear_level_codes", columnCodes));
        graph.Initializer.Add(OnnxTensors.DoubleRow("linear_level_values", columnValues));
        graph.Initializer.Add(OnnxTensors.DoubleScalar("linear_zero", 0));
        graph.Initializer.Add(OnnxTensors.DoubleScalar("linear_half", 0.5));
        graph.Initializer.Add(OnnxTensors.DoubleMatrix("linear_level_terms", columns, terms, membership));
        graph.Initializer.Add(OnnxTensors.DoubleRow("linear_categorical_missing", [.. _categorical.Select(t => t.MissingValue)]));
        graph.Node.Add(Gather(features, "linear_level_features", "linear_level_x"));
        graph.Node.Add(OnnxExporter.Binary("Equal", "linear_level_x", "linear_level_codes", "linear_level_match"));
        graph.Node.Add(Where("linear_level_match", "linear_level_values", "linear_zero", "linear_level_picked"));
        graph.Node.Add(Cast("linear_level_match", "linear_level_hits", TensorProto.Types.DataType.Double));
        graph.Node.Add(OnnxExporter.Binary("MatMul", "linear_level_picked", "linear_level_terms", "linear_categorical_value"));
        graph.Node.Add(OnnxExporter.Binary("MatMul", "linear_level_hits", "linear_level_terms", "linear_categorical_matches"));
        graph.Node.Add(OnnxExporter.Binary("Greater", "linear_categorical_matches", "linear_half", "linear_categorical_known"));
        graph.Node.Add(Where("linear_categorical_known", "linear_categorical_value", "linear_categorical_missing", "linear_categorical_terms"));
        return "linear_categorical_terms";
    }

    /// <summary>[N, 1] filled with <see cref="Constant"/>: N comes from the input's shape, so no feature value (NaN or not) is read.</summary>
    private void AddConstantRows(GraphProto graph, string input, string output)
    {
        var rows = new NodeProto { OpType = "Shape", Name = "start_rows", Domain = "" };
        rows.Input.Add(input);
        rows.Output.Add("start_rows");
        rows.Attribute.Add(OnnxAttributes.Int("start", 0));
        rows.Attribute.Add(OnnxAttributes.Int("end", 1));
        graph.Node.Add(rows);
        graph.Initializer.Add(OnnxTensors.Int64Vector("start_one_column", [1]));
        var shape = OnnxExporter.Binary("Concat", "start_rows", "start_one_column", "start_shape");
        shape.Attribute.Add(OnnxAttributes.Int("axis", 0));
        graph.Node.Add(shape);
        var fill = OnnxExporter.Unary("ConstantOfShape", "start_shape", output);
        fill.Attribute.Add(OnnxAttributes.Tensor("value", OnnxTensors.FloatOne("start_constant", Constant)));
        graph.Node.Add(fill);
    }

    private static NodeProto Gather(string data, string indices, string output)
    {
        var node = OnnxExporter.Binary("Gather", data, indices, output);
        node.Attribute.Add(OnnxAttributes.Int("axis", 1));
        return node;
    }

    private static NodeProto Where(string condition, string whenTrue, string whenFalse, string output)
    {
        var node = new NodeProto { OpType = "Where", Name = output, Domain = "" };
        node.Input.Add([condition, whenTrue, whenFalse]);
        node.Output.Add(output);
        return node;
    }

    private static NodeProto Cast(string input, string output, TensorProto.Types.DataType to)
    {
        var node = OnnxExporter.Unary("Cast", input, output);
        node.Attribute.Add(OnnxAttributes.Int("to", (long)to));
        return node;
    }
}
