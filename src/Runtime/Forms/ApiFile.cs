using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace BatchGen;

/// <summary>
/// A file to upload as one part of a <c>multipart/form-data</c> body: its content, a file name and a
/// content type. Made from bytes, a stream or a path; the content is read once when the request is
/// built, so every retry sends the same bytes.
/// </summary>
public sealed class ApiFile
{
    private readonly Func<CancellationToken, Task<byte[]>> _read;

    private ApiFile(Func<CancellationToken, Task<byte[]>> read, string fileName, string contentType)
    {
        _read = read;
        FileName = string.IsNullOrEmpty(fileName) ? throw new ArgumentException("A file name is required: servers use its extension.", nameof(fileName)) : fileName;
        ContentType = string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType;
    }

    /// <summary>The file name sent with the part.</summary>
    public string FileName { get; }

    /// <summary>The part's content type (<c>application/octet-stream</c> unless given).</summary>
    public string ContentType { get; }

    /// <summary>A file from bytes in memory.</summary>
    public static ApiFile FromBytes(byte[] content, string fileName, string? contentType = null)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        return new ApiFile(_ => Task.FromResult(content), fileName, contentType ?? "application/octet-stream");
    }

    /// <summary>A file from a stream, read to its end once (the caller keeps owning the stream).</summary>
    public static ApiFile FromStream(Stream content, string fileName, string? contentType = null)
    {
        if (content is null)
        {
            throw new ArgumentNullException(nameof(content));
        }

        return new ApiFile(cancellationToken => ReadToEndAsync(content, cancellationToken), fileName, contentType ?? "application/octet-stream");
    }

    /// <summary>A file on disk; its name is the path's file name unless given.</summary>
    public static ApiFile FromPath(string path, string? contentType = null, string? fileName = null)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new ArgumentException("A path is required.", nameof(path));
        }

        return new ApiFile(
            async cancellationToken =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                return await ReadToEndAsync(stream, cancellationToken).ConfigureAwait(false);
            },
            fileName ?? Path.GetFileName(path),
            contentType ?? "application/octet-stream");
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
#if NET8_0_OR_GREATER
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
#else
        await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
#endif
        return buffer.ToArray();
    }

    /// <summary>The content, read now.</summary>
    public Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken = default) => _read(cancellationToken);

    /// <summary>The file name and content type; never the content.</summary>
    public override string ToString() => $"{FileName} ({ContentType})";
}
