using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Roster.Data.Sqlite.Migrations
{
    /// <summary>
    /// No schema change: marks the point from which a Roles and Permissions account's stored user role is the
    /// derived one. The migrator derives every such user's role once when it applies this migration.
    /// </summary>
    public partial class DerivedUserRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
