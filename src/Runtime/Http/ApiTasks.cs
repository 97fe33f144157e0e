using System.ComponentModel;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>Adapters from <see cref="ApiResponse{T}"/> tasks to the plain results the operation interfaces return.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ApiTasks
{
    /// <summary>The response's value.</summary>
    public static async Task<T> ValueAsync<T>(Task<ApiResponse<T>> response)
        => (await response.ConfigureAwait(false)).Value;

    /// <summary>Completes when the response has arrived.</summary>
    public static async Task DiscardAsync<T>(Task<ApiResponse<T>> response)
        => await response.ConfigureAwait(false);
}
