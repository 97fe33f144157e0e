using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BatchGen.Generator.Loading;

/// <summary>
/// Turns YAML 1.2 text into the <see cref="JsonNode"/> model that Microsoft.OpenApi reads.
/// Works on YamlDotNet's event stream with an explicit stack, so deep nesting cannot overflow
/// the compiler's thread stack. Plain scalars are resolved with the YAML 1.2 core schema
/// (so <c>yes</c> and <c>2024-10-01</c> stay strings), duplicate keys are errors as YAML requires,
/// and anchors, aliases and <c>&lt;&lt;</c> merge keys are expanded.
/// </summary>
public static class YamlJsonReader
{
    private const string MergeKey = "<<";

    /// <summary>
    /// How many nodes aliases may copy in all. Aliases of aliases grow exponentially ("billion
    /// laughs"); a real spec copies a few thousand nodes at most.
    /// </summary>
    public const int MaxAliasNodes = 2_000_000;

    public static JsonNode? Read(string text, CancellationToken cancellationToken, out SpecSyntaxError? error)
    {
        error = null;
        var progress = new Progress();
        try
        {
            return ReadCore(BlockScalarRepair.Apply(text), cancellationToken, progress);
        }
        catch (YamlException ex)
        {
            error = ToError(ex, text, progress.LastMark);
            return null;
        }
        catch (YamlToJsonException ex)
        {
            error = new SpecSyntaxError(ex.Message, SpecPosition.FromMark(ex.Mark));
            return null;
        }
    }

    /// <summary>Where the parser last was: some YamlDotNet errors carry no position of their own.</summary>
    private sealed class Progress
    {
        public Mark LastMark { get; set; } = Mark.Empty;
    }

    private static JsonNode? ReadCore(string text, CancellationToken cancellationToken, Progress progress)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var anchorSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long aliasNodes = 0;
        var stack = new Stack<Frame>();
        JsonNode? root = null;
        var events = 0;

        while (true)
        {
            if ((++events & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var current = parser.Consume<ParsingEvent>();
            progress.LastMark = current.End;
            Frame? top = stack.Count > 0 ? stack.Peek() : null;

            switch (current)
            {
                case Scalar scalar when top is { IsMapping: true, HasKey: false }:
                    SetKey(top, scalar.Value, scalar.Start, scalar.Style == ScalarStyle.Plain);
                    continue;
                case AnchorAlias alias when top is { IsMapping: true, HasKey: false }:
                    if (!anchors.TryGetValue(alias.Value.Value, out var keyNode) || keyNode is not JsonValue keyValue)
                    {
                        throw new YamlToJsonException($"The alias '*{alias.Value}' cannot be used as a mapping key", alias.Start);
                    }

                    SetKey(top, Convert.ToString(keyValue.GetValue<object>(), CultureInfo.InvariantCulture) ?? string.Empty, alias.Start, isPlain: false);
                    continue;
                case Scalar scalar:
                    {
                        var value = ConvertScalar(scalar);
                        Remember(anchors, scalar.Anchor, value);
                        Add(stack, ref root, value, scalar.Start);
                        continue;
                    }

                case AnchorAlias alias:
                    {
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            throw new YamlToJsonException($"The alias '*{alias.Value}' refers to no anchor defined before it", alias.Start);
                        }

                        aliasNodes += anchorSizes.TryGetValue(alias.Value.Value, out var size) ? size : 1;
                        if (aliasNodes > MaxAliasNodes)
                        {
                            throw new YamlToJsonException($"Aliases expand to more than {MaxAliasNodes:N0} nodes (an alias bomb?); expand them in the file if this is intended", alias.Start);
                        }

                        Add(stack, ref root, target?.DeepClone(), alias.Start);
                        continue;
                    }

                case MappingStart mapping:
                    if (top is { IsMapping: true, HasKey: false })
                    {
                        throw new YamlToJsonException("A mapping cannot be used as a mapping key; OpenAPI keys are strings", mapping.Start);
                    }

                    stack.Push(new Frame(new JsonObject(), mapping.Anchor.IsEmpty ? null : mapping.Anchor.Value, mapping.Start));
                    continue;
                case SequenceStart sequence:
                    if (top is { IsMapping: true, HasKey: false })
                    {
                        throw new YamlToJsonException("A sequence cannot be used as a mapping key; OpenAPI keys are strings", sequence.Start);
                    }

                    stack.Push(new Frame(new JsonArray(), sequence.Anchor.IsEmpty ? null : sequence.Anchor.Value, sequence.Start));
                    continue;
                case MappingEnd:
                case SequenceEnd:
                    {
                        var frame = stack.Pop();
                        frame.ApplyMerges();
                        if (frame.Anchor is not null)
                        {
                            anchors[frame.Anchor] = frame.Node;
                            anchorSizes[frame.Anchor] = CountNodes(frame.Node, MaxAliasNodes + 1L);
                        }

                        Add(stack, ref root, frame.Node, frame.Start);
                        continue;
                    }

                case DocumentEnd:
                    if (parser.Accept<DocumentStart>(out var next))
                    {
                        throw new YamlToJsonException("The file holds more than one YAML document; an OpenAPI spec is one document", next.Start);
                    }

                    parser.Consume<StreamEnd>();
                    return root;
                default:
                    throw new YamlToJsonException($"Unexpected YAML event {current.GetType().Name}", current.Start);
            }
        }
    }

    /// <summary>Counts the nodes of a tree, stopping at <paramref name="limit"/>.</summary>
    private static long CountNodes(JsonNode? root, long limit)
    {
        long count = 0;
        var pending = new Stack<JsonNode?>();
        pending.Push(root);
        while (pending.Count > 0 && count < limit)
        {
            var node = pending.Pop();
            count++;
            switch (node)
            {
                case JsonObject obj:
                    foreach (var property in obj)
                    {
                        pending.Push(property.Value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return count;
    }

    private static void SetKey(Frame frame, string key, Mark mark, bool isPlain)
    {
        if (isPlain && key == MergeKey)
        {
            frame.PendingKey = MergeKey;
            frame.PendingIsMerge = true;
            frame.HasKey = true;
            return;
        }

        var obj = (JsonObject)frame.Node;
        if (obj.ContainsKey(key))
        {
            throw new YamlToJsonException($"Duplicate key '{key}' in a mapping; YAML requires keys to be unique", mark);
        }

        frame.PendingKey = key;
        frame.PendingIsMerge = false;
        frame.HasKey = true;
    }

    private static void Add(Stack<Frame> stack, ref JsonNode? root, JsonNode? node, Mark mark)
    {
        if (stack.Count == 0)
        {
            root = node;
            return;
        }

        var top = stack.Peek();
        if (top.Node is JsonArray array)
        {
            array.Add(node);
            return;
        }

        if (top.PendingIsMerge)
        {
            top.AddMerge(node, mark);
        }
        else
        {
            ((JsonObject)top.Node)[top.PendingKey!] = node;
        }

        top.PendingKey = null;
        top.PendingIsMerge = false;
        top.HasKey = false;
    }

    private static void Remember(Dictionary<string, JsonNode?> anchors, AnchorName anchor, JsonNode? value)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = value;
        }
    }

    private static readonly Regex s_int = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex s_float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>Resolves a scalar with the YAML 1.2 core schema, which is what OpenAPI 3.1 documents mean.</summary>
    internal static JsonNode? ConvertScalar(Scalar scalar)
    {
        var value = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" or "!")
        {
            return JsonValue.Create(value);
        }

        if (scalar.Style != ScalarStyle.Plain && tag is null)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (s_int.IsMatch(value))
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return JsonValue.Create(number);
            }

            return RawNumber(NormalizeNumber(value)); // past 64 bits: kept digit for digit
        }

        if (value.Length > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'o'))
        {
            try
            {
                var fromBase = Convert.ToInt64(value.Substring(2), value[1] == 'x' ? 16 : 8);
                return JsonValue.Create(fromBase);
            }
            catch (FormatException)
            {
                return JsonValue.Create(value);
            }
            catch (OverflowException)
            {
                return JsonValue.Create(value);
            }
        }

        if (s_float.IsMatch(value))
        {
            return RawNumber(NormalizeNumber(value));
        }

        return JsonValue.Create(value);
    }

    /// <summary>
    /// A number that keeps its source text (Microsoft.OpenApi turns scalars into strings with
    /// Convert.ToString, so <c>version: 1.0</c> must not come back as "1").
    /// </summary>
    private static JsonNode? RawNumber(string jsonNumber)
    {
        using var document = JsonDocument.Parse(jsonNumber);
        return JsonValue.Create(document.RootElement.Clone());
    }

    /// <summary>
    /// A YAML 1.2 number as JSON writes it. YAML allows "+1.5", ".5", "1.", "1.e3" and leading
    /// zeros ("007", "01.5"), none of which JSON does: the sign "+" and the leading zeros go, and an
    /// empty integer part or fraction gets its zero.
    /// </summary>
    private static string NormalizeNumber(string value)
    {
        var sign = value[0] == '-' ? "-" : string.Empty;
        var body = value.TrimStart('+', '-');
        var digits = 0;
        while (digits < body.Length && body[digits] is >= '0' and <= '9')
        {
            digits++;
        }

        var integer = body.Substring(0, digits).TrimStart('0');
        var rest = body.Substring(digits);
        if (rest.StartsWith(".", StringComparison.Ordinal) && (rest.Length == 1 || rest[1] is 'e' or 'E'))
        {
            rest = ".0" + rest.Substring(1);
        }

        return sign + (integer.Length == 0 ? "0" : integer) + rest;
    }

    private static readonly Regex s_markPrefix = new(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant);

    private static SpecSyntaxError ToError(YamlException ex, string text, Mark lastMark)
    {
        var message = s_markPrefix.Replace(ex.Message, string.Empty).Trim().TrimEnd('.');
        if (ex.InnerException is YamlException inner && !string.IsNullOrEmpty(inner.Message))
        {
            message = s_markPrefix.Replace(inner.Message, string.Empty).Trim().TrimEnd('.');
        }

        var mark = ex.Start;
        if (mark.Index == 0 && message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FirstTabIndentation(text) is { } tab)
        {
            return new SpecSyntaxError(message, tab);
        }

        if (mark.Index == 0 && lastMark.Index > 0)
        {
            mark = lastMark; // the error carries no position: report where the parser had got to
        }

        return new SpecSyntaxError(message, SpecPosition.FromMark(mark));
    }

    /// <summary>The first tab in a line's leading whitespace: YAML forbids tabs for indentation.</summary>
    private static SpecPosition? FirstTabIndentation(string text)
    {
        var lines = new LineIndex(text);
        for (var line = 0; line < lines.LineCount; line++)
        {
            for (var i = lines.LineStart(line); i < text.Length && text[i] is ' ' or '\t'; i++)
            {
                if (text[i] == '\t')
                {
                    return lines.PositionOf(i);
                }
            }
        }

        return null;
    }

    private sealed class Frame
    {
        public Frame(JsonNode node, string? anchor, Mark start)
        {
            Node = node;
            Anchor = anchor;
            Start = start;
        }

        public JsonNode Node { get; }

        public string? Anchor { get; }

        public Mark Start { get; }

        public bool IsMapping => Node is JsonObject;

        public bool HasKey { get; set; }

        public string? PendingKey { get; set; }

        public bool PendingIsMerge { get; set; }

        private List<(JsonNode? Source, Mark Mark)>? _merges;

        public void AddMerge(JsonNode? source, Mark mark) => (_merges ??= new()).Add((source, mark));

        /// <summary>Merge keys add the keys of the merged mappings that the mapping does not set itself.</summary>
        public void ApplyMerges()
        {
            if (_merges is null || Node is not JsonObject target)
            {
                return;
            }

            foreach (var (source, mark) in _merges)
            {
                var sources = source is JsonArray list ? list : new JsonArray(source?.DeepClone());
                foreach (var item in sources)
                {
                    if (item is not JsonObject mapping)
                    {
                        throw new YamlToJsonException("A merge key '<<' must refer to a mapping or a list of mappings", mark);
                    }

                    foreach (var property in mapping)
                    {
                        if (!target.ContainsKey(property.Key))
                        {
                            target[property.Key] = property.Value?.DeepClone();
                        }
                    }
                }
            }
        }
    }

    private sealed class YamlToJsonException : Exception
    {
        public YamlToJsonException(string message, Mark mark)
            : base(message) => Mark = mark;

        public Mark Mark { get; }
    }
}
