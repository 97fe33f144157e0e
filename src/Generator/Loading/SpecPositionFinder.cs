using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BatchGen.Generator.Loading;

/// <summary>
/// Maps JSON pointers to line and column in the spec text. It is built only when a diagnostic
/// needs a position, by a second pass over the YAML events that follows just the requested paths:
/// a spec that reads cleanly (the common case, on every keystroke in the IDE) pays nothing for it.
/// JSON specs go through the same pass, since JSON is YAML.
/// </summary>
public static class SpecPositionFinder
{
    public static IReadOnlyDictionary<string, SpecPosition> Find(string text, IEnumerable<string> pointers, CancellationToken cancellationToken)
    {
        var root = new TrieNode();
        var requested = new List<(string Pointer, IReadOnlyList<string> Segments)>();
        foreach (var pointer in pointers)
        {
            var segments = SpecPointer.Parse(pointer);
            requested.Add((pointer, segments));
            var node = root;
            foreach (var segment in segments)
            {
                node = node.GetOrAdd(segment);
            }
        }

        root.Position = SpecPosition.Start;
        try
        {
            Walk(BlockScalarRepair.Apply(text), root, cancellationToken);
        }
        catch (YamlException)
        {
            // Positions found before the syntax error are still good; the rest fall back to their parents.
        }

        var result = new Dictionary<string, SpecPosition>(StringComparer.Ordinal);
        foreach (var (pointer, segments) in requested)
        {
            var node = root;
            var best = root.Position!.Value;
            foreach (var segment in segments)
            {
                if (node.Children is null || !node.Children.TryGetValue(segment, out node) || node.Position is null)
                {
                    break;
                }

                best = node.Position.Value;
            }

            result[pointer] = best;
        }

        return result;
    }

    private static void Walk(string text, TrieNode root, CancellationToken cancellationToken)
    {
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<Frame>();
        TrieNode? pendingValue = root;
        var events = 0;
        while (parser.MoveNext())
        {
            if ((++events & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var current = parser.Current!;
            var top = stack.Count > 0 ? stack.Peek() : null;

            // A sequence item: its trie node is the next index of the enclosing sequence.
            if (top is { IsMapping: false } && current is Scalar or AnchorAlias or MappingStart or SequenceStart)
            {
                pendingValue = top.Trie?.Find((top.Index++).ToString(CultureInfo.InvariantCulture));
                Record(pendingValue, current.Start);
            }

            switch (current)
            {
                case Scalar scalar when top is { IsMapping: true, ExpectingKey: true }:
                    top.ExpectingKey = false;
                    pendingValue = top.Trie?.Find(scalar.Value);
                    Record(pendingValue, scalar.Start);
                    break;
                case Scalar or AnchorAlias:
                    if (top is { IsMapping: true })
                    {
                        top.ExpectingKey = true;
                    }

                    break;
                case MappingStart or SequenceStart:
                    stack.Push(new Frame(pendingValue, current is MappingStart));
                    pendingValue = null;
                    break;
                case MappingEnd or SequenceEnd:
                    stack.Pop();
                    if (stack.Count > 0 && stack.Peek().IsMapping)
                    {
                        stack.Peek().ExpectingKey = true;
                    }

                    break;
            }
        }
    }

    private static void Record(TrieNode? node, Mark mark)
    {
        if (node is not null && node.Position is null)
        {
            node.Position = SpecPosition.FromMark(mark);
        }
    }

    private sealed class Frame
    {
        public Frame(TrieNode? trie, bool isMapping)
        {
            Trie = trie;
            IsMapping = isMapping;
            ExpectingKey = isMapping;
        }

        public TrieNode? Trie { get; }

        public bool IsMapping { get; }

        public bool ExpectingKey { get; set; }

        public int Index { get; set; }
    }

    private sealed class TrieNode
    {
        public Dictionary<string, TrieNode>? Children { get; private set; }

        public SpecPosition? Position { get; set; }

        public TrieNode GetOrAdd(string segment)
        {
            Children ??= new Dictionary<string, TrieNode>(StringComparer.Ordinal);
            if (!Children.TryGetValue(segment, out var child))
            {
                child = new TrieNode();
                Children[segment] = child;
            }

            return child;
        }

        public TrieNode? Find(string segment)
            => Children is not null && Children.TryGetValue(segment, out var child) ? child : null;
    }
}
