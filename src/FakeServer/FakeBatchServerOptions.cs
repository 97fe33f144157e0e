using System;

namespace BatchGen.Testing;

/// <summary>How the fake server behaves: its key, its clock and how long each batch state lasts.</summary>
public sealed class FakeBatchServerOptions
{
    /// <summary>The bearer key the server accepts; any other gets 401.</summary>
    public string ApiKey { get; set; } = "sk-batchgen-fake-key";

    /// <summary>The server's clock; use <see cref="FakeClock"/> to control time. Default: the system clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>How long a new batch stays <c>validating</c>.</summary>
    public TimeSpan ValidatingFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a batch stays <c>in_progress</c>.</summary>
    public TimeSpan InProgressFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a batch stays <c>finalizing</c> before it is <c>completed</c>.</summary>
    public TimeSpan FinalizingFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a cancelled batch stays <c>cancelling</c> (the real API: up to 10 minutes).</summary>
    public TimeSpan CancellingFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many requests each batch holds, for its request counts.</summary>
    public int RequestsPerBatch { get; set; } = 100;

    /// <summary>The TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
}
