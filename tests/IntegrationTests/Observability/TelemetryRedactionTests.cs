using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.Observability;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// The last redaction of every span, on its own (no host; it lives in WebApi, which only this test project references):
/// what an exporter gets when an attribute, a status or a name holds a phone number or a Daraja secret.
/// </summary>
public sealed class TelemetryRedactionTests
{
    private const string CallbackSecret = "cb-secret-0123456789abcdef";
    private const string ConsumerSecret = "consumer-secret-0123456789";

    [Theory]
    [InlineData("http://127.0.0.1:5000/api/v1/daraja/stk-callback/" + CallbackSecret, "http://127.0.0.1:5000/api/v1/daraja/stk-callback/[redacted]")]
    [InlineData("Basic " + ConsumerSecret, "Basic [redacted]")]
    [InlineData("phone 0708374149 refused", "phone 2547******49 refused")]
    [InlineData("ws_CO_01122026143415887254708374149", "ws_CO_01122026143415887254*******49")]
    [InlineData("SELECT \"p\".\"Id\" FROM \"Payments\" WHERE \"p\".\"Amount\" = ?", "SELECT \"p\".\"Id\" FROM \"Payments\" WHERE \"p\".\"Amount\" = ?")]
    [InlineData("01a23393-e968-75a7-b7ed-c2dd2f012841", "01a23393-e968-75a7-b7ed-c2dd2f012841")]
    public void Clean_Text_TakesOutSecretsAndPhoneNumbers_AndLeavesTheRest(string text, string expected)
    {
        Assert.Equal(expected, TelemetryRedaction.Clean(text, [CallbackSecret, ConsumerSecret]));
    }

    [Fact]
    public void Clean_TextWithNothingToHide_IsTheSameInstance()
    {
        const string text = "POST api/v1/payments";

        Assert.Same(text, TelemetryRedaction.Clean(text, [CallbackSecret]));
    }

    [Fact]
    public void OnEnd_SpanWithAPhoneAndASecret_ExportsNeither()
    {
        var options = new MpesaOptions { CallbackSecret = CallbackSecret, ConsumerSecret = ConsumerSecret };
        using var redaction = new TelemetryRedaction(new FixedOptions(options), new ConfigurationBuilder().Build());
        using var span = new Activity("POST 0708374149").Start();
        span.SetTag("url.full", $"http://127.0.0.1/api/v1/daraja/stk-callback/{CallbackSecret}");
        span.SetTag("shield.note", "for 254708374149");
        span.SetTag("http.response.status_code", 200);
        span.SetStatus(ActivityStatusCode.Error, $"refused {ConsumerSecret}");
        span.Stop();

        redaction.OnEnd(span);

        Assert.Equal("http://127.0.0.1/api/v1/daraja/stk-callback/[redacted]", span.GetTagItem("url.full"));
        Assert.Equal("for 2547******49", span.GetTagItem("shield.note"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("refused [redacted]", span.StatusDescription);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("POST 2547******49", span.DisplayName);
    }

    [Fact]
    public void OnEnd_DatabaseSpanOutsideAnyTrace_IsNotRecorded_OneInsideATraceIs()
    {
        using var source = new ActivitySource(UnparentedQueryFilter.EntityFrameworkSource);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => ReferenceEquals(s, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var filter = new UnparentedQueryFilter();

        var poll = source.StartActivity("main", ActivityKind.Client)!;
        poll.Stop();
        using var request = new Activity("POST api/v1/payments").Start();
        var query = source.StartActivity("main", ActivityKind.Client)!;
        query.Stop();
        filter.OnEnd(poll);
        filter.OnEnd(query);

        Assert.False(poll.Recorded);
        Assert.True(query.Recorded);
    }

    private sealed class FixedOptions(MpesaOptions value) : IOptionsMonitor<MpesaOptions>
    {
        public MpesaOptions CurrentValue => value;

        public MpesaOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MpesaOptions, string?> listener) => null;
    }
}
