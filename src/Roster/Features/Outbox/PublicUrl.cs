using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Roster.Cli;

namespace Roster.Features.Outbox;

/// <summary>
/// Where people reach this server, for the links in e-mails: <c>Roster:PublicUrl</c> when set (behind a proxy it must
/// be), else the first address the server listens on once it has started, else the configured <c>urls</c>.
/// </summary>
public sealed class PublicUrl(IConfiguration configuration, IServer server)
{
    public string Value => MailLinks.Normalize(
        NonEmpty(configuration[MailLinks.PublicUrlSetting])
        ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? NonEmpty(configuration["urls"]?.Split(';')[0])
        ?? RosterCli.DefaultUrl);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
