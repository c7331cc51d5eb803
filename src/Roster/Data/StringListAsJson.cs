using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Roster.Data;

/// <summary>A list of strings kept in one text column as a JSON array, the same way on both databases.</summary>
public static class StringListAsJson
{
    public static readonly ValueConverter<List<string>, string> Converter = new(
        list => JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
        text => JsonSerializer.Deserialize<List<string>>(text, (JsonSerializerOptions?)null) ?? new List<string>());

    public static readonly ValueComparer<List<string>> Comparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
        list => list.ToList());
}

/// <summary>A map of strings kept in one text column as a JSON object, the same way on both databases.</summary>
public static class StringMapAsJson
{
    public static readonly ValueConverter<Dictionary<string, string>, string> Converter = new(
        map => JsonSerializer.Serialize(map, (JsonSerializerOptions?)null),
        text => JsonSerializer.Deserialize<Dictionary<string, string>>(text, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>());

    public static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.Count == b.Count && !a.Except(b).Any()),
        map => map.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.Key.GetHashCode(StringComparison.Ordinal))),
        map => new Dictionary<string, string>(map));
}
