using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Roster.Authorization.Cedar;
using Roster.Authorization.Permissions;
using Roster.Benchmarks.Account;

namespace Roster.Benchmarks.Reference;

/// <summary>The uids of the entities <see cref="RequestEntities.Build"/> makes for a request of the mix.</summary>
public static class RequestEntityUids
{
    public static IReadOnlyList<EntityUid> Of(string accountId, BenchRequest request) =>
    [
        RequestEntities.AccountUid(accountId),
        RequestEntities.UserUid(request.Principal.Id),
        .. request.Principal.GroupIds.Select(RequestEntities.GroupUid),
        RequestEntities.ActionUid(request.Action),
        RequestEntities.ProductEnvironmentUid(request.Resource.ProductEnvironmentId),
        .. request.Resource.FolderPath.Select(RequestEntities.FolderUid),
        RequestEntities.ResourceUid(accountId, request.Resource),
    ];
}

/// <summary>Writes entities in Cedar's JSON entity format (<c>uid</c>, <c>attrs</c>, <c>parents</c>).</summary>
public static class CedarEntitiesJson
{
    /// <summary>
    /// The entities of <paramref name="store"/> named by <paramref name="uids"/>; throws when the store holds
    /// others or lacks one, so the reference always gets exactly what Roster decides with.
    /// </summary>
    public static string Write(IReadOnlyList<EntityUid> uids, EntityStore store)
    {
        if (store.Count != uids.Distinct().Count())
            throw new InvalidOperationException($"The request's store holds {store.Count} entities, not the {uids.Count} expected.");
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var uid in uids.Distinct())
            {
                if (!store.TryGet(uid, out var entity)) throw new InvalidOperationException($"The request's store lacks {uid}.");
                WriteEntity(json, entity);
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteUid(Utf8JsonWriter json, EntityUid uid)
    {
        json.WriteStartObject();
        json.WriteString("type", uid.Type);
        json.WriteString("id", uid.Id);
        json.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter json, Entity entity)
    {
        json.WriteStartObject();
        json.WritePropertyName("uid");
        WriteUid(json, entity.Uid);
        json.WritePropertyName("attrs");
        WriteRecord(json, entity.Attributes);
        json.WritePropertyName("parents");
        json.WriteStartArray();
        foreach (var parent in entity.Parents) WriteUid(json, parent);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter json, IReadOnlyDictionary<string, Value> attributes)
    {
        json.WriteStartObject();
        foreach (var (key, value) in attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(key);
            WriteValue(json, value);
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, Value value)
    {
        switch (value)
        {
            case StringValue s: json.WriteStringValue(s.Value); break;
            case LongValue l: json.WriteNumberValue(l.Value); break;
            case BoolValue b: json.WriteBooleanValue(b.Value); break;
            case EntityValue e:
                json.WriteStartObject();
                json.WritePropertyName("__entity");
                WriteUid(json, e.Uid);
                json.WriteEndObject();
                break;
            case SetValue set:
                json.WriteStartArray();
                foreach (var element in set.Elements) WriteValue(json, element);
                json.WriteEndArray();
                break;
            case RecordValue record: WriteRecord(json, record.Attributes); break;
            default: throw new NotSupportedException($"No JSON form for a {value.TypeName} attribute in the benchmark's entities.");
        }
    }
}
