using System.Diagnostics;

namespace UnrestTracker.Tests.Support;

/// <summary>Runs the built API as an operator would (its command-line verbs), so exit codes, stdout and stderr are real.</summary>
public static class OperatorCommand
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(ApiFactory api, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UnrestTracker.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ConnectionStrings__Unrest"] = api.ConnectionString;
        start.Environment["ConnectionStrings__UnrestMigrations"] = api.OwnerConnectionString;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
