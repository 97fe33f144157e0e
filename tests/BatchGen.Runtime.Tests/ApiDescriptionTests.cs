using System.Net;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>What a generated client tells the runtime, and responses made in tests of the operation interfaces.</summary>
public sealed class ApiDescriptionTests
{
    [Fact]
    public void A_requirement_naming_an_undeclared_scheme_is_refused_naming_it()
    {
        var schemes = new[] { SecurityScheme.HttpBearer("Bearer") };

        var ex = Assert.Throws<ArgumentException>(() => new ApiDescription(null, "X", schemes, new[] { new[] { "Bearer" }, new[] { "Bearer", "Missing" } }));

        Assert.Equal("security", ex.ParamName);
        Assert.Contains("'Missing'", ex.Message);
        Assert.Throws<ArgumentNullException>(() => new ApiDescription(null, null!, schemes, Array.Empty<IReadOnlyList<string>>()));
    }

    [Fact]
    public void Variables_are_named_from_the_prefix_and_missing_parts_default_to_none()
    {
        var api = new ApiDescription("https://api.example.com", "ACME", null!, null!);

        Assert.Equal(("ACME_API_KEY", "ACME_BASE_URL"), (api.ApiKeyVariable, api.BaseAddressVariable));
        Assert.Empty(api.Schemes);
        Assert.Empty(api.Security);
        Assert.Same(ApiConventions.None, api.Conventions);
        Assert.Equal("https://api.example.com", api.DefaultBaseAddress);
    }

    [Fact]
    public void A_response_made_in_a_test_carries_what_it_was_given()
    {
        var made = new ApiResponse<string>("v", HttpStatusCode.Accepted, "req_1", retryCount: 2);
        var plain = new ApiResponse<int>(5);

        Assert.Equal(("v", HttpStatusCode.Accepted, "req_1", 2), (made.Value, made.StatusCode, made.RequestId, made.RetryCount));
        Assert.Null(made.Headers);
        Assert.Equal((HttpStatusCode.OK, (string?)null, 0), (plain.StatusCode, plain.RequestId, plain.RetryCount));
    }

    [Fact]
    public async Task Task_adapters_give_the_value_or_just_completion_and_pass_failures_on()
    {
        Assert.Equal(7, await ApiTasks.ValueAsync(Task.FromResult(new ApiResponse<int>(7))));
        await ApiTasks.DiscardAsync(Task.FromResult(new ApiResponse<int>(7)));

        var failed = Task.FromException<ApiResponse<int>>(new ApiConnectionException("down", null));
        Assert.Equal("down", (await Assert.ThrowsAsync<ApiConnectionException>(() => ApiTasks.ValueAsync(failed))).Message);
        await Assert.ThrowsAsync<ApiConnectionException>(() => ApiTasks.DiscardAsync(failed));
    }
}
