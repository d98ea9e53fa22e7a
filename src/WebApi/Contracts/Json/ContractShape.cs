using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.WebApi.Contracts.Json;

/// <summary>
/// What a request contract's JSON looks like: each field's name as clients write it (camelCase), the kind of value it
/// takes, and whether it is required (C# <c>required</c>). Read once per contract type, by reflection.
/// </summary>
internal sealed class ContractShape
{
    private static readonly ConcurrentDictionary<Type, ContractShape> Shapes = new();

    private ContractShape(IReadOnlyList<ContractField> fields) => Fields = fields;

    public IReadOnlyList<ContractField> Fields { get; }

    public static ContractShape Of(Type type) => Shapes.GetOrAdd(type, static t => new ContractShape(
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => new ContractField(
                p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                FieldKind.Of(p.PropertyType),
                p.GetCustomAttribute<RequiredMemberAttribute>() is not null,
                AcceptsNull(p)))]));

    /// <summary>Whether the field may be sent as null: a nullable value type, or a reference type declared nullable.</summary>
    private static bool AcceptsNull(PropertyInfo property) =>
        property.PropertyType.IsValueType
            ? Nullable.GetUnderlyingType(property.PropertyType) is not null
            : new NullabilityInfoContext().Create(property).WriteState != NullabilityState.NotNull;

    public ContractField? Find(string name) => Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One field of a request contract: null is refused for a required field and for one that cannot hold it.</summary>
internal sealed record ContractField(string Name, FieldKind Kind, bool Required, bool AcceptsNull);

/// <summary>
/// The kind of JSON value a field takes, with the words that describe it to a client developer, and (when the kind
/// has a closer word for a refused value than its JSON kind) what to call that value.
/// </summary>
internal sealed record FieldKind(string Describe, Func<JsonElement, bool> Accepts, Func<JsonElement, string?>? Explain = null)
{
    /// <summary>How a refused value reads in "<c>amount must be a whole number, not ...</c>".</summary>
    public string Refused(JsonElement value) => Explain?.Invoke(value) ?? KindOf(value);

    public static FieldKind Of(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            var names = Enum.GetNames(underlying);
            return new FieldKind($"one of {string.Join(", ", names)}",
                e => e.ValueKind == JsonValueKind.String && names.Contains(e.GetString(), StringComparer.OrdinalIgnoreCase));
        }

        return underlying switch
        {
            _ when underlying == typeof(string) => new FieldKind("a string", e => e.ValueKind == JsonValueKind.String),
            _ when underlying == typeof(bool) => new FieldKind("true or false", e => e.ValueKind is JsonValueKind.True or JsonValueKind.False),
            _ when underlying == typeof(int) => new FieldKind("a whole number", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _),
                e => e.ValueKind != JsonValueKind.Number || !e.TryGetDecimal(out var number) || decimal.Truncate(number) != number ? null
                    : e.TryGetInt64(out _) ? "a number that large"
                    : "a number in exponent form (write it in digits)"),
            _ when underlying == typeof(long) => new FieldKind("a whole number", e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _)),
            _ when underlying == typeof(decimal) => new FieldKind("a number", e => e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out _)),
            _ when underlying == typeof(Guid) => new FieldKind("an id (a GUID in a string)", e => e.ValueKind == JsonValueKind.String && e.TryGetGuid(out _)),
            _ when underlying == typeof(DateTimeOffset) => new FieldKind("a date and time in ISO 8601 (a string such as \"2026-12-01T09:00:00Z\")",
                e => e.ValueKind == JsonValueKind.String && e.TryGetDateTimeOffset(out _)),
            _ when typeof(IEnumerable<string>).IsAssignableFrom(underlying) => new FieldKind("a list of strings",
                e => e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String)),
            _ => throw new InvalidOperationException($"Request contracts take strings, numbers, booleans, enums, dates, ids and lists of strings; not {type}."),
        };
    }

    /// <summary>How a client's value reads in an error message: its JSON kind, never its content.</summary>
    public static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number when !value.TryGetInt64(out _) => "a number with decimals",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
