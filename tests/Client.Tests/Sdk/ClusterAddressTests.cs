using RiskGrid.Client.Sdk;

namespace RiskGrid.Client.Tests.Sdk;

public sealed class ClusterAddressTests
{
    [Fact]
    public void A_redis_address_keeps_its_options_but_never_shows_the_password()
    {
        var address = ClusterAddress.Parse("redis://127.0.0.1:6379,password=s3cret,ssl=false");
        Assert.Equal("127.0.0.1:6379,password=s3cret,ssl=false", address.Redis); // what the Redis client is given
        Assert.Equal("redis://127.0.0.1:6379,password=***,ssl=false (cluster riskgrid)", address.ToString());
        Assert.DoesNotContain("s3cret", address.ToString());
    }

    [Theory]
    [InlineData("redis://127.0.0.1,password=x", "'127.0.0.1' is not HOST:PORT")]
    [InlineData("redis://127.0.0.1:0,password=x", "'127.0.0.1:0' is not HOST:PORT")]
    public void A_redis_address_without_a_port_is_refused_naming_it(string spec, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => ClusterAddress.Parse(spec));
        Assert.Contains(message, ex.Message);
    }
}
