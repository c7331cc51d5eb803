using Roster.Cli;

return await RosterCli.Build().Parse(args).InvokeAsync();
