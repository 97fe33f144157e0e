using System.Linq;
using System.Net.Http.Headers;

namespace BatchGen;

/// <summary>Reads single header values.</summary>
internal static class HeaderReader
{
    /// <summary>The first value of a header, or null.</summary>
    public static string? First(HttpHeaders headers, string name)
        => headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The server's request id, for support requests and logs.</summary>
    public static string? RequestId(HttpHeaders headers) => First(headers, "x-request-id");
}
