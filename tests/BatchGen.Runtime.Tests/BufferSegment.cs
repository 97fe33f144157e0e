using System.Buffers;

namespace BatchGen.Runtime.Tests;

/// <summary>
/// One buffer of a multi-segment <see cref="ReadOnlySequence{T}"/>: how a pipe or a chunked
/// response hands JSON to a reader, so that a token can be split across buffers.
/// </summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    public BufferSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    public BufferSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new BufferSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }
}
