using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;

namespace BatchGen;

/// <summary>
/// When to retry and how long to wait: connection errors, 408, 409, 429 and 5xx are retried; the
/// server's <c>Retry-After</c> is honoured from 0 to 60 seconds; otherwise <c>min(0.5·2ⁿ, 8)</c>
/// seconds less up to 25 % jitter. A client whose conventions say so (<see cref="ApiConventions"/>)
/// also honours <c>x-should-retry</c> and <c>retry-after-ms</c> and skips some error codes.
/// </summary>
internal static class RetryPolicy
{
    public static readonly TimeSpan MaxServerDelay = TimeSpan.FromSeconds(60);

    public static bool IsRetryable(HttpResponseMessage response, string? errorCode, ApiConventions conventions)
    {
        if (conventions.ShouldRetryHeader)
        {
            var shouldRetry = HeaderReader.First(response.Headers, "x-should-retry");
            if (string.Equals(shouldRetry, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(shouldRetry, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var status = (int)response.StatusCode;
        if (errorCode is not null && conventions.NonRetryableErrorCodes.Contains(errorCode))
        {
            return false; // such as out of credit: waiting will not help
        }

        return status is 408 or 409 or 429 || status >= 500;
    }

    /// <summary>The delay the server asked for, if it asked: <c>retry-after-ms</c> (when the conventions say so), then <c>retry-after</c> in seconds or as an HTTP date.</summary>
    public static TimeSpan? ServerDelay(HttpResponseHeaders headers, DateTimeOffset now, ApiConventions conventions)
    {
        var milliseconds = conventions.RetryAfterMilliseconds ? HeaderReader.First(headers, "retry-after-ms") : null;
        if (milliseconds is not null && double.TryParse(milliseconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && !double.IsNaN(ms) && !double.IsInfinity(ms))
        {
            return TimeSpan.FromMilliseconds(Math.Min(ms, TimeSpan.MaxValue.TotalMilliseconds / 2));
        }

        var retryAfter = HeaderReader.First(headers, "retry-after");
        if (retryAfter is null)
        {
            return null;
        }

        if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds) && !double.IsInfinity(seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2));
        }

        if (DateTimeOffset.TryParseExact(retryAfter, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date - now;
        }

        return null;
    }

    /// <summary>Exponential backoff for retry <paramref name="retryIndex"/> (0-based); <paramref name="random"/> in [0, 1).</summary>
    public static TimeSpan Backoff(int retryIndex, double random)
    {
        var seconds = Math.Min(0.5 * Math.Pow(2, retryIndex), 8.0);
        return TimeSpan.FromSeconds(seconds * (1 - (0.25 * random)));
    }
}
