namespace Predictor.Tests.Common;

/// <summary>Locates the repository root and the shared reference folder beside it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Predictor.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find Predictor.sln above " + AppContext.BaseDirectory);
    });

    public static string Root => RootLazy.Value;

    /// <summary>The shared folder (../shared beside the repository) holding the data contract and reference outputs.</summary>
    public static string Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PREDICTOR_SHARED");
            var path = string.IsNullOrEmpty(env) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : env;
            if (!Directory.Exists(path))
                throw new DirectoryNotFoundException($"The shared reference folder was not found at {path}; set PREDICTOR_SHARED.");
            return path;
        }
    }

    public static string Reference(params string[] parts) => Path.Combine([Shared, "reference", .. parts]);

    public static string Data(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "predictor-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
