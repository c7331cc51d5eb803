using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace Roster.Observability;

/// <summary>
/// Serves <c>/metrics</c> (Prometheus text) on the <see cref="MetricsEndpoint"/> with a server of its own, so that nothing
/// else of Roster answers there and the metrics never answer on the public port.
/// </summary>
// Note: a second Kestrel listener on the main server would do, but endpoints set in code make Kestrel drop the --urls
// addresses, and every route of the API and the console would answer on the metrics port too.
public sealed class MetricsListener(MetricsEndpoint endpoint, MeterProvider meters, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.Replace(ServiceDescriptor.Singleton(loggers));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(endpoint.Address, endpoint.Port));
        var server = builder.Build();
        server.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, path: MetricsEndpoint.Path,
            configureBranchedPipeline: null, optionsName: null);
        server.Run(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        _server = server;
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new MetricsSettingsException($"The metrics cannot be served on {MetricsEndpoint.Env(MetricsEndpoint.AddressSetting)}="
                + $"{endpoint.Address}, {MetricsEndpoint.Env(MetricsEndpoint.PortSetting)}={endpoint.Port}: {e.Message}");
        }
        loggers.CreateLogger<MetricsListener>().LogInformation("Metrics: {MetricsUrl}", endpoint.Url);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
