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
            return TryHttp(fromEnvironment!, out var parsed)
                ? parsed
                : throw new ArgumentException($"{api.BaseAddressVariable} is not an absolute URL: '{fromEnvironment}'.");
        }

        if (api.DefaultBaseAddress is { } defaultBaseAddress && TryHttp(defaultBaseAddress, out var specAddress))
        {
            return specAddress;
        }

        throw new ArgumentException($"The spec names no absolute server: set ClientOptions.BaseAddress or {api.BaseAddressVariable}.", nameof(options));
    }

    private static Uri RequireAbsolute(Uri uri, string what)
        => IsHttp(uri) ? uri : throw new ArgumentException($"{what} must be an absolute URL, not '{uri}'.");

    // On Unix, Uri takes "/v1" for the absolute file:///v1: a relative server or path would pass
    // as absolute. Requests go over HTTP, so only http and https addresses are.
    private static bool TryHttp(string text, out Uri uri)
        => Uri.TryCreate(text, UriKind.Absolute, out uri!) && IsHttp(uri);

    private static bool IsHttp(Uri uri)
        => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
