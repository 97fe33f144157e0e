using System;
using System.Net.Http;

namespace BatchGen;

/// <summary>
/// Where a client's requests go: what the caller set explicitly (the options, then the HttpClient),
/// then the client's own <c>{PREFIX}_BASE_URL</c> variable, then the spec's first server. Another
/// API's variable is never read, so one client's settings cannot redirect another.
/// </summary>
internal static class BaseAddressResolver
{
    public static Uri Resolve(ClientOptions options, HttpClient? httpClient, ApiDescription api)
    {
        if (options.BaseAddress is not null)
        {
            return RequireAbsolute(options.BaseAddress, "ClientOptions.BaseAddress");
        }

        if (httpClient?.BaseAddress is { } clientAddress)
        {
            return RequireAbsolute(clientAddress, "HttpClient.BaseAddress");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(api.BaseAddressVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new ArgumentException($"{api.BaseAddressVariable} is not an absolute URL: '{fromEnvironment}'.");
        }

        if (api.DefaultBaseAddress is { } defaultBaseAddress && Uri.TryCreate(defaultBaseAddress, UriKind.Absolute, out var specAddress))
        {
            return specAddress;
        }

        throw new ArgumentException($"The spec names no absolute server: set ClientOptions.BaseAddress or {api.BaseAddressVariable}.", nameof(options));
    }

    private static Uri RequireAbsolute(Uri uri, string what)
        => uri.IsAbsoluteUri ? uri : throw new ArgumentException($"{what} must be an absolute URL, not '{uri}'.");
}
