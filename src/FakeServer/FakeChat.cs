using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace BatchGen.Testing;

/// <summary>
/// A chat-completions endpoint that echoes: the answer is <c>echo: </c> and the last message's
/// text. With <c>"stream": true</c> it answers as OpenAI streams, in server-sent events: one
/// <c>chat.completion.chunk</c> per word, a last chunk with the finish reason, then <c>[DONE]</c>.
/// </summary>
internal static class FakeChat
{
    public static FakeReply Complete(byte[] body, DateTimeOffset now)
    {
        JsonElement request;
        try
        {
            using var document = JsonDocument.Parse(body);
            request = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return FakeReply.Invalid("We could not parse the JSON body of your request.", null);
        }

        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            return FakeReply.Invalid("Missing required parameter: 'messages'.", "messages");
        }

        if (!request.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String)
        {
            return FakeReply.Invalid("Missing required parameter: 'model'.", "model");
        }

        var id = "chatcmpl-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        if (!request.TryGetProperty("stream", out var stream) || stream.ValueKind != JsonValueKind.True)
        {
            return FakeReply.Json(200, FakeJson.Write(writer => WriteEcho(writer, "/v1/chat/completions", request, id, now)));
        }

        var words = Answer(request).Split(' ');
        return new FakeReply(200, "text/event-stream", Array.Empty<byte>())
        {
            Stream = async (response, aborted) =>
            {
                for (var i = 0; i <= words.Length; i++)
                {
                    var last = i == words.Length;
                    var chunk = FakeJson.Write(writer => WriteChunk(writer, id, model.GetString()!, now, last ? null : (i == 0 ? words[i] : " " + words[i]), last ? "stop" : null));
                    await response.WriteAsync("data: " + chunk + "\n\n", aborted).ConfigureAwait(false);
                    await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                }

                await response.WriteAsync("data: [DONE]\n\n", aborted).ConfigureAwait(false);
            },
        };
    }

    /// <summary>The echoed response body for a request to <paramref name="endpoint"/>: a chat completion, or a plain echo for other endpoints.</summary>
    public static void WriteEcho(Utf8JsonWriter writer, string endpoint, JsonElement request, string id, DateTimeOffset now)
    {
        writer.WriteStartObject();
        if (endpoint != "/v1/chat/completions")
        {
            writer.WriteString("object", "echo");
            writer.WriteString("endpoint", endpoint);
            writer.WritePropertyName("input");
            request.WriteTo(writer);
            writer.WriteEndObject();
            return;
        }

        var answer = Answer(request);
        writer.WriteString("id", id);
        writer.WriteString("object", "chat.completion");
        writer.WriteNumber("created", now.ToUnixTimeSeconds());
        writer.WriteString("model", request.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String ? model.GetString() : "gpt-fake");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", answer);
        writer.WriteNull("refusal");
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", "stop");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", 10);
        writer.WriteNumber("completion_tokens", answer.Split(' ').Length);
        writer.WriteNumber("total_tokens", 10 + answer.Split(' ').Length);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteChunk(Utf8JsonWriter writer, string id, string model, DateTimeOffset now, string? content, string? finishReason)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", "chat.completion.chunk");
        writer.WriteNumber("created", now.ToUnixTimeSeconds());
        writer.WriteString("model", model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        if (content is not null)
        {
            writer.WriteString("content", content);
        }

        writer.WriteEndObject();
        FakeJson.WriteNullable(writer, "finish_reason", finishReason);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>echo: </c> and the text of the last message (a string, or the text parts of a part list).</summary>
    private static string Answer(JsonElement request)
    {
        var text = string.Empty;
        if (request.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0)
        {
            var last = messages[messages.GetArrayLength() - 1];
            if (last.ValueKind == JsonValueKind.Object && last.TryGetProperty("content", out var content))
            {
                text = content.ValueKind switch
                {
                    JsonValueKind.String => content.GetString()!,
                    JsonValueKind.Array => string.Join(" ", content.EnumerateArray()
                        .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
                        .Select(p => p.GetProperty("text").GetString())),
                    _ => string.Empty,
                };
            }
        }

        return "echo: " + text;
    }
}
