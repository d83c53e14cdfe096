namespace Predictor.Reporting.Charts;

/// <summary>The Okabe–Ito colours: distinguishable with the common forms of colour blindness.</summary>
public static class Palette
{
    private static readonly string[] Colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    public static string Color(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];
}
