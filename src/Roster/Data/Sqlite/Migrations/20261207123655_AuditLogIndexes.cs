using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditLogIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_AccountId_Action_Id",
                table: "AuditEvents",
                columns: new[] { "AccountId", "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_AccountId_ActorId_Id",
                table: "AuditEvents",
                columns: new[] { "AccountId", "ActorId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_AccountId_OccurredAt_Id",
                table: "AuditEvents",
                columns: new[] { "AccountId", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_AccountId_TargetId_Id",
                table: "AuditEvents",
                columns: new[] { "AccountId", "TargetId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_AccountId_Action_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_AccountId_ActorId_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_AccountId_OccurredAt_Id",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_AccountId_TargetId_Id",
                table: "AuditEvents");
        }
    }
}
