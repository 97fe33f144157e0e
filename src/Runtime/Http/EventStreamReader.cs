using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;

namespace BatchGen;

/// <summary>Reads one event's <c>data</c>; <paramref name="eventType"/> is its <c>event:</c> name (<c>message</c> when it has none).</summary>
public delegate T EventValueReader<out T>(string eventType, ref Utf8JsonReader reader);

/// <summary>
/// Turns a <c>text/event-stream</c> response into typed events, parsed by
/// <c>System.Net.ServerSentEvents</c> (multi-line <c>data</c>, comments, <c>retry</c> and <c>id</c>
/// fields). The <c>[DONE]</c> sentinel ends the stream; so does the server closing it. Ending the
/// enumeration early, or disposing its enumerator, closes the connection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class EventStreamReader
{
    private static readonly byte[] s_done = "[DONE]"u8.ToArray();

    /// <summary>Reads the events of <paramref name="response"/>, each <c>data</c> as JSON with <paramref name="read"/>; disposes the response at the end.</summary>
    /// <exception cref="ApiResponseFormatException">The response is not an event stream, or an event's data is not what the spec describes.</exception>
    /// <exception cref="ApiConnectionException">The connection broke before the stream ended.</exception>
    public static async IAsyncEnumerable<T> ReadAsync<T>(StreamedResponse response, EventValueReader<T> read, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (response is null)
        {
            throw new ArgumentNullException(nameof(response));
        }

        using (response)
        {
            if (!string.Equals(response.ContentType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                throw new ApiResponseFormatException(
                    $"The response to {response.OperationId} is '{response.ContentType ?? "(no content type)"}', not the event stream (text/event-stream) that was asked for.",
                    response.OperationId,
                    null,
                    response.RequestId,
                    null);
            }

            var parser = SseParser.Create(response.Body, (eventType, data) => Parse(eventType, data, read));
            var events = parser.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when ((ex is IOException or HttpRequestException) && !cancellationToken.IsCancellationRequested)
                    {
                        throw response.BodyBroken(ex);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    var parsed = events.Current.Data;
                    if (parsed.IsDone)
                    {
                        yield break;
                    }

                    if (parsed.Error is { } error)
                    {
                        throw new ApiResponseFormatException(
                            $"An event of the {response.OperationId} stream ('{events.Current.EventType}') is not what the spec describes: {error.Message}",
                            response.OperationId,
                            error.Path,
                            response.RequestId,
                            error);
                    }

                    if (parsed.IsEmpty)
                    {
                        continue;
                    }

                    yield return parsed.Value!;
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static ParsedEvent<T> Parse<T>(string eventType, ReadOnlySpan<byte> data, EventValueReader<T> read)
    {
        var trimmed = Trim(data);
        if (trimmed.SequenceEqual(s_done))
        {
            return ParsedEvent<T>.Done;
        }

        if (trimmed.Length == 0)
        {
            // An event with no data (a keep-alive) carries nothing to read.
            return ParsedEvent<T>.Empty;
        }

        try
        {
            var reader = new Utf8JsonReader(trimmed, new JsonReaderOptions { MaxDepth = 256 });
            reader.Read();
            var value = read(eventType, ref reader);

            // The data is one final block: reading past the value throws if anything follows it.
            reader.Read();
            return new ParsedEvent<T>(value, null);
        }
        catch (JsonException ex)
        {
            return new ParsedEvent<T>(default, ex);
        }
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> data)
    {
        var start = 0;
        var end = data.Length;
        while (start < end && data[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && data[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return data.Slice(start, end - start);
    }

    /// <summary>What one event's data became: a value, the end sentinel, nothing, or a reading error to raise outside the parser.</summary>
    private readonly struct ParsedEvent<T>
    {
        public static readonly ParsedEvent<T> Done = new(default, null, isDone: true);
        public static readonly ParsedEvent<T> Empty = new(default, null, isEmpty: true);

        public ParsedEvent(T? value, JsonException? error, bool isDone = false, bool isEmpty = false)
        {
            Value = value;
            Error = error;
            IsDone = isDone;
            IsEmpty = isEmpty;
        }

        public T? Value { get; }

        public JsonException? Error { get; }

        public bool IsDone { get; }

        public bool IsEmpty { get; }
    }
}
