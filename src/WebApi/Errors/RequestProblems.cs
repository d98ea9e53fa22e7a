using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Shield.WebApi.Contracts.Json;

namespace Shield.WebApi.Errors;

/// <summary>
/// One 400 problem for every request that could not be read, body or query alike: <c>invalid_json</c> (where the JSON
/// breaks), <c>unknown_field</c> (fields Shield does not read), or <c>validation_failed</c> with <c>errors</c> by field
/// (camelCase), each message saying what the field takes (a bad enum value lists the allowed values).
/// </summary>
internal static class RequestProblems
{
    public static BadRequestObjectResult InvalidModelState(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var kind = http.Items.TryGetValue(ContractJsonInputFormatter.ProblemItem, out var found) && found is BodyProblem body ? body : BodyProblem.Invalid;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? bodyMessage = null;
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            if (key.Length == 0)
            {
                bodyMessage = entry.Errors[0].ErrorMessage;
                continue;
            }

            var field = JsonNamingPolicy.CamelCase.ConvertName(key);
            errors[field] = kind == BodyProblem.Invalid && !http.Items.ContainsKey(ContractJsonInputFormatter.ProblemItem)
                ? [Describe(context, key, field)]
                : [.. entry.Errors.Select(e => e.ErrorMessage).Distinct()];
        }

        var factory = http.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        ProblemDetails problem = kind == BodyProblem.NotJson
            ? factory.CreateProblemDetails(http, StatusCodes.Status400BadRequest, "The body is not valid JSON.", detail: bodyMessage)
            : factory.CreateValidationProblemDetails(http, ToModelState(errors), StatusCodes.Status400BadRequest,
                kind == BodyProblem.UnknownField ? "The body has fields Shield does not read." : "The request is not valid.",
                detail: $"Check {string.Join(", ", errors.Keys)}.");
        problem.Extensions["code"] = kind switch
        {
            BodyProblem.NotJson => ProblemCodes.InvalidJson,
            BodyProblem.UnknownField => ProblemCodes.UnknownField,
            _ => ProblemCodes.ValidationFailed,
        };
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }

    /// <summary>A query or route value the framework could not convert: what the field takes, from its type.</summary>
    private static string Describe(ActionContext context, string key, string field)
    {
        var type = context.ActionDescriptor.Parameters
            .Select(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)
                ? p.ParameterType
                : p.ParameterType.GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType)
            .FirstOrDefault(t => t is not null);
        return type is null ? $"{field} is not valid." : $"{field} must be {FieldKind.Of(type).Describe}.";
    }

    private static Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary ToModelState(Dictionary<string, string[]> errors)
    {
        var state = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                state.AddModelError(field, message);
            }
        }

        return state;
    }
}
