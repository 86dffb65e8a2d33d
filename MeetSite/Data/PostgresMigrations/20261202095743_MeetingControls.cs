using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MeetSite.Data.PostgresMigrations
{
    /// <inheritdoc />
    public partial class MeetingControls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "endedat",
                table: "meetings",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "locked",
                table: "meetings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "waitingroom",
                table: "meetings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "meetingroles",
                columns: table => new
                {
                    meetingid = table.Column<long>(type: "bigint", nullable: false),
                    userid = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetingroles", x => new { x.meetingid, x.userid });
                    table.ForeignKey(
                        name: "fk_meetingroles_aspnetusers_userid",
                        column: x => x.userid,
                        principalTable: "aspnetusers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_meetingroles_meetings_meetingid",
                        column: x => x.meetingid,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meetingroles_userid",
                table: "meetingroles",
                column: "userid");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meetingroles");

            migrationBuilder.DropColumn(
                name: "endedat",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "locked",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "waitingroom",
                table: "meetings");
        }
    }
}
