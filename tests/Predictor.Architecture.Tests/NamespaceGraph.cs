using System.Reflection;
using System.Reflection.Emit;

namespace Predictor.Architecture.Tests;

/// <summary>
/// Which namespaces of one assembly use which others, read from the compiled code rather than from <c>using</c> lines:
/// signatures (base types, interfaces, fields, properties, parameters, return types) and every type, method and field
/// token in method bodies, so a fully qualified name or a lambda's closure counts as much as an imported namespace.
/// Nested and compiler-generated types count for the namespace of the type that declares them.
/// </summary>
internal static class NamespaceGraph
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Edges between distinct namespaces of <paramref name="assembly"/> (each namespace maps to those it uses).</summary>
    public static Dictionary<string, HashSet<string>> Of(Assembly assembly)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (type.Namespace is not { } from) continue; // <PrivateImplementationDetails> and the like
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in UsedTypes(type))
            {
                foreach (var part in Expand(used))
                {
                    if (part.Assembly == assembly && part.Namespace is { } to && !string.Equals(to, from, StringComparison.Ordinal))
                        uses.Add(to);
                }
            }
        }
        return graph;
    }

    /// <summary>The graph with every namespace replaced by its area: the first name below <paramref name="root"/>.</summary>
    public static Dictionary<string, HashSet<string>> ByArea(Dictionary<string, HashSet<string>> graph, string root)
    {
        string Area(string ns) => ns.Length > root.Length && ns.StartsWith(root + ".", StringComparison.Ordinal)
            ? ns[(root.Length + 1)..].Split('.')[0]
            : ns;
        var areas = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (from, tos) in graph)
        {
            var a = Area(from);
            var uses = areas.TryGetValue(a, out var set) ? set : areas[a] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var to in tos.Select(Area).Where(b => !string.Equals(a, b, StringComparison.Ordinal))) uses.Add(to);
        }
        return areas;
    }

    /// <summary>One cycle (first node repeated at the end), or null when the graph has none.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var tos) ? tos.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (state.GetValueOrDefault(next) == 1) return [.. path.Skip(path.IndexOf(next)), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        }
        return null;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var f in type.GetFields(Everything)) yield return f.FieldType;
        foreach (var p in type.GetProperties(Everything)) yield return p.PropertyType;
        var methods = type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything));
        foreach (var method in methods)
        {
            if (method is MethodInfo m) yield return m.ReturnType;
            foreach (var p in method.GetParameters()) yield return p.ParameterType;
            foreach (var used in BodyTypes(method)) yield return used;
        }
    }

    /// <summary>The types named by the type, method and field tokens of <paramref name="method"/>'s IL.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    int token = BitConverter.ToInt32(il, at);
                    foreach (var used in Resolve(method.Module, token, typeArguments, methodArguments)) yield return used;
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static IEnumerable<Type> Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        var member = module.ResolveMember(token, typeArguments, methodArguments);
        switch (member)
        {
            case Type t:
                yield return t;
                break;
            case FieldInfo f:
                yield return f.DeclaringType!;
                yield return f.FieldType;
                break;
            case MethodBase m:
                if (m.DeclaringType is { } declaring) yield return declaring;
                if (m is MethodInfo info)
                {
                    yield return info.ReturnType;
                    if (info.IsGenericMethod) foreach (var a in info.GetGenericArguments()) yield return a;
                }
                foreach (var p in m.GetParameters()) yield return p.ParameterType;
                break;
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4, // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
    };

    /// <summary>The type with its element type, generic arguments and declaring types, recursively.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.IsGenericParameter) yield break;
        yield return type;
        if (type.HasElementType) foreach (var t in Expand(type.GetElementType()!)) yield return t;
        if (type.IsGenericType) foreach (var t in type.GetGenericArguments().SelectMany(Expand)) yield return t;
    }
}
