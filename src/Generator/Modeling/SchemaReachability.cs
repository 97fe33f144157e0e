using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.OpenApi;

namespace BatchGen.Generator.Modeling;

/// <summary>
/// Finds the component schemas that a set of operations uses, directly or through other schemas
/// (properties, items, maps, allOf/anyOf/oneOf, not, discriminator mappings), so a filtered spec
/// generates only what its operations need.
/// </summary>
internal static class SchemaReachability
{
    public static HashSet<string> ComponentsUsedBy(IEnumerable<OpenApiOperation> operations, IEnumerable<IOpenApiPathItem> pathItems, CancellationToken cancellationToken)
    {
        var components = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<IOpenApiSchema>();
        var pending = new Stack<IOpenApiSchema>();

        void Add(IOpenApiSchema? schema)
        {
            if (schema is not null)
            {
                pending.Push(schema);
            }
        }

        foreach (var pathItem in pathItems)
        {
            foreach (var parameter in pathItem.Parameters ?? new List<IOpenApiParameter>())
            {
                Add(parameter.Schema);
            }
        }

        foreach (var operation in operations)
        {
            foreach (var parameter in operation.Parameters ?? new List<IOpenApiParameter>())
            {
                Add(parameter.Schema);
                foreach (var media in parameter.Content?.Values ?? Enumerable.Empty<IOpenApiMediaType>())
                {
                    Add(media.Schema);
                }
            }

            foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<IOpenApiMediaType>())
            {
                Add(media.Schema);
            }

            foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
            {
                foreach (var media in response.Content?.Values ?? Enumerable.Empty<IOpenApiMediaType>())
                {
                    Add(media.Schema);
                }
            }
        }

        var steps = 0;
        while (pending.Count > 0)
        {
            if ((++steps & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var schema = pending.Pop();
            if (!visited.Add(schema))
            {
                continue;
            }

            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference?.Id is { } id && components.Add(id) && reference.Target is { } target)
                {
                    Add(target);
                }

                continue;
            }

            foreach (var property in schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            {
                Add(property);
            }

            Add(schema.Items);
            Add(schema.AdditionalProperties);
            Add(schema.Not);
            foreach (var part in (schema.AllOf ?? new List<IOpenApiSchema>()).Concat(schema.AnyOf ?? new List<IOpenApiSchema>()).Concat(schema.OneOf ?? new List<IOpenApiSchema>()))
            {
                Add(part);
            }

            foreach (var mapped in schema.Discriminator?.Mapping?.Values ?? Enumerable.Empty<OpenApiSchemaReference>())
            {
                Add(mapped);
            }
        }

        return components;
    }
}
