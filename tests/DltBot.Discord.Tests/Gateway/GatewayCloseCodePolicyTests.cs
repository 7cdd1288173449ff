using DltBot.Discord.Gateway;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayCloseCodePolicyTests
{
    public static TheoryData<int?, GatewayReconnectAction> EveryCloseCode => new()
    {
        { null, GatewayReconnectAction.Resume },
        { 1000, GatewayReconnectAction.NewSession },
        { 1001, GatewayReconnectAction.NewSession },
        { 1006, GatewayReconnectAction.Resume },
        { 1011, GatewayReconnectAction.Resume },
        { 1012, GatewayReconnectAction.Resume },
        { 4000, GatewayReconnectAction.Resume },
        { 4001, GatewayReconnectAction.Resume },
        { 4002, GatewayReconnectAction.Resume },
        { 4003, GatewayReconnectAction.NewSession },
        { 4004, GatewayReconnectAction.Stop },
        { 4005, GatewayReconnectAction.Resume },
        { 4006, GatewayReconnectAction.NewSession },
        { 4007, GatewayReconnectAction.NewSession },
        { 4008, GatewayReconnectAction.Resume },
        { 4009, GatewayReconnectAction.NewSession },
        { 4010, GatewayReconnectAction.Stop },
        { 4011, GatewayReconnectAction.Stop },
        { 4012, GatewayReconnectAction.Stop },
        { 4013, GatewayReconnectAction.Stop },
        { 4014, GatewayReconnectAction.Stop },
        { 4015, GatewayReconnectAction.Resume },
        { 4999, GatewayReconnectAction.Resume },
    };

    [Theory]
    [MemberData(nameof(EveryCloseCode))]
    public void Every_close_code_maps_to_one_action(int? code, GatewayReconnectAction expected)
    {
        var decision = GatewayCloseCodePolicy.Decide(code);

        Assert.Equal(expected, decision.Action);
        Assert.Equal(code, decision.CloseCode);
    }

    [Theory]
    [InlineData(4004, "token")]
    [InlineData(4010, "shard")]
    [InlineData(4011, "sharding")]
    [InlineData(4012, "v=10")]
    [InlineData(4013, "GUILDS (1)")]
    [InlineData(4014, "privileged intent not enabled in the Developer Portal")]
    public void Fatal_codes_say_what_to_fix(int code, string hint)
    {
        var text = GatewayCloseCodePolicy.Decide(code).Describe();

        Assert.StartsWith($"{code}: ", text, StringComparison.Ordinal);
        Assert.Contains(hint, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_configuration_codes_stop_the_client()
    {
        var stopping = GatewayCloseCodePolicy.KnownCodes.Where(code => GatewayCloseCodePolicy.Decide(code).Action == GatewayReconnectAction.Stop);

        Assert.Equal([4004, 4010, 4011, 4012, 4013, 4014], stopping.Order());
    }

    [Fact]
    public void The_table_names_every_documented_code()
    {
        int[] documented = [1000, 1001, .. Enumerable.Range(4000, 15)];

        Assert.Equal(documented, GatewayCloseCodePolicy.KnownCodes.Order());
    }
}
