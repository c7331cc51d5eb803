namespace Roster.Authorization.Cedar.Schema;

/// <summary>"Did you mean" for misspelt or unqualified names.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The known name closest to <paramref name="written"/>, or null when none is close. An unqualified
    /// name matches a qualified one by its last part, so <c>User</c> suggests <c>PhotoFlash::User</c>.
    /// </summary>
    public static string? Closest(string written, IEnumerable<string> known)
    {
        var limit = Math.Max(1, written.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known.Order(StringComparer.Ordinal))
        {
            var distance = Distance(written, candidate);
            if (!written.Contains("::", StringComparison.Ordinal))
            {
                var lastPart = candidate[(candidate.LastIndexOf("::", StringComparison.Ordinal) is var i and >= 0 ? i + 2 : 0)..];
                distance = Math.Min(distance, Distance(written, lastPart));
            }
            // A shortened name (`view` for `viewPhoto`) is close whatever its length.
            if (written.Length >= 3 && candidate.StartsWith(written, StringComparison.OrdinalIgnoreCase)) distance = Math.Min(distance, limit);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= limit && best != written ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
