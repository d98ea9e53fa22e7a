using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;

namespace Shield.WebApi.Contracts.Json;

/// <summary>
/// Reads the JSON body of Shield's request contracts (the types in <c>Shield.WebApi.Contracts</c>) strictly, and says
/// what is wrong in words a client developer reads, all at once: where the JSON breaks (line and position), which
/// fields Shield does not know (refused, never ignored: a client sending <c>"currency":"USD"</c> must not be charged in
/// KES silently), which field has the wrong kind of value and what it takes, which required field is missing. Strings
/// are never read as numbers. No .NET type name and no JSON path reaches the client. Other types are left to the
/// framework's formatter.
/// </summary>
internal sealed class ContractJsonInputFormatter : TextInputFormatter
{
    /// <summary>Where the formatter leaves what kind of problem the body had, for the 400 problem's code.</summary>
    public const string ProblemItem = "shield.body-problem";

    /// <summary>The model-state key of a problem with the body as a whole.</summary>
    public const string BodyKey = "";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public ContractJsonInputFormatter()
    {
        SupportedMediaTypes.Add("application/json");
        SupportedEncodings.Add(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
    }

    /// <summary>
    /// application/json only: the media type matcher would also take any +json type (application/merge-patch+json),
    /// which the contract neither lists nor means.
    /// </summary>
    public override bool CanRead(InputFormatterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MediaTypeHeaderValue.TryParse(context.HttpContext.Request.ContentType, out var mediaType)
            && string.Equals(mediaType.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase)
            && base.CanRead(context);
    }

    protected override bool CanReadType(Type type) => type.Namespace == typeof(InitiatePaymentRequest).Namespace;

    public override async Task<InputFormatterResult> ReadRequestBodyAsync(InputFormatterContext context, Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(encoding);
        using var buffer = new MemoryStream();
        await context.HttpContext.Request.Body.CopyToAsync(buffer, context.HttpContext.RequestAborted);
        string body;
        try
        {
            body = encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return Refuse(context, BodyProblem.NotJson, BodyKey, "The body is not UTF-8 text: send JSON encoded as UTF-8.");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return context.TreatEmptyInputAsDefaultValue
                ? await InputFormatterResult.NoValueAsync()
                : Refuse(context, BodyProblem.NotJson, BodyKey, "The body is empty: send a JSON object.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            return Refuse(context, BodyProblem.NotJson, BodyKey, NotJson(exception));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refuse(context, BodyProblem.NotJson, BodyKey,
                    $"The body must be a JSON object (such as {{\"name\": value}}), not {FieldKind.KindOf(document.RootElement)}.");
            }

            var problem = Check(document.RootElement, ContractShape.Of(context.ModelType), context.ModelState);
            if (problem is { } found)
            {
                context.HttpContext.Items[ProblemItem] = found;
                return await InputFormatterResult.FailureAsync();
            }
        }

        try
        {
            return await InputFormatterResult.SuccessAsync(JsonSerializer.Deserialize(body, context.ModelType, SerializerOptions));
        }
        catch (JsonException)
        {
            // The checks above describe every value the contracts take; this is only a net, so that a body they let
            // through by mistake is a 400, never a 500.
            return Refuse(context, BodyProblem.Invalid, BodyKey, "The body does not fit this request: see /docs for its fields.");
        }
    }

    /// <summary>
    /// An empty body (Content-Length 0, or none at all) is refused here as an empty body, not with the framework's
    /// "A non-empty request body is required" keyed to nothing; where a body is optional (retry) it reads as none.
    /// </summary>
    public override Task<InputFormatterResult> ReadAsync(InputFormatterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        var canHaveBody = context.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength != 0;
        if ((!canHaveBody || request.ContentLength == 0) && !context.TreatEmptyInputAsDefaultValue)
        {
            return Task.FromResult(Refuse(context, BodyProblem.NotJson, BodyKey, "The body is empty: send a JSON object."));
        }

        return base.ReadAsync(context);
    }

    /// <summary>Every problem of the object against the contract, added by field; the most serious kind, or null when there is none.</summary>
    private static BodyProblem? Check(JsonElement root, ContractShape shape, Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState)
    {
        BodyProblem? worst = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (var property in root.EnumerateObject())
        {
            var field = shape.Find(property.Name);
            if (field is null)
            {
                unknown.Add(property.Name);
                continue;
            }

            if (!seen.Add(field.Name))
            {
                modelState.TryAddModelError(field.Name, $"{field.Name} appears more than once.");
                worst ??= BodyProblem.Invalid;
            }
            else if (property.Value.ValueKind == JsonValueKind.Null)
            {
                if (field.Required)
                {
                    modelState.TryAddModelError(field.Name, $"{field.Name} is required.");
                    worst ??= BodyProblem.Invalid;
                }
                else if (!field.AcceptsNull)
                {
                    modelState.TryAddModelError(field.Name, $"{field.Name} must be {field.Kind.Describe}, not null (leave it out for the default).");
                    worst ??= BodyProblem.Invalid;
                }
            }
            else if (!field.Kind.Accepts(property.Value))
            {
                modelState.TryAddModelError(field.Name, $"{field.Name} must be {field.Kind.Describe}, not {field.Kind.Refused(property.Value)}.");
                worst ??= BodyProblem.Invalid;
            }
        }

        foreach (var missing in shape.Fields.Where(f => f.Required && !seen.Contains(f.Name)))
        {
            modelState.TryAddModelError(missing.Name, $"{missing.Name} is required.");
            worst ??= BodyProblem.Invalid;
        }

        foreach (var name in unknown)
        {
            modelState.TryAddModelError(name,
                $"Shield does not read a field named '{name}': it is refused rather than ignored. The fields are {string.Join(", ", shape.Fields.Select(f => f.Name))}.");
            worst = BodyProblem.UnknownField;
        }

        return worst;
    }

    private static InputFormatterResult Refuse(InputFormatterContext context, BodyProblem problem, string key, string message)
    {
        context.ModelState.TryAddModelError(key, message);
        context.HttpContext.Items[ProblemItem] = problem;
        return InputFormatterResult.Failure();
    }

    /// <summary>"The body is not valid JSON at line 1, position 14: ..." from the reader's own words, without its path.</summary>
    private static string NotJson(JsonException exception)
    {
        var reason = exception.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        reason = (cut > 0 ? reason[..cut] : reason).TrimEnd('.', ' ');
        var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $" at line {line + 1}, position {position + 1}"
            : string.Empty;
        return $"The body is not valid JSON{where}: {reason}.";
    }
}
