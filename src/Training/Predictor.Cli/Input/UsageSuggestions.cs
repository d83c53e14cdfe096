using System.CommandLine;

namespace Predictor.Cli.Input;

/// <summary>The option a mistyped one most likely meant, by edit distance, so a usage error can say "did you mean".</summary>
internal static class UsageSuggestions
{
    public static string? Nearest(string token, Command command)
    {
        string typed = token.Split('=', 2)[0];
        var names = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
        var best = names.Select(n => (Name: n, Distance: Distance(typed, n))).OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, typed.Length / 4) ? best.Name : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
