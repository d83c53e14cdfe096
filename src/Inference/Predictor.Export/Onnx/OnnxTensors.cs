using Predictor.Export.Onnx.Proto;

namespace Predictor.Export.Onnx;

/// <summary>Builds the constant tensors (initializers and attribute values) the exporter's graphs use.</summary>
internal static class OnnxTensors
{
    public static TensorProto FloatScalar(string name, double value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.FloatData.Add((float)value);
        return tensor;
    }

    public static TensorProto FloatRow(string name, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(1);
        tensor.Dims.Add(values.Length);
        tensor.FloatData.Add(values);
        return tensor;
    }

    /// <summary>A float tensor of shape [1] (what <c>ConstantOfShape</c> takes as its <c>value</c>).</summary>
    public static TensorProto FloatOne(string name, double value)
    {
        var tensor = FloatScalar(name, value);
        tensor.Dims.Add(1);
        return tensor;
    }

    public static TensorProto BoolRow(string name, IReadOnlyList<bool> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Bool };
        tensor.Dims.Add(1);
        tensor.Dims.Add(values.Count);
        tensor.Int32Data.Add(values.Select(v => v ? 1 : 0));
        return tensor;
    }

    public static TensorProto DoubleScalar(string name, double value)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Double };
        tensor.DoubleData.Add(value);
        return tensor;
    }

    /// <summary>A double tensor of shape [rows, columns] from row-major <paramref name="values"/>.</summary>
    public static TensorProto DoubleMatrix(string name, int rows, int columns, IReadOnlyList<double> values)
    {
        if (values.Count != rows * columns) throw new ArgumentException($"{values.Count} values do not fill {rows} x {columns}.", nameof(values));
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Double };
        tensor.Dims.Add(rows);
        tensor.Dims.Add(columns);
        tensor.DoubleData.Add(values);
        return tensor;
    }

    public static TensorProto DoubleRow(string name, IReadOnlyList<double> values) => DoubleMatrix(name, 1, values.Count, values);

    /// <summary>A 1-D int64 tensor (indices for <c>Gather</c>, axes for reductions, pieces of a shape).</summary>
    public static TensorProto Int64Vector(string name, IReadOnlyList<long> values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Count);
        tensor.Int64Data.Add(values);
        return tensor;
    }
}
