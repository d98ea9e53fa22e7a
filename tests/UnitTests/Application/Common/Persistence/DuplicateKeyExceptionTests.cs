using Shield.Application.Common.Persistence;

namespace Shield.UnitTests.Application.Common.Persistence;

public sealed class DuplicateKeyExceptionTests
{
    [Fact]
    public void Message_FromAUniqueKey_NamesTheIndexForTheOperatorReadingTheLog()
    {
        var inner = new InvalidOperationException("23505: duplicate key value violates unique constraint");

        var exception = new DuplicateKeyException(UniqueKey.InFlightPhoneNumber, inner);

        Assert.Equal("Unique index InFlightPhoneNumber refused the change.", exception.Message);
        Assert.Equal(UniqueKey.InFlightPhoneNumber, exception.Key);
        Assert.Same(inner, exception.InnerException);
    }
}
