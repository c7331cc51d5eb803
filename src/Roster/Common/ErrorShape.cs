namespace Roster.Common;

/// <summary>The body an API's clients read errors in; a route group declares it with <see cref="ErrorShapes.WithErrorShape{TBuilder}"/>.</summary>
public enum ErrorShape
{
    /// <summary><c>{"error":{"message","code"}}</c>: the Provisioning API (v1_1), the Admin API and Roster's own endpoints.</summary>
    Cloudinary,

    /// <summary><c>{"error":{"category","code","message","details"}}</c>: the Permissions API (v2).</summary>
    Permissions,
}

/// <summary>Endpoint metadata naming the error body of the endpoint's API.</summary>
public sealed record ErrorShapeMetadata(ErrorShape Shape);

public static class ErrorShapes
{
    /// <summary>Errors on these endpoints (and their filters, authentication and rate limits) are written in <paramref name="shape"/>.</summary>
    public static TBuilder WithErrorShape<TBuilder>(this TBuilder builder, ErrorShape shape) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorShapeMetadata(shape));

    /// <summary>The shape of the endpoint the request was routed to; Cloudinary's when routing found none.</summary>
    public static ErrorShape Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ErrorShapeMetadata>()?.Shape ?? ErrorShape.Cloudinary;

    /// <summary>The shape of an endpoint being built (the group's conventions have run before its own metadata).</summary>
    public static ErrorShape Of(IEnumerable<object> metadata) =>
        metadata.OfType<ErrorShapeMetadata>().LastOrDefault()?.Shape ?? ErrorShape.Cloudinary;
}
