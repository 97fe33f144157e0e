using System.Text;
using Forms;
using Xunit;

namespace BatchGen.Runtime.Tests;

/// <summary>Typed form bodies, as ASP.NET Core's own form reader parses what arrived.</summary>
public sealed class FormBodyTests : IAsyncLifetime
{
    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private FormsClient Client(int retries = 0) => new(new ClientOptions { BaseAddress = _server.Origin, MaxRetries = retries });

    [Fact]
    public async Task A_multipart_body_sends_each_member_as_its_part()
    {
        var path = Path.Combine(Path.GetTempPath(), $"batchgen-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, "{\"custom_id\":\"1\"}\n");
        try
        {
            using var client = Client();
            await client.UploadFileAsync(new UploadRequest
            {
                File = ApiFile.FromPath(path, "application/jsonl"),
                Purpose = UploadRequestPurpose.Batch,
                Attachments = new[] { ApiFile.FromBytes(new byte[] { 1, 2 }, "a.bin"), ApiFile.FromStream(new MemoryStream(new byte[] { 3 }), "b.bin", "image/png") },
                Tags = new[] { "x", "y" },
                ExpiresAfter = 3600,
                Metadata = new Dictionary<string, string> { ["k"] = "v" },
                Image = new UploadRequestImage(ApiFile.FromBytes(Encoding.UTF8.GetBytes("png"), "i.png", "image/png")),
            });

            var form = Assert.Single(_server.Requests).Form;
            var file = Assert.Single(form, p => p.Name == "file");
            Assert.Equal(Path.GetFileName(path), file.FileName);
            Assert.Equal("application/jsonl", file.ContentType);
            Assert.Equal("{\"custom_id\":\"1\"}\n", Encoding.UTF8.GetString(file.Content!));
            Assert.Equal("batch", Assert.Single(form, p => p.Name == "purpose").Value);
            Assert.Equal(new[] { "a.bin", "b.bin" }, form.Where(p => p.Name == "attachments").Select(p => p.FileName));
            Assert.Equal("image/png", form.Single(p => p.FileName == "b.bin").ContentType);
            Assert.Equal(new[] { "x", "y" }, form.Where(p => p.Name == "tags").Select(p => p.Value));
            Assert.Equal("3600", Assert.Single(form, p => p.Name == "expires_after").Value);
            Assert.Equal("{\"k\":\"v\"}", Assert.Single(form, p => p.Name == "metadata").Value);
            Assert.Equal("i.png", Assert.Single(form, p => p.Name == "image").FileName);
            Assert.StartsWith("multipart/form-data; boundary=", _server.Requests[0].Header("Content-Type"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Under_the_OpenAI_convention_nested_objects_go_in_bracket_notation()
    {
        // OpenAI's SDKs send multipart objects as name[key] parts, and its server (and Prism) read
        // them so; OpenAPI's default (one JSON part) is kept for clients without the convention.
        using var client = new OpenAI.Batches.OpenAIClient(new ClientOptions { ApiKey = "k", BaseAddress = _server.Origin, MaxRetries = 0 });

        await client.CreateFileAsync(new OpenAI.Batches.CreateFileRequest
        {
            File = ApiFile.FromBytes(new byte[] { 1 }, "in.jsonl"),
            Purpose = OpenAI.Batches.CreateFileRequestPurpose.Batch,
            ExpiresAfter = new OpenAI.Batches.FileExpirationAfter { Seconds = 3600 },
        });

        var form = Assert.Single(_server.Requests).Form;
        Assert.Equal("created_at", Assert.Single(form, p => p.Name == "expires_after[anchor]").Value);
        Assert.Equal("3600", Assert.Single(form, p => p.Name == "expires_after[seconds]").Value);
        Assert.DoesNotContain(form, p => p.Name == "expires_after");
    }

    [Fact]
    public async Task Bracket_notation_names_array_items_and_flattens_nested_values()
    {
        var body = FormBody.Multipart()
            .AddItems("tags", new[] { "a", "b" })
            .AddFiles("images", new[] { ApiFile.FromBytes(new byte[] { 1 }, "1.png"), ApiFile.FromBytes(new byte[] { 2 }, "2.png") })
            .AddJson<IReadOnlyList<IReadOnlyDictionary<string, object?>>>("refs", new[] { new Dictionary<string, object?> { ["id"] = "x", ["n"] = 2, ["skip"] = null } }, static (w, v) => System.Text.Json.JsonSerializer.Serialize(w, v, RefsContext.Default.IReadOnlyListIReadOnlyDictionaryStringObject));

        var bracketed = await (await body.ToContentAsync(bracketed: true, default)).ReadAsStringAsync();
        var plain = await (await body.ToContentAsync(bracketed: false, default)).ReadAsStringAsync();

        Assert.Equal(2, Occurrences(bracketed, "name=\"tags[]\""));
        Assert.Equal(2, Occurrences(bracketed, "name=\"images[]\""));
        Assert.Equal(1, Occurrences(bracketed, "name=\"refs[][id]\""));
        Assert.Equal(1, Occurrences(bracketed, "name=\"refs[][n]\""));
        Assert.Equal(0, Occurrences(bracketed, "skip"));
        Assert.Equal(2, Occurrences(plain, "name=\"tags\""));
        Assert.Equal(1, Occurrences(plain, "name=\"refs\""));
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty).Length) / part.Length;

    [Fact]
    public async Task Optional_members_left_null_send_no_part()
    {
        using var client = Client();
        await client.UploadFileAsync(new UploadRequest { File = ApiFile.FromBytes(new byte[] { 1 }, "f.bin"), Purpose = UploadRequestPurpose.Assistants });
        Assert.Equal(new[] { "purpose", "file" }, Assert.Single(_server.Requests).Form.Select(p => p.Name));
    }

    [Fact]
    public async Task A_retried_upload_sends_identical_bytes()
    {
        var attempts = 0;
        _server.Respond = _ => Interlocked.Increment(ref attempts) == 1 ? new RecordingServer.Answer(503) : null;
        using var client = Client(retries: 1);
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("streamed once"));
        await client.UploadFileAsync(new UploadRequest { File = ApiFile.FromStream(stream, "s.txt", "text/plain"), Purpose = UploadRequestPurpose.Batch });

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body, _server.Requests[1].Body);
        Assert.Equal(_server.Requests[0].Header("Content-Type"), _server.Requests[1].Header("Content-Type"));
        Assert.Equal("streamed once", Encoding.UTF8.GetString(_server.Requests[1].Form.Single(p => p.Name == "file").Content!));
    }

    [Fact]
    public async Task A_urlencoded_body_sends_fields_and_repeats_arrays()
    {
        using var client = Client();
        await client.CreateTokenAsync(new CreateTokenRequest { Scope = new[] { "read", "write" }, Ttl = 60 });
        var seen = Assert.Single(_server.Requests);
        Assert.StartsWith("application/x-www-form-urlencoded", seen.Header("Content-Type"));
        Assert.Equal("grant_type=client_credentials&scope=read&scope=write&ttl=60", Encoding.UTF8.GetString(seen.Body));
    }

    [Theory]
    [InlineData("plain.txt", "plain.txt")]
    [InlineData("back\\slash.txt", "back\\slash.txt")]
    [InlineData("trailing\\", "trailing\\")]
    [InlineData("r\u00e9sum\u00e9 \u65e5\u672c.pdf", "r\u00e9sum\u00e9 \u65e5\u672c.pdf")]
    [InlineData("quote\"d.txt", "quote%22d.txt")] // as browsers send it
    public async Task File_names_arrive_as_browsers_send_them(string fileName, string received)
    {
        using var client = Client();

        await client.UploadFileAsync(new UploadRequest { File = ApiFile.FromBytes(new byte[] { 1 }, fileName), Purpose = UploadRequestPurpose.Batch });

        Assert.Equal(received, Assert.Single(Assert.Single(_server.Requests).Form, p => p.Name == "file").FileName);
    }

    [Fact]
    public async Task A_line_break_in_a_file_name_cannot_start_a_header_of_its_own()
    {
        using var client = Client();

        await client.UploadFileAsync(new UploadRequest { File = ApiFile.FromBytes(new byte[] { 1 }, "a\r\nContent-Type: text/evil\r\n.txt"), Purpose = UploadRequestPurpose.Batch });

        var file = Assert.Single(Assert.Single(_server.Requests).Form, p => p.Name == "file");
        Assert.Equal("a%0D%0AContent-Type: text/evil%0D%0A.txt", file.FileName);
        Assert.NotEqual("text/evil", file.ContentType);
    }

    [Fact]
    public async Task Union_members_go_as_files_text_or_json_by_what_they_hold()
    {
        var body = FormBody.Multipart()
            .AddValue<object>("one", "file", ApiFile.FromBytes(new byte[] { 1 }, "1.bin"), static (w, v) => w.WriteNullValue())
            .AddValue<object>("many", "files", new[] { ApiFile.FromBytes(new byte[] { 2 }, "2.bin"), ApiFile.FromBytes(new byte[] { 3 }, "3.bin") }, static (w, v) => w.WriteNullValue())
            .AddValue<object>("text", "t", "hello", static (w, v) => w.WriteNullValue())
            .AddValue<int>("number", 42, 42, static (w, v) => w.WriteNumberValue(v))
            .AddValue<object>("absent", null, null, static (w, v) => w.WriteNullValue());

        var text = await (await body.ToContentAsync(bracketed: false, default)).ReadAsStringAsync();

        Assert.Equal(1, Occurrences(text, "name=\"one\"; filename=\"1.bin\""));
        Assert.Equal(2, Occurrences(text, "name=\"many\"; filename="));
        Assert.Equal(1, Occurrences(text, "name=\"text\"\r\n\r\nhello\r\n"));
        Assert.Equal(1, Occurrences(text, "Content-Type: application/json\r\nContent-Disposition: form-data; name=\"number\"\r\n\r\n42\r\n"));
        Assert.Equal(0, Occurrences(text, "absent"));
    }

    [Fact]
    public async Task Bracket_notation_flattens_objects_in_objects_and_keeps_numbers_and_booleans_as_text()
    {
        var body = FormBody.Multipart()
            .AddJson("opts", new Dictionary<string, object?> { ["a"] = new Dictionary<string, object?> { ["b"] = true, ["c"] = 1.5 }, ["d"] = new[] { 1, 2 } }, static (w, v) => System.Text.Json.JsonSerializer.Serialize(w, v));

        var text = await (await body.ToContentAsync(bracketed: true, default)).ReadAsStringAsync();

        Assert.Equal(1, Occurrences(text, "name=\"opts[a][b]\"\r\n\r\ntrue\r\n"));
        Assert.Equal(1, Occurrences(text, "name=\"opts[a][c]\"\r\n\r\n1.5\r\n"));
        Assert.Equal(2, Occurrences(text, "name=\"opts[d][]\""));
        Assert.Equal(0, Occurrences(text, "application/json"));
    }

    [Fact]
    public void A_urlencoded_body_refuses_a_file_naming_the_field()
    {
        var ex = Assert.Throws<ArgumentException>(() => FormBody.UrlEncoded().AddFile("upload", ApiFile.FromBytes(new byte[] { 1 }, "f.bin")));

        Assert.Equal("upload", ex.ParamName);
        Assert.Contains("'upload' is a file", ex.Message);
        FormBody.UrlEncoded().AddFile("upload", null); // nothing to carry: fine
    }

    [Fact]
    public void A_file_needs_a_name()
        => Assert.Throws<ArgumentException>(() => ApiFile.FromBytes(new byte[] { 1 }, ""));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<IReadOnlyDictionary<string, object?>>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class RefsContext : System.Text.Json.Serialization.JsonSerializerContext;
