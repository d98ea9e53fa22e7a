using Microsoft.AspNetCore.Mvc;
using Shield.WebApi.Contracts;

namespace Shield.WebApi.OpenApi;

/// <summary>
/// An error answer an action can give, with the stable problem codes it carries under that status: documented in the
/// OpenAPI document (the response's description lists the codes; its example shows the first).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class ProducesProblemAttribute : ProducesResponseTypeAttribute
{
    public const string ContentType = "application/problem+json";

    public ProducesProblemAttribute(int statusCode, params string[] codes)
        : base(typeof(ProblemResponse), statusCode, ContentType)
    {
        Codes = codes;
        Description = codes.Length == 0 ? "A problem." : $"Problem codes: {string.Join(", ", codes.Select(c => $"`{c}`"))}.";
    }

    public IReadOnlyList<string> Codes { get; }
}
