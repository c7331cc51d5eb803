using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Roster.Observability;

public static class ObservabilityServices
{
    /// <summary>The standard OpenTelemetry setting that turns OTLP export on; the SDK reads it and its siblings itself.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Metrics (ASP.NET Core, Kestrel, the runtime, EF Core, Npgsql and Roster's own) when <c>/metrics</c> is served
    /// (<see cref="MetricsEndpoint"/>) or OTLP export is on; traces (ASP.NET Core, EF Core, Npgsql and Roster's own) and
    /// logs too when OTLP export is on. With neither, nothing is collected.
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var metrics = MetricsEndpoint.Read(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (metrics is null && !otlp)
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    r.AddService("roster");
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(RosterTelemetry.Name, "Microsoft.EntityFrameworkCore")
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (metrics is not null)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (metrics is not null)
        {
            services.AddSingleton(metrics);
            services.AddHostedService<MetricsListener>();
        }
        if (otlp)
        {
            telemetry.WithTracing(t => t.AddSource(RosterTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddNpgsql())
                .UseOtlpExporter();
        }
        return services;
    }
}
