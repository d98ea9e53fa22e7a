using System.Diagnostics;

namespace Shield.Application.Common.Telemetry;

/// <summary>
/// The names Shield's traces and metrics are published under. Exporters subscribe to these names (the OpenTelemetry
/// set-up in WebApi); with no exporter, a span is never created and a measurement costs one check.
/// </summary>
public static class ShieldTelemetry
{
    /// <summary>The ActivitySource and the Meter: "Shield".</summary>
    public const string Name = "Shield";

    /// <summary>Spans of Shield's own work: one per command and query (TracingBehaviour), the reconciler's passes, webhook deliveries.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>The payment a span is about (a Guid: never the phone number, the amount or the client's reference).</summary>
    public const string PaymentIdAttribute = "shield.payment.id";

    /// <summary>The API client a span or measurement is for (its configured id, never its key).</summary>
    public const string ClientIdAttribute = "shield.client.id";
}
