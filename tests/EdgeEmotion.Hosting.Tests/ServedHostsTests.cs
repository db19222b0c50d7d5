using System.Net;
using EdgeEmotion.Hosting.Web;
using Microsoft.AspNetCore.Http;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>The Host rule both page servers share (the daemon's dashboard binds addresses only, the
/// collector's <c>Http:Urls</c> may name a host): bound addresses, wildcards covering their family,
/// <c>localhost</c> only with loopback bound, a named host, and nothing else.</summary>
public sealed class ServedHostsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8090", "127.0.0.1:8090", true)]
    [InlineData("http://127.0.0.1:8090", "localhost:8090", true)]
    [InlineData("http://127.0.0.1:8090", "[::ffff:127.0.0.1]:8090", true)]
    [InlineData("http://127.0.0.1:8090", "192.0.2.1:8090", false)]
    [InlineData("http://127.0.0.1:8090", "evil.example:8090", false)]
    [InlineData("http://0.0.0.0:8090", "192.0.2.1:8090", true)]
    [InlineData("http://0.0.0.0:8090", "[2001:db8::1]:8090", false)]
    [InlineData("http://[::]:8090", "[2001:db8::1]:8090", true)]
    [InlineData("http://*:8090", "192.0.2.1:8090", true)]
    [InlineData("http://192.0.2.1:8090", "localhost:8090", false)]
    [InlineData("http://localhost:8090", "[::1]:8090", true)]
    [InlineData("http://192.0.2.1:8090", "collector.example:8090", true)]
    [InlineData("http://192.0.2.1:8090", "COLLECTOR.example", true)]
    public void A_host_is_answered_when_bound_or_named(string serverAddress, string host, bool allowed) =>
        Assert.Equal(allowed, ServedHosts.From([serverAddress], ["collector.example"]).Allows(new HostString(host)));

    [Fact]
    public void A_request_without_a_host_is_refused() =>
        Assert.False(ServedHosts.From(["http://[::]:8090"], []).Allows(default));

    [Fact]
    public void A_name_is_answered_only_when_the_settings_name_it() =>
        Assert.False(ServedHosts.From(["http://[::]:8090"], []).Allows(new HostString("collector.example:8090")));
}
