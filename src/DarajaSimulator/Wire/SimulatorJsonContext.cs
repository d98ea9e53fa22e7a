using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>Source-generated serialization for the simulator's own wire models; independent of the host's JSON options.</summary>
[JsonSerializable(typeof(DarajaError))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(StkPushAccepted))]
[JsonSerializable(typeof(StkQueryAnswer))]
[JsonSerializable(typeof(StkCallbackEnvelope))]
[JsonSerializable(typeof(TransactionStatusAccepted))]
[JsonSerializable(typeof(TransactionStatusResultEnvelope))]
[JsonSerializable(typeof(TransactionStatusItem))]
[JsonSerializable(typeof(TransactionStatusItem[]))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
