using System.Text.Json;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>Either why <see cref="RequestGate"/> refused the request, or its JSON object body.</summary>
internal readonly record struct GateOutcome(DarajaRejection? Rejection, JsonElement Body)
{
    public static GateOutcome Reject(DarajaRejection rejection) => new(rejection, default);

    public static GateOutcome Accept(JsonElement body) => new(null, body);
}
