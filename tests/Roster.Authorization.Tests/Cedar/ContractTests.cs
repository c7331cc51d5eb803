using Roster.Authorization.Cedar;

namespace Roster.Authorization.Tests.Cedar;

public class EntityUidTests
{
    [Theory]
    [InlineData("User", "alice", "User::\"alice\"")]
    [InlineData("Cloudinary::Folder", "a\"b\\c", "Cloudinary::Folder::\"a\\\"b\\\\c\"")]
    public void ToString_Always_IsCedarSyntax(string type, string id, string expected) =>
        Assert.Equal(expected, new EntityUid(type, id).ToString());
}
