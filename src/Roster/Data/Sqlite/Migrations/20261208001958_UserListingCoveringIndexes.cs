using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class UserListingCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
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
                name: "IX_UserProductEnvironments_ProductEnvironmentId",
                table: "UserProductEnvironments");

            migrationBuilder.DropIndex(
                name: "IX_RoleAssignments_AccountId_RoleId",
                table: "RoleAssignments");

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_AllProductEnvironments_Status_Id",
                table: "Users",
                columns: new[] { "AccountId", "AllProductEnvironments", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_CreatedAt_Id_Status",
                table: "Users",
                columns: new[] { "AccountId", "CreatedAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_EmailNormalized_Id_Status",
                table: "Users",
                columns: new[] { "AccountId", "EmailNormalized", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_LastLoginAt_Id_Status",
                table: "Users",
                columns: new[] { "AccountId", "LastLoginAt", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_AccountId_NameNormalized_Id_Status",
                table: "Users",
                columns: new[] { "AccountId", "NameNormalized", "Id", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UserProductEnvironments_ProductEnvironmentId_UserId",
                table: "UserProductEnvironments",
                columns: new[] { "ProductEnvironmentId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_RoleId_PrincipalType_PrincipalId",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "RoleId", "PrincipalType", "PrincipalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_AllProductEnvironments_Status_Id",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_CreatedAt_Id_Status",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_EmailNormalized_Id_Status",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_LastLoginAt_Id_Status",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_Users_AccountId_NameNormalized_Id_Status",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_UserProductEnvironments_ProductEnvironmentId_UserId",
                table: "UserProductEnvironments");

            migrationBuilder.DropIndex(
                name: "IX_RoleAssignments_AccountId_RoleId_PrincipalType_PrincipalId",
                table: "RoleAssignments");

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
                name: "IX_UserProductEnvironments_ProductEnvironmentId",
                table: "UserProductEnvironments",
                column: "ProductEnvironmentId");

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_RoleId",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "RoleId" });
        }
    }
}
