using Roster.Features.SignIn;

namespace Roster.Tests.SignIn;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("correct horse battery staple", null)]
    [InlineData("velvet tractor hums beside marble kites", null)]
    [InlineData("Tr0ub4dor&3xyzQ", null)]
    [InlineData("eleven char", "at least 12 characters")]
    [InlineData("password1234", "common password")]
    [InlineData("Password1234!", "common password")]
    [InlineData("qwertyuiop12", "too easy to guess")]
    [InlineData("aaaaaaaaaaaaaaa", "repeats characters")]
    [InlineData("janedoe2024!!", "e-mail name")]
    [InlineData("my name is janedoe and I like it", "e-mail name")]
    public void Refusal_SaysWhy(string password, string? reason)
    {
        var refusal = PasswordPolicy.Refusal(password, "janedoe@example.com");

        if (reason is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.NotNull(refusal);
            Assert.Contains(reason, refusal.Message);
        }
    }

    [Fact]
    public void Refusal_OverMaxLength_SaysSo() =>
        Assert.Contains("at most 256", PasswordPolicy.Refusal(new string('k', 257) + " horse", "a@example.com")!.Message);
}
