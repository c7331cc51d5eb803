namespace Roster.Data;

/// <summary>
/// The triggers that make the audit table append-only: each engine's SQL, once. The migrations create them with it,
/// and <see cref="Configurations.AuditEventConfiguration"/> declares them by name, so the model knows the table has them.
/// </summary>
public static class AuditTriggers
{
    public const string Table = "AuditEvents";
    public const string Refusal = "audit events are append-only";

    public static class Sqlite
    {
        public const string NoUpdate = "AuditEvents_NoUpdate";
        public const string NoDelete = "AuditEvents_NoDelete";

        public const string CreateNoUpdate =
            $"CREATE TRIGGER \"{NoUpdate}\" BEFORE UPDATE ON \"{Table}\" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;";

        public const string CreateNoDelete =
            $"CREATE TRIGGER \"{NoDelete}\" BEFORE DELETE ON \"{Table}\" BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;";

        public static IReadOnlyList<string> Names { get; } = [NoUpdate, NoDelete];
    }

    public static class Postgres
    {
        public const string Function = "roster_audit_append_only";
        public const string AppendOnly = "AuditEvents_AppendOnly";

        public const string CreateFunction =
            $"CREATE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{Refusal}'; END $$;";

        public const string CreateAppendOnly =
            $"CREATE TRIGGER \"{AppendOnly}\" BEFORE UPDATE OR DELETE ON \"{Table}\" FOR EACH ROW EXECUTE FUNCTION {Function}();";

        public static IReadOnlyList<string> Names { get; } = [AppendOnly];
    }
}
