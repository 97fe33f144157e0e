using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace BatchGen;

/// <summary>
/// How generated converters treat a required property a response lacks. Real servers leave such
/// properties out (the official SDKs read those responses), so by default the member keeps its
/// default and the omission is recorded for the client to report; in strict mode it throws.
/// The context is per thread: a response body is read synchronously, start to end, on one thread.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class JsonReadContext : IDisposable
{
    [ThreadStatic]
    private static JsonReadContext? t_current;

    private readonly JsonReadContext? _outer;
    private List<string>? _missing;

    private JsonReadContext(bool strict)
    {
        Strict = strict;
        _outer = t_current;
        t_current = this;
    }

    /// <summary>Starts reading one body on this thread; dispose it when the body is read.</summary>
    public static JsonReadContext Begin(bool strict) => new(strict);

    /// <summary>Whether a missing required property throws.</summary>
    public bool Strict { get; }

    /// <summary>The required properties found missing (<c>Batch.id</c>), in the order met.</summary>
    public IReadOnlyList<string> Missing => (IReadOnlyList<string>?)_missing ?? Array.Empty<string>();

    /// <summary>Called by generated converters: throws in strict mode, else records <c>{typeName}.{jsonName}</c>.</summary>
    public static void MissingRequired(string typeName, string jsonName)
    {
        var context = t_current;
        if (context is { Strict: true })
        {
            throw JsonRead.MissingProperty(typeName, jsonName);
        }

        context?.Record(typeName + "." + jsonName);
    }

    private void Record(string property)
    {
        _missing ??= new List<string>();
        if (!_missing.Contains(property))
        {
            _missing.Add(property);
        }
    }

    /// <summary>Ends this body's reading, restoring any outer context.</summary>
    public void Dispose() => t_current = _outer;
}
