using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutboxPayloadsProtected : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Outbox payloads are now protected (OutboxPayloads); the rows written before hold the raw one-time token
            // in plain JSON, which no protected payload starts with. Unsent rows are deleted: the sender reads only
            // protected payloads, so it could never send them; the invitations and password resets they carried are to
            // be issued again. Sent rows, if any, are kept as a record with their payload cleared to '{}'. Either way no
            // usable token is left at rest.
            migrationBuilder.Sql("DELETE FROM \"OutboxMessages\" WHERE \"SentAt\" IS NULL AND \"Payload\" LIKE '{%';");
            migrationBuilder.Sql("UPDATE \"OutboxMessages\" SET \"Payload\" = '{}' WHERE \"SentAt\" IS NOT NULL AND \"Payload\" LIKE '{%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Note: the tokens removed are gone; going back leaves the outbox as it is.
        }
    }
}
