using System.Text.Json.Serialization;

namespace Shield.Infrastructure.Mpesa.Wire;

/// <summary>Source-generated JSON for Daraja's wire models; numbers may arrive as strings.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString, PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(StkPushRequestBody))]
[JsonSerializable(typeof(StkPushResponseBody))]
[JsonSerializable(typeof(StkQueryRequestBody))]
[JsonSerializable(typeof(StkQueryResponseBody))]
[JsonSerializable(typeof(DarajaErrorBody))]
[JsonSerializable(typeof(TokenResponseBody))]
[JsonSerializable(typeof(TransactionStatusRequestBody))]
[JsonSerializable(typeof(TransactionStatusResponseBody))]
[JsonSerializable(typeof(ReversalRequestBody))]
[JsonSerializable(typeof(ReversalResponseBody))]
[JsonSerializable(typeof(ReversalStatusRequestBody))]
internal sealed partial class DarajaJsonContext : JsonSerializerContext;
