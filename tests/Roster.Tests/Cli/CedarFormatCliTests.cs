namespace Roster.Tests.Cli;

/// <summary><c>roster cedar format</c> as a process: the canonical layout, comments kept, <c>--check</c> and <c>--write</c>.</summary>
[Trait("Database", "none")]
public sealed class CedarFormatCliTests : IDisposable
{
    private const string Messy = """
        // Who may look.
        @id("staff-view")    @advice("ask first")
        permit(principal in Group::"staff",action==Action::"view",resource)   // staff only
        when{context.level>2&&(resource.secret==false||principal.name like "A*")}   ;
        forbid(principal,action in [Action::"edit",Action::"delete"],resource is Doc in Folder::"archive") unless {
          // the owner still may
          resource.owner == principal
        };
        // end
        """;

    private const string Formatted = """
        // Who may look.
        @id("staff-view")
        @advice("ask first")
        permit (principal in Group::"staff", action == Action::"view", resource) // staff only
        when {
          context.level > 2 &&
          (resource.secret == false || principal.name like "A*")
        };

        forbid (
          principal,
          action in [Action::"edit", Action::"delete"],
          resource is Doc in Folder::"archive"
        )
        // the owner still may
        unless { resource.owner == principal };

        // end

        """;

    private readonly CedarProcess _cedar = new();

    public void Dispose() => _cedar.Dispose();

    [Fact]
    public async Task Format_MessyText_PrintsCanonicalLayoutKeepingComments()
    {
        _cedar.Write("policies.cedar", Messy);

        var run = await _cedar.RunAsync("format", "policies.cedar");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Formatted, run.Stdout);
    }

    [Fact]
    public async Task Format_LongCondition_BreaksAtTopLevelOperands()
    {
        _cedar.Write("policies.cedar", """permit (principal, action, resource) when { principal.department == "engineering" && resource.classification != "secret" && (context.hour > 8 || context.onCall) };""");

        var run = await _cedar.RunAsync("format", "policies.cedar");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("""
            permit (principal, action, resource)
            when {
              principal.department == "engineering" &&
              resource.classification != "secret" &&
              (context.hour > 8 || context.onCall)
            };

            """, run.Stdout);
    }

    [Theory]
    [InlineData(Formatted, 0)]
    [InlineData(Messy, 2)]
    public async Task FormatCheck_Text_Exits0OnlyWhenAlreadyFormatted(string text, int exit)
    {
        _cedar.Write("policies.cedar", text);

        var run = await _cedar.RunAsync("format", "--check", "policies.cedar");

        Assert.True(run.ExitCode == exit, run.ToString());
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task FormatWrite_MessyText_RewritesFileInPlace()
    {
        var path = _cedar.Write("policies.cedar", Messy);

        var run = await _cedar.RunAsync("format", "--write", "policies.cedar");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Formatted, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Format_TextThatDoesNotParse_Exits1WithPositionAndLeavesFile()
    {
        var path = _cedar.Write("policies.cedar", "permit (principal, action, resource)\nwhen { principal.name == };");

        var run = await _cedar.RunAsync("format", "--write", "policies.cedar");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("policies.cedar:2:26: ", run.Stderr);
        Assert.Equal("permit (principal, action, resource)\nwhen { principal.name == };", await File.ReadAllTextAsync(path));
    }
}
