namespace Shield.WebApi.Contracts.Json;

/// <summary>What was wrong with a request body, as the 400 problem's code says it (most serious first).</summary>
internal enum BodyProblem
{
    /// <summary>Every field was readable; the values broke a rule (validation_failed).</summary>
    Invalid,

    /// <summary>Fields Shield does not read (unknown_field): never ignored, a client could mean something by them.</summary>
    UnknownField,

    /// <summary>Not JSON, or not a JSON object (invalid_json).</summary>
    NotJson,
}
