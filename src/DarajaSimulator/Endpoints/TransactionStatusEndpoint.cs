using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.TransactionStatus;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>
/// <c>POST /mpesa/transactionstatus/v1/query</c> (REFERENCE.md §5): validates, acknowledges, and CallbackDelay later
/// posts the result to ResultURL in one of the real shapes. Hooks for clients' tolerance tests: a receipt ending in
/// '7' gets ResultCode/ResultType as strings; a TransactionID starting with "QTO" gets a queue timeout instead.
/// </summary>
internal sealed partial class TransactionStatusEndpoint(
    RequestGate gate,
    PushStore pushes,
    ResultDispatcher dispatcher,
    DarajaSimulatorCertificate certificate,
    TimeProvider timeProvider,
    IOptions<DarajaSimulatorOptions> options,
    ILogger<TransactionStatusEndpoint> logger)
{
    public const string Path = "/mpesa/transactionstatus/v1/query";

    public async Task HandleAsync(HttpContext context)
    {
        var outcome = await gate.OpenAsync(context, Path);
        var result = outcome.Rejection is { } rejection ? rejection.ToResult() : Process(outcome.Body);
        await result.ExecuteAsync(context);
    }

    private IResult Process(JsonElement body)
    {
        var settings = options.Value;
        if (Validate(body, settings) is { } invalid)
        {
            LogRejected(logger, invalid.ErrorMessage);
            return invalid.ToResult();
        }

        var now = timeProvider.GetUtcNow();
        var transactionId = JsonFields.GetNumberOrString(body, "TransactionID")!;
        var occasion = JsonFields.GetString(body, "Occasion") ?? string.Empty;
        var originator = $"{RandomNumberGenerator.GetInt32(1000, 9999)}-{RandomNumberGenerator.GetInt32(1_000_000, 9_999_999)}-1";
        var conversation = $"AG_{now.ToOffset(TimeSpan.FromHours(3)):yyyyMMdd}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10))}";
        var due = now + settings.CallbackDelay;

        var credentialOk = JsonFields.GetString(body, "Initiator") == settings.InitiatorName
            && certificate.TryDecrypt(JsonFields.GetString(body, "SecurityCredential") ?? string.Empty, out var password)
            && password == settings.InitiatorPassword;

        ScheduledResult scheduled;
        if (transactionId.StartsWith("QTO", StringComparison.Ordinal))
        {
            var timeout = new JsonObject
            {
                ["Result"] = new JsonObject
                {
                    ["ResultType"] = 1, ["ResultCode"] = 1, ["ResultDesc"] = "The service request timed out.",
                    ["OriginatorConversationID"] = originator, ["ConversationID"] = conversation, ["TransactionID"] = transactionId,
                },
            };
            scheduled = new ScheduledResult(new Uri(JsonFields.GetString(body, "QueueTimeOutURL")!), timeout.ToJsonString(), due);
        }
        else
        {
            var result = !credentialOk
                ? Failure(2001, "The initiator information is invalid.", originator, conversation, occasion)
                : pushes.FindByReceipt(transactionId, now) is { } push
                    ? Success(push, transactionId, originator, conversation, occasion, settings.BusinessShortCode)
                    : Failure(17, "Internal Failure", originator, conversation, occasion);
            scheduled = new ScheduledResult(new Uri(JsonFields.GetString(body, "ResultURL")!), result.ToJsonString(), due);
        }

        dispatcher.Enqueue(scheduled);
        LogAccepted(logger, conversation);
        return Results.Json(new JsonObject
        {
            ["OriginatorConversationID"] = originator,
            ["ConversationID"] = conversation,
            ["ResponseCode"] = "0",
            ["ResponseDescription"] = "Accept the service request successfully.",
        });
    }

    private static DarajaRejection? Validate(JsonElement body, DarajaSimulatorOptions settings)
    {
        if (JsonFields.GetString(body, "CommandID") != "TransactionStatusQuery")
        {
            return DarajaRejections.InvalidField("CommandID");
        }

        if (JsonFields.GetNumberOrString(body, "TransactionID") is not { Length: > 0 and <= 20 })
        {
            return DarajaRejections.InvalidField("TransactionID");
        }

        if (JsonFields.GetNumberOrString(body, "PartyA") != settings.BusinessShortCode)
        {
            return DarajaRejections.InvalidField("PartyA");
        }

        if (JsonFields.GetNumberOrString(body, "IdentifierType") != "4")
        {
            return DarajaRejections.InvalidField("IdentifierType");
        }

        foreach (var field in new[] { "ResultURL", "QueueTimeOutURL" })
        {
            if (JsonFields.GetString(body, field) is not { } url || !StkFieldRules.TryReadCallbackUrl(url, out _))
            {
                return DarajaRejections.InvalidField(field);
            }
        }

        if (JsonFields.GetString(body, "Remarks") is not { Length: > 0 and <= 100 })
        {
            return DarajaRejections.InvalidField("Remarks");
        }

        if (JsonFields.GetString(body, "Occasion") is { Length: > 100 })
        {
            return DarajaRejections.InvalidField("Occasion");
        }

        if (string.IsNullOrEmpty(JsonFields.GetString(body, "Initiator")) || string.IsNullOrEmpty(JsonFields.GetString(body, "SecurityCredential")))
        {
            return DarajaRejections.InvalidField("Initiator");
        }

        return null;
    }

    private static JsonObject Failure(int code, string description, string originator, string conversation, string occasion) => new()
    {
        ["Result"] = new JsonObject
        {
            ["ResultType"] = 0, ["ResultCode"] = code, ["ResultDesc"] = description,
            ["OriginatorConversationID"] = originator, ["ConversationID"] = conversation, ["TransactionID"] = conversation[3..13],
            ["ReferenceData"] = new JsonObject { ["ReferenceItem"] = new JsonObject { ["Key"] = "Occasion", ["Value"] = occasion } },
        },
    };

    private static JsonObject Success(SimulatedPush push, string receipt, string originator, string conversation, string occasion, string shortCode)
    {
        var eat = TimeSpan.FromHours(3);
        var strings = receipt.EndsWith('7');
        return new JsonObject
        {
            ["Result"] = new JsonObject
            {
                ["ResultType"] = strings ? JsonValue.Create("0") : JsonValue.Create(0),
                ["ResultCode"] = strings ? JsonValue.Create("0") : JsonValue.Create(0),
                ["ResultDesc"] = "The service request is processed successfully.",
                ["OriginatorConversationID"] = originator,
                ["ConversationID"] = conversation,
                ["TransactionID"] = receipt,
                ["ResultParameters"] = new JsonObject
                {
                    ["ResultParameter"] = new JsonArray(
                        Item("DebitPartyName", $"{push.PhoneNumber} - Customer"),
                        Item("CreditPartyName", $"{shortCode} - Shield Simulator"),
                        Item("OriginatorConversationID", originator),
                        Item("InitiatedTime", long.Parse(push.AcceptedAt.ToOffset(eat).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
                        Item("CreditPartyCharges"),
                        Item("DebitAccountType", "MMF Account For Customer"),
                        Item("TransactionReason"),
                        Item("ReasonType", "Pay Bill Online"),
                        Item("TransactionStatus", "Completed"),
                        Item("FinalisedTime", push.FinalAt.ToOffset(eat).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)),
                        Item("Amount", push.Amount),
                        Item("ConversationID", conversation),
                        Item("ReceiptNo", receipt)),
                },
                ["ReferenceData"] = new JsonObject
                {
                    ["ReferenceItem"] = new JsonArray(
                        new JsonObject { ["Key"] = "Occasion", ["Value"] = occasion },
                        new JsonObject { ["Key"] = "QueueTimeoutURL", ["Value"] = "https://internal.example/timeout" }),
                },
            },
        };
    }

    private static JsonObject Item(string key) => new() { ["Key"] = key };

    private static JsonObject Item<T>(string key, T value) => new() { ["Key"] = key, ["Value"] = JsonValue.Create(value) };

    [LoggerMessage(EventId = 9122, Level = LogLevel.Information, Message = "Daraja simulator accepted a Transaction Status query ({ConversationId})")]
    private static partial void LogAccepted(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 9123, Level = LogLevel.Information, Message = "Daraja simulator rejected a Transaction Status query: {ErrorMessage}")]
    private static partial void LogRejected(ILogger logger, string errorMessage);
}
