namespace Shield.WebApi.Contracts;

/// <summary>
/// An RFC 9457 problem: every answer that is not a success carries one (<c>application/problem+json</c>). Switch on
/// <c>code</c>, which is stable; show <c>detail</c> to people.
/// </summary>
public sealed record ProblemResponse
{
    /// <summary>A URI reference naming the kind of problem (the HTTP status's section of RFC 9110).</summary>
    public required string Type { get; init; }

    /// <summary>A short summary of the kind of problem.</summary>
    public required string Title { get; init; }

    /// <summary>The HTTP status code.</summary>
    public required int Status { get; init; }

    /// <summary>What went wrong with this request, and what to do: fit to show a developer or an operator.</summary>
    public string? Detail { get; init; }

    /// <summary>The path of the request.</summary>
    public string? Instance { get; init; }

    /// <summary>The stable code of the problem (snake_case); each operation lists the codes it can answer.</summary>
    public required string Code { get; init; }

    /// <summary>The W3C trace id of the request, to find its log lines.</summary>
    public required string TraceId { get; init; }

    /// <summary>The payment the problem is about, when one exists (for example a push Daraja refused).</summary>
    public Guid? PaymentId { get; init; }

    /// <summary>For <c>validation_failed</c> and <c>unknown_field</c>: the messages, by field name.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>For <c>idempotency_key_reused</c>: the fields that differ from the key's first request.</summary>
    public IReadOnlyList<string>? Fields { get; init; }
}
