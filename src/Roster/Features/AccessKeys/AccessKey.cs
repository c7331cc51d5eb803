namespace Roster.Features.AccessKeys;

public sealed class AccessKey
{
    public required string ApiKey { get; init; }
    public required string ProductEnvironmentId { get; init; }
    public string? Name { get; set; }

    /// <summary>The secret, encrypted with ASP.NET Core Data Protection (the API must be able to return it).</summary>
    public required string ProtectedSecret { get; init; }

    public bool Enabled { get; set; } = true;

    /// <summary>"webhooks" when the key is the product environment's dedicated webhook key.</summary>
    public string? DedicatedFor { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
