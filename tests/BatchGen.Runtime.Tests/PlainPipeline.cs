namespace BatchGen.Runtime.Tests;

/// <summary>A pipeline for an API with no security schemes and no conventions, as generated code makes one, for tests that call it directly.</summary>
internal static class PlainPipeline
{
    public static readonly ApiDescription Api = new(null, "PLAIN", Array.Empty<SecurityScheme>(), Array.Empty<IReadOnlyList<string>>());

    /// <summary>Sends to <paramref name="baseAddress"/>, no retries unless <paramref name="options"/> says otherwise.</summary>
    public static ApiPipeline To(Uri baseAddress, ClientOptions? options = null)
    {
        options ??= new ClientOptions { MaxRetries = 0 };
        options.BaseAddress = baseAddress;
        return new ApiPipeline(null, options, Api);
    }
}
