using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UserListingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_CreatedAt",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_EmailNormalized",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_NameNormalized",
                table: "Users");

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_AllProductEnvironments_Status",
                table: "Users",
                columns: new[] { "AccountId", "AllProductEnvironments", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_CreatedAt_Id",
                table: "Users",
                columns: new[] { "AccountId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_EmailNormalized_Id",
                table: "Users",
                columns: new[] { "AccountId", "EmailNormalized", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_LastLoginAt_Id",
                table: "Users",
                columns: new[] { "AccountId", "LastLoginAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_NameNormalized_Id",
                table: "Users",
                columns: new[] { "AccountId", "NameNormalized", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_Role_Status",
                table: "Users",
                columns: new[] { "AccountId", "Role", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_Status",
                table: "Users",
                columns: new[] { "AccountId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_AllProductEnvironments_Status",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_CreatedAt_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_EmailNormalized_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_LastLoginAt_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_NameNormalized_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_Role_Status",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_Status",
                table: "Users");

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_CreatedAt",
                table: "Users",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_EmailNormalized",
                table: "Users",
                columns: new[] { "AccountId", "EmailNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_NameNormalized",
                table: "Users",
                columns: new[] { "AccountId", "NameNormalized" });
        }
    }
}
