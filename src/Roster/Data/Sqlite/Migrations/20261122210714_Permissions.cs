using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Permissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Accounts that exist before this migration were run on the legacy model (one role string per
            // user); new accounts are created on Roles and Permissions.
            migrationBuilder.AddColumn<string>(
                name: "PermissionSystem",
                table: "Accounts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "legacy");

            migrationBuilder.AddColumn<long>(
                name: "PermissionsVersion",
                table: "Accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "CustomPolicies",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    NameNormalized = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Statement = table.Column<string>(type: "TEXT", nullable: false),
                    ScopeType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScopeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ScopeKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomPolicies", x => new { x.AccountId, x.Id });
                    table.ForeignKey(
                        name: "FK_CustomPolicies_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoleAssignments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PrincipalType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PrincipalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ScopeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PolicyParameters = table.Column<string>(type: "TEXT", nullable: false),
                    FolderId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    CollectionId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoleAssignments_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Roles",
                columns: table => new
                {
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Id = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    NameNormalized = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    PermissionType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ScopeType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PolicyParameters = table.Column<string>(type: "TEXT", nullable: false),
                    SystemPolicyIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Roles", x => new { x.AccountId, x.Id });
                    table.ForeignKey(
                        name: "FK_Roles_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomPolicies_AccountId_ScopeKey_NameNormalized",
                table: "CustomPolicies",
                columns: new[] { "AccountId", "ScopeKey", "NameNormalized" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_CollectionId",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "CollectionId" });

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_Fingerprint",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "Fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_FolderId",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "FolderId" });

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_PrincipalType_PrincipalId",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "PrincipalType", "PrincipalId" });

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_RoleId",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "RoleId" });

            migrationBuilder.CreateIndex(
                name: "IX_RoleAssignments_AccountId_ScopeId",
                table: "RoleAssignments",
                columns: new[] { "AccountId", "ScopeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Roles_AccountId_NameNormalized",
                table: "Roles",
                columns: new[] { "AccountId", "NameNormalized" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomPolicies");

            migrationBuilder.DropTable(
                name: "RoleAssignments");

            migrationBuilder.DropTable(
                name: "Roles");

            migrationBuilder.DropColumn(
                name: "PermissionSystem",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "PermissionsVersion",
                table: "Accounts");
        }
    }
}
