using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Roster.Common;

/// <summary>
/// The one spelling of each value of a state enum, on the wire and in the database: its
/// <see cref="JsonStringEnumMemberNameAttribute"/>, else its name in snake_case. JSON writes it through
/// <see cref="JsonStringEnumConverter{TEnum}"/> (which reads the same attribute), EF Core stores it through
/// <see cref="WireEnumConverter{TEnum}"/>.
/// </summary>
public static class WireEnum<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> _names = Enum.GetValues<TEnum>().ToDictionary(v => v, NameOf);
    private static readonly Dictionary<string, TEnum> _values = _names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every value by its wire name, for reading a request field.</summary>
    public static IReadOnlyDictionary<string, TEnum> ByName => _values;

    public static IReadOnlyCollection<string> Names => _values.Keys;

    public static string Name(TEnum value) => _names[value];

    public static TEnum Parse(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"'{name}' is not a stored {typeof(TEnum).Name}.");

    public static bool TryParse(string name, out TEnum value) => _values.TryGetValue(name, out value);

    private static string NameOf(TEnum value) =>
        typeof(TEnum).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
        ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>Stores a state enum as its wire name, so the database holds the same strings the APIs show.</summary>
public sealed class WireEnumConverter<TEnum>() : ValueConverter<TEnum, string>(v => WireEnum<TEnum>.Name(v), s => WireEnum<TEnum>.Parse(s))
    where TEnum : struct, Enum;

public static class WireEnumExtensions
{
    /// <summary>The value's one spelling on the wire and in the database.</summary>
    public static string Wire<TEnum>(this TEnum value) where TEnum : struct, Enum => WireEnum<TEnum>.Name(value);
}
