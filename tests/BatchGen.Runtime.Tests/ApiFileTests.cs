using System.Text;
using Forms;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// <see cref="ApiFile"/>'s three sources, what each sends when the caller gives no content type or
/// name, and the arguments each refuses before any request is made.
/// </summary>
public sealed class ApiFileTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<RecordingServer.FormPart> UploadAsync(ApiFile file)
    {
        using var client = new FormsClient(new ClientOptions { BaseAddress = _server.Origin, MaxRetries = 0 });
        await client.UploadFileAsync(new UploadRequest { File = file, Purpose = UploadRequestPurpose.Batch });
        return Assert.Single(Assert.Single(_server.Requests).Form, p => p.Name == "file");
    }

    public static TheoryData<string, string?> ContentTypes => new()
    {
        { "application/octet-stream", null },
        { "application/octet-stream", string.Empty },
        { "text/csv", "text/csv" },
    };

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public async Task Bytes_go_as_the_given_content_type_or_as_octet_stream(string expected, string? given)
    {
        var part = await UploadAsync(ApiFile.FromBytes(new byte[] { 1, 2 }, "a.csv", given));

        Assert.Equal(expected, part.ContentType);
        Assert.Equal("a.csv", part.FileName);
        Assert.Equal(new byte[] { 1, 2 }, part.Content);
    }

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public async Task A_stream_goes_as_the_given_content_type_or_as_octet_stream(string expected, string? given)
    {
        var part = await UploadAsync(ApiFile.FromStream(new MemoryStream(new byte[] { 3 }), "s.bin", given));

        Assert.Equal(expected, part.ContentType);
        Assert.Equal(new byte[] { 3 }, part.Content);
    }

    [Theory]
    [MemberData(nameof(ContentTypes))]
    public async Task A_path_goes_as_the_given_content_type_or_as_octet_stream_under_its_own_name_unless_given_one(string expected, string? given)
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchgen-{Guid.NewGuid():N}.dat");
        await File.WriteAllBytesAsync(path, new byte[] { 4, 5 });
        try
        {
            var part = await UploadAsync(ApiFile.FromPath(path, given));
            Assert.Equal(expected, part.ContentType);
            Assert.Equal(Path.GetFileName(path), part.FileName);
            Assert.Equal(new byte[] { 4, 5 }, part.Content);

            Assert.Equal("renamed.jsonl", ApiFile.FromPath(path, given, "renamed.jsonl").FileName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_content_a_missing_path_or_a_missing_name_is_refused_by_name()
    {
        Assert.Equal("content", Assert.Throws<ArgumentNullException>(() => ApiFile.FromBytes(null!, "a.bin")).ParamName);
        Assert.Equal("content", Assert.Throws<ArgumentNullException>(() => ApiFile.FromStream(null!, "a.bin")).ParamName);

        foreach (var path in new[] { null, string.Empty })
        {
            var ex = Assert.Throws<ArgumentException>(() => ApiFile.FromPath(path!));
            Assert.Equal("path", ex.ParamName);
            Assert.StartsWith("A path is required.", ex.Message);
        }

        foreach (var name in new[] { null, string.Empty })
        {
            var ex = Assert.Throws<ArgumentException>(() => ApiFile.FromBytes(new byte[] { 1 }, name!));
            Assert.Equal("fileName", ex.ParamName);
            Assert.StartsWith("A file name is required: servers use its extension.", ex.Message);
        }
    }

    [Fact]
    public void A_file_describes_itself_by_name_and_type_never_by_content()
    {
        Assert.Equal("report.csv (text/csv)", ApiFile.FromBytes(Encoding.UTF8.GetBytes("secret"), "report.csv", "text/csv").ToString());
        Assert.Equal("x.bin (application/octet-stream)", ApiFile.FromBytes(new byte[] { 1 }, "x.bin").ToString());
    }

    [Fact]
    public async Task A_missing_file_is_the_file_systems_error_when_the_request_is_built()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchgen-missing-{Guid.NewGuid():N}.dat");
        var file = ApiFile.FromPath(path);

        await Assert.ThrowsAsync<FileNotFoundException>(() => UploadAsync(file));
        Assert.Empty(_server.Requests);
    }
}
