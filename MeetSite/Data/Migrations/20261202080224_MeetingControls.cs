using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetSite.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeetingControls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "EndedAt",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Locked",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "WaitingRoom",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "MeetingRoles",
                columns: table => new
                {
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingRoles", x => new { x.MeetingId, x.UserId });
                    table.ForeignKey(
                        name: "FK_MeetingRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingRoles_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingRoles_UserId",
                table: "MeetingRoles",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingRoles");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Locked",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "WaitingRoom",
                table: "Meetings");
        }
    }
}
