using System.ComponentModel.DataAnnotations;
using Shield.Infrastructure.RateLimiting;

namespace Shield.UnitTests.Infrastructure.RateLimiting;

public sealed class FleetLimitsTests
{
    [Theory]
    [InlineData(10, 1, 10)]
    [InlineData(10, 3, 3)]   // 3 instances x 3 = 9: never more than 10 together
    [InlineData(600, 4, 150)]
    [InlineData(2, 3, 1)]    // below the fleet's size: each instance still allows one
    [InlineData(1, 1, 1)]
    public void PerInstance_LimitSharedByTheFleet_IsTheLimitDividedRoundedDownAndAtLeastOne(int limit, int fleetInstances, int expected) =>
        Assert.Equal(expected, FleetLimits.PerInstance(limit, fleetInstances));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void FleetInstances_OutsideOneToAThousand_IsRefusedAtStart(int fleetInstances, bool valid)
    {
        var options = new RateLimitOptions { FleetInstances = fleetInstances };

        var isValid = Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, isValid);
    }

    [Fact]
    public void FleetInstances_NotSet_IsOne() => Assert.Equal(1, new RateLimitOptions().FleetInstances);
}
