using System.Diagnostics;
using System.Net.Sockets;

namespace BatchGen.Generator.Tests.Infrastructure;

/// <summary>
/// Prism (<c>@stoplight/prism-cli</c>), the mock server the official OpenAI SDKs test against, run
/// from npm on 127.0.0.1: it validates every request against the spec (422 with the broken rule,
/// 401 without credentials) and answers from the spec's examples, or with random schema-valid data.
/// Installed once into a cache folder (<c>BATCHGEN_PRISM_DIR</c>, else ~/.cache/batchgen).
/// </summary>
public sealed class PrismServer : IDisposable
{
    public const string Version = "5.16.0";

    private readonly Process _process;
    private readonly StringWriter _log = new();

    private PrismServer(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>What Prism printed, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Why Prism cannot run here (no npm on the PATH), or null.</summary>
    public static string? Unavailable()
        => FindOnPath("npm") is null ? "npm is not on the PATH: the Prism conformance test needs Node.js and npm to install @stoplight/prism-cli." : null;

    private static string CacheDirectory
        => Environment.GetEnvironmentVariable("BATCHGEN_PRISM_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "batchgen", "prism-" + Version);

    /// <summary>Installs Prism into the cache folder unless it is already there; returns the executable.</summary>
    public static string Install()
    {
        var directory = CacheDirectory;
        var executable = Path.Combine(directory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");
        if (File.Exists(executable))
        {
            return executable;
        }

        Directory.CreateDirectory(directory);
        var npm = FindOnPath("npm") ?? throw new InvalidOperationException(Unavailable());
        var (code, output) = Run(npm, directory, TimeSpan.FromMinutes(5), "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", directory, "@stoplight/prism-cli@" + Version);
        if (code != 0 || !File.Exists(executable))
        {
            throw new InvalidOperationException($"npm could not install @stoplight/prism-cli@{Version} into {directory} (exit {code}):\n{output}");
        }

        return executable;
    }

    /// <summary>Starts <c>prism mock</c> on a free port and waits until it answers (the complete OpenAI spec takes about 20 s); random data is seeded, so runs repeat.</summary>
    public static async Task<PrismServer> StartAsync(string executable, string spec, bool dynamic)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "mock", spec, "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(dynamic ? new[] { "-d", "--seed", "batchgen" } : Array.Empty<string>()))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Prism did not start.");
        var server = new PrismServer(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Prism exited with {process.ExitCode}:\n{server.Log}");
            }

            if (server.Log.Contains("Prism is listening", StringComparison.Ordinal))
            {
                return server;
            }

            await Task.Delay(250);
        }

        server.Dispose();
        throw new TimeoutException($"Prism did not start listening within 3 minutes:\n{server.Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            // Keep the start and the last of what it says: the full log of a run is large.
            if (_log.GetStringBuilder().Length > 200_000)
            {
                _log.GetStringBuilder().Remove(0, 100_000);
            }

            _log.WriteLine(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var candidate in new[] { name, name + ".cmd", name + ".exe" })
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    private static (int Code, string Output) Run(string file, string directory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out");
        }

        return (process.ExitCode, output.Result + error.Result);
    }
}

/// <summary>A test that needs the complete OpenAI spec and npm; skipped, saying which is missing.</summary>
public sealed class PrismFactAttribute : Xunit.FactAttribute
{
    public PrismFactAttribute()
    {
        if (RealSpec.SkipReason is { } missing)
        {
            Skip = missing;
        }
        else if (PrismServer.Unavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
