using Roster.Authorization.Catalogue;
using Roster.Authorization.Cedar;

namespace Roster.Features.Permissions;

public static class Statements
{
    /// <summary>
    /// A system policy's statement with its parameters filled in, for display: the catalogue writes them as
    /// <c>Cloudinary::Folder::"{folder_id}"</c>. (Decisions fill them in on the syntax tree instead.)
    /// </summary>
    public static string WithParameters(string statement, IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is null)
        {
            return statement;
        }
        foreach (var (name, value) in parameters)
        {
            statement = statement.Replace($"\"{CloudinaryCatalogue.Placeholder(name)}\"", CedarString.Quote(value), StringComparison.Ordinal);
        }
        return statement;
    }
}
