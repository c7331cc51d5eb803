using System.Globalization;
using System.Net;

namespace Roster.Observability;

/// <summary>A setting of <c>Roster:Metrics</c> that cannot work; serve says which and does not start.</summary>
public sealed class MetricsSettingsException(string message) : Exception(message);

/// <summary>
/// Where <c>/metrics</c> is served (<c>Roster:Metrics</c>): a port of its own, never the public one, on 127.0.0.1 unless
/// <c>Address</c> says otherwise. No port, no metrics endpoint.
/// </summary>
public sealed record MetricsEndpoint(IPAddress Address, int Port)
{
    public const string PortSetting = "Roster:Metrics:Port";
    public const string AddressSetting = "Roster:Metrics:Address";
    public const string Path = "/metrics";

    public string Url => $"http://{new IPEndPoint(Address, Port)}{Path}";

    /// <summary>The endpoint the settings ask for; null when no port is set.</summary>
    public static MetricsEndpoint? Read(IConfiguration configuration)
    {
        var port = configuration[PortSetting];
        var address = configuration[AddressSetting];
        if (string.IsNullOrWhiteSpace(port))
        {
            return string.IsNullOrWhiteSpace(address) ? null
                : throw new MetricsSettingsException($"{Env(AddressSetting)} is set but {Env(PortSetting)} is not: set the port the metrics are served on.");
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new MetricsSettingsException($"{Env(PortSetting)} must be a port number from 1 to 65535, not '{port}'.");
        }
        if (string.IsNullOrWhiteSpace(address))
        {
            return new MetricsEndpoint(IPAddress.Loopback, number);
        }
        return IPAddress.TryParse(address.Trim(), out var parsed)
            ? new MetricsEndpoint(parsed, number)
            : throw new MetricsSettingsException($"{Env(AddressSetting)} must be an IP address (such as 127.0.0.1, 0.0.0.0 or ::), not '{address}'.");
    }

    /// <summary>The setting as the environment spells it.</summary>
    public static string Env(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);
}
