namespace Roster.Tests.Infrastructure;

/// <summary>The checkout the tests run from.</summary>
public static class Repository
{
    /// <summary>The repository's top folder: the first one above the test binaries that holds Roster.slnx.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Roster.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository's root (Roster.slnx) is not above " + AppContext.BaseDirectory);
    }
}
