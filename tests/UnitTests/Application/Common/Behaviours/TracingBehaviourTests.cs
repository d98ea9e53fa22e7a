using System.Collections.Concurrent;
using System.Diagnostics;
using Mapster;
using Shield.Application.Common.Behaviours;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Common.Behaviours;

/// <summary>
/// The span of each message, as an exporter sees it: an ActivityListener on "Shield" (and on a test source that plays
/// the HTTP request span), keeping only the spans of the trace each test starts (other tests may run meanwhile).
/// </summary>
public sealed class TracingBehaviourTests : IDisposable
{
    private static readonly ActivitySource Requests = new("Shield.Tests.Requests");
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingBehaviourTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is ShieldTelemetry.Name or "Shield.Tests.Requests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task Handle_CommandAnsweredWithAPayment_MakesOneSpanNamedForTheMessage_AndNamesThePaymentOnItAndOnTheRequest()
    {
        var behaviour = new TracingBehaviour<InitiatePaymentCommand, Result<PaymentOutcome>>();
        var payment = TestPayments.New().Adapt<PaymentDetails>(Mapping.Create());
        var request = Requests.StartActivity("POST api/v1/payments", ActivityKind.Server)!;

        (await behaviour.Handle(new InitiatePaymentCommand(new ClientId("client-a"), "0708374149", 1, "INV-1", null, null),
            (_, _) => ValueTask.FromResult<Result<PaymentOutcome>>(new PaymentOutcome(payment, null)), CancellationToken.None)).Must();
        request.Stop();

        var span = Assert.Single(SpansOf(request), s => s.Source.Name == ShieldTelemetry.Name);
        Assert.Equal("InitiatePaymentCommand", span.DisplayName);
        Assert.Equal(request.SpanId, span.ParentSpanId);
        Assert.Equal(payment.Id, span.GetTagItem(ShieldTelemetry.PaymentIdAttribute));
        Assert.Equal(payment.Id, request.GetTagItem(ShieldTelemetry.PaymentIdAttribute));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("708374149", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Handle_RefusedQuery_SetsTheErrorStatusWithItsStableCode_AndNamesThePaymentAskedAbout()
    {
        var behaviour = new TracingBehaviour<GetPaymentQuery, Result<PaymentDetails>>();
        var id = PaymentId.New();
        var request = Requests.StartActivity("GET api/v1/payments/{id}", ActivityKind.Server)!;

        var refused = await behaviour.Handle(new GetPaymentQuery(new ClientId("client-a"), id),
            (_, _) => ValueTask.FromResult<Result<PaymentDetails>>(PaymentErrors.NotFound(id)), CancellationToken.None);
        request.Stop();

        Assert.Equal("payment_not_found", refused.Error?.Code);

        var span = Assert.Single(SpansOf(request), s => s.Source.Name == ShieldTelemetry.Name);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("payment_not_found", span.StatusDescription);
        Assert.Equal("payment_not_found", span.GetTagItem("error.type"));
        Assert.Equal(id.Value, span.GetTagItem(ShieldTelemetry.PaymentIdAttribute));
    }

    [Fact]
    public async Task Handle_HandlerThrows_SetsTheErrorStatusWithTheExceptionType_NeverItsMessage_AndRethrows()
    {
        var behaviour = new TracingBehaviour<RecordCallbackCommand, RecordCallbackResponse>();
        var thrown = new InvalidOperationException("customer 0708374149 said no");
        var request = Requests.StartActivity("POST api/v1/daraja/stk-callback/{secret}", ActivityKind.Server)!;

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => behaviour.Handle(
            new RecordCallbackCommand(CallbackKind.StkCallback, "{}", "127.0.0.1"), (_, _) => throw thrown, CancellationToken.None).AsTask());
        request.Stop();

        Assert.Same(thrown, caught);
        var span = Assert.Single(SpansOf(request), s => s.Source.Name == ShieldTelemetry.Name);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal("System.InvalidOperationException", span.StatusDescription);
        Assert.Empty(span.Events);
        Assert.DoesNotContain(span.TagObjects, t => t.Value?.ToString()?.Contains("said no", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Handle_CallbackMatchedToAPayment_NamesThatPaymentOnTheCallbackRequest()
    {
        var behaviour = new TracingBehaviour<RecordCallbackCommand, RecordCallbackResponse>();
        var payment = PaymentId.New();
        var request = Requests.StartActivity("POST api/v1/daraja/stk-callback/{secret}", ActivityKind.Server)!;

        await behaviour.Handle(new RecordCallbackCommand(CallbackKind.StkCallback, "{}", "127.0.0.1"),
            (_, _) => ValueTask.FromResult(new RecordCallbackResponse(Guid.NewGuid(), CallbackOutcome.Applied, payment)), CancellationToken.None);
        request.Stop();

        var span = Assert.Single(SpansOf(request), s => s.Source.Name == ShieldTelemetry.Name);
        Assert.Equal("RecordCallbackCommand", span.DisplayName);
        Assert.Equal(payment.Value, span.GetTagItem(ShieldTelemetry.PaymentIdAttribute));
        Assert.Equal(payment.Value, request.GetTagItem(ShieldTelemetry.PaymentIdAttribute));
    }

    [Fact]
    public async Task Handle_WithNoListener_MakesNoSpanAndStillAnswers()
    {
        _listener.Dispose(); // telemetry off: nothing listens to "Shield"
        var behaviour = new TracingBehaviour<GetPaymentQuery, Result<PaymentDetails>>();
        var id = PaymentId.New();
        Activity? inside = null;

        var answer = await behaviour.Handle(new GetPaymentQuery(new ClientId("client-a"), id), (_, _) =>
        {
            inside = Activity.Current;
            return ValueTask.FromResult<Result<PaymentDetails>>(PaymentErrors.NotFound(id));
        }, CancellationToken.None);

        Assert.Equal("payment_not_found", answer.Error?.Code);
        Assert.Null(inside);
    }

    private List<Activity> SpansOf(Activity request) => [.. _stopped.Where(a => a.TraceId == request.TraceId && a != request)];
}
