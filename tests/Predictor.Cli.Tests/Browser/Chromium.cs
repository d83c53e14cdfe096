using System.Diagnostics;

namespace Predictor.Cli.Tests.Browser;

/// <summary>
/// Runs Debian's headless Chromium (package <c>chromium</c>, installed by .ci/run). The tests that use it are
/// <c>[PeerFact(Peers.Chromium)]</c>: skipped with the install line on a machine without it, a failure in CI
/// (<c>CI=true</c>), where the report's rendering is part of what CI proves.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("PREDICTOR_CHROMIUM");
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : throw new FileNotFoundException($"PREDICTOR_CHROMIUM={configured} does not exist.");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(n => path.Select(d => Path.Combine(d, n))).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium was not found on PATH; install it with `apt-get install -y chromium` (.ci/run does) or set PREDICTOR_CHROMIUM.");
    }

    /// <summary>Runs headless Chromium on a page with extra arguments; returns what it printed to stdout.</summary>
    public static string Run(string page, params string[] arguments)
    {
        var profile = Path.Combine(Path.GetTempPath(), "predictor-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No sandbox: CI runs as root in a container. A private profile keeps parallel runs apart.
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile })
            start.ArgumentList.Add(a);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.ArgumentList.Add(new Uri(page).AbsoluteUri);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("Chromium did not finish within two minutes.");
            }
            if (process.ExitCode != 0) throw new InvalidOperationException($"Chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile Chromium still holds is left to the temp cleaner.
            }
        }
    }
}
