using System;
using System.Net.Http;

namespace BatchGen;

/// <summary>Where a client's requests go: the options, then the environment, then the HttpClient, then the spec's first server.</summary>
internal static class BaseAddressResolver
{
    public static Uri Resolve(ClientOptions options, HttpClient? httpClient, string? defaultBaseAddress)
    {
        if (options.BaseAddress is not null)
        {
            return RequireAbsolute(options.BaseAddress, "ClientOptions.BaseAddress");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ClientOptions.BaseAddressVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Uri.TryCreate(fromEnvironment, UriKind.Absolute, out var parsed)
                ? parsed
                : throw new ArgumentException($"{ClientOptions.BaseAddressVariable} is not an absolute URL: '{fromEnvironment}'.");
        }

        if (httpClient?.BaseAddress is { } clientAddress)
        {
            return RequireAbsolute(clientAddress, "HttpClient.BaseAddress");
        }

        if (defaultBaseAddress is not null && Uri.TryCreate(defaultBaseAddress, UriKind.Absolute, out var specAddress))
        {
            return specAddress;
        }

        throw new ArgumentException("The spec names no server: set ClientOptions.BaseAddress.", nameof(options));
    }

    private static Uri RequireAbsolute(Uri uri, string what)
        => uri.IsAbsoluteUri ? uri : throw new ArgumentException($"{what} must be an absolute URL, not '{uri}'.");
}
