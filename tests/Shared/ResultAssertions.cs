using Shield.Domain.Common;

namespace Shield.Tests;

/// <summary>
/// For a test's arrange steps: a Result the step expects to succeed. A refusal there fails the test at once, naming
/// its code, instead of being dropped (SHIELD001) and leaving the test to assert on a payment that never changed.
/// </summary>
public static class ResultAssertions
{
    public static void Must(this Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsFailure)
        {
            throw new InvalidOperationException($"The arrange step was refused: {result.Error!.Code}: {result.Error.Message}");
        }
    }

    public static T Must<T>(this Result<T> result)
    {
        ((Result)result).Must();
        return result.Value;
    }
}
