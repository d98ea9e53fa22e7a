// Types written to break each module rule, so that ModuleRuleSelfTests sees every rule fail. They are never used.
#pragma warning disable CA1812, CA1822, CA1823, IDE0051, IDE0052, CS0169, CS0649
namespace Shield.UnitTests.Architecture.Broken.Application.Payments.InitiatePayment
{
    internal sealed class InitiateHandler
    {
        // A use case using another use case's type.
        private readonly RetryPayment.RetryOutcome? _outcome;
    }
}

namespace Shield.UnitTests.Architecture.Broken.Application.Payments.RetryPayment
{
    internal sealed class RetryOutcome;
}

namespace Shield.UnitTests.Architecture.Broken.Application.Payments.RetryPaymentLater
{
    // A folder whose name starts with another's (RetryPayment): its use of its own types is no use of that folder.
    internal sealed class LaterQuery;

    internal sealed class LaterHandler
    {
        public LaterQuery Query { get; } = new();
    }
}

namespace Shield.UnitTests.Architecture.Broken.Application.Payments.Common
{
    internal static class BodyOnlyHelper
    {
        public static string Name => "used only inside another module's method body";
    }

    internal sealed class SharedHelper
    {
        // A shared folder using a use case.
        public InitiatePayment.InitiateHandler? Handler { get; set; }
    }
}

namespace Shield.UnitTests.Architecture.Broken.Application.Payments.Contracts
{
    internal sealed record PaymentView(Domain.Payments.PaymentState State);
}

namespace Shield.UnitTests.Architecture.Broken.Domain.Payments
{
    internal enum PaymentState
    {
        Open,
    }

    internal sealed class PaymentRecord;

    // A domain type named, and speaking, in HTTP and configuration terms.
    internal sealed class PaymentHttpOptions
    {
        public System.Net.Http.HttpClient? Client { get; set; }

        public string Hint() => "Raise Payments:MaxAttempts, or answer HTTP 409.";
    }
}

namespace Shield.UnitTests.Architecture.Broken.Application.Webhooks.Deliver
{
    internal sealed class Sender
    {
        // Allowed: the other module's contract, and the enum it exposes.
        public Payments.Contracts.PaymentView? View { get; set; }

        public Domain.Payments.PaymentState State { get; set; }

        // Not allowed: the other module's internals.
        public Payments.Common.SharedHelper? Helper { get; set; }

        public Domain.Payments.PaymentRecord? Record { get; set; }

        // Not allowed either, though no signature shows it: an internal used in a method body.
        public string Describe() => Payments.Common.BodyOnlyHelper.Name;
    }
}
