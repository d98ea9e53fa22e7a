using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>
/// The documented rules whose enforcement by real Daraja is unconfirmed or contradicted by observation. With
/// <see cref="DarajaSimulatorStrictness.Strict"/> each is enforced as documented; with
/// <see cref="DarajaSimulatorStrictness.Documented"/> a request that breaks one in the way live clients are seen to
/// (and Daraja is known or likely to accept) passes, and the deviation is noted. Rules Daraja is known to enforce
/// (password, MSISDN, whole Amount, bearer token...) are not here: they are enforced in both modes.
/// </summary>
/// <remarks>
/// Sources (REFERENCE.md): §2.4, time-zone enforcement unconfirmed and Safaricom's own Node library builds the
/// Timestamp from UTC; §2.2, AccountReference documented at 12 but 15 (<c>UMJ-2026-000123</c>) accepted by the 2026
/// sandbox; §2.2, TransactionDesc documented at 13 with enforcement unconfirmed, and a missing one answered
/// "Invalid Remarks", i.e. it is carried as M-Pesa's Remarks, which other APIs document up to 100 characters (§5.1);
/// §5.1, IdentifierType lists only 4 today, while 1 (MSISDN) and 2 (till) are older documented values.
/// </remarks>
internal sealed class StrictnessRules
{
    public const int DocumentedMaxAccountReferenceLength = 15;
    public const int DocumentedMaxTransactionDescLength = 100;
    public const string ShortCodeIdentifierType = "4";

    private readonly DarajaSimulatorJournal _journal;
    private readonly ILogger<StrictnessRules> _logger;

    public StrictnessRules(IOptions<DarajaSimulatorOptions> options, DarajaSimulatorJournal journal, ILogger<StrictnessRules> logger)
    {
        Strictness = options.Value.Strictness;
        _journal = journal;
        _logger = logger;
    }

    public DarajaSimulatorStrictness Strictness { get; }

    private bool IsStrict => Strictness == DarajaSimulatorStrictness.Strict;

    /// <summary>East Africa Time within the tolerance; in Documented mode UTC within the tolerance too.</summary>
    public DarajaRejection? CheckTimestamp(string timestamp, DateTimeOffset now, List<PendingDeviation> deviations)
    {
        if (StkFieldRules.IsCurrentTimestamp(timestamp, now))
        {
            return null;
        }

        if (!IsStrict && StkFieldRules.IsCurrentUtcTimestamp(timestamp, now))
        {
            deviations.Add(new PendingDeviation(
                "Timestamp",
                "Timestamp is in UTC; the documentation's samples and Safaricom's own time stamps are East Africa Time (UTC+3). Whether Daraja enforces the time zone is unconfirmed."));
            return null;
        }

        return DarajaRejections.InvalidField("Timestamp");
    }

    /// <summary>1 to 12 characters; in Documented mode up to 15.</summary>
    public DarajaRejection? CheckAccountReference(JsonElement body, List<PendingDeviation> deviations)
    {
        var length = JsonFields.GetString(body, "AccountReference")?.Length ?? 0;
        if (length is > 0 and <= StkFieldRules.MaxAccountReferenceLength)
        {
            return null;
        }

        if (!IsStrict && length is > StkFieldRules.MaxAccountReferenceLength and <= DocumentedMaxAccountReferenceLength)
        {
            deviations.Add(new PendingDeviation(
                "AccountReference",
                string.Create(CultureInfo.InvariantCulture, $"AccountReference has {length} characters; the documentation allows {StkFieldRules.MaxAccountReferenceLength}. The sandbox was seen accepting 15 (2026), and once accepting 14 without delivering the prompt (2018).")));
            return null;
        }

        return DarajaRejections.InvalidField("AccountReference");
    }

    /// <summary>
    /// Missing or empty: Daraja says "Invalid Remarks" (observed), in both modes. Not a string, or too long: "Invalid
    /// TransactionDesc"; too long is over 13 characters, in Documented mode over 100.
    /// </summary>
    public DarajaRejection? CheckTransactionDesc(JsonElement body, List<PendingDeviation> deviations)
    {
        if (!body.TryGetProperty("TransactionDesc", out var description)
            || description.ValueKind == JsonValueKind.Null
            || (description.ValueKind == JsonValueKind.String && description.GetString() is { Length: 0 }))
        {
            return DarajaRejections.InvalidField("Remarks");
        }

        var length = description.ValueKind == JsonValueKind.String ? description.GetString()!.Length : -1;
        if (length is > 0 and <= StkFieldRules.MaxTransactionDescLength)
        {
            return null;
        }

        if (!IsStrict && length is > StkFieldRules.MaxTransactionDescLength and <= DocumentedMaxTransactionDescLength)
        {
            deviations.Add(new PendingDeviation(
                "TransactionDesc",
                string.Create(CultureInfo.InvariantCulture, $"TransactionDesc has {length} characters; the documentation allows {StkFieldRules.MaxTransactionDescLength}. Whether Daraja enforces it is unconfirmed.")));
            return null;
        }

        return DarajaRejections.InvalidField("TransactionDesc");
    }

    /// <summary>Transaction Status: <c>4</c> (shortcode); in Documented mode also the older documented <c>1</c> and <c>2</c>.</summary>
    public DarajaRejection? CheckIdentifierType(JsonElement body, List<PendingDeviation> deviations)
    {
        var identifierType = JsonFields.GetNumberOrString(body, "IdentifierType");
        if (identifierType == ShortCodeIdentifierType)
        {
            return null;
        }

        if (!IsStrict && identifierType is "1" or "2")
        {
            deviations.Add(new PendingDeviation(
                "IdentifierType",
                $"IdentifierType is \"{identifierType}\", an older documented value ({(identifierType == "1" ? "MSISDN" : "till number")}); the documentation lists only \"4\" (shortcode) today. How M-Pesa answers it is unconfirmed; the simulator answers as for \"4\"."));
            return null;
        }

        return DarajaRejections.InvalidField("IdentifierType");
    }

    /// <summary>The request was accepted: journals and logs each deviation found while validating it.</summary>
    public void Accept(string path, List<PendingDeviation> deviations, DateTimeOffset receivedAt)
    {
        foreach (var deviation in deviations)
        {
            _journal.RecordDeviation(new SimulatorDeviation(path, deviation.Field, deviation.Description, receivedAt));
            Log.DeviationAccepted(_logger, path, deviation.Field, deviation.Description);
        }
    }
}
