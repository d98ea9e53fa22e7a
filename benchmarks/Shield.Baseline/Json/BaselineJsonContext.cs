using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.Baseline.Json;

/// <summary>
/// Source-generated serialisation for everything the baseline reads or writes, with ASP.NET Core's web defaults
/// (camelCase, case-insensitive reading, numbers readable from strings), as Shield's MVC JSON options.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(InitiateRequest))]
[JsonSerializable(typeof(PaymentView))]
[JsonSerializable(typeof(PageView))]
[JsonSerializable(typeof(CallbackAck))]
[JsonSerializable(typeof(ProblemView))]
[JsonSerializable(typeof(StkPushBody))]
[JsonSerializable(typeof(DarajaAnswer))]
[JsonSerializable(typeof(TokenAnswer))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
