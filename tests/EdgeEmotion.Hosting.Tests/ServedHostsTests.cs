using EdgeEmotion.Hosting.Web;
using Microsoft.AspNetCore.Http;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>The Host rule both page servers share (the daemon's dashboard binds addresses only, the
/// collector's <c>Http:Urls</c> may name a host): bound addresses, wildcards covering their family,
/// <c>localhost</c> only with loopback bound, a named host, and nothing else.</summary>
public sealed class ServedHostsTests
{
    private const string Named = "collector.example";

    [Theory]
    [InlineData("127.0.0.1:8090", true)]
    [InlineData("localhost:8090", true)]
    [InlineData("[::ffff:127.0.0.1]:8090", true)]
    [InlineData("192.0.2.1:8090", false)]
    [InlineData("evil.example:8090", false)]
    public void On_loopback_its_addresses_and_localhost_are_answered(string host, bool allowed) =>
        Assert.Equal(allowed, Allows("http://127.0.0.1:8090", host));

    [Theory]
    [InlineData("http://0.0.0.0:8090", "192.0.2.1:8090", true)]
    [InlineData("http://0.0.0.0:8090", "[2001:db8::1]:8090", false)]
    [InlineData("http://[::]:8090", "[2001:db8::1]:8090", true)]
    [InlineData("http://*:8090", "192.0.2.1:8090", true)]
    public void A_wildcard_covers_its_family_and_ipv6_any_covers_both(string serverAddress, string host, bool allowed) =>
        Assert.Equal(allowed, Allows(serverAddress, host));

    [Fact]
    public void Localhost_is_answered_only_with_loopback_bound()
    {
        Assert.False(Allows("http://192.0.2.1:8090", "localhost:8090"));
        Assert.True(Allows("http://localhost:8090", "[::1]:8090"));
    }

    [Fact]
    public void A_name_is_answered_only_when_the_settings_name_it()
    {
        Assert.True(Allows("http://192.0.2.1:8090", "COLLECTOR.example"));
        Assert.False(ServedHosts.From(["http://[::]:8090"], []).Allows(new HostString(Named + ":8090")));
    }

    [Fact]
    public void A_request_without_a_host_is_refused() =>
        Assert.False(ServedHosts.From(["http://[::]:8090"], [Named]).Allows(default));

    private static bool Allows(string serverAddress, string host) =>
        ServedHosts.From([serverAddress], [Named]).Allows(new HostString(host));
}
