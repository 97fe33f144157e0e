namespace Consumer;

// Added after the spec gains Batch.priority_tier: compiles only if the build regenerated the code.
internal static class Evolution
{
    public static string? Tier(Batch batch) => batch.PriorityTier;
}
