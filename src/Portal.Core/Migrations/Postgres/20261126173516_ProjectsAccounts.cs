using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProjectsAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "invoice_cc",
                table: "projects",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "invoice_to",
                table: "projects",
                type: "text[]",
                nullable: false);

            migrationBuilder.CreateTable(
                name: "account_bookmarks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_bookmarks", x => x.id);
                    table.ForeignKey(
                        name: "fk_account_bookmarks_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "account_notification_settings",
                columns: table => new
                {
                    aws_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    billing_to = table.Column<List<string>>(type: "text[]", nullable: false),
                    billing_cc = table.Column<List<string>>(type: "text[]", nullable: false),
                    technical_to = table.Column<List<string>>(type: "text[]", nullable: false),
                    technical_cc = table.Column<List<string>>(type: "text[]", nullable: false),
                    security_to = table.Column<List<string>>(type: "text[]", nullable: false),
                    security_cc = table.Column<List<string>>(type: "text[]", nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    emergency_phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_account_notification_settings", x => x.aws_account_id);
                    table.ForeignKey(
                        name: "fk_account_notification_settings_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "baseline_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description_ja = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    description_en = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_baseline_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "project_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    service_application_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_assignments_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_project_assignments_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_applications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organization_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    aws_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    account_number = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    account_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    target_project_id = table.Column<Guid>(type: "uuid", nullable: true),
                    effective_month = table.Column<DateOnly>(type: "date", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    submitted_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    staff_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_applications", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_applications_aws_accounts_aws_account_id",
                        column: x => x.aws_account_id,
                        principalTable: "aws_accounts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_applications_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_account_bookmarks_aws_account_id",
                table: "account_bookmarks",
                column: "aws_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_account_bookmarks_organization_id_user_id_aws_account_id",
                table: "account_bookmarks",
                columns: new[] { "organization_id", "user_id", "aws_account_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_account_notification_settings_organization_id",
                table: "account_notification_settings",
                column: "organization_id");

            migrationBuilder.CreateIndex(
                name: "ix_baseline_services_service_name",
                table: "baseline_services",
                column: "service_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_assignments_aws_account_id_effective_from",
                table: "project_assignments",
                columns: new[] { "aws_account_id", "effective_from" });

            migrationBuilder.CreateIndex(
                name: "ix_project_assignments_organization_id_project_id",
                table: "project_assignments",
                columns: new[] { "organization_id", "project_id" });

            migrationBuilder.CreateIndex(
                name: "ix_project_assignments_project_id",
                table: "project_assignments",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_aws_account_id",
                table: "service_applications",
                column: "aws_account_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_organization_id_submitted_at",
                table: "service_applications",
                columns: new[] { "organization_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_project_id",
                table: "service_applications",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_applications_status_submitted_at",
                table: "service_applications",
                columns: new[] { "status", "submitted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "account_bookmarks");

            migrationBuilder.DropTable(
                name: "account_notification_settings");

            migrationBuilder.DropTable(
                name: "baseline_services");

            migrationBuilder.DropTable(
                name: "project_assignments");

            migrationBuilder.DropTable(
                name: "service_applications");

            migrationBuilder.DropColumn(
                name: "invoice_cc",
                table: "projects");

            migrationBuilder.DropColumn(
                name: "invoice_to",
                table: "projects");
        }
    }
}
