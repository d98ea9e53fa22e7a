using BenchmarkDotNet.Attributes;
using Mapster;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa;
using Shield.Infrastructure.Mpesa.Callbacks;

namespace Shield.Benchmarks;

/// <summary>Micro-benchmarks of the hot paths (issue 6): callback parsing, MSISDN normalisation, STK password, DTO mapping (the token cache hit is in <see cref="TokenCacheBenchmarks"/>).</summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const string Callback = """{"Body":{"stkCallback":{"MerchantRequestID":"11225-96181251-1","CheckoutRequestID":"ws_CO_17112022155730304796440427","ResultCode":0,"ResultDesc":"The service request is processed successfully.","CallbackMetadata":{"Item":[{"Name":"Amount","Value":1.00},{"Name":"MpesaReceiptNumber","Value":"QKH94M1Z11"},{"Name":"Balance"},{"Name":"TransactionDate","Value":20221117155745},{"Name":"PhoneNumber","Value":254796440427}]}}}}""";

    private readonly StkCallbackReader _reader = new();
    private readonly TypeAdapterConfig _mapping = CreateMapping();
    private readonly Payment _payment = CreatePayment();

    [Benchmark]
    public bool ParseStkCallback() => _reader.TryRead(Callback, out _);

    [Benchmark]
    public bool NormaliseMsisdn() => Msisdn.TryParse("0708 374 149", out _);

    [Benchmark]
    public string StkPasswordAndTimestamp() =>
        StkPassword.Create("174379", "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919", StkPassword.Timestamp(DateTimeOffset.UtcNow));

    [Benchmark]
    public PaymentDetails MapPaymentDetails() => _payment.Adapt<PaymentDetails>(_mapping);

    private static TypeAdapterConfig CreateMapping()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.Scan(typeof(PaymentDetails).Assembly);
        config.Compile();
        return config;
    }

    private static Payment CreatePayment()
    {
        var now = DateTimeOffset.UtcNow;
        var payment = Payment.Initiate(PaymentId.New(), new ClientId("bench"), null, Msisdn.Parse("0708374149"), new Amount(100),
            AccountReference.Parse("INV-1"), Description.Default, now);
        if (payment.RecordPushAccepted(1, "m", "ws_CO_bench", now).IsFailure
            || payment.ApplyStkResult(new StkResult("ws_CO_bench", "0", "ok", new Receipt("QKH94M1Z11", 100, now, null)), now).IsFailure)
        {
            throw new InvalidOperationException("The benchmark's payment could not be completed.");
        }

        return payment;
    }
}
